"""Middleware of the product's own."""


class NoStoreForSignedInMiddleware:
    """Tell browsers and proxies not to keep pages shown to a signed-in user: ``Cache-Control: no-store``.

    The pages hold the bureau's records, confidential projects among them; after logging out, the
    browser's Back button or a shared proxy must not show them again. A response that sets its own
    Cache-Control keeps it, and static files (served by whitenoise before this runs) keep theirs.
    Place it after AuthenticationMiddleware, which gives the request its user.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and "Cache-Control" not in response.headers:
            response.headers["Cache-Control"] = "no-store"
        return response
