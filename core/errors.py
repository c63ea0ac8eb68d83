"""The pages people meet when they are refused, lost, or when something breaks.

Django renders ``403.html``, ``404.html``, ``500.html`` and ``403_csrf.html`` through these views
(``handler403``, ``handler404``, ``handler500`` in ``crm.urls``; ``CSRF_FAILURE_VIEW`` in the
settings). Each page says what happened and offers a way on: back where the visitor came from,
when that was a page of this site, and My work.

The 500 page is rendered without the request: no context processor runs, so it needs neither the
database nor a signed-in user, which may be exactly what failed.
"""

from django.core.exceptions import DisallowedHost
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import requires_csrf_token


def back_url(request) -> str | None:
    """The page the visitor came from, when it is a page of this site other than this one."""
    referer = request.META.get("HTTP_REFERER", "")
    if not referer:
        return None
    try:
        host, here = request.get_host(), request.build_absolute_uri()
    except DisallowedHost:
        return None
    if referer == here or not url_has_allowed_host_and_scheme(
        referer, allowed_hosts={host}, require_https=request.is_secure()
    ):
        return None
    return referer


# Addresses under this prefix belong to the API: their refusals are JSON in the API's error format.
API_PREFIX = "/api/"


def api_error(request, status: int, code: str, detail: str) -> JsonResponse | None:
    """The API's error body for a request to the API (an address no route matched, say); ``None`` for a page."""
    if not request.path.startswith(API_PREFIX):
        return None
    return JsonResponse({"code": code, "detail": detail, "errors": {}}, status=status)


# The layout's language switch and log-out button carry a CSRF token, and these views may run
# without CsrfViewMiddleware.process_view having run.
@requires_csrf_token
def permission_denied(request, exception=None):
    api = api_error(request, 403, "permission_denied", _("You do not have permission to perform this action."))
    if api is not None:
        return api
    return render(request, "403.html", {"back_url": back_url(request)}, status=403)


@requires_csrf_token
def page_not_found(request, exception=None):
    api = api_error(request, 404, "not_found", _("Nothing is found at this address."))
    if api is not None:
        return api
    return render(request, "404.html", {"back_url": back_url(request)}, status=404)


def server_error(request):
    api = api_error(request, 500, "server_error", _("Something went wrong on the server; the change was not saved."))
    if api is not None:
        return api
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"back_url": back_url(request)}))


@requires_csrf_token
def csrf_failure(request, reason=""):
    """A form sent without a valid CSRF token: nothing was saved; reload the form and send it again."""
    return render(request, "403_csrf.html", {"back_url": back_url(request)}, status=403)
