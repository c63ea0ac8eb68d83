"""Form fields that turn any value sent into a form error, never an exception.

``secure(form)`` is applied once to every product form (``core.forms.StyledFormMixin``), every list
filter (``core.listing.SearchFilterSet``) and every formset row (``core.formsets``). It keeps each
field's class (and so its labels and querysets) and adds the rules of ``core.parsing``:

- a choice of records refuses a key the database could not even compare (``99999999999999999999999``,
  ``-1``, ``²``, a NUL byte) as "not one of the available choices", before any query;
- a date outside ``MIN_YEAR`` .. ``MAX_YEAR`` is refused with a message that says so;
- whole numbers and decimals stay within what the database columns hold.
"""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import DecimalValidator, MaxValueValidator, MinValueValidator
from django.db import models

from core.parsing import MAX_INT, check_date, has_null, parse_id

# Decimals typed into a filter without a column's own limits: at most 18 digits before the point.
_DECIMAL_DIGITS, _DECIMAL_PLACES = 24, 6


def _key_field(field) -> models.Field:
    model = field.queryset.model
    key = model._meta.get_field(field.to_field_name) if field.to_field_name else model._meta.pk
    return getattr(key, "target_field", key)


def acceptable_key(field, value) -> bool:
    """Whether ``value`` could be a key of ``field``'s records at all (whether it is one is the database's to say)."""
    if isinstance(value, models.Model):
        return True
    if has_null(value) or isinstance(value, list | tuple | dict):
        return False
    if isinstance(_key_field(field), models.IntegerField):
        return parse_id(value) is not None
    return len(str(value)) <= 1000


class SafeModelChoiceMixin:
    def to_python(self, value):
        if value not in self.empty_values and not acceptable_key(self, value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class SafeModelMultipleChoiceMixin:
    def _check_values(self, value):
        for item in value:
            if not acceptable_key(self, item):
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": str(item)[:50]},
                )
        return super()._check_values(value)


class SafeDateMixin:
    def to_python(self, value):
        day = super().to_python(value)
        check_date(day)
        return day


class SafeDateTimeMixin:
    def to_python(self, value):
        moment = super().to_python(value)
        check_date(moment.date() if moment is not None else None)
        return moment


# Most specific first: a multiple choice of records is also a choice of records.
_MIXINS = (
    (forms.ModelMultipleChoiceField, SafeModelMultipleChoiceMixin),
    (forms.ModelChoiceField, SafeModelChoiceMixin),
    (forms.DateTimeField, SafeDateTimeMixin),
    (forms.DateField, SafeDateMixin),
)
_SAFE_CLASSES: dict[type, type] = {}


def _safe_class(cls: type, mixin: type) -> type:
    if issubclass(cls, mixin):
        return cls
    if cls not in _SAFE_CLASSES:
        _SAFE_CLASSES[cls] = type(f"Safe{cls.__name__}", (mixin, cls), {"__module__": __name__})
    return _SAFE_CLASSES[cls]


def _has_validator(field, kind: type) -> bool:
    return any(isinstance(validator, kind) for validator in field.validators)


def secure_field(field: forms.Field) -> None:
    """Give ``field`` the rules above, in place."""
    for base, mixin in _MIXINS:
        if isinstance(field, base):
            field.__class__ = _safe_class(type(field), mixin)
            break
    if isinstance(field, forms.IntegerField) and not isinstance(field, forms.DecimalField | forms.FloatField):
        if not _has_validator(field, MaxValueValidator):
            field.validators.append(MaxValueValidator(MAX_INT))
        if not _has_validator(field, MinValueValidator):
            field.validators.append(MinValueValidator(-MAX_INT - 1))
    elif isinstance(field, forms.DecimalField) and field.max_digits is None:
        field.validators.append(DecimalValidator(_DECIMAL_DIGITS, _DECIMAL_PLACES))
    elif isinstance(field, forms.FloatField) and not _has_validator(field, MaxValueValidator):
        field.validators.append(MaxValueValidator(float(Decimal(10) ** 18)))
        field.validators.append(MinValueValidator(-float(Decimal(10) ** 18)))


def secure(form: forms.BaseForm) -> forms.BaseForm:
    """Give every field of ``form`` the rules above; return the form."""
    for field in form.fields.values():
        secure_field(field)
    return form
