"""The product's URLs plus ``/bench-hello/``: the benchmark's yardstick, never part of the product."""

from django.http import HttpResponse
from django.urls import path

from crm.urls import urlpatterns as product_urlpatterns


def hello(request):
    """The least a request can cost in this server: the product's middleware, no query, no template."""
    return HttpResponse(b"Hello, world", content_type="text/plain")


urlpatterns = [path("bench-hello/", hello, name="bench_hello"), *product_urlpatterns]
