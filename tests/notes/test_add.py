"""An officer adds a note and a PDF to their own project: both are kept, listed and announced; bad input is told why."""

import pytest
from django.urls import reverse

from core.models import NOTE_MAX_LENGTH, Attachment, Note
from core.signals import record_commented
from tests.conftest import make_delegation, make_meeting, make_organization
from tests.notes.conftest import PDF_BYTES, pdf, stored_files, upload

pytestmark = pytest.mark.django_db


def args(record):
    return [record._meta.app_label, record._meta.model_name, record.pk]


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


@pytest.fixture
def received():
    calls = []

    def receiver(sender, **kwargs):
        calls.append((sender, kwargs))

    record_commented.connect(receiver, weak=False)
    yield calls
    record_commented.disconnect(receiver)


def test_officer_adds_a_note_and_a_pdf_to_their_project(owner_client, owner, own_project, attachments_dir, received):
    page = own_project.get_absolute_url()
    response = owner_client.post(
        reverse("note_add", args=args(own_project)),
        {"text": "Called the CFO: board decides in March.", "written_on": "2026-11-30"},
        follow=True,
    )
    assert response.redirect_chain[-1][0].startswith(page)
    assert "The note is added." in messages_of(response)
    note = Note.objects.get()
    assert (note.record, note.author, str(note.written_on)) == (own_project, owner, "2026-11-30")

    response = owner_client.post(
        reverse("attachment_add", args=args(own_project)), {"file": pdf(), "caption": "Signed MOU"}, follow=True
    )
    assert "“signed-mou.pdf” is attached." in messages_of(response)
    attachment = Attachment.objects.get()
    assert (attachment.record, attachment.author, attachment.size) == (own_project, owner, len(PDF_BYTES))
    assert attachment.mime_type == "application/pdf" and attachment.caption == "Signed MOU"
    # Kept under a generated name, in the attachments folder, never under the name it was uploaded as.
    assert stored_files(attachments_dir) == [attachment.stored_name]
    assert "signed-mou" not in attachment.stored_name
    assert (attachments_dir / attachment.stored_name).read_bytes() == PDF_BYTES

    content = owner_client.get(page).content.decode()
    assert "Called the CFO: board decides in March." in content
    assert "signed-mou.pdf" in content and reverse("attachment_download", args=[attachment.pk]) in content

    download = owner_client.get(reverse("attachment_download", args=[attachment.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF_BYTES
    assert download["Content-Type"] == "application/pdf"
    assert download["X-Content-Type-Options"] == "nosniff"
    assert (
        download["Content-Disposition"].startswith("attachment;")
        and "signed-mou.pdf" in download["Content-Disposition"]
    )

    # One signal per addition, naming the record, the note or file, and its author.
    assert [(sender, kwargs["record"], kwargs["note"], kwargs["author"]) for sender, kwargs in received] == [
        (Note, own_project, note, owner),
        (Attachment, own_project, attachment, owner),
    ]


def test_note_date_defaults_to_today(owner_client, own_project):
    from django.utils import timezone

    owner_client.post(reverse("note_add", args=args(own_project)), {"text": "Site visit went well."})
    assert Note.objects.get().written_on == timezone.localdate()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"text": "   "}, "Write the note before adding it."),
        ({}, "Write the note before adding it."),
        ({"text": "x" * (NOTE_MAX_LENGTH + 1)}, f"A note may be at most {NOTE_MAX_LENGTH} characters"),
        ({"text": "Fine", "written_on": "not a date"}, "Enter a valid date."),
        ({"text": "Fine", "written_on": "0001-01-01"}, ""),
    ],
)
def test_a_bad_note_is_refused_with_a_message(owner_client, own_project, received, data, message):
    response = owner_client.post(reverse("note_add", args=args(own_project)), data, follow=True)
    assert response.status_code == 200
    shown = messages_of(response)
    assert shown and message in " ".join(shown)
    assert not Note.objects.exists() and received == []


def test_a_missing_file_is_refused_with_a_message(owner_client, own_project, attachments_dir):
    response = owner_client.post(reverse("attachment_add", args=args(own_project)), {"caption": "x"}, follow=True)
    assert "Choose a file to attach." in messages_of(response)
    assert not Attachment.objects.exists() and stored_files(attachments_dir) == []


@pytest.mark.parametrize(
    "url",
    [
        lambda p: reverse("note_add", args=["projects", "investmentproject", 999999]),
        lambda p: reverse("note_add", args=["projects", "investmentproject", "abc"]),
        lambda p: reverse("note_add", args=["projects", "investmentproject", "99999999999999999999999"]),
        lambda p: reverse("note_add", args=["auth", "user", 1]),
        lambda p: reverse("note_add", args=["projects", "exchangerate", 1]),
        lambda p: reverse("note_add", args=["nothing", "here", p.pk]),
        lambda p: reverse("attachment_add", args=["projects", "investmentproject", 999999]),
        lambda p: reverse("record_notes", args=["projects", "investmentproject", 999999]),
        lambda p: reverse("attachment_download", args=[999999]),
        lambda p: reverse("attachment_download", args=["-1"]),
        lambda p: reverse("note_remove", args=[999999]),
        lambda p: reverse("attachment_remove", args=["x"]),
    ],
)
def test_a_wrong_record_is_a_404(owner_client, own_project, url):
    response = owner_client.post(url(own_project), {"text": "Hello"})
    assert response.status_code in (404, 405)
    assert owner_client.get(url(own_project)).status_code in (404, 405)
    assert not Note.objects.exists()


def test_other_records_take_notes_too(owner_client, owner):
    organization = make_organization("Siemens AG")
    trip = make_delegation("Germany trip", officer=owner)
    meeting = make_meeting("Talk at Siemens", delegation=trip)
    for record in (organization, trip, meeting):
        owner_client.post(reverse("note_add", args=args(record)), {"text": f"About {record}"})
        owner_client.post(reverse("attachment_add", args=args(record)), {"file": upload("notes.txt", b"plain text\n")})
        content = owner_client.get(record.get_absolute_url()).content.decode()
        assert f"About {record}" in content and "notes.txt" in content, record


def test_signing_in_is_required(client, own_project):
    response = client.post(reverse("note_add", args=args(own_project)), {"text": "Hello"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Note.objects.exists()
