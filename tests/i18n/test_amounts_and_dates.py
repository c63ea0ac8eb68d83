"""Sums read the way each language counts them; dates only as precisely as they are known."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from core.templatetags.display import precise_date, usd_short


@pytest.mark.parametrize(
    ("amount", "english", "chinese"),
    [
        (Decimal("8400000000"), "US$8.4\u00a0bn", "84亿美元"),
        (Decimal("35000000"), "US$35\u00a0m", "3,500万美元"),
        (Decimal("800000"), "US$800\u00a0k", "80万美元"),
        (Decimal("0"), "US$0", "0美元"),
        (None, "US$0", "0美元"),
    ],
)
def test_usd_totals_in_english_and_chinese(amount, english, chinese):
    with translation.override("en"):
        assert usd_short(amount) == english
    with translation.override("zh-hans"):
        assert usd_short(amount) == chinese


def test_month_precision_date_is_written_without_a_day():
    with translation.override("en"):
        assert precise_date(date(2019, 3, 1), "month") == "March 2019"
        assert precise_date(date(2019, 6, 2), "day") == "2 June 2019"
        assert precise_date(date(2019, 1, 1), "year") == "2019"


@pytest.mark.django_db
def test_admin_delegation_list_writes_month_precision_dates(client, admin_user):
    from tests.conftest import make_delegation

    make_delegation(
        title="Japan mission", start_date=date(2019, 3, 1), end_date=date(2019, 3, 1), date_precision="month"
    )
    client.force_login(admin_user)
    html = client.get("/admin/crm/delegation/").content.decode()
    assert "March 2019" in html
    assert "1 March 2019" not in html
