from django.apps import AppConfig
from django.db import DEFAULT_DB_ALIAS, router
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def sync_roles_after_migrate(sender, using=DEFAULT_DB_ALIAS, apps=None, **kwargs) -> None:
    """Give the role groups exactly the permissions ``crm.roles`` lists, after every ``migrate``.

    A change to ``crm/roles.py`` then reaches an existing database with the next deployment,
    without a migration of its own; running it again changes nothing. By the time this runs
    (``post_migrate`` of crm, the last product app), Django has created the permissions of the
    apps before it and of crm itself.
    """
    from crm.roles import sync_roles

    if apps is None:
        from django.apps import apps
    try:
        group_model, permission_model = apps.get_model("auth", "Group"), apps.get_model("auth", "Permission")
    except LookupError:  # the auth tables are not (or no longer) there
        return
    if router.allow_migrate_model(using, group_model):
        sync_roles(group_model, permission_model, using=using)


class CrmConfig(AppConfig):
    name = "crm"
    verbose_name = _("Engagement")

    def ready(self):
        post_migrate.connect(sync_roles_after_migrate, sender=self, dispatch_uid="crm.sync_roles_after_migrate")
        from core.export import list_exported
        from crm.exports import record_list_export
        from crm.merging import register_engagement_references
        from crm.services import fill_pending_agreement_usd, latest_meeting_on
        from projects.activity import register_activity_source
        from projects.money import register_pending_filler

        # A meeting about a project is activity: "stale" counts from the latest one too.
        register_activity_source(latest_meeting_on)

        # Agreements keep amounts whose USD value may be pending; a new rate fills them with the projects'.
        register_pending_filler(fill_pending_agreement_usd)
        # Every list export is written down, for managers to see on /exports/ and in the admin.
        list_exported.connect(record_list_export, dispatch_uid="crm.record_list_export")
        # The dashboard's cached figures are computed anew after a write to what they count.
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from crm.dashboard import forget_figures

        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(forget_figures, dispatch_uid=f"crm.forget_figures.{id(signal)}")
        # Meetings, agreements, delegations, events and follow-ups follow an organization merged into another.
        register_engagement_references()
        register_search()


def register_search() -> None:
    """Make delegations, agreements, events and meetings findable by global search (``core.search``)."""
    from core import search
    from crm.models import Agreement, Delegation, Event, Meeting

    search.register(
        Delegation,
        kind="delegations",
        label=_("Delegations"),
        fields=("title", "title_zh", "cities"),
        title="title",
        title_zh="title_zh",
        subtitle=("start_date", "cities"),
        url="crm:delegation_detail",
        list_url="crm:delegation_list",
        order=40,
    )
    search.register(
        Agreement,
        kind="agreements",
        label=_("Agreements"),
        fields=("title", "title_zh"),
        title="title",
        title_zh="title_zh",
        subtitle=("signed_on", "place"),
        url="crm:agreement_detail",
        list_url="crm:agreement_list",
        order=50,
    )
    search.register(
        Event,
        kind="events",
        label=_("Events"),
        fields=("name", "name_zh", "place"),
        title="name",
        title_zh="name_zh",
        subtitle=("start_date", "place"),
        url="crm:event_detail",
        list_url="crm:event_list",
        order=60,
    )
    search.register(
        Meeting,
        kind="meetings",
        label=_("Meetings"),
        fields=("title", "place"),
        title="title",
        subtitle=("date", "place"),
        url="crm:meeting_detail",
        list_url="crm:meeting_list",
        order=70,
    )
