"""Notes and files: a temporary attachments folder for every test, and files of each kind to upload."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.conftest import make_project

PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture(autouse=True)
def attachments_dir(settings, tmp_path):
    """Files go to a folder of the test's own, never to the project's var/attachments."""
    folder = tmp_path / "attachments"
    settings.CRM_ATTACHMENTS_DIR = folder
    return folder


def stored_files(folder) -> list[str]:
    """Every file under ``folder``, as paths relative to it."""
    if not folder.exists():
        return []
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*") if path.is_file())


def png_bytes(size=(800, 600), color=(200, 30, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format="PNG")
    return buffer.getvalue()


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def pdf(name: str = "signed-mou.pdf") -> SimpleUploadedFile:
    return upload(name, PDF_BYTES, "application/pdf")


def png(name: str = "name-card.png", **kwargs) -> SimpleUploadedFile:
    return upload(name, png_bytes(**kwargs), "image/png")


@pytest.fixture
def own_project(owner):
    return make_project("Hydrogen bus plant", officer=owner)


@pytest.fixture
def secret_project(owner):
    """A confidential project of the owning officer: hidden from other officers."""
    return make_project("Undisclosed battery plant", officer=owner, is_confidential=True)


@pytest.fixture
def owner_client(client, owner):
    client.force_login(owner)
    return client


def login(client, user):
    client.force_login(user)
    return client
