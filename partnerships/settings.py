"""Settings for the Partnership Register.

One file, driven by environment variables (see README "Deploying"). The defaults give a newcomer
a working app on SQLite with no configuration at all.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name, default):
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def envlist(name, default):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = envbool("DEBUG", False)
# bench/load/run.sh only: serve /bench/trivial, the smallest view, to measure the stack's ceiling.
BENCH_TRIVIAL_VIEW = envbool("BENCH_TRIVIAL_VIEW", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        # A built-in key is public: anyone could forge sessions and password-reset links with it.
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it to a long random value (README, 'Deploying'), "
            "or set DEBUG=true on a development machine."
        )
    SECRET_KEY = "insecure-development-key-set-SECRET_KEY-in-production"
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")

COUNCIL_NAME = os.environ.get("COUNCIL_NAME", "Northmoor County Council")
COUNCIL_SHORT_CODE = os.environ.get("COUNCIL_SHORT_CODE", "NCC")
COUNCIL_LOGO = os.environ.get("COUNCIL_LOGO", "")  # path to a PNG/SVG; empty = name only
SERVICE_NAME = "Partnership register"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_forms_gds",
    "django_filters",
    "import_export",
    "simple_history",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "partnerships",
    "register",
    "assessments",
    "agreements",
    "reviews",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",  # last: shows the locked-out page
]

ROOT_URLCONF = "partnerships.urls"
WSGI_APPLICATION = "partnerships.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "partnerships.context_processors.service",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL compiles a query to machine code (JIT) when its estimated cost is high; for the short
    # queries of a web page the compiling costs more than it saves (the compliance list at 20,000
    # partnerships spent about 100 ms of its 230 ms compiling). Off for this application's connections.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# An index's INCLUDE columns serve PostgreSQL's index-only scans; SQLite ignores them, and needs none
# (its indexes hold the row's id already), so its warning that it ignores them says nothing to act on.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out username before checking passwords
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# A password-reset link works once, for this long (seconds).
PASSWORD_RESET_TIMEOUT = int(os.environ.get("PASSWORD_RESET_TIMEOUT", 2 * 60 * 60))
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": os.environ.get("STATICFILES_BACKEND", "whitenoise.storage.CompressedManifestStaticFilesStorage")
    },
}
# Source maps are only fetched by a developer's browser tools: not worth compressing (halves collectstatic).
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = ["map", "jpg", "jpeg", "png", "gif", "webp", "zip", "gz", "br", "woff", "woff2"]
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "media/"

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"
# Widgets rendered by Jinja2 where Django ships a Jinja2 template for them: the same HTML, a third less
# CPU on a long form (partnerships/renderers.py).
FORM_RENDERER = "partnerships.renderers.FormRenderer"

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "partnerships@localhost")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")

# Largest workbook the import accepts (bytes).
TOOLKIT_MAX_UPLOAD_BYTES = int(os.environ.get("TOOLKIT_MAX_UPLOAD_BYTES", 10 * 1024 * 1024))
DATA_UPLOAD_MAX_MEMORY_SIZE = TOOLKIT_MAX_UPLOAD_BYTES + 1024 * 1024
IMPORT_EXPORT_SKIP_ADMIN_LOG = False

# Login throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one username, that
# username is locked out for AXES_COOLOFF_MINUTES; a correct login resets the count.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", 15)))
# Locked by username (from anywhere), and by username and address together. Never by address
# alone: behind the council's proxy every officer shares one address, and one person's typos
# must not lock out the whole council.
AXES_LOCKOUT_PARAMETERS = ["username", ["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"

# Content-Security-Policy (django-csp 4): everything from this site only; no inline script or style.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", 8 * 60 * 60))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# HTTPS everywhere unless DEBUG is on. SECURE=false is the documented opt-out for a site served as
# plain HTTP behind a proxy that terminates HTTPS and does not send X-Forwarded-Proto.
if envbool("SECURE", not DEBUG):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
# Proxies in front of gunicorn (production usually has one, for HTTPS): how many of them append to
# X-Forwarded-For and are trusted to. The visitor's address (register.ratelimit.client_address) is then
# the TRUSTED_PROXY_COUNT-th entry from the right; with 0 it is the connection's address and the header
# is ignored. Sign-in throttling, the password-reset limit and partners' link limit all count by it,
# so behind the council's proxy each visitor gets their own limit instead of everyone sharing one.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", 0))
AXES_CLIENT_IP_CALLABLE = "register.ratelimit.axes_client_address"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# -- Background work, shared state and operations (more than one server) ----------------------------
# Task queue: Django's Tasks API (django-tasks, the backport of django.tasks). The database backend is
# the embedded default (`manage.py db_worker` runs it; `make run` starts one). TASK_BACKEND=rq puts
# the tasks on Redis with RQ, for councils that run several workers:
#   manage.py rqworker default --job-class django_tasks_rq.Job
INSTALLED_APPS += ["django_tasks", "django_tasks_db"]
REDIS_URL = os.environ.get("REDIS_URL", "")
TASK_BACKEND = os.environ.get("TASK_BACKEND", "database")
TASKS = {
    "default": {
        "database": {"BACKEND": "django_tasks_db.DatabaseBackend"},
        "rq": {"BACKEND": "django_tasks_rq.RQBackend"},
        "immediate": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    }[TASK_BACKEND]
}
if TASK_BACKEND == "rq":
    INSTALLED_APPS += ["django_rq"]
    RQ_QUEUES = {"default": {"URL": REDIS_URL or "redis://127.0.0.1:6379/0", "DEFAULT_TIMEOUT": 3600}}
# Exports of more rows than this run in the background, with a progress page; smaller ones at once.
EXPORT_IN_BACKGROUND_ROWS = int(os.environ.get("EXPORT_IN_BACKGROUND_ROWS", 2000))
JOB_RESULTS_KEPT_FOR = datetime.timedelta(hours=int(os.environ.get("JOB_RESULTS_KEPT_HOURS", 24)))
JOB_STALLED_AFTER = datetime.timedelta(minutes=int(os.environ.get("JOB_STALLED_MINUTES", 30)))
JOB_FAILED_ROWS_SHOWN = 500
SCHEDULER_DAILY_AT = os.environ.get("SCHEDULER_DAILY_AT", "07:00")  # local time the daily tasks are enqueued

# Files (uploads, exports, issued PDFs): local disk by default; STORAGE_BACKEND=s3 for S3-compatible
# object storage shared by every server. Credentials come from boto3's usual places (the
# AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY variables, or the server's role), never from this file.
if os.environ.get("STORAGE_BACKEND") == "s3":
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_STORAGE_BUCKET_NAME = os.environ["AWS_STORAGE_BUCKET_NAME"]
    AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None
    AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME") or None
    AWS_S3_FILE_OVERWRITE = False  # never replace a stored file: a new name instead
    AWS_DEFAULT_ACL = None  # private: files reach users only through the app's permission checks
    AWS_LOCATION = os.environ.get("AWS_LOCATION", "")

# Cache: each process's memory by default; REDIS_URL shares it between servers (dashboard figures).
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
# Sessions live in the database (shared by every server); SESSION_ENGINE may name cached_db instead.
SESSION_ENGINE = os.environ.get("SESSION_ENGINE", "django.contrib.sessions.backends.db")

# Logs: one JSON object a line with the request id (LOG_FORMAT=text for people reading a terminal).
MIDDLEWARE.insert(0, "partnerships.observability.RequestIdMiddleware")
LOGGING["formatters"] = {
    "json": {"()": "partnerships.observability.JsonFormatter"},
    "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
}
LOGGING["filters"] = {"request_id": {"()": "partnerships.observability.RequestIdFilter"}}
LOGGING["handlers"]["console"].update(
    formatter=os.environ.get("LOG_FORMAT", "text" if DEBUG else "json"), filters=["request_id"]
)
# Applying a toolkit import runs as a background job (progress page); false applies it in the request.
TOOLKIT_IMPORT_IN_BACKGROUND = envbool("TOOLKIT_IMPORT_IN_BACKGROUND", True)
# -- REST API (issue 15): /api/, its schema at /api/schema/ and documentation at /api/docs/ -------
INSTALLED_APPS += ["rest_framework", "drf_spectacular", "drf_spectacular_sidecar"]
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "partnerships.api.authentication.ApiTokenAuthentication",  # other systems: Authorization: Bearer ...
        "rest_framework.authentication.SessionAuthentication",  # the browser (and the docs page)
    ],
    "DEFAULT_PERMISSION_CLASSES": ["partnerships.api.permissions.RulesPermission"],
    "DEFAULT_THROTTLE_CLASSES": [
        "partnerships.api.throttling.UserThrottle",
        "partnerships.api.throttling.AnonThrottle",
    ],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PAGINATION_CLASS": "partnerships.api.pagination.Pagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
# Requests per token or signed-in user, and per address for callers with neither.
API_THROTTLE_RATES = {
    "user": os.environ.get("API_THROTTLE_USER", "5000/hour"),
    "anon": os.environ.get("API_THROTTLE_ANON", "60/minute"),
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Partnership register API",
    "DESCRIPTION": "Partnerships on the register with their partners, risks, objectives, reviews and "
    "agreements. Authenticate with a token from a register administrator (Authorization: Bearer ...).",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "PartnershipStatusEnum": "register.choices.Status",
        "RiskStatusEnum": "register.choices.RiskStatus",
        "ObjectiveStatusEnum": "reviews.models.ObjectiveStatus",
        "AgreementStatusEnum": "agreements.models.AgreementStatus",
        "RatingEnum": [(n, str(n)) for n in range(1, 6)],
    },
}

# -- Single sign-on (issue 15): OpenID Connect, e.g. Microsoft Entra ID. See README "Single sign-on".
# On when OIDC_RP_CLIENT_ID is set; SSO_ONLY=true then hides (and refuses) the password form.
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_RP_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_RP_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_OP_JWKS_ENDPOINT", "")
OIDC_OP_LOGOUT_ENDPOINT = os.environ.get("OIDC_OP_LOGOUT_ENDPOINT", "")
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.environ.get("OIDC_RP_SCOPES", "openid email profile")
OIDC_USE_PKCE = True
OIDC_PKCE_CODE_CHALLENGE_METHOD = "S256"
OIDC_STORE_ID_TOKEN = True  # for signing out of the provider too
OIDC_USERNAME_CLAIM = os.environ.get("OIDC_USERNAME_CLAIM", "preferred_username")
OIDC_GROUPS_CLAIM = os.environ.get("OIDC_GROUPS_CLAIM", "groups")
OIDC_DEPARTMENT_CLAIM = os.environ.get("OIDC_DEPARTMENT_CLAIM", "department")
OIDC_AUTHENTICATION_CALLBACK_URL = "sso:callback"
LOGIN_REDIRECT_URL_FAILURE = "/sso/refused/"
SSO_ONLY = envbool("SSO_ONLY", False)
if OIDC_RP_CLIENT_ID:
    AUTHENTICATION_BACKENDS.append("partnerships.sso.backend.SignOnBackend")
    if OIDC_OP_LOGOUT_ENDPOINT:  # the sign-out form ends at the provider: let the browser go there
        from urllib.parse import urlsplit

        _provider = urlsplit(OIDC_OP_LOGOUT_ENDPOINT)
        CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"].append(f"{_provider.scheme}://{_provider.netloc}")

# -- GOV.UK Notify (issue 15): set NOTIFY_API_KEY and NOTIFY_TEMPLATE_ID to send every email through
# Notify instead of SMTP. NOTIFY_TEMPLATES="review_reminder=<id>,assurance_round=<id>" per kind.
NOTIFY_API_KEY = os.environ.get("NOTIFY_API_KEY", "")
NOTIFY_BASE_URL = os.environ.get("NOTIFY_BASE_URL", "https://api.notifications.service.gov.uk")
NOTIFY_TEMPLATE_ID = os.environ.get("NOTIFY_TEMPLATE_ID", "")
NOTIFY_TEMPLATES = dict(item.split("=", 1) for item in envlist("NOTIFY_TEMPLATES", "") if "=" in item)
if NOTIFY_API_KEY and "EMAIL_BACKEND" not in os.environ:
    EMAIL_BACKEND = "partnerships.notify.NotifyEmailBackend"
