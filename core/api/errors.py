"""One error format for the whole API, in the language the request asked for.

Every refusal answers ``{"code": ..., "detail": ..., "errors": {field: [message, ...]}}``: ``code`` for
programs, ``detail`` a sentence for people, ``errors`` the fields at fault (``non_field_errors`` for the
record as a whole). A few refusals add what a client needs to act on: the ``missing`` items of a
refusal that lists them (a stage's gate, 409), a stale edit's ``changes`` and ``current_version``
(412), the ``similar`` organizations already recorded.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext_lazy
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import set_rollback

from core.versioning import StaleEdit

NON_FIELD = api_settings.NON_FIELD_ERRORS_KEY


class PreconditionRequired(exceptions.APIException):
    status_code = 428
    default_detail = gettext_lazy(
        "Send the record's ETag in an If-Match header to change it; read the record first to get it."
    )
    default_code = "precondition_required"


class BadPrecondition(exceptions.APIException):
    status_code = status.HTTP_400_BAD_REQUEST
    default_detail = gettext_lazy("The If-Match header is not an ETag this API gave; read the record again to get one.")
    default_code = "bad_precondition"


def _messages(value) -> list[str]:
    if isinstance(value, dict):
        return [message for item in value.values() for message in _messages(item)]
    if isinstance(value, list | tuple):
        return [message for item in value for message in _messages(item)]
    return [str(value)]


def _field_errors(detail) -> dict:
    """DRF's error detail (a dict, a list or a string) as ``{field: [messages]}``; nested fields joined by dots."""
    if isinstance(detail, dict):
        errors = {}
        for field, value in detail.items():
            if isinstance(value, dict):
                for inner, messages in _field_errors(value).items():
                    errors[f"{field}.{inner}"] = messages
            elif isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
                for index, item in enumerate(value):
                    for inner, messages in _field_errors(item).items():
                        errors[f"{field}.{index}.{inner}"] = messages
            else:
                errors[NON_FIELD if field == "__all__" else field] = _messages(value)
        return errors
    return {NON_FIELD: _messages(detail)}


def _django_validation_errors(error: DjangoValidationError) -> dict:
    if hasattr(error, "error_dict"):
        return {
            NON_FIELD if field == "__all__" else field: [str(message) for message in DjangoValidationError(errors)]
            for field, errors in error.error_dict.items()
        }
    return {NON_FIELD: list(error.messages)}


def body(code: str, detail: str, errors: dict | None = None, **extra) -> dict:
    return {"code": code, "detail": detail, "errors": errors or {}, **extra}


def _first(errors: dict) -> str:
    for messages in errors.values():
        if messages:
            return messages[0]
    return ""


def not_found(request, *args, **kwargs):
    """An address under the API that names no endpoint: the API's 404, not the site's page."""
    return JsonResponse(body("not_found", str(exceptions.NotFound.default_detail)), status=status.HTTP_404_NOT_FOUND)


def exception_handler(exc, context):
    """DRF's ``EXCEPTION_HANDLER``: every refusal in the one format; anything else stays a server error."""
    headers = {}
    if isinstance(exc, StaleEdit):
        data = body(
            "stale",
            " ".join(exc.messages),
            changes=[{"field": c.name, "label": c.label, "old": c.old, "new": c.new} for c in exc.changes],
            current_version=exc.current_version,
        )
        response_status = status.HTTP_412_PRECONDITION_FAILED
    elif isinstance(exc, DjangoValidationError) and getattr(exc, "missing", None) is not None:
        # A refusal that lists what is missing (a stage's gate): the request conflicts with the record's state.
        data = body("gate_not_met", " ".join(exc.messages), {NON_FIELD: list(exc.messages)}, missing=list(exc.missing))
        response_status = status.HTTP_409_CONFLICT
    elif isinstance(exc, DjangoValidationError):
        errors = _django_validation_errors(exc)
        similar = getattr(exc, "similar", None)
        extra = {"similar": [{"id": o.pk, "name": str(o)} for o in similar]} if similar else {}
        data = body("invalid", _first(errors), errors, **extra)
        response_status = status.HTTP_400_BAD_REQUEST
    elif isinstance(exc, DjangoPermissionDenied):
        data = body("permission_denied", str(exc) or str(exceptions.PermissionDenied.default_detail))
        response_status = status.HTTP_403_FORBIDDEN
    elif isinstance(exc, Http404):
        data = body("not_found", str(exceptions.NotFound.default_detail))
        response_status = status.HTTP_404_NOT_FOUND
    elif isinstance(exc, exceptions.APIException):
        if isinstance(exc, exceptions.ValidationError):
            errors = _field_errors(exc.detail)
            data = body("invalid", _first(errors) or str(exceptions.ValidationError.default_detail), errors)
        else:
            codes = exc.get_codes()
            data = body(codes if isinstance(codes, str) else exc.default_code, " ".join(_messages(exc.detail)))
        response_status = exc.status_code
        if getattr(exc, "auth_header", None):
            headers["WWW-Authenticate"] = exc.auth_header
        if getattr(exc, "wait", None):
            headers["Retry-After"] = str(int(exc.wait))
    else:
        return None
    set_rollback()
    return Response(data, status=response_status, headers=headers)
