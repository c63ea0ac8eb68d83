"""One list of the people work is given to, offered everywhere an officer or an owner is chosen."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from crm import roles
from projects.models import officers
from tests.conftest import make_project, make_user

pytestmark = pytest.mark.django_db


def test_officers_and_managers_who_are_active_once_each_by_name(owner, other_officer, manager):
    both = make_user("both", roles.OFFICER, first_name="Zhao", last_name="Lei")
    both.groups.add(Group.objects.get(name=roles.MANAGER))
    make_user("left", roles.OFFICER, first_name="Sun", last_name="Li", is_active=False)
    make_user("visitor", None, first_name="Ma", last_name="Yun")
    make_user("root", None, is_superuser=True)

    assert list(officers()) == [owner, manager, other_officer, both]


def test_every_form_and_filter_offers_the_same_people(client, owner, other_officer, manager, django_user_model):
    django_user_model.objects.create_user("visitor", password="a-long-test-password")
    client.force_login(manager)
    expected = list(officers())
    project = make_project(officer=owner)
    pages = {
        reverse("crm:followup_create"): "owner",
        reverse("crm:delegation_create"): "officer",
        reverse("crm:meeting_create"): "officers",
        reverse("projects:project_update", args=[project.pk]): "officer",
    }
    for url, name in pages.items():
        assert list(client.get(url).context["form"].fields[name].queryset) == expected, url
    visit_row = client.get(reverse("crm:visit_log")).context["follow_ups"].forms[0]
    assert list(visit_row.fields["owner"].queryset) == expected
    for url, name in ((reverse("projects:project_list"), "officer"), (reverse("crm:followup_list"), "owner")):
        assert list(client.get(url).context["filter"].form.fields[name].queryset) == expected, url
