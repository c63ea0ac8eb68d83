"""Saved views: a user names a list's filters and opens them again from its menu; a manager may share one."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.display import person
from core.models import SavedView

pytestmark = pytest.mark.django_db
MEETINGS = reverse("crm:meeting_list")
SAVE = reverse("saved_view_save")


def save(client, name, query="q=talks&kind=signing", follow=False, **extra):
    return client.post(SAVE, {"list_name": "crm:meeting_list", "query": query, "name": name, **extra}, follow=follow)


def menu(client) -> list[str]:
    return [view.name for view in client.get(MEETINGS).context["saved_views"]]


def test_save_the_filters_and_open_them_again(client, owner):
    client.force_login(owner)
    response = save(client, "  Signings   with talks ", query="q=talks&kind=signing&o=&page=3&format=csv")
    view = SavedView.objects.get()
    assert (view.name, view.query, view.owner, view.shared) == (
        "Signings with talks",
        "q=talks&kind=signing",
        owner,
        False,
    )
    assert response.url == f"{MEETINGS}?q=talks&kind=signing"
    assert menu(client) == ["Signings with talks"]
    content = client.get(MEETINGS).content.decode()
    assert f'href="{MEETINGS}?q=talks&amp;kind=signing">Signings with talks</a>' in content


def test_the_same_name_keeps_the_new_filters(client, owner):
    client.force_login(owner)
    save(client, "Mine", query="kind=signing")
    save(client, "Mine", query="kind=visit")
    assert list(SavedView.objects.values_list("name", "query")) == [("Mine", "kind=visit")]


def test_a_view_is_its_owners_until_a_manager_shares_one(client, owner, other_officer, manager):
    client.force_login(owner)
    save(client, "Li's view")
    client.force_login(manager)
    save(client, "Team view", shared="on")
    client.force_login(other_officer)
    assert menu(client) == ["Team view"]
    assert f"from {person(manager)}" in client.get(MEETINGS).content.decode()


def test_an_officer_may_not_share_and_nothing_is_saved(client, owner):
    client.force_login(owner)
    response = save(client, "Everyone's", shared="on", follow=True)
    assert SavedView.objects.count() == 0
    assert "Only a manager may share a view with everyone; nothing was saved." in response.content.decode()


def test_a_view_needs_a_name_and_a_real_list(client, owner):
    client.force_login(owner)
    response = save(client, "   ", follow=True)
    assert "Give the view a name; nothing was saved." in response.content.decode()
    response = client.post(SAVE, {"list_name": "no:such_list", "query": "", "name": "X"}, follow=True)
    assert "That list does not exist; nothing was saved." in response.content.decode()
    response = save(client, "x" * 101, follow=True)
    assert "at most 100 characters" in response.content.decode()
    assert SavedView.objects.count() == 0


def test_only_the_owner_removes_a_view(client, owner, other_officer, manager):
    client.force_login(manager)
    save(client, "Team view", shared="on")
    view = SavedView.objects.get()
    client.force_login(other_officer)
    assert client.post(reverse("saved_view_delete", args=[view.pk])).status_code == 404
    assert SavedView.objects.count() == 1
    client.force_login(manager)
    response = client.post(reverse("saved_view_delete", args=[view.pk]))
    assert response.url == MEETINGS
    assert SavedView.objects.count() == 0


def test_someone_logged_out_saves_nothing(client):
    response = save(client, "Anon")
    assert response.status_code == 302 and "/accounts/login/" in response.url
    assert SavedView.objects.count() == 0


def test_the_menu_costs_one_query_however_many_views(client, owner):
    client.force_login(owner)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(MEETINGS).status_code == 200
        return len(captured)

    for number in range(2):
        save(client, f"View {number}")
    few = queries()
    for number in range(2, 30):
        save(client, f"View {number}")
    assert queries() == few
