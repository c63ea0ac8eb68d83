"""In a real browser: an officer attaches a file and adds a note on a project page, and sees both listed."""

import pytest

from core.models import Attachment, Note
from crm import roles
from tests.browser.conftest import log_in
from tests.conftest import make_project, make_user
from tests.notes.conftest import PDF_BYTES, attachments_dir  # noqa: F401  (files go to a temporary folder)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("attachments_dir"),
]


def test_an_officer_uploads_a_file_on_a_project_page_and_sees_it_listed(page, live_server, tmp_path):
    officer = make_user("officer", roles.OFFICER, first_name="Li", last_name="Na")
    project = make_project("Sino-German hydrogen bus plant", officer=officer)
    path = tmp_path / "signed-mou.pdf"
    path.write_bytes(PDF_BYTES)

    log_in(page, live_server, "officer", next_url=project.get_absolute_url())
    section = page.locator("#notes")
    section.get_by_label("File", exact=True).set_input_files(str(path))
    section.get_by_label("Caption (optional)").fill("MOU signed in Munich")
    section.get_by_role("button", name="Attach file").click()
    page.wait_for_load_state("networkidle")

    assert "“signed-mou.pdf” is attached." in page.locator(".alert-success").first.inner_text()
    listed = page.locator("#notes .file-list")
    assert listed.get_by_role("link", name="signed-mou.pdf").is_visible()
    assert "MOU signed in Munich" in listed.inner_text() and "Li Na" in listed.inner_text()

    section = page.locator("#notes")
    section.get_by_label("New note").fill("Investor wants the land by March.")
    section.get_by_role("button", name="Add note").click()
    page.wait_for_load_state("networkidle")
    assert "Investor wants the land by March." in page.locator("#notes .note-list").inner_text()

    attachment = Attachment.objects.get()
    assert (attachment.original_name, attachment.author, attachment.record) == ("signed-mou.pdf", officer, project)
    assert Note.objects.get().text == "Investor wants the land by March."
