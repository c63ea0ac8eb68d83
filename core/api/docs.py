"""The API's documentation pages, Swagger UI and ReDoc, served from this site (drf-spectacular-sidecar).

Both draw their pages with styles they write into the page, so these two views send a policy that
allows inline styles (and ReDoc's search worker); scripts still come from this site only.
"""

from drf_spectacular.views import SpectacularRedocView, SpectacularSwaggerSplitView

DOCS_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
    "worker-src 'self' blob:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'"
)


class PolicyMixin:
    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response.headers["Content-Security-Policy"] = DOCS_POLICY
        return response


class SwaggerView(PolicyMixin, SpectacularSwaggerSplitView):
    """Swagger UI, its start-up script served as a file of its own."""


class RedocView(PolicyMixin, SpectacularRedocView):
    """ReDoc, without the web fonts its stock page fetches from a CDN (``templates/drf_spectacular/redoc.html``)."""
