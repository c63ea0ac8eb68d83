"""Signed-in clients for the reminder and notification pages."""

import pytest


@pytest.fixture
def owner_client(client, owner):
    client.force_login(owner)
    return client
