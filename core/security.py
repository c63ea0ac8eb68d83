"""Security pieces Django does not ship: a Content Security Policy header, the client address behind a
proxy, and the page shown when log-ins are locked out after too many failures."""

from django.conf import settings
from django.shortcuts import render


class ContentSecurityPolicyMiddleware:
    """Send ``settings.CONTENT_SECURITY_POLICY`` (and ``PERMISSIONS_POLICY``) with every response.

    The policy allows scripts, styles and images from this site only: templates must not use
    inline ``<script>`` blocks, ``on...=`` handlers or ``style=`` attributes; put them in files
    under ``static/``. A view that needs a different policy sets the header itself.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.CONTENT_SECURITY_POLICY:
            response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        if settings.PERMISSIONS_POLICY:
            response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


def client_ip(request) -> str | None:
    """The address a request came from, counting ``settings.TRUSTED_PROXY_HOPS`` reverse proxies.

    Behind one proxy (nginx with ``proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for``)
    the last address in X-Forwarded-For is the one nginx saw; anything before it was written by
    the client and cannot be trusted. Without proxies, REMOTE_ADDR is the answer.
    """
    hops = settings.TRUSTED_PROXY_HOPS
    if hops > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= hops:
            return forwarded[-hops]
    return request.META.get("REMOTE_ADDR")


def locked_out(request, original_response=None, credentials=None):
    """The page django-axes shows once a username has failed too often from one address."""
    return render(
        request,
        "registration/locked_out.html",
        {
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "lockout_minutes": settings.LOCKOUT_MINUTES,
        },
        status=429,
    )
