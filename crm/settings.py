"""Settings for the Qingdao Investment CRM.

Everything that differs between a laptop and a server comes from the
environment, read through the small helpers in ``core.env`` that stop start-up
with a message naming the variable when a value is malformed.
"""

from datetime import timedelta
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from core.env import envbool, envchoice, envdatabase, envint, envlist, envrate, envstr, envurl

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = envbool("DJANGO_DEBUG", default=True)

# A development key is only acceptable while debugging; production must set one.
SECRET_KEY = envstr(
    "DJANGO_SECRET_KEY",
    default="dev-only-insecure-key-change-me-0123456789abcdefghijklmnopqrstuvwxyz" if DEBUG else None,
)

if not DEBUG and (len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or SECRET_KEY.startswith("dev-only-")):
    raise ImproperlyConfigured(
        "The environment variable DJANGO_SECRET_KEY must be a random value of at least 50 characters; "
        "generate one with: python -c 'import secrets; print(secrets.token_urlsafe(50))'"
    )

ALLOWED_HOSTS = envlist(
    "DJANGO_ALLOWED_HOSTS",
    default=["127.0.0.1", "localhost", "testserver"] if DEBUG else None,
)
CSRF_TRUSTED_ORIGINS = envlist("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
# A form sent without a valid token gets a page in the site's layout saying what to do (templates/403_csrf.html).
CSRF_FAILURE_VIEW = "core.errors.csrf_failure"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "axes",
    "core",
    "partners",
    "projects",
    "crm",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.security.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Pages for a signed-in user are not kept by browsers or proxies (Cache-Control: no-store).
    "core.middleware.NoStoreForSignedInMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: turns a locked-out log-in into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "crm.urls"

# Chinese figures grouped by thousands, as bureau ledgers write them.
FORMAT_MODULE_PATH = ["core.formats"]

# Every form field renders through core/templates/core/field.html.
FORM_RENDERER = "core.forms.FormRenderer"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                # The unread notifications count in the navigation bar.
                "core.context_processors.notifications",
            ],
            # {% load record_history %}: the "History" link any detail page can show.
            "libraries": {"record_history": "core.history"},
        },
    },
]

WSGI_APPLICATION = "crm.wsgi.application"

# SQLite (WAL, busy timeout, IMMEDIATE transactions) unless DATABASE_URL names another.
DATABASES = {"default": envdatabase("DATABASE_URL", sqlite_path=BASE_DIR / "db.sqlite3")}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# django-axes first: it refuses a locked-out username+address before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("zh-hans", _("Simplified Chinese"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

REST_FRAMEWORK = {
    # Personal API tokens first: their 401 carries the WWW-Authenticate challenge (the session has none).
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "core.api_tokens.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_THROTTLE_CLASSES": ["core.api_tokens.TokenRateThrottle"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "core.api.pagination.Pagination",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    # JSON only; people browse the API through its documentation pages (/api/docs/).
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "core.api.schema.RecordSchema",
    "EXCEPTION_HANDLER": "core.api.errors.exception_handler",
    "PAGE_SIZE": 50,
}

# The OpenAPI schema (/api/schema/) and its pages (/api/docs/), with their scripts served from this site.
SPECTACULAR_SETTINGS = {
    "TITLE": "Qingdao Investment CRM API",
    "DESCRIPTION": (
        "Organizations, contacts, projects and the engagement around them, as the pages show them to the "
        "signed-in user: confidential projects only to their officer and managers. Lists filter with the "
        "list pages' parameters (q to search, o to sort). Changes need the record's ETag in If-Match."
    ),
    "VERSION": "1",
    "SCHEMA_PATH_PREFIX": "/api/v1/",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Choice sets shared by several fields, or several choice sets under one field name: one name each.
    "ENUM_NAME_OVERRIDES": {
        "CurrencyEnum": "core.models.Currency",
        "DatePrecisionEnum": "core.models.DatePrecision",
        "StageEnum": "projects.models.Stage",
        "ProjectStatusEnum": "projects.models.Status",
        "ProjectDirectionEnum": "projects.models.Direction",
        "DistrictEnum": "projects.models.District",
        "OrganizationKindEnum": "partners.models.Organization.Kind",
        "EventKindEnum": "crm.models.Event.Kind",
        "MeetingKindEnum": "crm.models.Meeting.Kind",
        "AgreementKindEnum": "crm.models.Agreement.Kind",
        "AgreementStatusEnum": "crm.models.Agreement.Status",
        "DelegationStatusEnum": "crm.models.Delegation.Status",
        "DelegationDirectionEnum": "crm.models.Delegation.Direction",
        "FollowUpStatusEnum": "crm.models.FollowUp.Status",
    },
}

# Requests each API token (or signed-in browser) may make, counted in the cache below; 429 beyond it.
API_TOKEN_RATE = envrate("CRM_API_TOKEN_RATE", default="1000/hour")
# Throttle counts live in the cache: Django's default, one per process (LocMemCache). Behind several
# worker processes each counts on its own, so the effective limit is the rate times the workers.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "crm"}}

# Where the brochure the seed fixtures come from is found, when it is present.
SEED_DOCUMENTS_DIR = Path(envstr("CRM_SEED_DOCUMENTS_DIR", default=str(BASE_DIR.parent / "shared" / "seeds")))
# The titles pages give the documents records cite in their provenance (``core.provenance``).
SOURCE_DOCUMENT_TITLES = {"000_4c29bc11d0cc8af9.txt": _("Qingdao investment brochure, 2019")}

# Notes' files (a signed MOU, a name card photo) live here, outside the web root and the static files;
# only core.notes_views serves them, to those who may see the record they belong to.
CRM_ATTACHMENTS_DIR = Path(envstr("CRM_ATTACHMENTS_DIR", default=str(BASE_DIR / "var" / "attachments")))
# The largest file a record takes, in bytes (20 MB).
CRM_ATTACHMENT_MAX_BYTES = envint("CRM_ATTACHMENT_MAX_BYTES", default=20 * 1024 * 1024)
# The kinds of record that take notes and files (app_label.model_name).
CRM_NOTED_MODELS = [
    "projects.investmentproject",
    "partners.organization",
    "partners.contact",
    "crm.delegation",
    "crm.meeting",
    "crm.agreement",
    "crm.event",
]

# An active project with no stage change and no meeting for this many days is stale on the dashboard.
STALE_PROJECT_DAYS = envint("CRM_STALE_PROJECT_DAYS", default=90)
# The reminder e-mail lists the officer's own projects quiet this long (the same rule, ``crm.activity.stale``).
DIGEST_STALE_PROJECT_DAYS = envint("CRM_DIGEST_STALE_DAYS", default=60)

# Where people reach the site: links in e-mails and group-chat messages are absolute from here.
CRM_SITE_URL = envurl("CRM_SITE_URL", default="http://127.0.0.1:8000")
# A WeCom or DingTalk group robot's address: ``send_reminders`` posts the day's team summary to it. Empty: off.
CRM_DIGEST_WEBHOOK_URL = envurl("CRM_DIGEST_WEBHOOK_URL", default="")
CRM_DIGEST_WEBHOOK_KIND = envchoice("CRM_DIGEST_WEBHOOK_KIND", choices=("wecom", "dingtalk"), default="wecom")

# E-mail (the reminder digest). While debugging, messages are printed to the console unless a backend is named.
EMAIL_BACKEND = envstr(
    "EMAIL_BACKEND",
    default="django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = envstr("EMAIL_HOST", default="localhost")
EMAIL_PORT = envint("EMAIL_PORT", default=25)
EMAIL_HOST_USER = envstr("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = envstr("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = envbool("EMAIL_USE_SSL", default=False)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("Set only one of EMAIL_USE_TLS (STARTTLS, port 587) and EMAIL_USE_SSL (port 465).")
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", default=30)
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", default="crm@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The dashboard's figures are computed at most this often (seconds); the page says when.
DASHBOARD_CACHE_SECONDS = envint("CRM_DASHBOARD_CACHE_SECONDS", default=300)

if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = envbool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = envint("DJANGO_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    # Errors (with tracebacks) and warnings to stderr, where gunicorn and systemd collect them.
    LOGGING = {
        "version": 1,
        "disable_existing_loggers": False,
        "handlers": {"stderr": {"class": "logging.StreamHandler"}},
        "root": {"handlers": ["stderr"], "level": envstr("DJANGO_LOG_LEVEL", default="WARNING")},
    }

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

# Sent by core.security.ContentSecurityPolicyMiddleware: everything from this site, nothing inline.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; "
    "base-uri 'self'; frame-ancestors 'none'; form-action 'self'"
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

# Reverse proxies in front of the application (nginx: 1); their X-Forwarded-For names the client.
TRUSTED_PROXY_HOPS = envint("CRM_TRUSTED_PROXY_HOPS", default=0)

# Log-in protection (django-axes): 5 failures for one username from one address lock that pair out.
LOCKOUT_MINUTES = envint("CRM_LOCKOUT_MINUTES", default=30)
AXES_FAILURE_LIMIT = 5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_COOLOFF_TIME = timedelta(minutes=LOCKOUT_MINUTES)
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "core.security.client_ip"
AXES_LOCKOUT_CALLABLE = "core.security.locked_out"
