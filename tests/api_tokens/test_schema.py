"""The OpenAPI schema describes the token: an HTTP bearer scheme, required beside the session."""

import pytest
from django.urls import path
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema

from tests.api_tokens.whoami import WhoAmI

urlpatterns = [path("api/v1/whoami/", WhoAmI.as_view())]


@pytest.fixture
def spectacular(settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema"}


def test_the_schema_names_the_bearer_token(spectacular):
    schema = SchemaGenerator(patterns=urlpatterns).get_schema(request=None, public=True)

    validate_schema(schema)
    assert schema["components"]["securitySchemes"]["bearerAuth"] == {
        "type": "http",
        "scheme": "bearer",
        "description": "A personal API token, made on /account/tokens/.",
    }
    assert {"bearerAuth": []} in schema["paths"]["/api/v1/whoami/"]["get"]["security"]
