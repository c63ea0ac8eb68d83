"""What other records list a record in a many-to-many field protects it from deletion, as a foreign key does.

Django deletes the link rows of a many-to-many field silently with either end: deleting an
organization would take it out of every meeting that lists it as met. ``protect_listed_records``
(run once from ``core.apps``) makes the link's reference to the listed record ``PROTECT``, so that
deleting it is refused wherever it is asked (a queryset, a record, the admin, whose confirmation page
lists the records that protect it and offers no deletion), while deleting the listing record still
takes its own links with it. Only the product's own apps (those in the project folder) are concerned,
not Django's or a library's (groups, permissions).
"""

from __future__ import annotations

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils.translation import gettext


def _describe_link(field):
    def __str__(self) -> str:
        listing = getattr(self, field.m2m_field_name())
        listed = getattr(self, field.m2m_reverse_field_name())
        return gettext("%(kind)s “%(listing)s” lists %(listed)s") % {
            "kind": str(field.model._meta.verbose_name).capitalize(),
            "listing": listing,
            "listed": listed,
        }

    return __str__


def protect_listed_records() -> None:
    """Make every product many-to-many field protect the records it lists from deletion."""
    product = Path(settings.BASE_DIR).resolve()
    for model in apps.get_models():
        if product not in Path(model._meta.app_config.path).resolve().parents:
            continue
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            if not through._meta.auto_created:
                continue
            if field.remote_field.model is model and field.remote_field.symmetrical:
                continue
            listed = through._meta.get_field(field.m2m_reverse_field_name())
            listed.remote_field.on_delete = models.PROTECT
            through.__str__ = _describe_link(field)
