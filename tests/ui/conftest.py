import pytest


@pytest.fixture
def owner_client(client, owner):
    client.force_login(owner)
    return client


@pytest.fixture
def manager_client(client, manager):
    client.force_login(manager)
    return client
