"""Helpers for the engagement page tests."""

from collections.abc import Iterable

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext


def queries_for(client, url: str, *, shows: Iterable[str]) -> int:
    """How many database queries one GET of ``url`` runs, asserting it answers 200 and shows each of ``shows``.

    ``shows`` are pieces of the page's HTML, as written there (names of the rows counted, say).

    A page that lost its rows would run fewer queries, not more: a query count means something
    only next to the rows it was counted for.
    """
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    content = response.content.decode()
    assert [text for text in shows if text not in content] == []
    return len(captured)


@pytest.fixture
def owner_client(client, owner):
    client.force_login(owner)
    return client


@pytest.fixture
def manager_client(client, manager):
    client.force_login(manager)
    return client
