"""The "Notes and files" section runs as many queries for 20 notes and files as for 2."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core import notes
from core.views import SECTION_ROWS
from tests.conftest import make_user
from tests.notes.conftest import login, pdf

pytestmark = pytest.mark.django_db


def add(project, authors, count, start=0):
    for number in range(start, start + count):
        author = authors[number % len(authors)]
        notes.add_note(record=project, user=author, text=f"Note number {number:03}")
        notes.attach_file(record=project, user=author, upload=pdf(f"file-{number:03}.pdf"))


def queries(client, url, shows):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    content = response.content.decode()
    assert [text for text in shows if text not in content] == []
    return len(captured), content


@pytest.mark.parametrize("persona", ["owner", "other_officer", "manager"])
def test_the_project_page_queries_do_not_grow_with_its_notes(client, request, owner, own_project, persona):
    viewer = request.getfixturevalue(persona)
    authors = [owner, make_user("third", "Officer")]
    login(client, viewer)
    url = own_project.get_absolute_url()
    add(own_project, authors, 2)
    few, _ = queries(client, url, ["Note number 001", "file-001.pdf"])
    add(own_project, authors, 18, start=2)
    many, content = queries(client, url, ["Note number 019", "file-019.pdf"])
    assert many == few
    # Capped, with the way to the rest.
    assert content.count('class="note mb-2"') == SECTION_ROWS
    assert "Show all 20 notes" in content and "Show all 20 files" in content


def test_the_all_notes_page_lists_them_all_in_fixed_queries(client, owner, own_project):
    login(client, owner)
    url = reverse("record_notes", args=["projects", "investmentproject", own_project.pk])
    add(own_project, [owner], 2)
    few, _ = queries(client, url + "?kind=files", ["file-001.pdf"])
    add(own_project, [owner], 18, start=2)
    many, content = queries(client, url + "?kind=files", ["file-000.pdf", "file-019.pdf"])
    assert many == few
    _, content = queries(client, url, ["Note number 000", "Note number 019"])
