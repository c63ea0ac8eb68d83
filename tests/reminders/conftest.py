"""Signed-in clients for the reminder and notification pages."""

import pytest


@pytest.fixture
def owner_client(client, owner):
    client.force_login(owner)
    return client


# The browser tests here drive the same Chromium as tests/browser, with its fixtures.
from tests.browser.conftest import browser, page  # noqa: E402, F401
