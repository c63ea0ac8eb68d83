"""Removing a note or file: confirmed first, allowed to its author and to who may change the record, kept in history."""

import pytest
from django.urls import reverse

from core import notes
from core.models import Attachment, Note
from tests.conftest import make_user
from tests.notes.conftest import login, pdf, stored_files

pytestmark = pytest.mark.django_db


@pytest.fixture
def others_note(other_officer, own_project):
    """A note another officer added to the owner's (public) project."""
    return notes.add_note(record=own_project, user=other_officer, text="Heard they also talk to Tianjin.")


def test_the_author_removes_their_note_after_confirming(client, other_officer, others_note, own_project):
    login(client, other_officer)
    page = client.get(own_project.get_absolute_url()).content.decode()
    url = reverse("note_remove", args=[others_note.pk])
    assert url in page
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "Heard they also talk to Tianjin." in confirm.content.decode()
    others_note.refresh_from_db()
    assert not others_note.is_removed  # asking is not removing

    response = client.post(url, follow=True)
    assert "The note is removed from the record; its history keeps it." in [
        str(m) for m in response.context["messages"]
    ]
    assert "Heard they also talk to Tianjin." not in client.get(own_project.get_absolute_url()).content.decode()
    # Kept, with who removed it and when, and a line in the note's own history.
    others_note.refresh_from_db()
    assert others_note.is_removed and others_note.removed_by == other_officer
    assert [row.history_type for row in others_note.history.order_by("history_date")] == ["+", "~"]


def test_the_project_officer_and_a_manager_may_remove_anothers_note(client, owner, manager, other_officer, own_project):
    for user in (owner, manager):
        note = notes.add_note(record=own_project, user=other_officer, text=f"For {user.username} to remove")
        assert notes.may_remove(user, note)
        login(client, user)
        assert client.get(reverse("note_remove", args=[note.pk])).status_code == 200
        client.post(reverse("note_remove", args=[note.pk]))
        note.refresh_from_db()
        assert note.removed_by == user


def test_anyone_else_is_refused(client, owner, own_project):
    note = notes.add_note(record=own_project, user=owner, text="A note by the owner")
    document = notes.attach_file(record=own_project, user=owner, upload=pdf())
    bystander = make_user("bystander", "Officer")
    login(client, bystander)
    page = client.get(own_project.get_absolute_url()).content.decode()
    assert "A note by the owner" in page and "Remove" not in page.split('id="notes"')[1].split("</section>")[0]
    for url in (reverse("note_remove", args=[note.pk]), reverse("attachment_remove", args=[document.pk])):
        assert client.get(url).status_code == 403
        assert client.post(url).status_code == 403
    assert Note.objects.present().count() == 1 and Attachment.objects.present().count() == 1
    with pytest.raises(Exception, match="Only its author"):
        notes.remove_note(note=note, user=bystander)


def test_a_removed_file_is_kept_on_disk_but_no_longer_served(client, owner, own_project, attachments_dir):
    document = notes.attach_file(record=own_project, user=owner, upload=pdf())
    login(client, owner)
    client.post(reverse("attachment_remove", args=[document.pk]))
    document.refresh_from_db()
    assert document.is_removed
    assert stored_files(attachments_dir) == [document.stored_name]
    assert client.get(document.get_absolute_url()).status_code == 404
    # A second removal changes nothing and says so.
    response = client.post(reverse("attachment_remove", args=[document.pk]), follow=True)
    assert "It was already removed." in [str(m) for m in response.context["messages"]]


def test_the_admin_lists_notes_and_removes_by_the_same_rule(client, admin_user, owner, own_project):
    note = notes.add_note(record=own_project, user=owner, text="Seen in the admin")
    login(client, admin_user)
    listing = client.get(reverse("admin:core_note_changelist"))
    assert listing.status_code == 200 and "Seen in the admin" in listing.content.decode()
    client.post(reverse("admin:core_note_changelist"), {"action": "remove_selected", "_selected_action": [note.pk]})
    note.refresh_from_db()
    assert note.removed_by == admin_user
    assert client.get(reverse("admin:core_attachment_changelist")).status_code == 200
