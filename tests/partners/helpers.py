"""Small helpers the page tests share."""

from collections.abc import Iterable

from django.db import connection
from django.test.utils import CaptureQueriesContext


def queries_for(client, url: str, *, shows: Iterable[str]) -> int:
    """How many queries a successful GET of ``url`` runs; the page must show each of ``shows``.

    ``shows`` are pieces of the page's HTML, as written there (names of the rows counted, say).

    A page that lost its rows would run fewer queries, not more: a query count means something
    only next to the rows it was counted for.
    """
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    content = response.content.decode()
    assert [text for text in shows if text not in content] == []
    return len(context)


def names_on_page(response) -> list[str]:
    """The names of the records a list page shows, in order."""
    return [str(record) for record in response.context["object_list"]]


def add_contact(organization, name: str, **extra):
    """A contact at ``organization`` (``make_contact`` would also create a spare organization)."""
    from partners.models import Contact

    return Contact.objects.create(organization=organization, name=name, **extra)
