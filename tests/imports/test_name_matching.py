"""The one comparison key for organization names, and the cell readers of the import."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from crm.imports.columns import split_unit
from crm.imports.values import amount_of, choice, day
from partners.names import normalise_name
from projects.models import Stage, Status


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Siemens AG", "SIEMENS  ag"),
        ("Siemens AG", "Ｓｉｅｍｅｎｓ"),
        ("Haier Europe GmbH", "haier europe"),
        ("Robert Bosch GmbH", "Robert Bosch GmbH & Co. KG"),
        ("Robert Bosch SE & Co. KG", "Robert Bosch"),
        ("Hitachi Co., Ltd.", "HITACHI"),
        ("Apple Inc.", "Apple"),
        ("Acme LLC", "ACME"),
        ("青岛港（集团）有限公司", "青岛港(集团)"),
        ("海尔集团股份有限公司", "海尔集团"),
        ("株式会社 日立製作所", "日立製作所"),
    ],
)
def test_two_spellings_of_one_company_share_a_key(one, other):
    assert normalise_name(one) == normalise_name(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [("Qingdao Port", "Qingdao Port Group"), ("Siemens AG", "Siemens Energy AG"), ("海尔", "海信")],
)
def test_different_companies_keep_different_keys(one, other):
    assert normalise_name(one) != normalise_name(other)


def test_a_name_that_is_only_a_legal_form_is_kept():
    assert normalise_name("AG") == "ag" and normalise_name("有限公司") == "有限公司"


@pytest.mark.parametrize(
    ("cell", "header_multiplier", "expected"),
    [
        ("5000万元", 1, (Decimal("50000000.00"), "CNY")),
        ("1,200 万美元", 1, (Decimal("12000000.00"), "USD")),
        ("1.5亿元", 1, (Decimal("150000000.00"), "CNY")),
        (300, 10_000, (Decimal("3000000.00"), "")),
        ("１２０", 1, (Decimal("120.00"), "")),
        (None, 10_000, (None, "")),
    ],
)
def test_amounts_with_their_units(cell, header_multiplier, expected):
    assert amount_of(cell, multiplier=Decimal(header_multiplier)) == expected


def test_units_in_a_header():
    assert split_unit("合同外资（万美元）") == ("合同外资", Decimal(10_000), "USD")
    assert split_unit("总投资(亿元)") == ("总投资", Decimal(100_000_000), "CNY")
    assert split_unit("总投资") == ("总投资", Decimal(1), "")


@pytest.mark.parametrize("value", ["-5", "lots", "1e400"])
def test_an_amount_that_is_not_one_is_refused(value):
    with pytest.raises(ValidationError):
        amount_of(value)


def test_stage_and_status_by_value_or_label_in_either_language():
    assert choice("negotiating", Stage.choices) == "negotiating"
    assert choice("Intent (LOI/MOU)", Stage.choices) == "intent"
    assert choice("洽谈", Stage.choices) == "negotiating"
    assert choice("On hold", Status.choices) == "on_hold"
    with pytest.raises(ValidationError):
        choice("仍在谈", Stage.choices)


def test_dates_as_ledgers_write_them():
    assert str(day("2019年6月2日")) == "2019-06-02"
    assert str(day("2019/6/2")) == "2019-06-02"
    with pytest.raises(ValidationError):
        day("next spring")
