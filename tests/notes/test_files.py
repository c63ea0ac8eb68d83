"""What a file must be: within the size limit, of a type taken, its content as its name says; images get a thumbnail."""

import io

import pytest
from django.urls import reverse
from PIL import Image

from core import notes
from core.models import Attachment
from tests.notes.conftest import docx_bytes, login, pdf, png, png_bytes, stored_files, upload

pytestmark = pytest.mark.django_db

ATTACH = "attachment_add"


def attach(client, record, file, **data):
    url = reverse(ATTACH, args=[record._meta.app_label, record._meta.model_name, record.pk])
    return client.post(url, {"file": file, **data}, follow=True)


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_an_oversize_file_is_refused_naming_the_limit_and_nothing_is_stored(
    client, owner, own_project, settings, attachments_dir
):
    settings.CRM_ATTACHMENT_MAX_BYTES = 1000
    login(client, owner)
    response = attach(client, own_project, upload("report.pdf", b"%PDF-1.4\n" + b"x" * 2000))
    assert response.status_code == 200
    [message] = messages_of(response)
    assert "report.pdf" in message and "1000\xa0bytes" in message
    assert not Attachment.objects.exists() and stored_files(attachments_dir) == []


def test_the_service_refuses_an_oversize_file_too(owner, own_project, settings, attachments_dir):
    from django.core.exceptions import ValidationError

    settings.CRM_ATTACHMENT_MAX_BYTES = 10
    with pytest.raises(ValidationError) as refused:
        notes.attach_file(record=own_project, user=owner, upload=pdf())
    assert "a file may be at most 10\xa0bytes" in refused.value.messages[0]
    assert stored_files(attachments_dir) == []


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("setup.exe", b"MZ\x90\x00", "only these types are taken: pdf, png"),
        ("page.html", b"<script>alert(1)</script>", "only these types are taken"),
        ("drawing.svg", b"<svg/>", "only these types are taken"),
        ("no-extension", b"%PDF-1.4", "only these types are taken"),
        ("fake.pdf", b"MZ\x90\x00 not a pdf", "its content is not a PDF file"),
        ("photo.png", b"%PDF-1.4 a pdf in disguise", "its content is not a PNG file"),
        ("photo.jpg", png_bytes(), "its content is not a JPG file"),
        ("minutes.docx", b"PK\x03\x04 broken zip", "its content is not a DOCX file"),
        ("minutes.xlsx", docx_bytes(), "its content is not a XLSX file"),
        ("list.csv", b"a,b\x00\x01\x02", "its content is not a CSV file"),
        ("empty.txt", b"", "the file is empty"),
    ],
)
def test_a_file_of_the_wrong_type_is_refused_and_nothing_is_stored(
    client, owner, own_project, attachments_dir, name, content, says
):
    login(client, owner)
    response = attach(client, own_project, upload(name, content))
    shown = " ".join(messages_of(response))
    assert f"“{name}” was not attached" in shown and says in shown
    assert not Attachment.objects.exists() and stored_files(attachments_dir) == []


@pytest.mark.parametrize(
    ("name", "content", "mime"),
    [
        ("minutes.docx", docx_bytes(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("visitors.csv", "name,city\n王伟,青岛\n".encode(), "text/csv; charset=utf-8"),
        ("REPORT.PDF", b"%PDF-1.7\n", "application/pdf"),
    ],
)
def test_allowed_files_are_kept_and_downloaded_not_shown(client, owner, own_project, name, content, mime):
    login(client, owner)
    attach(client, own_project, upload(name, content))
    attachment = Attachment.objects.get()
    assert attachment.mime_type == mime and not attachment.thumbnail_name
    assert attachment.stored_name.endswith(name.rsplit(".", 1)[1].lower())
    response = client.get(reverse("attachment_download", args=[attachment.pk]))
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"] == mime and response["X-Content-Type-Options"] == "nosniff"


def test_an_image_gets_a_thumbnail_and_is_shown_inline(client, owner, own_project, attachments_dir):
    login(client, owner)
    attach(client, own_project, png("name-card.png", size=(1200, 800)))
    attachment = Attachment.objects.get()
    assert attachment.thumbnail_name and attachment.is_image
    assert stored_files(attachments_dir) == sorted([attachment.stored_name, attachment.thumbnail_name])
    with Image.open(attachments_dir / attachment.thumbnail_name) as thumbnail:
        assert max(thumbnail.size) == notes.THUMBNAIL_SIZE and thumbnail.size == (240, 160)

    page = client.get(own_project.get_absolute_url()).content.decode()
    assert f'src="{attachment.get_thumbnail_url()}"' in page
    for url in (attachment.get_thumbnail_url(), attachment.get_absolute_url() + "?thumbnail=1"):
        response = client.get(url)
        assert response["Content-Type"] == "image/png"
        with Image.open(io.BytesIO(b"".join(response.streaming_content))) as served:
            assert served.size == (240, 160)
    original = client.get(attachment.get_absolute_url())
    assert original["Content-Type"] == "image/png" and not original.get("Content-Disposition", "").startswith(
        "attachment"
    )


def test_an_uploaded_name_never_becomes_a_path(client, owner, own_project, attachments_dir):
    login(client, owner)
    attach(client, own_project, upload("../../etc/passwd.txt", b"root\n"))
    attachment = Attachment.objects.get()
    assert attachment.original_name == "passwd.txt"
    assert ".." not in attachment.stored_name and "passwd" not in attachment.stored_name
    assert stored_files(attachments_dir) == [attachment.stored_name]


def test_a_file_missing_from_disk_is_a_404_not_an_error(client, owner, own_project, attachments_dir):
    attachment = notes.attach_file(record=own_project, user=owner, upload=pdf())
    (attachments_dir / attachment.stored_name).unlink()
    login(client, owner)
    assert client.get(attachment.get_absolute_url()).status_code == 404
    assert client.get(reverse("attachment_thumbnail", args=[attachment.pk])).status_code == 404


def test_a_truncated_image_is_refused_not_an_error(client, owner, own_project, attachments_dir):
    login(client, owner)
    broken = png_bytes()[:200]
    response = attach(client, own_project, upload("broken.png", broken))
    assert response.status_code == 200
    assert "“broken.png” was not attached" in " ".join(messages_of(response))
    assert not Attachment.objects.exists() and stored_files(attachments_dir) == []


def test_a_jpeg_and_a_webp_photo_get_thumbnails(client, owner, own_project):
    login(client, owner)
    for name, image_format in (("card.jpg", "JPEG"), ("card.webp", "WEBP")):
        buffer = io.BytesIO()
        Image.new("RGB", (480, 960), (10, 120, 200)).save(buffer, format=image_format)
        attach(client, own_project, upload(name, buffer.getvalue()))
    assert sorted(Attachment.objects.values_list("mime_type", flat=True)) == ["image/jpeg", "image/webp"]
    assert all(attachment.thumbnail_name for attachment in Attachment.objects.all())


def test_the_forms_need_a_csrf_token(owner, own_project):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    args = [own_project._meta.app_label, own_project._meta.model_name, own_project.pk]
    assert client.post(reverse(ATTACH, args=args), {"file": pdf()}).status_code == 403
    assert client.post(reverse("note_add", args=args), {"text": "Hello"}).status_code == 403
    assert not Attachment.objects.exists()


def test_the_size_limit_and_folder_are_read_from_the_environment(tmp_path):
    import os
    import subprocess
    import sys

    from django.conf import settings

    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "CRM_"))}
    code = "import django; django.setup(); from django.conf import settings as s; "
    code += "print(s.CRM_ATTACHMENT_MAX_BYTES, s.CRM_ATTACHMENTS_DIR)"
    environ = {"CRM_ATTACHMENT_MAX_BYTES": "5000", "CRM_ATTACHMENTS_DIR": str(tmp_path / "files")}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env={**base, "DJANGO_SETTINGS_MODULE": "crm.settings", **environ},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.split() == ["5000", str(tmp_path / "files")], result.stderr
    bad = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env={**base, "DJANGO_SETTINGS_MODULE": "crm.settings", "CRM_ATTACHMENT_MAX_BYTES": "20MB"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert bad.returncode != 0 and "CRM_ATTACHMENT_MAX_BYTES='20MB' is not a whole number" in bad.stderr
