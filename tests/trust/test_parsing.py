"""The parsing layer (``core.parsing``) and the safe form fields built on it (``core.fields``)."""

from datetime import date
from decimal import Decimal

import pytest
from django import forms

from core.fields import secure
from core.parsing import (
    MAX_ID,
    clean_text,
    has_null,
    parse_count,
    parse_date,
    parse_id,
    parse_ids,
)
from partners.models import Country
from tests.conftest import make_country


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("42", 42),
        (" 42 ", 42),
        (42, 42),
        (str(MAX_ID), MAX_ID),
        (str(MAX_ID + 1), None),
        ("99999999999999999999999", None),
        ("0", None),
        ("-1", None),
        (-1, None),
        ("²", None),
        ("١٢", None),
        ("4\x002", None),
        ("\x00", None),
        ("9" * 10_000, None),
        ("", None),
        (None, None),
        (True, None),
        ("1e3", None),
        ("+5", None),
    ],
)
def test_parse_id(value, expected):
    assert parse_id(value) == expected


def test_parse_ids_keeps_the_valid_keys_once_in_order():
    assert parse_ids(["3", "99999999999999999999999", "²", "1", "3", "-2"]) == [3, 1]
    assert parse_ids("7") == [7]
    assert parse_ids(None) == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2019-06-02", date(2019, 6, 2)),
        (date(2019, 6, 2), date(2019, 6, 2)),
        ("1900-01-01", date(1900, 1, 1)),
        ("2200-12-31", date(2200, 12, 31)),
        ("1899-12-31", None),
        ("2201-01-01", None),
        ("0001-01-01", None),
        ("9999-12-31", None),
        (date(1, 1, 1), None),
        ("2019-02-30", None),
        ("2019-6-2", None),
        ("２０１９-06-02", None),
        ("2019-06-02\x00", None),
        ("x" * 10_000, None),
        (None, None),
    ],
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("50", 50),
        ("-5", 10),
        ("99999999999999999999999", 10),
        ("²", 10),
        ("7", 10),  # not among the choices
        (None, 10),
        ("", 10),
    ],
)
def test_parse_count_with_choices(value, expected):
    assert parse_count(value, default=10, choices=(10, 50)) == expected


def test_parse_count_keeps_to_its_bounds():
    assert parse_count("-5", default=0, minimum=-10) == -5
    assert parse_count("3", default=1, minimum=1, maximum=2) == 1
    assert parse_count("2", default=1, minimum=1, maximum=2) == 2


def test_clean_text_drops_nul_and_control_characters_and_caps_length():
    assert clean_text("Hai\x00fa\x07 Port") == "Haifa Port"
    assert clean_text("x" * 10_000, max_length=100) == "x" * 100
    assert clean_text(None) == ""
    assert has_null(["a", "b\x00"]) and not has_null("ab")


class SampleForm(forms.Form):
    country = forms.ModelChoiceField(queryset=Country.objects.all(), required=False)
    countries = forms.ModelMultipleChoiceField(queryset=Country.objects.all(), required=False)
    day = forms.DateField(required=False)
    moment = forms.DateTimeField(required=False)
    count = forms.IntegerField(required=False)
    amount = forms.DecimalField(required=False)


def secured(data):
    form = secure(SampleForm(data))
    form.is_valid()
    return form


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["99999999999999999999999", "-1", "0", "²", "1\x00", "x" * 10_000])
def test_a_hostile_record_key_is_not_a_choice(value):
    make_country()
    form = secured({"country": value, "countries": [value]})
    assert form.errors["country"] == ["Select a valid choice. That choice is not one of the available choices."]
    assert form.errors["countries"][0].startswith("Select a valid choice.")


@pytest.mark.django_db
def test_a_valid_record_key_still_chooses_the_record():
    country = make_country()
    form = secured({"country": str(country.pk), "countries": [str(country.pk)]})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["country"] == country
    assert list(form.cleaned_data["countries"]) == [country]


@pytest.mark.parametrize("value", ["0001-01-01", "9999-12-31", "1899-12-31", "2201-01-01"])
def test_a_date_outside_the_window_is_refused_with_its_reason(value):
    form = secured({"day": value, "moment": f"{value} 10:00"})
    message = "Enter a date between the years 1900 and 2200."
    assert form.errors == {"day": [message], "moment": [message]}


def test_numbers_stay_within_what_a_column_holds():
    form = secured({"count": "2147483648", "amount": "1e30"})
    assert set(form.errors) == {"count", "amount"}
    form = secured({"count": "-42", "amount": "1234.5"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {
        "country": None,
        "countries": form.cleaned_data["countries"],
        "day": None,
        "moment": None,
        "count": -42,
        "amount": Decimal("1234.5"),
    }


def test_secure_keeps_the_field_class_and_its_labels():
    form = secure(SampleForm())
    assert isinstance(form.fields["country"], forms.ModelChoiceField)
    assert type(form.fields["country"]).__name__ == "SafeModelChoiceField"
    safe_class = type(form.fields["country"])
    secure(form)  # applying it twice changes nothing
    assert type(form.fields["country"]) is safe_class
