"""The pages people meet when they are refused, lost, or when something breaks.

Django renders ``403.html``, ``404.html``, ``500.html`` and ``403_csrf.html`` through these views
(``handler403``, ``handler404``, ``handler500`` in ``crm.urls``; ``CSRF_FAILURE_VIEW`` in the
settings). Each page says what happened and offers a way on: back where the visitor came from,
when that was a page of this site, and My work.

The 500 page is rendered without the request: no context processor runs, so it needs neither the
database nor a signed-in user, which may be exactly what failed.
"""

from django.core.exceptions import DisallowedHost
from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme
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


# The layout's language switch and log-out button carry a CSRF token, and these views may run
# without CsrfViewMiddleware.process_view having run.
@requires_csrf_token
def permission_denied(request, exception=None):
    return render(request, "403.html", {"back_url": back_url(request)}, status=403)


@requires_csrf_token
def page_not_found(request, exception=None):
    return render(request, "404.html", {"back_url": back_url(request)}, status=404)


def server_error(request):
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"back_url": back_url(request)}))


@requires_csrf_token
def csrf_failure(request, reason=""):
    """A form sent without a valid CSRF token: nothing was saved; reload the form and send it again."""
    return render(request, "403_csrf.html", {"back_url": back_url(request)}, status=403)
