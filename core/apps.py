from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """What every app shares: the record base, access, lists, versions, widgets, display and admin helpers."""

    name = "core"
    verbose_name = _("Core")

    def ready(self):
        from core.notifications import notify_commented
        from core.protection import protect_listed_records
        from core.signals import record_commented

        # A record listed in another's many-to-many field is protected as a foreign key protects.
        protect_listed_records()
        # A note on a record tells the person responsible for it.
        record_commented.connect(notify_commented, dispatch_uid="core.notify_commented")
