from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """What every app shares: the record base, access, lists, versions, widgets, display and admin helpers."""

    name = "core"
    verbose_name = _("Core")
