"""Log in, change one's password; no e-mailed reset exists."""

import pytest
from django.urls import NoReverseMatch, reverse

pytestmark = pytest.mark.django_db


def test_officer_changes_password_with_a_long_one(client, owner):
    client.force_login(owner)
    response = client.post(
        reverse("password_change"),
        {"old_password": "a-long-test-password", "new_password1": "short", "new_password2": "short"},
    )
    assert response.status_code == 200
    assert "This password is too short. It must contain at least 12 characters." in response.content.decode()
    owner.refresh_from_db()
    assert owner.check_password("a-long-test-password")
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "a-long-test-password",
            "new_password1": "harbour-lights-2019",
            "new_password2": "harbour-lights-2019",
        },
    )
    assert response.status_code == 302
    owner.refresh_from_db()
    assert owner.check_password("harbour-lights-2019")


def test_there_is_no_emailed_password_reset():
    with pytest.raises(NoReverseMatch):
        reverse("password_reset")
