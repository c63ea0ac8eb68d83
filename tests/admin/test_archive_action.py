"""Archiving in the admin keeps the record, raises its version and leaves a history entry."""

from django.urls import reverse

from partners.models import Organization
from tests.conftest import make_organization

CHANGELIST = reverse("admin:partners_organization_changelist")


def test_archive_and_restore_selected(client, admin_user):
    haier, hisense, tsingtao = (make_organization(name=name) for name in ("Haier", "Hisense", "Tsingtao Brewery"))
    tsingtao.is_archived = True
    tsingtao.save()
    client.force_login(admin_user)

    response = client.post(
        CHANGELIST, {"action": "archive_selected", "_selected_action": [haier.pk, tsingtao.pk]}, follow=True
    )

    assert "Archived 1 organization." in [str(message) for message in response.context["messages"]]
    haier.refresh_from_db()
    assert (haier.is_archived, haier.version) == (True, 2)
    assert haier.history.first().history_change_reason == "Archived"
    assert not Organization.objects.get(name="Hisense").is_archived

    response = client.post(
        CHANGELIST, {"action": "restore_selected", "_selected_action": [haier.pk, tsingtao.pk]}, follow=True
    )

    assert "Restored 2 organizations from the archive." in [str(message) for message in response.context["messages"]]
    assert not Organization.objects.filter(is_archived=True).exists()
