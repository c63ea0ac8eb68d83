"""Production start-up: `check --deploy` is clean, and a missing or weak setting stops start-up by name."""

import os
import secrets
import subprocess
import sys

from django.conf import settings

PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": "crm.example.org",
}


def run(*args, env=None, unset=()):
    environment = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "CRM_"))}
    environment.update(env or {})
    for name in unset:
        environment.pop(name, None)
    return subprocess.run(
        [sys.executable, *args],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_reports_nothing_in_production():
    result = run("manage.py", "check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


def test_a_missing_secret_key_stops_start_up_by_name():
    result = run("manage.py", "check", env=PRODUCTION, unset=["DJANGO_SECRET_KEY"])
    assert result.returncode != 0
    assert "The environment variable DJANGO_SECRET_KEY must be set." in result.stderr


def test_missing_allowed_hosts_stop_start_up_by_name():
    result = run("manage.py", "check", env=PRODUCTION, unset=["DJANGO_ALLOWED_HOSTS"])
    assert result.returncode != 0
    assert "The environment variable DJANGO_ALLOWED_HOSTS must be set." in result.stderr


def test_a_weak_secret_key_stops_start_up():
    result = run("manage.py", "check", env={**PRODUCTION, "DJANGO_SECRET_KEY": "changeme"})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be a random value of at least 50 characters" in result.stderr


def test_the_wsgi_application_refuses_to_load_without_a_secret_key():
    result = run("-c", "import crm.wsgi", env=PRODUCTION, unset=["DJANGO_SECRET_KEY"])
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


PROBE = """
import django
django.setup()
from django.conf import settings
from django.test import Client
response = Client().get("/history/partners/organization/1/", secure=True, HTTP_HOST="crm.example.org")
print(response.status_code)
print(response.headers.get("Strict-Transport-Security"))
print(response.headers.get("Content-Security-Policy"))
print(settings.AXES_COOLOFF_TIME.total_seconds() / 60)
insecure = Client().get("/history/partners/organization/1/", HTTP_HOST="crm.example.org")
print(insecure.status_code, insecure.headers.get("Location"))
"""


def test_production_sends_hsts_and_redirects_plain_http():
    result = run("-c", PROBE, env={**PRODUCTION, "DJANGO_SETTINGS_MODULE": "crm.settings", "CRM_LOCKOUT_MINUTES": "45"})
    assert result.returncode == 0, result.stderr
    status, hsts, csp, cooloff, insecure = result.stdout.strip().splitlines()
    assert status == "302"  # to the log-in page
    assert hsts == "max-age=31536000; includeSubDomains; preload"
    assert csp.startswith("default-src 'self';")
    assert float(cooloff) == 45
    assert insecure == "301 https://crm.example.org/history/partners/organization/1/"


def test_a_malformed_lockout_time_stops_start_up_by_name():
    result = run("manage.py", "check", env={"CRM_LOCKOUT_MINUTES": "half an hour"})
    assert result.returncode != 0
    assert "CRM_LOCKOUT_MINUTES='half an hour' is not a whole number." in result.stderr
