"""The pages shown when a visitor is refused (403), lost (404), meets an error (500) or sends a stale form."""

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils.module_loading import import_string

from crm.urls import handler500
from tests.conftest import make_project

HOME_LINK = '<a class="btn btn-primary" href="/">Back to my work</a>'
HOME_LINK_ZH = '<a class="btn btn-primary" href="/">返回我的工作</a>'
server_error = import_string(handler500)


@pytest.fixture(autouse=True)
def _production_mode(settings):
    settings.DEBUG = False


def page(response) -> str:
    return response.content.decode()


def in_layout(content: str) -> bool:
    """The page carries the site's navigation for a signed-in user."""
    return 'id="main-nav"' in content and 'href="/projects/"' in content


@pytest.mark.django_db
def test_an_unknown_address_shows_the_404_page_in_the_layout(client, owner):
    client.force_login(owner)
    response = client.get("/no-such-page/")
    content = page(response)
    assert response.status_code == 404
    assert "Page not found" in content and HOME_LINK in content
    assert in_layout(content)
    assert '<html lang="en">' in content
    # No way back is offered to a visitor who did not come from a page of this site.
    assert "Back to the previous page" not in content


@pytest.mark.django_db
def test_a_confidential_project_of_another_officer_is_the_same_404_page(client, owner, other_officer):
    secret = make_project("Secret battery plant", officer=owner, is_confidential=True)
    client.force_login(other_officer)
    response = client.get(secret.get_absolute_url())
    assert response.status_code == 404
    assert "Page not found" in page(response) and "Secret battery plant" not in page(response)


@pytest.mark.django_db
def test_the_way_back_is_offered_only_to_a_page_of_this_site(client, owner):
    client.force_login(owner)
    came_from = "http://testserver/projects/?stage=lead"
    content = page(client.get("/no-such-page/", HTTP_REFERER=came_from))
    assert f'href="{came_from.replace("&", "&amp;")}">Back to the previous page</a>' in content
    elsewhere = page(client.get("/no-such-page/", HTTP_REFERER="https://example.com/phish/"))
    assert "Back to the previous page" not in elsewhere and "example.com" not in elsewhere


@pytest.mark.django_db
def test_an_officer_opening_the_dashboard_gets_the_403_page(client, owner):
    client.force_login(owner)
    response = client.get(reverse("crm:dashboard"), HTTP_REFERER="http://testserver/")
    content = page(response)
    assert response.status_code == 403
    assert "Not allowed" in content and HOME_LINK in content
    assert "depends on your role" in content
    assert in_layout(content)
    assert 'href="http://testserver/">Back to the previous page</a>' in content


@pytest.mark.django_db
def test_a_user_without_a_role_is_told_to_ask_for_one(client, no_role):
    client.force_login(no_role)
    response = client.get(reverse("crm:meeting_list"))
    assert response.status_code == 403
    assert "Your account has no role yet" in page(response)


@pytest.mark.django_db
@pytest.mark.urls("tests.foundation.error_urls")
def test_an_error_shows_the_500_page_without_the_layout_s_navigation(owner):
    client = Client(raise_request_exception=False)
    client.force_login(owner)
    response = client.get("/fail/")
    content = page(response)
    assert response.status_code == 500
    assert "Something went wrong" in content and HOME_LINK in content
    assert "/static/vendor/bootstrap-5.3.9/bootstrap.min.css" in content and "/static/css/crm.css" in content
    assert 'class="navbar-brand" href="/">Qingdao Investment CRM</a>' in content
    # Standalone: nothing that needs the signed-in user, their permissions or a form token.
    assert "main-nav" not in content and "Li Na" not in content and "csrfmiddlewaretoken" not in content


def test_the_500_page_renders_without_the_database():
    """No ``db`` fixture: any query here fails the test."""
    request = RequestFactory().get("/projects/", HTTP_REFERER="http://testserver/projects/?page=2")
    response = server_error(request)
    assert response.status_code == 500
    content = page(response)
    assert "Something went wrong" in content and HOME_LINK in content
    assert 'href="http://testserver/projects/?page=2">Back to the previous page</a>' in content


@pytest.mark.django_db
@pytest.mark.urls("tests.foundation.error_urls")
@pytest.mark.parametrize(
    ("url", "status", "persona"),
    [("/no-such-page/", 404, "owner"), ("/dashboard/", 403, "owner"), ("/fail/", 500, "owner")],
)
def test_the_error_pages_speak_chinese(request, url, status, persona):
    client = Client(raise_request_exception=False)
    client.force_login(request.getfixturevalue(persona))
    english = client.get(url)
    client.cookies["django_language"] = "zh-hans"
    chinese = client.get(url)
    assert english.status_code == chinese.status_code == status
    assert '<html lang="en">' in page(english) and HOME_LINK in page(english)
    assert '<html lang="zh-hans">' in page(chinese) and HOME_LINK_ZH in page(chinese)
    assert "青岛" in page(chinese)  # the site's name, in the navigation bar


@pytest.mark.django_db
def test_a_form_sent_without_its_token_gets_the_expired_form_page(owner):
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    response = client.post(reverse("set_language"), {"language": "zh-hans", "next": "/"})
    content = page(response)
    assert response.status_code == 403
    assert "The form has expired" in content and "nothing was saved" in content and HOME_LINK in content
    assert in_layout(content)
