"""A file on a confidential project reaches only those who may see the project: never another officer, by any URL."""

import pytest
from django.urls import reverse

from core import notes
from core.models import Attachment, Note
from tests.notes.conftest import PDF_BYTES, login, pdf, png, stored_files

pytestmark = pytest.mark.django_db


@pytest.fixture
def secret_files(owner, secret_project):
    note = notes.add_note(record=secret_project, user=owner, text="Investor asks for a tax holiday.")
    document = notes.attach_file(record=secret_project, user=owner, upload=pdf("term-sheet.pdf"))
    photo = notes.attach_file(record=secret_project, user=owner, upload=png("site.png"))
    return note, document, photo


def test_another_officer_cannot_reach_a_confidential_projects_files(
    client, other_officer, secret_project, secret_files
):
    note, document, photo = secret_files
    login(client, other_officer)
    urls = [
        reverse("attachment_download", args=[document.pk]),
        reverse("attachment_download", args=[photo.pk]),
        reverse("attachment_download", args=[photo.pk]) + "?thumbnail=1",
        reverse("attachment_thumbnail", args=[photo.pk]),
        reverse("record_notes", args=["projects", "investmentproject", secret_project.pk]),
        reverse("record_notes", args=["projects", "investmentproject", secret_project.pk]) + "?kind=files",
        reverse("note_remove", args=[note.pk]),
        reverse("attachment_remove", args=[document.pk]),
        secret_project.get_absolute_url(),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 404, url
        assert b"term-sheet" not in response.content and b"tax holiday" not in response.content, url
    # Nor can they add to it, or remove from it.
    args = ["projects", "investmentproject", secret_project.pk]
    assert client.post(reverse("note_add", args=args), {"text": "Peek"}).status_code == 404
    assert client.post(reverse("attachment_add", args=args), {"file": pdf("x.pdf")}).status_code == 404
    assert client.post(reverse("note_remove", args=[note.pk])).status_code == 404
    assert client.post(reverse("attachment_remove", args=[document.pk])).status_code == 404
    assert Note.objects.present().count() == 1 and Attachment.objects.present().count() == 2
    # Nor is it listed on the history page of the project, which they cannot open either.
    history = client.get(reverse("record_history", args=args))
    assert history.status_code == 404


def test_the_owner_and_a_manager_can_fetch_them(client, owner, manager, secret_files):
    _note, document, photo = secret_files
    for user in (owner, manager):
        login(client, user)
        response = client.get(reverse("attachment_download", args=[document.pk]))
        assert response.status_code == 200, user
        assert b"".join(response.streaming_content) == PDF_BYTES
        thumbnail = client.get(reverse("attachment_thumbnail", args=[photo.pk]))
        assert (thumbnail.status_code, thumbnail["Content-Type"]) == (200, "image/png")
        assert thumbnail["X-Content-Type-Options"] == "nosniff"
        page = client.get(document.record.get_absolute_url()).content.decode()
        assert "term-sheet.pdf" in page and "Investor asks for a tax holiday." in page


def test_a_public_project_is_open_to_every_officer(client, other_officer, own_project, owner):
    note = notes.add_note(record=own_project, user=owner, text="Public remark")
    document = notes.attach_file(record=own_project, user=owner, upload=pdf())
    login(client, other_officer)
    assert client.get(reverse("attachment_download", args=[document.pk])).status_code == 200
    page = client.get(own_project.get_absolute_url()).content.decode()
    assert "Public remark" in page and "signed-mou.pdf" in page
    # They may add to it, but not remove the owner's note (they may not change the project).
    assert reverse("note_remove", args=[note.pk]) not in page
    client.post(reverse("note_add", args=["projects", "investmentproject", own_project.pk]), {"text": "Mine"})
    assert Note.objects.filter(author=other_officer).exists()


def test_a_user_without_a_role_sees_nothing(client, no_role, owner, own_project):
    document = notes.attach_file(record=own_project, user=owner, upload=pdf())
    login(client, no_role)
    assert client.get(reverse("attachment_download", args=[document.pk])).status_code == 404
    response = client.post(reverse("note_add", args=["projects", "investmentproject", own_project.pk]), {"text": "x"})
    assert response.status_code == 404 and not Note.objects.exists()


def test_the_stored_folder_is_not_served_as_static_or_media(client, owner, own_project, attachments_dir, settings):
    document = notes.attach_file(record=own_project, user=owner, upload=pdf())
    assert stored_files(attachments_dir) == [document.stored_name]
    assert not str(attachments_dir).startswith(str(settings.BASE_DIR / "static"))
    login(client, owner)
    assert client.get(f"/{settings.STATIC_URL}{document.stored_name}").status_code == 404
    assert client.get(f"/{document.stored_name}").status_code == 404
