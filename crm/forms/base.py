"""Form plumbing shared by the engagement forms: Bootstrap classes and date inputs."""

from django import forms
from django.db.models import Q

from partners.forms import DateInput, bootstrap

__all__ = ["DateInput", "active_choices", "style_fields", "StyledFormMixin"]


# One look for every product form; kept under the name the engagement forms use.
style_fields = bootstrap


def active_choices(form: forms.BaseForm) -> None:
    """Offer only records not archived, plus those the record already points to, so an edit drops nothing."""
    instance = getattr(form, "instance", None)
    model_fields = {f.name: f for f in instance._meta.get_fields()} if instance is not None and instance.pk else {}
    for name, field in form.fields.items():
        queryset = getattr(field, "queryset", None)
        if queryset is None or not hasattr(queryset.model, "is_archived"):
            continue
        model_field, current = model_fields.get(name), []
        if model_field is not None and model_field.many_to_many:
            current = list(getattr(instance, name).values_list("pk", flat=True))
        elif model_field is not None and model_field.many_to_one and getattr(instance, f"{name}_id"):
            current = [getattr(instance, f"{name}_id")]
        field.queryset = queryset.filter(Q(is_archived=False) | Q(pk__in=current))


class StyledFormMixin:
    """Mix into a Form or ModelForm: Bootstrap classes on every widget, ``is-invalid`` on errors."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        active_choices(self)
        style_fields(self)

    def full_clean(self):
        super().full_clean()
        style_fields(self, self._errors)
