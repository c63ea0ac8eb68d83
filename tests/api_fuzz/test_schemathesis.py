"""Schemathesis against the API's own OpenAPI schema: no 5xx, every answer as the schema says.

Each operation is called with generated data (at least ``EXAMPLES`` cases) as an officer and as a
manager, each through a personal API token, on whatever database the suite runs on. The checks:
no server error, a status code the schema documents for the operation, and a body and content type
that conform to the schema.
"""

import os

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from core.api_tokens import issue_api_token
from crm import roles
from tests.conftest import make_country, make_organization, make_project, make_sector, make_user

EXAMPLES = int(os.environ.get("CRM_API_FUZZ_EXAMPLES", "50"))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]

# The examples and fuzzing phases; the coverage phase's every-boundary cases multiply by the list filters
# (hundreds per list operation) and would take the run past its time.
CONFIG = schemathesis.Config.from_dict({"phases": {"coverage": {"enabled": False}}})

schema = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True), config=CONFIG)
schema.app = get_wsgi_application()

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Called straight through WSGI, each request's end would close the test's open transaction's
    connection (Django's test client avoids this the same way); keep it open for the next request."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture(params=[roles.OFFICER, roles.MANAGER], ids=["officer", "manager"])
def token(request, settings):
    settings.ALLOWED_HOSTS = ["*"]
    settings.API_TOKEN_RATE = "1000000/hour"
    user = make_user(f"fuzz-{request.param}", request.param)
    other = make_user("fuzz-other", roles.OFFICER)
    germany = make_country("DE", "Germany")
    investor = make_organization("Fuzz Investor GmbH", country=germany)
    make_project("Own project", officer=user, investor=investor, origin_country=germany, sector=make_sector())
    make_project("Someone else's secret", officer=other, is_confidential=True)
    _token, secret = issue_api_token(user=user, name="fuzz")
    return secret


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
    database=None,
)
def test_the_api_answers_every_generated_request_as_its_schema_says(case, token):
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)
