"""Every URL of the app for each persona: anonymous, the owning officer, another officer, a manager, an admin,
and a signed-in user with no role.

The records under test belong to the owning officer, as its officer, owner, attendee or creator
(``core.access.can_change``); "secret" rows use a confidential project of theirs, or a meeting,
agreement or follow-up concerning it. Besides the status of every page, the test checks what the
pages let out: the confidential project's name reaches no one who may not see it, and a user with no
role sees no record at all. A new URL without a row here fails ``test_every_url_is_in_the_matrix``.
"""

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLResolver, get_resolver, reverse
from PIL import Image

from core import notes
from core.api_tokens import issue_api_token
from crm.models import Event
from partners.models import CountryGroup
from tests.conftest import (
    make_agreement,
    make_contact,
    make_delegation,
    make_follow_up,
    make_meeting,
    make_organization,
    make_park,
    make_project,
)

PERSONAS = ("anonymous", "owner", "other_officer", "manager", "admin_user", "no_role")
# Statuses for the five signed-in personas. Every page but My work needs a view permission, which
# only the roles give: the user with no role is refused (403), or told that a record they may not
# see does not exist (404), as the other officer is.
EVERYONE = (200, 200, 200, 200, 403)  # everyone with a role
SIGNED_IN = (200, 200, 200, 200, 200)
OWNER_AND_MANAGERS = (200, 403, 200, 200, 403)
HIDDEN_FROM_OTHERS = (200, 404, 200, 200, 404)
HISTORY_HIDDEN_FROM_OTHERS = (200, 404, 200, 200, 403)  # the history page checks the permission first
MANAGERS_ONLY = (403, 403, 200, 200, 403)
# A note or file: its author and those who may change the record remove it; others who see the record are refused.
REMOVERS = (200, 403, 200, 200, 404)
# Notes and files follow their record; a user with no role sees no record, so none of its notes.
WITH_THE_RECORD = (200, 200, 200, 200, 404)
POST_ONLY = (405, 405, 405, 405, 405)

# URL name, the record its arguments come from (None: no arguments), statuses of a GET.
GET_MATRIX = [
    ("crm:my_work", None, SIGNED_IN),
    ("crm:dashboard", None, MANAGERS_ONLY),
    ("crm:kpis", None, MANAGERS_ONLY),
    ("crm:report_index", None, MANAGERS_ONLY),
    ("crm:export_list", None, MANAGERS_ONLY),
    ("crm:imports", None, MANAGERS_ONLY),
    ("crm:visit_log", None, EVERYONE),
    ("partners:organization_list", None, EVERYONE),
    ("partners:organization_create", None, EVERYONE),
    ("partners:organization_detail", "organization", EVERYONE),
    ("partners:organization_update", "organization", EVERYONE),
    ("partners:organization_archive", "organization", POST_ONLY),
    ("partners:organization_duplicates", None, MANAGERS_ONLY),
    ("partners:organization_merge", "organization", MANAGERS_ONLY),
    ("partners:contact_list", None, EVERYONE),
    ("partners:contact_create", None, EVERYONE),
    ("partners:contact_detail", "contact", EVERYONE),
    ("partners:contact_update", "contact", EVERYONE),
    ("partners:contact_archive", "contact", POST_ONLY),
    ("partners:country_list", None, EVERYONE),
    ("partners:country_detail", "country", EVERYONE),
    ("partners:country_group_detail", "country_group", EVERYONE),
    ("projects:project_list", None, EVERYONE),
    ("projects:project_create", None, EVERYONE),
    ("projects:project_detail", "project", EVERYONE),
    ("projects:project_update", "project", OWNER_AND_MANAGERS),
    ("projects:project_update", "project_created", OWNER_AND_MANAGERS),
    ("projects:project_move", "project", OWNER_AND_MANAGERS),
    ("projects:project_inflow", "project", OWNER_AND_MANAGERS),
    ("projects:project_archive", "project", POST_ONLY),
    ("projects:project_detail", "secret", HIDDEN_FROM_OTHERS),
    ("projects:project_update", "secret", HIDDEN_FROM_OTHERS),
    ("projects:project_move", "secret", HIDDEN_FROM_OTHERS),
    ("projects:project_inflow", "secret", HIDDEN_FROM_OTHERS),
    ("projects:park_list", None, EVERYONE),
    ("projects:rate_list", None, EVERYONE),
    ("projects:park_detail", "park", EVERYONE),
    ("crm:delegation_list", None, EVERYONE),
    ("crm:delegation_create", None, EVERYONE),
    ("crm:delegation_detail", "delegation", EVERYONE),
    ("crm:delegation_update", "delegation", OWNER_AND_MANAGERS),
    ("crm:delegation_update", "delegation_created", OWNER_AND_MANAGERS),
    ("crm:meeting_list", None, EVERYONE),
    ("crm:meeting_create", None, EVERYONE),
    ("crm:meeting_detail", "meeting", EVERYONE),
    ("crm:meeting_update", "meeting", OWNER_AND_MANAGERS),
    ("crm:meeting_update", "meeting_attended", OWNER_AND_MANAGERS),
    ("crm:meeting_update", "meeting_created", OWNER_AND_MANAGERS),
    ("crm:meeting_detail", "secret_meeting", EVERYONE),
    ("crm:meeting_update", "secret_meeting", OWNER_AND_MANAGERS),
    ("crm:agreement_list", None, EVERYONE),
    ("crm:agreement_create", None, EVERYONE),
    ("crm:agreement_detail", "agreement", EVERYONE),
    ("crm:agreement_update", "agreement", OWNER_AND_MANAGERS),
    ("crm:agreement_update", "agreement_created", OWNER_AND_MANAGERS),
    ("crm:agreement_make_project", "agreement", EVERYONE),
    ("crm:agreement_detail", "secret_agreement", EVERYONE),
    ("crm:agreement_update", "secret_agreement", OWNER_AND_MANAGERS),
    ("crm:event_list", None, EVERYONE),
    ("crm:event_create", None, EVERYONE),
    ("crm:event_detail", "event", EVERYONE),
    ("crm:event_update", "event", EVERYONE),
    ("crm:followup_list", None, EVERYONE),
    ("crm:followup_create", None, EVERYONE),
    ("crm:followup_detail", "follow_up", EVERYONE),
    ("crm:followup_update", "follow_up", OWNER_AND_MANAGERS),
    ("crm:followup_update", "follow_up_created", OWNER_AND_MANAGERS),
    ("crm:followup_complete", "follow_up", POST_ONLY),
    ("crm:followup_detail", "secret_follow_up", EVERYONE),
    ("crm:followup_update", "secret_follow_up", OWNER_AND_MANAGERS),
    ("crm:followup_cancel", "follow_up", POST_ONLY),
    ("crm:followup_reopen", "follow_up", POST_ONLY),
    ("crm:calendar_feed_page", None, EVERYONE),
    ("api_token_list", None, SIGNED_IN),
    # Search answers everyone signed in; what it finds is each kind's visibility (tests/search/).
    ("search", None, SIGNED_IN),
    # One's own tokens only, whoever else asks (an administrator too).
    ("api_token_revoke", "api_token", (200, 404, 404, 404, 404)),
    ("crm:followup_ics", "follow_up", EVERYONE),
    ("crm:followup_ics", "secret_follow_up", EVERYONE),
    ("crm:delegation_ics", "delegation", EVERYONE),
    ("lookup", "lookup", EVERYONE),
    ("record_history", "project_history", EVERYONE),
    ("record_history", "secret_history", HISTORY_HIDDEN_FROM_OTHERS),
    # Records about a confidential project are shown to other officers with the project masked.
    ("record_history", "secret_meeting_history", EVERYONE),
    ("record_history", "secret_follow_up_history", EVERYONE),
    ("record_notes", "project_notes", WITH_THE_RECORD),
    ("record_notes", "secret_notes", HIDDEN_FROM_OTHERS),
    ("note_add", "project_notes", POST_ONLY),
    ("attachment_add", "project_notes", POST_ONLY),
    ("note_remove", "note", REMOVERS),
    ("note_remove", "secret_note", HIDDEN_FROM_OTHERS),
    ("attachment_remove", "file", REMOVERS),
    ("attachment_remove", "secret_file", HIDDEN_FROM_OTHERS),
    ("attachment_download", "file", WITH_THE_RECORD),
    ("attachment_download", "secret_file", HIDDEN_FROM_OTHERS),
    ("attachment_thumbnail", "file", WITH_THE_RECORD),
    ("attachment_thumbnail", "secret_file", HIDDEN_FROM_OTHERS),
    # Each user's own notifications and reminder preference.
    ("notification_list", None, SIGNED_IN),
    ("reminder_preference", None, SIGNED_IN),
    ("projects:city_figures", None, EVERYONE),
]

# Actions that change a record: URL name, record, statuses of a POST for the logged-in personas.
POST_MATRIX = [
    ("projects:project_archive", "project", (302, 403, 302, 302, 403)),
    ("projects:project_archive", "secret", (302, 404, 302, 302, 404)),
    ("partners:organization_archive", "organization", (302, 302, 302, 302, 403)),
    ("partners:contact_archive", "contact", (302, 302, 302, 302, 403)),
    ("crm:followup_complete", "follow_up", (302, 403, 302, 302, 403)),
    ("crm:followup_cancel", "follow_up", (302, 403, 302, 302, 403)),
    ("crm:followup_reopen", "follow_up", (302, 403, 302, 302, 403)),
    # An edit refused is refused on saving too; a permitted one with nothing typed shows the form again.
    ("crm:delegation_update", "delegation", (200, 403, 200, 200, 403)),
    ("crm:meeting_update", "meeting", (200, 403, 200, 200, 403)),
    ("crm:agreement_update", "agreement", (200, 403, 200, 200, 403)),
    ("crm:followup_update", "follow_up", (200, 403, 200, 200, 403)),
    ("projects:project_update", "project", (200, 403, 200, 200, 403)),
    ("crm:event_update", "event", (200, 200, 200, 200, 403)),
    ("partners:organization_update", "organization", (200, 200, 200, 200, 403)),
    ("partners:contact_update", "contact", (200, 200, 200, 200, 403)),
    # Officers read the rates; only managers (and administrators) add one.
    ("projects:rate_list", None, (403, 403, 200, 200, 403)),
    ("api_token_revoke", "api_token", (302, 404, 404, 404, 404)),
    # An empty note or a missing file is refused with a message, back on the record's page.
    ("note_add", "project_notes", (302, 302, 302, 302, 404)),
    ("note_add", "secret_notes", (302, 404, 302, 302, 404)),
    ("attachment_add", "secret_notes", (302, 404, 302, 302, 404)),
    ("note_remove", "note", (302, 403, 302, 302, 404)),
    ("attachment_remove", "secret_file", (302, 404, 302, 302, 404)),
]

# Served by Django itself and tested there or elsewhere in the suite.
NOT_IN_MATRIX = {"login", "logout", "password_change", "password_change_done", "set_language"}
# A period or an issued report's number to read: tests/crm/test_reports.py opens each for every persona.
NOT_IN_MATRIX |= {
    "crm:report_preview",
    "crm:report_workbook",
    "crm:report_issue",
    "crm:report_detail",
    "crm:report_issued_workbook",
}
# Opened by its secret token, not a session: tests/crm/test_calendar_feed.py.
NOT_IN_MATRIX |= {"crm:calendar_feed"}
# An upload's preview and the templates take arguments this matrix does not make; tests/imports covers them.
NOT_IN_MATRIX |= {"crm:import_preview", "crm:import_template"}
# The REST API answers JSON (an anonymous caller gets 401/403, not the log-in page): tests/api has its own
# matrix of every endpoint for each persona, and tests/api/test_endpoints.py fails on an endpoint it lacks.
NOT_IN_MATRIX |= {"api_schema", "api_docs", "api_redoc"}
# Answer POST only: their own tests refuse the wrong person and change nothing for them
# (tests/crm/test_followup_bulk.py, tests/projects/test_project_bulk.py, tests/foundation/test_saved_views.py).
NOT_IN_MATRIX |= {"crm:followup_bulk", "projects:project_bulk", "saved_view_save", "saved_view_delete"}
# A notification is its recipient's alone: tests/reminders/test_notifications.py opens one's own, is refused
# another's (404) and marks all read by POST only.
NOT_IN_MATRIX |= {"notification_open", "notification_read_all"}
API_NAMESPACE = "api:"


SECRET = "Secret battery gigafactory"  # the confidential project's name
# The name of every record the fixture makes: a user with no role sees none of them anywhere.
RECORD_NAMES = (
    "Haifa Port",
    "Amir Cohen",
    "Open solar plant",
    SECRET,
    "Haifa port delegation",
    "Talks on the solar plant",
    "Talks on the gigafactory",
    "Port cooperation MOU",
    "Gigafactory land MOU",
    "Qingdao Week in Germany",
    "Send the solar tariff",
    "Send the gigafactory offer",
)


@pytest.fixture
def records(owner, manager, settings, tmp_path):
    settings.CRM_ATTACHMENTS_DIR = tmp_path / "attachments"
    organization = make_organization(name="Haifa Port")
    park = make_park()
    project = make_project(name="Open solar plant", officer=owner, investor=organization, park=park)
    # Confidential, and tied to the same organization, park and country as the open project.
    secret = make_project(
        name=SECRET,
        officer=owner,
        is_confidential=True,
        investor=organization,
        park=park,
        origin_country=organization.country,
    )
    delegation = make_delegation("Haifa port delegation", officer=owner)
    meeting = make_meeting("Talks on the solar plant", delegation=delegation, project=project)
    secret_meeting = make_meeting("Talks on the gigafactory", delegation=delegation, project=secret)
    secret_meeting.organizations.add(organization)
    secret_agreement = make_agreement("Gigafactory land MOU", delegation=delegation, meeting=secret_meeting)
    secret_agreement.projects.add(secret)
    secret_follow_up = make_follow_up(owner, "Send the gigafactory offer", project=secret)
    attended = make_meeting()
    attended.officers.add(owner)
    country_group = CountryGroup.objects.create(code="sco", name="SCO member")
    country_group.countries.add(organization.country)
    image = io.BytesIO()
    Image.new("RGB", (300, 200)).save(image, format="PNG")
    note = notes.add_note(record=project, user=owner, text="Tariff talks went well")
    secret_note = notes.add_note(record=secret, user=owner, text="Land price agreed")
    file = notes.attach_file(record=project, user=owner, upload=SimpleUploadedFile("site.png", image.getvalue()))
    secret_file = notes.attach_file(record=secret, user=owner, upload=SimpleUploadedFile("plot.png", image.getvalue()))
    # Typed in by the owner, the rest of the record names nobody (or the manager).
    created = {"created_by": owner}
    return {
        "delegation_created": {"pk": make_delegation(officer=manager, **created).pk},
        "meeting_attended": {"pk": attended.pk},
        "meeting_created": {"pk": make_meeting(**created).pk},
        "agreement_created": {"pk": make_agreement(**created).pk},
        "follow_up_created": {"pk": make_follow_up(manager, **created).pk},
        "project_created": {"pk": make_project(name="Drafted project", officer=manager, **created).pk},
        "organization": {"pk": organization.pk},
        "contact": {"pk": make_contact("Amir Cohen", organization=organization).pk},
        "country": {"code": organization.country.code},
        "country_group": {"code": country_group.code},
        "park": {"code": park.code},
        "project": {"pk": project.pk},
        "secret": {"pk": secret.pk},
        "delegation": {"pk": delegation.pk},
        "meeting": {"pk": meeting.pk},
        "secret_meeting": {"pk": secret_meeting.pk},
        "agreement": {"pk": make_agreement("Port cooperation MOU", delegation=delegation).pk},
        "secret_agreement": {"pk": secret_agreement.pk},
        "event": {"pk": Event.objects.create(name="Qingdao Week in Germany", start_date=date(2019, 6, 5)).pk},
        "follow_up": {"pk": make_follow_up(owner, "Send the solar tariff", project=project).pk},
        "secret_follow_up": {"pk": secret_follow_up.pk},
        "lookup": {"kind": "organization"},
        "api_token": {"pk": issue_api_token(user=owner, name="Provincial reporting")[0].pk},
        "project_history": {"app_label": "projects", "model_name": "investmentproject", "pk": project.pk},
        "secret_history": {"app_label": "projects", "model_name": "investmentproject", "pk": secret.pk},
        "secret_meeting_history": {"app_label": "crm", "model_name": "meeting", "pk": secret_meeting.pk},
        "secret_follow_up_history": {"app_label": "crm", "model_name": "followup", "pk": secret_follow_up.pk},
        "project_notes": {"app_label": "projects", "model_name": "investmentproject", "pk": project.pk},
        "secret_notes": {"app_label": "projects", "model_name": "investmentproject", "pk": secret.pk},
        "note": {"pk": note.pk},
        "secret_note": {"pk": secret_note.pk},
        "file": {"pk": file.pk},
        "secret_file": {"pk": secret_file.pk},
    }


def url_for(name, record, records):
    return reverse(name, kwargs=records[record] if record else None)


def log_in_as(client, request, persona):
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))


# Who may not see the confidential project, and what they must not read anywhere.
MUST_NOT_READ = {"other_officer": (SECRET,), "no_role": RECORD_NAMES}
# Records whose pages name the confidential project to those who may see it (the histories of the
# meeting and follow-up about it list changes, not the project).
NAMING_THE_SECRET = {
    "secret",
    "secret_meeting",
    "secret_agreement",
    "secret_follow_up",
    "secret_history",
    "secret_notes",
    "secret_note",
}


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_get_every_url(client, request, records, persona):
    log_in_as(client, request, persona)
    seen, read, secret_named = {}, {}, {}
    for name, record, statuses in GET_MATRIX:
        url = url_for(name, record, records)
        response = client.get(url)
        if persona == "anonymous":
            assert response.status_code == 302, url
            assert response["Location"].startswith(reverse("login")), url
            continue
        seen[url] = (response.status_code, statuses[PERSONAS.index(persona) - 1])
        # A file is streamed; what it lets out is read all the same.
        body = b"".join(response.streaming_content) if response.streaming else response.content
        content = body.decode(errors="ignore")
        read[url] = [text for text in MUST_NOT_READ.get(persona, ()) if text in content]
        if record in NAMING_THE_SECRET and response.status_code == 200:
            secret_named[url] = SECRET in content
    assert {url: got for url, (got, _) in seen.items()} == {url: want for url, (_, want) in seen.items()}
    assert {url: texts for url, texts in read.items() if texts} == {}
    if persona in ("owner", "manager", "admin_user"):
        # Those who may see it find the project named on every page about it: the check above is not idle.
        assert secret_named and secret_named == dict.fromkeys(secret_named, True)


@pytest.mark.django_db
def test_unknown_records_are_not_found(client, owner, records):
    client.force_login(owner)
    unknown = {"pk": 999_999, "code": "no-such-code", "kind": "no-such-kind"}
    statuses = {}
    for name, record, row_statuses in GET_MATRIX:
        if record is None or row_statuses == POST_ONLY:
            continue
        kwargs = {key: unknown.get(key, value) for key, value in records[record].items()}
        url = reverse(name, kwargs=kwargs)
        statuses[url] = client.get(url).status_code
    assert statuses == dict.fromkeys(statuses, 404)


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("name", "record", "statuses"), POST_MATRIX)
def test_post_actions(client, request, records, persona, name, record, statuses):
    log_in_as(client, request, persona)
    response = client.post(url_for(name, record, records))
    if persona == "anonymous":
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    else:
        assert response.status_code == statuses[PERSONAS.index(persona) - 1]


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["anonymous", "owner", "manager", "no_role"])
def test_admin_is_for_administrators_only(client, request, persona):
    log_in_as(client, request, persona)
    for url in (reverse("admin:index"), reverse("admin:projects_investmentproject_changelist")):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("admin:login")), url


@pytest.mark.django_db
def test_admin_opens_for_the_administrator(client, admin_user):
    client.force_login(admin_user)
    assert client.get(reverse("admin:index")).status_code == 200


def _url_names(patterns, namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue
            yield from _url_names(pattern.url_patterns, pattern.namespace or namespace)
        elif pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def test_every_url_is_in_the_matrix():
    covered = {name for name, _, _ in GET_MATRIX} | NOT_IN_MATRIX
    names = {name for name in _url_names(get_resolver().url_patterns) if not name.startswith(API_NAMESPACE)}
    assert names - covered == set()
