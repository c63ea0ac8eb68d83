"""In a real browser: a list's column headers sort it and show the direction; long names never push a page sideways."""

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management.sql import emit_post_migrate_signal
from django.db import DEFAULT_DB_ALIAS
from django.urls import reverse

from crm import roles
from crm.models import Agreement, AgreementParty
from tests.browser.conftest import log_in
from tests.conftest import (
    make_agreement,
    make_contact,
    make_follow_up,
    make_meeting,
    make_organization,
    make_project,
    make_user,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

LONG_NAME = "Qingdao" + "International" * 30 + " Holding Company Limited"


@pytest.fixture
def role_groups(page, live_server):
    """The role groups, restored when an earlier transactional test's flush left them out."""
    if not Group.objects.filter(name=roles.OFFICER).exists():
        emit_post_migrate_signal(verbosity=0, interactive=False, db=DEFAULT_DB_ALIAS)
        roles.sync_roles(Group, Permission)


def titles(page) -> list[str]:
    return page.locator("table tbody tr td:nth-child(2) a").all_inner_texts()


def test_a_column_header_sorts_then_reverses(page, live_server, role_groups):
    make_user("officer", roles.OFFICER, first_name="Li", last_name="Na")
    make_meeting("Beta talks", date=date(2019, 6, 1))
    make_meeting("Alpha talks", date=date(2019, 6, 3))
    make_meeting("Gamma talks", date=date(2019, 6, 2))
    log_in(page, live_server, "officer", next_url=reverse("crm:meeting_list"))

    date_header = page.locator("th", has_text="Date")
    assert date_header.get_attribute("aria-sort") == "descending"
    assert titles(page) == ["Alpha talks", "Gamma talks", "Beta talks"]

    page.get_by_role("link", name="Title").click()
    page.wait_for_load_state("networkidle")
    title_header = page.locator("th", has_text="Title")
    assert title_header.get_attribute("aria-sort") == "ascending"
    assert "▲" in title_header.inner_text()
    assert page.locator("th", has_text="Date").get_attribute("aria-sort") is None
    assert titles(page) == ["Alpha talks", "Beta talks", "Gamma talks"]

    page.get_by_role("link", name="Title").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("th", has_text="Title").get_attribute("aria-sort") == "descending"
    assert "▼" in page.locator("th", has_text="Title").inner_text()
    assert titles(page) == ["Gamma talks", "Beta talks", "Alpha talks"]
    # The address names only the sort: no empty parameter came with it.
    assert page.url.endswith("/meetings/?o=-title")

    # At this width every column sorts from its header: the "Sort by" choice stays out of the way.
    page.locator("details.more-filters summary").click()
    assert not page.locator("select[name=o]").is_visible()


def test_a_phone_keeps_the_sort_choice(page, live_server, role_groups):
    make_user("officer", roles.OFFICER, first_name="Li", last_name="Na")
    make_meeting("Alpha talks")
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server, "officer", next_url=reverse("crm:meeting_list"))
    page.get_by_role("button", name="Filters").click()
    page.locator("details.more-filters summary").click()
    sort = page.locator("select[name=o]")
    assert sort.is_visible()
    sort.select_option("title")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_load_state("networkidle")
    # The filter form left its empty fields out of the address.
    assert page.url.endswith("/meetings/?o=title")


@pytest.mark.parametrize("width", [1366, 390])
def test_long_names_stay_inside_the_page(page, live_server, role_groups, width):
    officer = make_user("officer", roles.OFFICER, first_name="Li", last_name="Na")
    spaced = make_organization(LONG_NAME)
    unbroken = make_organization("X" * 400)
    meeting = make_meeting("Talks with a long-named company")
    meeting.organizations.add(spaced, unbroken)
    agreement = make_agreement("MOU " + "Y" * 300, kind=Agreement.Kind.MOU)
    AgreementParty.objects.create(agreement=agreement, organization=unbroken, side=AgreementParty.Side.PARTNER)
    make_project("Plant " + "Z" * 290, officer=officer, investor=unbroken)
    make_contact("Wang Lei", organization=unbroken)
    make_follow_up(officer, "Send the survey", organization=unbroken)
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, live_server, "officer")

    for url_name in (
        "crm:meeting_list",
        "crm:agreement_list",
        "projects:project_list",
        "partners:organization_list",
        "partners:contact_list",
        "crm:followup_list",
    ):
        page.goto(live_server.url + reverse(url_name))
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.documentElement.scrollWidth") <= width, url_name
        overflow = page.evaluate(
            "Array.from(document.querySelectorAll('.table-responsive')).map(e => e.scrollWidth - e.clientWidth)"
        )
        assert overflow and max(overflow) <= 0, (url_name, overflow)
        # The name is cut, and the whole of it is on hover.
        assert page.locator(f"span.clipped[title='{'X' * 400}']").count() >= 1, url_name
    # Chosen in a filter, the long name wraps inside its box.
    page.goto(f"{live_server.url}{reverse('crm:followup_list')}?organization={unbroken.pk}")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("width", [1366, 390])
def test_my_work_keeps_each_complete_button_beside_its_follow_up(page, live_server, role_groups, width):
    officer = make_user("officer", roles.OFFICER, first_name="Li", last_name="Na")
    soon = date.today() + timedelta(days=2)
    make_follow_up(officer, "Call back", due_on=soon)
    make_follow_up(
        officer,
        "Send the land-price schedule, the environmental assessment summary and the draft investment agreement, "
        "then confirm the site visit with the park committee",
        due_on=soon,
    )
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, live_server, "officer")

    items = page.locator("section.my-due-soon .followup-item")
    assert items.count() == 2
    for index in range(2):
        item = items.nth(index)
        text = item.locator(".followup-text").bounding_box()
        button = item.get_by_role("button").bounding_box()
        # Beside the text, to its right, and within the row's height: never wrapped below it.
        assert button["x"] >= text["x"] + text["width"]
        assert button["y"] < text["y"] + text["height"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width
