"""A bureau's address book (通讯录) and its meetings ledger (会见记录), previewed, committed, and read again."""

from datetime import date

import pytest

from crm.imports.meetings import MeetingImporter, items
from crm.imports.people import ContactImporter
from crm.imports.plan import build_plan, commit
from crm.models import ImportFile, Meeting
from partners.models import Contact, Organization
from tests.conftest import make_contact, make_country, make_delegation, make_organization, make_project
from tests.imports.conftest import csv_bytes, xlsx


def outcome(plan):
    return [(row.number, row.action, str(row.matched) if row.matched else None) for row in plan.rows]


def upload(content, user, kind, name):
    return ImportFile.objects.create(kind=kind, file_name=name, content=content, sha256="0" * 64, uploaded_by=user)


@pytest.fixture
def directory(db):
    germany = make_country("DE", "Germany", name_zh="德国")
    haier = make_organization("Haier Europe GmbH", name_zh="海尔欧洲有限公司", country=germany)
    known = make_contact("Anna Schmidt", organization=haier, title="Director", email="anna@haier.example")
    return germany, haier, known


def test_contacts_preview_commit_and_a_second_import_changes_nothing(directory, manager):
    _germany, haier, known = directory
    content = xlsx(
        [
            ["单位", "姓名", "职务", "邮箱", "电话", "国别"],
            ["HAIER EUROPE", "anna  schmidt", "Managing Director", None, "+49 30 1234", None],
            ["Haier Europe GmbH", "Li Wei", "Engineer", "li@haier.example", None, None],
            ["Bosch GmbH", "Karl Bosch", "CEO", None, None, "德国"],
            ["Unknown AG", "Nobody", None, None, None, None],
            ["Haier Europe", "Bad Mail", None, "not-an-address", None, None],
            ["海尔欧洲有限公司", "Li Wei", None, None, None, None],
        ],
        title="通讯录",
    )
    plan = build_plan(ContactImporter(manager), content, "通讯录.xlsx")

    assert outcome(plan) == [
        (2, "update", str(known)),
        (3, "create", None),
        (4, "create", None),
        (5, "error", None),
        (6, "error", None),
        (7, "error", None),
    ]
    rows = {row.number: row for row in plan.rows}
    assert rows[2].changes == {"title": ("Director", "Managing Director"), "phone": ("", "+49 30 1234")}
    assert "New organization: Bosch GmbH" in rows[4].notes
    assert rows[5].errors == [("单位", "“Unknown AG” is not recorded; give its country so it can be.")]
    assert rows[6].errors[0][0] == "email"
    assert rows[7].errors == [("姓名", "The same person as row 3.")]

    commit(
        ContactImporter(manager),
        upload(content, manager, "contacts", "通讯录.xlsx"),
        user=manager,
        digest=plan.digest(),
    )

    known.refresh_from_db()
    assert (known.title, known.phone, known.email) == ("Managing Director", "+49 30 1234", "anna@haier.example")
    assert "row 2" in known.provenance
    assert Contact.objects.get(name="Li Wei").organization == haier
    bosch = Organization.objects.get(name="Bosch GmbH")
    assert Contact.objects.get(name="Karl Bosch").organization == bosch
    assert not Contact.objects.filter(name__in=["Nobody", "Bad Mail"]).exists()
    assert known.history.first().history_change_reason == "Imported from 通讯录.xlsx, row 2"

    again = build_plan(ContactImporter(manager), content, "通讯录.xlsx")
    assert [row.action for row in again.rows] == ["unchanged"] * 3 + ["error"] * 3


def test_a_contact_is_matched_by_email_when_the_name_is_written_otherwise(directory, manager):
    content = csv_bytes(
        [["organization", "name", "email"], ["Haier Europe GmbH", "Dr. A. Schmidt", "ANNA@haier.example"]]
    )
    plan = build_plan(ContactImporter(manager), content, "cards.csv")
    assert outcome(plan) == [(2, "unchanged", "Anna Schmidt, Director")]
    assert plan.rows[0].matched_by == "email"


def test_a_user_without_a_role_may_neither_add_nor_change_contacts(directory, no_role):
    content = csv_bytes(
        [
            ["organization", "name", "title"],
            ["Haier Europe GmbH", "Anna Schmidt", "Board member"],
            ["Haier Europe GmbH", "New Person", None],
        ]
    )
    plan = build_plan(ContactImporter(no_role), content, "cards.csv")
    assert [row.action for row in plan.rows] == ["error", "error"]
    assert ("name", "You may not change this contact.") in plan.rows[0].errors
    assert ("name", "You may not add contacts.") in plan.rows[1].errors


@pytest.fixture
def meetings(directory, owner):
    germany, haier, known = directory
    siemens = make_organization("Siemens AG", name_zh="西门子", country=germany)
    engineer = make_contact("Wang Fang", organization=siemens)
    trip = make_delegation("Mayor's visit to Germany", officer=owner)
    project = make_project("Smart fridge plant", reference="QD-2019-0001")
    recorded = Meeting.objects.create(title="Talks with Haier", date=date(2019, 6, 3), delegation=trip)
    recorded.organizations.add(haier)
    return haier, siemens, known, engineer, trip, project, recorded


def test_meetings_preview_commit_and_a_second_import_changes_nothing(meetings, manager, owner):
    haier, siemens, known, engineer, trip, project, recorded = meetings
    content = xlsx(
        [
            ["日期", "会见主题", "形式", "团组", "会见单位", "会见人员", "我方人员", "项目", "会谈内容"],
            [
                "2019-06-03",
                "Talks with Haier",
                "会见",
                None,
                "Haier Europe",
                "Anna Schmidt",
                owner.username,
                None,
                None,
            ],
            [
                "2019年6月4日",
                "Site visit at Siemens",
                "Site visit",
                "Mayor's visit to Germany",
                "西门子；海尔欧洲有限公司",
                "Wang Fang、Anna Schmidt",
                None,
                "QD-2019-0001",
                "Toured the plant.",
            ],
            ["2019-06-05", "Dinner", None, "No such trip", None, None, None, None, None],
            ["2019-06-06", "Forum", None, None, "Siemens AG", "Anna Schmidt", None, None, None],
            ["someday", "Undated", None, None, None, None, None, None, None],
        ],
        title="会见记录",
    )
    plan = build_plan(MeetingImporter(manager), content, "会见记录.xlsx")

    assert outcome(plan) == [
        (2, "update", "Talks with Haier"),
        (3, "create", None),
        (4, "error", None),
        (5, "error", None),
        (6, "error", None),
    ]
    rows = {row.number: row for row in plan.rows}
    # Haier is met already; Anna Schmidt and the officer are added, nobody is taken off.
    assert set(rows[2].changes) == {"contacts", "officers"}
    assert rows[4].errors == [("团组", "“No such trip” is not recorded.")]
    assert rows[5].errors == [("会见人员", "“Anna Schmidt” is not recorded at the organizations the row names.")]
    assert rows[6].errors[0][0] == "日期"

    commit(
        MeetingImporter(manager),
        upload(content, manager, "meetings", "会见记录.xlsx"),
        user=manager,
        digest=plan.digest(),
    )

    recorded.refresh_from_db()
    assert set(recorded.organizations.all()) == {haier}
    assert set(recorded.contacts.all()) == {known}
    assert set(recorded.officers.all()) == {owner}
    assert recorded.delegation == trip, "a blank cell leaves the recorded trip alone"
    visit = Meeting.objects.get(title="Site visit at Siemens")
    assert (visit.date, visit.kind, visit.delegation, visit.project) == (date(2019, 6, 4), "site_visit", trip, project)
    assert set(visit.organizations.all()) == {siemens, haier}
    assert set(visit.contacts.all()) == {engineer, known}
    assert visit.summary == "Toured the plant." and "row 3" in visit.provenance
    assert Meeting.objects.count() == 2

    again = build_plan(MeetingImporter(manager), content, "会见记录.xlsx")
    assert [row.action for row in again.rows] == ["unchanged", "unchanged", "error", "error", "error"]


def test_a_meeting_on_a_confidential_project_of_another_officer_is_not_matched(meetings, owner, other_officer):
    *_rest, project, _recorded = meetings
    project.is_confidential = True
    project.officer = owner
    project.save()
    content = csv_bytes([["date", "title", "project"], ["2019-06-04", "Call", "QD-2019-0001"]])
    plan = build_plan(MeetingImporter(other_officer), content, "calls.csv")
    assert plan.rows[0].errors == [("project", "“QD-2019-0001” is not recorded.")]


def test_names_in_one_cell():
    assert items("Haier; Siemens ;Bosch") == ["Haier", "Siemens", "Bosch"]
    assert items("海尔、西门子；博世\n青岛港") == ["海尔", "西门子", "博世", "青岛港"]
    assert items(None) == [] and items("  ") == []


def test_a_meetings_row_finds_a_person_of_no_organization_beside_the_organizations_it_names(meetings, manager):
    expert = Contact.objects.create(name="Piero Scaruffi")
    content = csv_bytes(
        [
            ["date", "title", "kind", "organizations", "contacts"],
            ["2019-06-05", "Expert talks", "meeting", "Haier Europe GmbH", "Anna Schmidt; Piero Scaruffi"],
        ]
    )
    plan = build_plan(MeetingImporter(manager), content, "meetings.csv")
    (row,) = plan.rows
    assert row.errors == []
    assert set(row.values["people"]["contacts"]) == {meetings[2], expert}
