"""Each admin changelist runs as many queries for 50 rows as for 2."""

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.admin.factories import make_rows

REGISTERED = sorted(admin.site._registry, key=lambda model: model._meta.label)


def _changelist_queries(client, model) -> tuple[int, int]:
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.context["cl"].result_count


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_changelist_query_count_does_not_grow_with_rows(client, admin_user, model):
    client.force_login(admin_user)
    make_rows(model, 2)
    few, shown_few = _changelist_queries(client, model)
    make_rows(model, 48)
    many, shown_many = _changelist_queries(client, model)
    assert shown_many - shown_few == 48
    assert many == few
