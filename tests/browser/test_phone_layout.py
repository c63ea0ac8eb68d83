"""In a real browser at phone width, in English and in Chinese: no page scrolls sideways, and lists and
record pages stack their rows instead of running a table off the screen."""

from datetime import date

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management.sql import emit_post_migrate_signal
from django.db import DEFAULT_DB_ALIAS
from django.urls import reverse

from core.history import history_url_for
from crm import roles
from crm.models import AgreementParty, Event
from projects.models import StageChange
from tests.browser.conftest import log_in
from tests.conftest import (
    make_agreement,
    make_contact,
    make_country,
    make_delegation,
    make_follow_up,
    make_meeting,
    make_organization,
    make_park,
    make_project,
    make_sector,
    make_user,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"width": 390, "height": 844}
LANGUAGES = ["en", "zh-hans"]
# Pages whose wide figure tables scroll inside their own box by design (a row of numbers per year).
INNER_SCROLL_ALLOWED = {"crm:kpis"}


@pytest.fixture
def records(page, live_server):
    """A small world with one record of each kind, its names as long as the seeded ones."""
    if not Group.objects.filter(name=roles.OFFICER).exists():
        emit_post_migrate_signal(verbosity=0, interactive=False, db=DEFAULT_DB_ALIAS)
        roles.sync_roles(Group, Permission)
    officer = make_user("officer", roles.OFFICER, first_name="Li", last_name="Na")
    make_user("manager", roles.MANAGER, first_name="Wang", last_name="Fang")
    germany = make_country()
    park = make_park()
    investor = make_organization("Krups Foerder Systeme GmbH", country=germany)
    contact = make_contact("Eshel Armony", organization=investor)
    project = make_project(
        "Krups Foerder Systeme transmission system center, Sino-German Eco-Park",
        officer=officer,
        investor=investor,
        origin_country=germany,
        sector=make_sector(),
        park=park,
    )
    StageChange.objects.create(
        project=project,
        to_stage="lead",
        to_status="active",
        occurred_on=date(2016, 12, 1),
        note="Recorded from the 2019 brochure: showed interest (lead).",
    )
    delegation = make_delegation("Qingdao delegation to Israel and Germany")
    delegation.countries.add(germany)
    event = Event.objects.create(name="Qingdao Week in Germany: business dialogue", start_date=date(2019, 6, 5))
    meeting = make_meeting("Qingdao-Germany tourism cooperation seminar, Frankfurt", delegation=delegation)
    meeting.organizations.add(investor)
    agreement = make_agreement("Tourism cooperation MOUs with German partners", delegation=delegation)
    AgreementParty.objects.create(agreement=agreement, organization=investor, side=AgreementParty.Side.PARTNER)
    follow_up = make_follow_up(officer, "Follow up Krups on the transmission system center", project=project)
    return {
        "officer_pages": [
            ("crm:my_work", reverse("crm:my_work")),
            ("projects:project_list", reverse("projects:project_list")),
            ("projects:project_detail", project.get_absolute_url()),
            ("projects:project_update", reverse("projects:project_update", args=[project.pk])),
            ("projects:project_move", reverse("projects:project_move", args=[project.pk])),
            ("partners:organization_list", reverse("partners:organization_list")),
            ("partners:organization_detail", investor.get_absolute_url()),
            ("partners:contact_list", reverse("partners:contact_list")),
            ("partners:contact_detail", contact.get_absolute_url()),
            ("partners:country_list", reverse("partners:country_list")),
            ("partners:country_detail", germany.get_absolute_url()),
            ("projects:park_list", reverse("projects:park_list")),
            ("projects:park_detail", park.get_absolute_url()),
            ("crm:delegation_list", reverse("crm:delegation_list")),
            ("crm:delegation_detail", delegation.get_absolute_url()),
            ("crm:meeting_list", reverse("crm:meeting_list")),
            ("crm:meeting_detail", meeting.get_absolute_url()),
            ("crm:agreement_list", reverse("crm:agreement_list")),
            ("crm:agreement_detail", agreement.get_absolute_url()),
            ("crm:event_list", reverse("crm:event_list")),
            ("crm:event_detail", event.get_absolute_url()),
            ("crm:followup_list", reverse("crm:followup_list")),
            ("crm:followup_detail", follow_up.get_absolute_url()),
            ("crm:followup_create", reverse("crm:followup_create")),
            ("crm:visit_log", reverse("crm:visit_log")),
            ("search", reverse("search") + "?q=Qingdao"),
            ("record_history", history_url_for(project)),
            ("api_token_list", reverse("api_token_list")),
            ("not found", "/no-such-page/"),
        ],
        "manager_pages": [
            ("crm:dashboard", reverse("crm:dashboard") + "?refresh=1"),
            ("crm:kpis", reverse("crm:kpis")),
            ("crm:report_index", reverse("crm:report_index")),
            ("crm:imports", reverse("crm:imports")),
            ("partners:organization_duplicates", reverse("partners:organization_duplicates")),
        ],
    }


def sideways(page) -> dict:
    """How far the page, and each table box, would scroll sideways (0 when nothing does)."""
    return page.evaluate(
        """() => ({
            page: document.documentElement.scrollWidth - window.innerWidth,
            tables: Math.max(0, ...Array.from(document.querySelectorAll('.table-responsive'))
                .map(box => box.scrollWidth - box.clientWidth)),
        })"""
    )


def visit_all(page, live_server, username: str, language: str, pages) -> list:
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page.set_viewport_size(PHONE)
    log_in(page, live_server, username)
    problems = []
    for name, url in pages:
        page.goto(live_server.url + url)
        page.wait_for_load_state("networkidle")
        assert page.locator("html").get_attribute("lang") == language, name
        measured = sideways(page)
        if measured["page"] > 0 or (measured["tables"] > 0 and name not in INNER_SCROLL_ALLOWED):
            problems.append((name, measured))
    return problems


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_officers_pages_fit_a_phone(page, live_server, records, language):
    assert visit_all(page, live_server, "officer", language, records["officer_pages"]) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_managers_pages_fit_a_phone(page, live_server, records, language):
    assert visit_all(page, live_server, "manager", language, records["manager_pages"]) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_stacked_row_names_its_short_facts_on_a_phone_only(page, live_server, records, language):
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page.set_viewport_size(PHONE)
    log_in(page, live_server, "officer", next_url=reverse("crm:meeting_list"))
    row = page.locator("table.table-stack tbody tr").first
    # The column headers are hidden; each fact that could be a bare dash says what it is.
    assert not page.locator("table.table-stack thead").is_visible()
    project_label = "Project: " if language == "en" else "项目: "
    assert project_label in row.inner_text()

    page.set_viewport_size({"width": 1366, "height": 900})
    assert page.locator("table.table-stack thead").is_visible()
    assert project_label not in row.inner_text()


def test_a_records_history_stacks_its_changes_on_a_phone(page, live_server, records):
    page.set_viewport_size(PHONE)
    project_history = records["officer_pages"][26][1]
    log_in(page, live_server, "officer", next_url=project_history)
    table = page.locator("table.history-table")
    assert not table.locator("thead").is_visible()
    box = table.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert "Created" in table.locator("tbody tr").first.inner_text()


def test_kpi_tables_scroll_inside_their_box_with_their_first_column_in_view(page, live_server, records):
    page.set_viewport_size(PHONE)
    log_in(page, live_server, "manager", next_url=reverse("crm:kpis"))
    boxes = page.evaluate(
        """() => Array.from(document.querySelectorAll('.kpi-scroll')).map(box => {
            box.scrollLeft = box.scrollWidth;
            const edge = box.getBoundingClientRect();
            const corner = box.querySelector('thead th').getBoundingClientRect();
            const row = box.querySelector('tbody tr > th:first-child');
            const label = row ? row.getBoundingClientRect() : edge;
            return {
                scrolls: box.scrollWidth > box.clientWidth,
                corner_left: Math.round(corner.left - edge.left),
                label_left: Math.round(label.left - edge.left),
                header_inside: corner.top >= edge.top && corner.bottom <= edge.bottom,
            };
        })"""
    )
    assert len(boxes) == 2
    for box in boxes:
        # Scrolled to its far right, the box still shows the header row and the first column at its left edge.
        assert box["scrolls"]
        assert box["header_inside"]
        assert 0 <= box["corner_left"] <= 2 and 0 <= box["label_left"] <= 2
    assert sideways(page)["page"] == 0


def test_a_chinese_country_name_stays_whole_in_the_narrow_organization_list(page, live_server, records):
    belarus = make_country("BY", "Belarus", name_zh="白俄罗斯")
    make_organization("Minsk Tractor Works and Associated Machine Building Enterprises", country=belarus)
    page.context.add_cookies([{"name": "django_language", "value": "zh-hans", "url": live_server.url}])
    page.set_viewport_size(PHONE)
    log_in(page, live_server, "officer", next_url=reverse("partners:organization_list") + "?q=Minsk")
    lines = page.evaluate(
        """() => {
            const cell = Array.from(document.querySelectorAll('td')).find(td => td.textContent.trim() === '白俄罗斯');
            const range = document.createRange();
            range.selectNodeContents(cell);
            return new Set(Array.from(range.getClientRects()).map(rect => Math.round(rect.top))).size;
        }"""
    )
    assert lines == 1
    assert sideways(page)["page"] == 0
