"""Settings of the page benchmark's gunicorn server: the product's, plus a hello-world view.

Used only by ``scripts/bench_pages.py --ratios`` (``DJANGO_SETTINGS_MODULE=bench_settings`` with
``scripts/`` on the path): the product's settings unchanged, except that the URLconf adds
``/bench-hello/`` (``bench_urls``), the yardstick the project page's throughput is compared with,
and that static files need no ``collectstatic``.
"""

from crm.settings import *  # noqa: F403

ROOT_URLCONF = "bench_urls"
# The manifest storage of production only renames files; plain storage needs no collectstatic.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
