"""Small helpers the page tests share."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def queries_for(client, url: str) -> int:
    """How many queries a successful GET of ``url`` runs."""
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    return len(context)


def names_on_page(response) -> list[str]:
    """The names of the records a list page shows, in order."""
    return [str(record) for record in response.context["object_list"]]


def add_contact(organization, name: str, **extra):
    """A contact at ``organization`` (``make_contact`` would also create a spare organization)."""
    from partners.models import Contact

    return Contact.objects.create(organization=organization, name=name, **extra)
