"""The reminder e-mail preference under the account menu."""

import pytest
from django.urls import reverse

from core.models import ReminderPreference

pytestmark = pytest.mark.django_db
URL = reverse("reminder_preference")


def test_refuses_anonymous(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_shows_daily_by_default_and_saves_a_choice(owner_client, owner):
    response = owner_client.get(URL)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Reminder e-mails" in content
    assert 'value="daily" checked' in content or "checked" in content
    response = owner_client.post(URL, {"frequency": "weekly", "language": "zh-hans"})
    assert response.status_code == 302
    preference = ReminderPreference.objects.get(user=owner)
    assert (preference.frequency, preference.language) == ("weekly", "zh-hans")
    owner_client.post(URL, {"frequency": "off", "language": ""})
    assert ReminderPreference.objects.get(user=owner).frequency == "off"
    assert ReminderPreference.objects.count() == 1


def test_bad_choice_is_a_form_error_and_changes_nothing(owner_client, owner):
    response = owner_client.post(URL, {"frequency": "hourly"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not ReminderPreference.objects.exists()


def test_warns_without_an_email_address(owner_client):
    assert "no e-mail address" in owner_client.get(URL).content.decode()


def test_linked_from_the_account_menu(owner_client):
    assert f'href="{URL}"' in owner_client.get(reverse("crm:my_work")).content.decode()


def test_in_the_admin(client, admin_user, owner):
    ReminderPreference.objects.create(user=owner, frequency="weekly")
    client.force_login(admin_user)
    response = client.get(reverse("admin:core_reminderpreference_changelist"))
    assert response.status_code == 200
    assert "Weekly, on Mondays" in response.content.decode()
