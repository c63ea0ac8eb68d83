"""Notes and files stand on the record's timeline and in its history, removals included."""

import pytest
from django.urls import reverse

from core import notes
from tests.conftest import make_agreement, make_delegation
from tests.notes.conftest import login, pdf

pytestmark = pytest.mark.django_db


def test_the_project_timeline_lists_notes_and_files(client, owner, own_project):
    notes.add_note(record=own_project, user=owner, text="Board approved the second phase.")
    document = notes.attach_file(record=own_project, user=owner, upload=pdf("board-minutes.pdf"))
    login(client, owner)
    response = client.get(own_project.get_absolute_url())
    entries = {(entry.kind, entry.title) for entry in response.context["timeline"]}
    assert ("note", "Board approved the second phase.") in entries
    assert ("attachment", "board-minutes.pdf") in entries
    assert document.get_absolute_url() in [entry.url for entry in response.context["timeline"]]


@pytest.mark.parametrize("make", [lambda o: make_delegation("Trip", officer=o), lambda o: make_agreement("MOU")])
def test_other_timelines_list_them_too(client, owner, make):
    record = make(owner)
    notes.add_note(record=record, user=owner, text="Noted on the way back.")
    login(client, owner)
    response = client.get(record.get_absolute_url())
    assert ("note", "Noted on the way back.") in {(e.kind, e.title) for e in response.context["timeline"]}


def test_the_history_page_shows_notes_and_files_added_and_removed(client, owner, manager, own_project):
    note = notes.add_note(record=own_project, user=owner, text="A note to be removed")
    notes.attach_file(record=own_project, user=owner, upload=pdf("kept.pdf"))
    notes.remove_note(note=note, user=manager)
    login(client, owner)
    response = client.get(reverse("record_history", args=["projects", "investmentproject", own_project.pk]))
    labels = [(event.label, str(event.remark)) for event in response.context["remark_events"]]
    assert labels == [
        ("Note removed", "A note to be removed"),
        ("File added", "kept.pdf"),
        ("Note added", "A note to be removed"),
    ]
    content = response.content.decode()
    assert "Note removed" in content and "Wang Fang" in content and "kept.pdf" in content
