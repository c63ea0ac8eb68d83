"""The results page: for every signed-in persona, never for a visitor, and in a fixed number of queries."""

import pytest
from django.urls import reverse

from tests.conftest import make_organization, make_project

pytestmark = pytest.mark.django_db
URL = reverse("search")


def page(client, user, query):
    client.force_login(user)
    response = client.get(URL, {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def test_page_groups_results_and_links_to_the_records(client, other_officer, records):
    html = page(client, other_officer, "haier")
    assert "Organizations" in html and "Projects" in html
    assert f'href="{records["haier"].get_absolute_url()}"' in html
    assert "海尔集团" in html
    assert "Haier smart factory" in html


def test_confidential_project_on_the_page_only_for_owner_and_manager(client, owner, other_officer, manager, records):
    assert "Haier secret expansion" in page(client, owner, "haier")
    assert "Haier secret expansion" in page(client, manager, "haier")
    html = page(client, other_officer, "haier secret")
    assert "Haier secret expansion" not in html
    assert "Nothing you may see matches" in html


def test_visitors_are_sent_to_log_in(client, records):
    response = client.get(URL, {"q": "haier"})
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("query", ["", "x" * 500, "%00", "\x00", "'; drop table", "💥💥", "((("])
def test_odd_queries_get_a_page_not_an_error(client, manager, query):
    client.force_login(manager)
    response = client.get(URL, {"q": query})
    assert response.status_code == 200


def test_empty_query_says_what_to_type(client, manager):
    assert "Type a name" in page(client, manager, "")


def test_show_all_links_to_the_filtered_list(client, manager, db):
    for number in range(6):
        make_organization(f"Lotus Trading {number}")
    html = page(client, manager, "lotus")
    assert "/partners/organizations/?q=lotus" in html
    assert "Show all 6 in the list" in html


def test_every_page_has_the_search_box(client, owner):
    client.force_login(owner)
    html = client.get(reverse("crm:my_work")).content.decode()
    assert 'role="search"' in html and f'action="{URL}"' in html


@pytest.mark.parametrize("rows", [2, 60])
def test_query_count_does_not_grow_with_results(client, manager, owner, django_assert_max_num_queries, rows):
    for number in range(rows):
        make_organization(f"Lotus Trading {number}", name_zh=f"莲花贸易{number}")
        make_project(f"Lotus harbour {number}", is_confidential=number % 2 == 0, officer=owner)
    client.force_login(manager)
    client.get(URL, {"q": "lotus"})  # content types cached, as on a running server
    # The session, the user, their own and their groups' permissions, one query for every kind at once,
    # and the unread notifications count in the navigation bar.
    with django_assert_max_num_queries(6):
        response = client.get(URL, {"q": "lotus"})
    assert response.status_code == 200
    assert "Lotus harbour" in response.content.decode()


def test_an_account_without_a_role_finds_nothing(client, no_role, records):
    html = page(client, no_role, "haier")
    assert "Haier Group" not in html and "Haier smart factory" not in html
    assert "Nothing you may see matches" in html
