"""Pages shown to a signed-in user are not kept by browsers or proxies: Cache-Control: no-store."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from core.middleware import NoStoreForSignedInMiddleware

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/", "/projects/", "/no-such-page/", "/dashboard/"])
def test_pages_for_a_signed_in_user_are_not_stored(client, owner, url):
    client.force_login(owner)
    response = client.get(url)
    assert response.status_code in (200, 403, 404)
    assert response["Cache-Control"] == "no-store"


def test_a_redirect_after_a_change_is_not_stored_either(client, owner):
    client.force_login(owner)
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302 and response["Cache-Control"] == "no-store"


def test_anonymous_visitors_get_no_such_header(client):
    assert "Cache-Control" not in client.get("/").headers  # the redirect to the log-in page
    assert "Cache-Control" not in client.get("/no-such-page/").headers


def test_a_cache_control_set_by_the_view_is_kept(owner):
    request = RequestFactory().get("/")
    request.user = owner

    def view(request):
        response = HttpResponse()
        response["Cache-Control"] = "private, max-age=60"
        return response

    assert NoStoreForSignedInMiddleware(view)(request)["Cache-Control"] == "private, max-age=60"


def test_static_files_keep_their_own_caching(client, owner, settings):
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    client.force_login(owner)
    response = client.get("/static/css/crm.css")
    assert response.status_code == 200
    assert "no-store" not in response["Cache-Control"]
