"""The admin lists every user's API tokens, never their hashes, and changes nothing but revoking them."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from core.api_tokens import issue_api_token

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:core_apitoken_changelist")


def test_the_administrator_revokes_tokens_from_the_list(client, admin_user, owner, other_officer):
    leaked, _ = issue_api_token(user=owner, name="Leaked script")
    kept, _ = issue_api_token(user=other_officer, name="Power BI")
    client.force_login(admin_user)

    listing = client.get(CHANGELIST)
    assert listing.status_code == 200
    assert "Leaked script" in listing.text and "Power BI" in listing.text
    assert leaked.key_hash not in listing.text

    response = client.post(CHANGELIST, {"action": "revoke_selected", ACTION_CHECKBOX_NAME: [leaked.pk]}, follow=True)

    assert "Revoked 1 API token." in response.text
    leaked.refresh_from_db()
    kept.refresh_from_db()
    assert leaked.revoked_at is not None and kept.revoked_at is None


def test_a_token_cannot_be_changed_added_or_deleted_in_the_admin(client, admin_user, owner):
    token, _ = issue_api_token(user=owner, name="Power BI")
    client.force_login(admin_user)

    change = client.get(reverse("admin:core_apitoken_change", args=[token.pk]))
    assert change.status_code == 200 and token.key_hash not in change.text
    assert client.post(reverse("admin:core_apitoken_change", args=[token.pk]), {"name": "Renamed"}).status_code == 403
    assert client.get(reverse("admin:core_apitoken_add")).status_code == 403
    assert client.post(reverse("admin:core_apitoken_delete", args=[token.pk]), {"post": "yes"}).status_code == 403
    token.refresh_from_db()
    assert token.name == "Power BI"


def test_staff_without_the_permission_cannot_open_the_tokens(client, owner):
    owner.is_staff = True
    owner.save()
    client.force_login(owner)
    assert client.get(CHANGELIST).status_code == 403
