"""One short form of money for lists and totals: 亿 and 万 on Chinese pages, bn, m and k on English ones."""

from decimal import Decimal

import pytest
from django.utils import translation

from core.display import money_short

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("amount", "currency", "english", "chinese"),
    [
        (Decimal("8400000000"), "USD", f"US$8.4{NBSP}bn", "84亿美元"),
        (Decimal("23000000"), "EUR", f"€23{NBSP}m", "2,300万欧元"),
        (Decimal("50000000000"), "CNY", f"RMB{NBSP}50{NBSP}bn", "500亿元"),
        (Decimal("125000000"), "USD", f"US$125{NBSP}m", "1.3亿美元"),
        (Decimal("800000"), "USD", f"US$800{NBSP}k", "80万美元"),
        (Decimal("1234"), "KRW", f"KRW{NBSP}1.2{NBSP}k", "1,234韩元"),
        (Decimal("950"), "JPY", f"JPY{NBSP}950", "950日元"),
        (Decimal("123456000000"), "USD", f"US$123.5{NBSP}bn", "1,234.6亿美元"),
    ],
)
def test_amounts_read_as_each_language_counts(amount, currency, english, chinese):
    with translation.override("en"):
        assert money_short(amount, currency) == english
    with translation.override("zh-hans"):
        assert money_short(amount, currency) == chinese


@pytest.mark.parametrize(
    ("amount", "english", "chinese"),
    [
        (Decimal("0"), "US$0", "0美元"),
        (Decimal("-8400000000"), f"-US$8.4{NBSP}bn", "-84亿美元"),
        (Decimal("-23000000"), f"-US$23{NBSP}m", "-2,300万美元"),
        # 9,999万 is still said in 万; 9,999.6万 rounds to 10,000万, which Chinese says as 1亿.
        (Decimal("99990000"), f"US$100{NBSP}m", "9,999万美元"),
        (Decimal("99996000"), f"US$100{NBSP}m", "1亿美元"),
        (Decimal("9999.6"), f"US$10{NBSP}k", "1万美元"),
        (Decimal("9999.4"), f"US$10{NBSP}k", "9,999美元"),
        # 999.96 m rounds to 1,000.0 m, which English says as 1 bn.
        (Decimal("999960000"), f"US$1{NBSP}bn", "10亿美元"),
        (Decimal("999.6"), f"US$1{NBSP}k", "1,000美元"),
    ],
)
def test_edges_zero_negative_and_rounding_into_the_next_unit(amount, english, chinese):
    with translation.override("en"):
        assert money_short(amount, "USD") == english
    with translation.override("zh-hans"):
        assert money_short(amount, "USD") == chinese


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_no_amount_is_written_as_nothing(language):
    with translation.override(language):
        assert money_short(None, "USD") == ""
        assert money_short("", "EUR") == ""


def test_a_currency_without_a_chinese_name_keeps_its_code():
    with translation.override("zh-hans"):
        assert money_short(Decimal("23000000"), "XTS") == f"2,300万{NBSP}XTS"
    with translation.override("en"):
        assert money_short(Decimal("23000000"), "XTS") == f"XTS{NBSP}23{NBSP}m"


def test_every_currency_the_forms_offer_has_a_chinese_name():
    from core.models import Currency

    with translation.override("zh-hans"):
        for code in Currency.values:
            assert code not in money_short(Decimal("23000000"), code), code
