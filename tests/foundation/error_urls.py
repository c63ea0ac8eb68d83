"""The site's URLs plus one that fails, to see the 500 page through the real handler."""

from django.urls import path

from crm.urls import handler403, handler404, handler500, urlpatterns

__all__ = ["handler403", "handler404", "handler500", "urlpatterns"]


def fail(request):
    raise RuntimeError("A test failure")


urlpatterns = [path("fail/", fail), *urlpatterns]
