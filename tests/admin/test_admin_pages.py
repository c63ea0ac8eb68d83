"""Every model of the product is in the admin, and each of its pages opens for an administrator.

The changelists are opened, with their rows, in ``test_changelist_queries``.
"""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from core.models import ApiToken, Attachment, Note, Notification, SentDigest, SentTeamSummary
from crm.models import ListExport, Report
from projects.models import CapitalInflow, StageChange
from tests.admin.factories import BUILDERS, make_rows

REGISTERED = sorted(admin.site._registry, key=lambda model: model._meta.label)
PRODUCT_APPS = ("partners", "projects", "crm")


def _url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def _id(model):
    return model._meta.label


def test_every_product_model_is_registered_with_history():
    product_models = [
        model
        for app in PRODUCT_APPS
        for model in apps.get_app_config(app).get_models()
        if not model.__name__.startswith("Historical")
        # A user's calendar subscription address, managed on its own page, and an upload kept between an
        # import's preview and its commit: not records.
        and model._meta.label not in {"crm.CalendarFeed", "crm.ImportFile"}
    ]
    assert len(product_models) == 19
    assert [model._meta.label for model in product_models if model not in admin.site._registry] == []
    for model in product_models:
        if model is Report:
            # An issued report never changes: there is no history to keep, and its admin only reads.
            continue
        assert isinstance(admin.site._registry[model], SimpleHistoryAdmin), model


def test_every_registered_model_has_a_factory():
    assert [model._meta.label for model in REGISTERED if model not in BUILDERS] == []


@pytest.mark.parametrize("model", REGISTERED, ids=_id)
def test_changelist_search_runs(client, admin_user, model):
    make_rows(model, 1)
    client.force_login(admin_user)
    response = client.get(_url(model, "changelist"), {"q": "a"})
    assert response.status_code == 200


@pytest.mark.parametrize("model", REGISTERED, ids=_id)
def test_change_form_and_history_open(client, admin_user, model):
    (obj,) = make_rows(model, 1)
    obj = model._default_manager.get(pk=obj.pk)
    client.force_login(admin_user)
    response = client.get(_url(model, "change", obj.pk))
    assert response.status_code == 200
    assert str(obj) in response.text
    if model is Report:
        return
    history = client.get(_url(model, "history", obj.pk))
    assert history.status_code == 200


@pytest.mark.parametrize("model", REGISTERED, ids=_id)
def test_add_form_opens_unless_adding_goes_through_a_service(client, admin_user, model):
    client.force_login(admin_user)
    model_admin = admin.site._registry[model]
    response = client.get(_url(model, "add"))
    if model_admin.has_add_permission(_request(admin_user)):
        assert response.status_code == 200
    else:
        # Stage changes and capital inflows are written by projects.services only, list exports by the export
        # itself; log-in records by django-axes; reports are issued on /reports/ through crm.services.issue_report;
        # API tokens by their owner on /account/tokens/, the only moment their secret can be shown; notes and
        # files on the record's own page through core.notes; notifications by core.notifications.notify, the
        # logs of reminders sent by send_reminders.
        written_elsewhere = (StageChange, CapitalInflow, ListExport, Report, ApiToken, Note, Attachment)
        sent = (Notification, SentDigest, SentTeamSummary)
        assert model._meta.app_label == "axes" or model in (*written_elsewhere, *sent)
        assert response.status_code == 403


def _request(user):
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/")
    request.user = user
    return request
