"""The base of every record's serializer: each field described, links that respect visibility."""

from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from core.api.fields import DateField, VisibleRelatedField

# Read by everyone, written by nobody through the API: bookkeeping every record carries.
RECORD_FIELDS = ("id", "version", "is_archived", "created_at", "created_by", "updated_at")


class RecordSerializer(serializers.ModelSerializer):
    """A ``ModelSerializer`` whose fields all carry a description, and whose links hide records the reader may not see.

    It types the data; the rules live in the page's form and the services, which the viewset calls
    (``core.api.viewsets.RecordViewSet``).
    """

    serializer_related_field = VisibleRelatedField
    serializer_field_mapping = {**serializers.ModelSerializer.serializer_field_mapping, models.DateField: DateField}

    def build_field(self, field_name, info, model_class, nested_depth):
        field_class, field_kwargs = super().build_field(field_name, info, model_class, nested_depth)
        if "help_text" not in field_kwargs:
            try:
                model_field = model_class._meta.get_field(field_name)
            except Exception:  # noqa: BLE001 - a property or annotation: described where it is declared
                model_field = None
            if model_field is not None and getattr(model_field, "verbose_name", None):
                field_kwargs["help_text"] = capfirst(model_field.verbose_name)
        if field_name == "id":
            field_kwargs["help_text"] = _("The record's number; it never changes.")
        return field_class, field_kwargs


class ErrorSerializer(serializers.Serializer):
    """Every refusal: a code for programs, a sentence for people, the fields at fault."""

    code = serializers.CharField(help_text=_("What went wrong, for programs: invalid, not_found, stale, gate_not_met…"))
    detail = serializers.CharField(help_text=_("What went wrong, in the language the request asked for."))
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text=_("Messages by field; non_field_errors for the record as a whole."),
    )
