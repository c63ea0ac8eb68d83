"""Each admin changelist shows its rows, and runs as many queries for 50 rows as for 2."""

import pytest
from django.contrib import admin
from django.contrib.admin.utils import quote
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.admin.factories import make_rows

REGISTERED = sorted(admin.site._registry, key=lambda model: model._meta.label)


def _change_url(obj) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[quote(obj.pk)])


def _changelist_queries(client, model, rows) -> int:
    """The queries the changelist runs; every one of ``rows`` is listed with a link to its page."""
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    content = response.content.decode()
    assert [str(obj) for obj in rows if f'href="{_change_url(obj)}"' not in content] == []
    return len(captured)


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_changelist_query_count_does_not_grow_with_rows(client, admin_user, model):
    client.force_login(admin_user)
    rows = make_rows(model, 2)
    few = _changelist_queries(client, model, rows)
    rows += make_rows(model, 48)
    assert _changelist_queries(client, model, rows) == few
