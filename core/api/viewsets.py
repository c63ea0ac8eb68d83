"""The base of every record's endpoints: visible rows only, the pages' filters, the pages' forms for writes.

A ``RecordViewSet`` lists and shows what ``Model.objects.visible_to(user)`` holds, filtered by the list
page's FilterSet (search ``q``, ordering ``o``, and every filter of the page), in a stable order. It
creates and changes records through the page's form (``form_class``), so that every rule the page
applies (choices the user may see, names already recorded, dates in order) applies here too, and
records who created them. A change needs ``If-Match`` with the record's ETag; a stale one is refused
with what changed meanwhile (``core.versioning``). Deleting is not offered: records are archived.
"""

from contextlib import contextmanager

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.response import Response

from core.access import can_change
from core.api.etags import etag, if_match_version
from core.api.permissions import ModelPermissions
from core.versioning import check_version

READ = ["get", "head", "options"]
WRITE = [*READ, "post", "put", "patch"]


def form_value(value):
    """A serializer's cleaned value as a form reads it: records by their key."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, list | tuple | set | models.QuerySet):
        return [form_value(item) for item in value]
    return value


def stable(queryset):
    """``queryset`` in its order with the primary key last, so that pages neither repeat nor skip a row."""
    ordering = list(queryset.query.order_by) or list(queryset.model._meta.ordering)
    if not any(str(term).lstrip("-") in ("pk", "id") for term in ordering):
        ordering.append("pk")
    return queryset.order_by(*ordering)


class RecordReadViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """List and detail of the records the user may see, filtered and sorted as the list page does."""

    permission_classes = [ModelPermissions]
    filter_backends = [DjangoFilterBackend]
    http_method_names = READ
    # Actions that call a service, which decides who may: they need only the model's view permission.
    service_actions: tuple[str, ...] = ()

    def initial(self, request, *args, **kwargs):
        # A method this endpoint does not offer is a 405 for everyone, before any permission is asked.
        method = request.method.lower()
        if method not in self.http_method_names or not hasattr(self, method):
            raise exceptions.MethodNotAllowed(request.method)
        super().initial(request, *args, **kwargs)

    def get_queryset(self):
        queryset = super().get_queryset()
        visible_to = getattr(queryset, "visible_to", None)
        return visible_to(self.request.user) if visible_to is not None else queryset

    def filter_queryset(self, queryset):
        return stable(super().filter_queryset(queryset))

    def retrieve(self, request, *args, **kwargs):
        record = self.get_object()
        tag = etag(record)
        if request.headers.get("If-None-Match") == tag:
            return Response(status=status.HTTP_304_NOT_MODIFIED, headers={"ETag": tag})
        return Response(self.get_serializer(record).data, headers={"ETag": tag})

    def record_response(self, record, *, status_code=status.HTTP_200_OK):
        """``record`` as the reader now sees it, with its new ETag."""
        shown = self.get_queryset().filter(pk=record.pk).first() or record
        return Response(self.get_serializer(shown).data, status=status_code, headers={"ETag": etag(shown)})

    def object_for_change(self):
        """The record of the URL: 404 when the user may not see it, 403 when they may not change it."""
        record = self.get_object()
        if not can_change(self.request.user, record):
            raise exceptions.PermissionDenied(_("You may not change this record."))
        return record

    @contextmanager
    def versioned(self, record, *, required: bool):
        """A transaction in which ``record`` is locked at the version ``If-Match`` names; 412 when it moved on."""
        expected = if_match_version(self.request, required=required)
        with transaction.atomic():
            if expected is not None:
                record.version = check_version(type(record), record.pk, expected, lock=True, user=self.request.user)
            yield


class RecordViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, RecordReadViewSet):
    """Read, create and change records; the writes go through the list page's form (``form_class``)."""

    form_class = None
    http_method_names = WRITE

    def get_form_kwargs(self) -> dict:
        return {"user": self.request.user}

    def form_data(self, serializer, instance) -> dict:
        """What the form would be sent: the record as stored (or a new one's defaults), with the sent fields over it."""
        blank = self.form_class(instance=instance, **self.get_form_kwargs())
        data = {name: blank[name].value() for name in blank.fields}
        # A field this user may not set through the page is refused, unless it is sent unchanged (a PUT echoes it).
        refused = [
            name
            for name, value in serializer.validated_data.items()
            if name not in blank.fields
            and (instance is None or form_value(value) != form_value(getattr(instance, name)))
        ]
        if refused:
            raise exceptions.ValidationError({name: [_("You may not set this field.")] for name in refused})
        data.update({name: form_value(value) for name, value in serializer.validated_data.items()})
        if instance is not None:
            data["version"] = instance.version
        return data

    def write(self, serializer, instance=None):
        """Check the sent fields with the page's form and save through it (``save_form``)."""
        form = self.form_class(data=self.form_data(serializer, instance), instance=instance, **self.get_form_kwargs())
        if not form.is_valid():
            refusal = DjangoValidationError(form.errors.as_data())
            # Records like the one refused (an organization's similar names), for the client to offer.
            refusal.similar = getattr(form, "similar", [])
            raise refusal
        return self.save_form(form, created=instance is None)

    def save_form(self, form, *, created: bool):
        """Save what the form accepted, as the page does; a new record is created by the user."""
        if created:
            form.instance.created_by = self.request.user
        return form.save()

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with transaction.atomic():
            record = self.write(serializer)
        return self.record_response(record, status_code=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        record = self.object_for_change()
        serializer = self.get_serializer(record, data=request.data, partial=kwargs.pop("partial", False))
        with self.versioned(record, required=True):
            serializer.is_valid(raise_exception=True)
            record = self.write(serializer, record)
        return self.record_response(record)
