"""Personal API tokens: making and revoking them, and the API's authentication and throttle that use them.

A token's secret is made here, returned once to be shown once, and kept only as its SHA-256. The
API knows the caller by ``Authorization: Bearer <secret>`` (or ``Token <secret>``); the request's
user is the token's user, so a token carries exactly its owner's rights.
"""

import hashlib
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.plumbing import build_bearer_security_scheme_object
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.throttling import SimpleRateThrottle

from core.models import ApiToken
from core.security import client_ip

SECRET_BYTES = 32
KEYWORDS = ("bearer", "token")
# A secret from ``secrets.token_urlsafe(32)`` has 43 characters; anything far longer is not one.
MAX_SECRET_LENGTH = 100
# A token used constantly is written down at most this often, not on every request.
LAST_USED_PRECISION = timedelta(minutes=1)
DEFAULT_RATE = "1000/hour"


class TokenNameTaken(ValueError):
    """The user already has a working token (or one not yet revoked) by that name."""


def key_digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def issue_api_token(*, user, name: str, expires_in_days: int | None = None) -> tuple[ApiToken, str]:
    """Make a token named ``name`` for ``user``; return it and its secret, which is not kept and not shown again.

    Raises ``TokenNameTaken`` when one of the user's tokens not yet revoked has that name.
    """
    name = name.strip()
    now = timezone.now()
    secret = secrets.token_urlsafe(SECRET_BYTES)
    token = ApiToken(
        user=user,
        name=name,
        key_prefix=secret[: ApiToken.PREFIX_LENGTH],
        key_hash=key_digest(secret),
        created_at=now,
        expires_at=now + timedelta(days=expires_in_days) if expires_in_days else None,
    )
    if ApiToken.objects.filter(user=user, name=name, revoked_at__isnull=True).exists():
        raise TokenNameTaken(name)
    try:
        with transaction.atomic():
            token.save(force_insert=True)
    except IntegrityError:
        # Two requests making the same name at once: the database's constraint decides.
        raise TokenNameTaken(name) from None
    return token, secret


def revoke_api_tokens(tokens: QuerySet) -> int:
    """Stop every token of ``tokens`` not yet revoked from opening the API; how many were stopped."""
    return tokens.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())


def token_for_secret(secret: str) -> ApiToken | None:
    """The token ``secret`` belongs to, with its user, whatever its state; ``None`` when it is no token's."""
    if not secret or len(secret) > MAX_SECRET_LENGTH:
        return None
    return ApiToken.objects.select_related("user").filter(key_hash=key_digest(secret)).first()


def mark_used(token: ApiToken, *, now: datetime | None = None) -> None:
    """Record that ``token`` was just used, unless that was already recorded within the last minute.

    The condition sits in the UPDATE, so that concurrent requests write the row once.
    """
    now = now or timezone.now()
    if token.last_used_at is not None and now - token.last_used_at < LAST_USED_PRECISION:
        return
    stale = Q(last_used_at__isnull=True) | Q(last_used_at__lte=now - LAST_USED_PRECISION)
    ApiToken.objects.filter(stale, pk=token.pk).update(last_used_at=now)
    token.last_used_at = now


def _moment(value: datetime) -> str:
    return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")


class BearerTokenAuthentication(BaseAuthentication):
    """``Authorization: Bearer <secret>`` (or ``Token <secret>``): the request is the token's user's.

    A request without such a header is left to the other authentication classes; one with a
    secret that opens nothing is refused with 401 and a sentence saying why.
    """

    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower().decode(errors="replace") not in KEYWORDS:
            return None
        if len(parts) != 2:
            raise AuthenticationFailed(
                _("Send the token as one word after the keyword: Authorization: Bearer <token>."),
                code="token_malformed",
            )
        try:
            secret = parts[1].decode("ascii")
        except UnicodeDecodeError:
            raise AuthenticationFailed(_("This API token is not valid."), code="token_invalid") from None
        token = token_for_secret(secret)
        if token is None:
            raise AuthenticationFailed(_("This API token is not valid."), code="token_invalid")
        if token.revoked_at is not None:
            raise AuthenticationFailed(
                _("This API token was revoked on %(when)s.") % {"when": _moment(token.revoked_at)},
                code="token_revoked",
            )
        if token.is_expired:
            raise AuthenticationFailed(
                _("This API token expired on %(when)s.") % {"when": _moment(token.expires_at)},
                code="token_expired",
            )
        if not token.user.is_active:
            raise AuthenticationFailed(_("The account this API token belongs to is disabled."), code="user_inactive")
        mark_used(token)
        return token.user, token

    def authenticate_header(self, request):
        # Makes DRF answer an unauthenticated request with 401 and this challenge, not 403.
        return 'Bearer realm="api"'


class TokenRateThrottle(SimpleRateThrottle):
    """Requests per token (per user for the browser's session, per address for anyone else), at ``API_TOKEN_RATE``."""

    scope = "api_token"

    def get_rate(self):
        # Read on each request, not when the class is defined, so that a changed setting applies.
        return getattr(settings, "API_TOKEN_RATE", DEFAULT_RATE)

    def get_cache_key(self, request, view):
        if isinstance(request.auth, ApiToken):
            ident = f"token-{request.auth.pk}"
        elif request.user is not None and request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            # The project's one reading of the client address, not DRF's trust in X-Forwarded-For.
            ident = f"address-{client_ip(request)}"
        return self.cache_format % {"scope": self.scope, "ident": ident}


class BearerTokenScheme(OpenApiAuthenticationExtension):
    """Tells the OpenAPI schema (drf-spectacular) how ``BearerTokenAuthentication`` is used: an HTTP bearer token."""

    target_class = BearerTokenAuthentication
    name = "bearerAuth"

    def get_security_definition(self, auto_schema):
        definition = build_bearer_security_scheme_object(header_name="Authorization", token_prefix="Bearer")
        return {**definition, "description": gettext_lazy("A personal API token, made on /account/tokens/.")}
