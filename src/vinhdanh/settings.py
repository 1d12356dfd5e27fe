"""Django settings. Everything deploy-specific comes from VINHDANH_* environment variables."""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = Path(os.environ.get("VINHDANH_HOME", Path.cwd()))
VAR_DIR = PROJECT_DIR / "var"


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = _env_bool("VINHDANH_DEBUG", False)
SECRET_KEY = os.environ.get("VINHDANH_SECRET_KEY", "")
if not SECRET_KEY:
    # A stable development key; production must set VINHDANH_SECRET_KEY (check --deploy says so).
    SECRET_KEY = "django-insecure-vinhdanh-development-only-key-change-me-in-production"
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("VINHDANH_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
    if h.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "rest_framework",
    "drf_spectacular",
    "django_filters",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "vinhdanh.common",
    "vinhdanh.orgs",
    "vinhdanh.people",
    "vinhdanh.awards",
    "vinhdanh.eligibility",
    "vinhdanh.movements",
    "vinhdanh.nominations",
    "vinhdanh.councils",
    "vinhdanh.documents",
    "vinhdanh.programmes",
    "vinhdanh.reports",  # statistics and report forms: read-only, no tables
    "vinhdanh.demo",  # the demo province: its commands, no tables
    "vinhdanh.web",
    "vinhdanh.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "vinhdanh.common.middleware.VietnameseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "vinhdanh.common.middleware.RequestContextMiddleware",
    "vinhdanh.common.middleware.SecurityHeadersMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "vinhdanh.urls"
WSGI_APPLICATION = "vinhdanh.wsgi.application"
ASGI_APPLICATION = "vinhdanh.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "vinhdanh.web.context_processors.navigation",
            ],
        },
    },
]

_default_db = f"sqlite:///{VAR_DIR / 'vinhdanh.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("VINHDANH_DATABASE_URL", _default_db), conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout make the embedded database usable by a small office.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # A fresh clone has no var/: SQLite cannot create the file's folder itself.
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # The covering indexes of the facts (award_person_facts …) are plain indexes on SQLite,
    # which has no INCLUDE: that is all they need to be there.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
elif DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql"):
    # The planner's cost of a random page read: 4 assumes spinning disks, where a commune's
    # candidate list read whole tables of a million people instead of their indexes; 1.1 is
    # PostgreSQL's advice for SSDs and for data held in memory.
    _page_cost = os.environ.get("VINHDANH_PG_RANDOM_PAGE_COST", "1.1")
    if _page_cost:
        DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
            f"-c random_page_cost={float(_page_cost)}"
        )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# One cache for every process of the site (the gunicorn workers, the background worker): the
# dashboard's counts, the candidate lists and the rate limits (password reset, public comments,
# the API's throttles) must agree between them, which a per-process memory cache cannot do. A
# table in the database needs no other service; `migrate` creates it (common/apps.py).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "vinhdanh_cache",
        # a province's candidate lists (unit × year × decision date) fit without culling
        "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("VINHDANH_CACHE_MAX_ENTRIES", "20000"))},
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["vinhdanh.formats"]  # Vietnamese thousands grouping
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_ROOT = Path(os.environ.get("VINHDANH_MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"  # never served directly: attachments go through a permission check
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "login"

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
HTTPS = _env_bool("VINHDANH_HTTPS", False)
# Secure cookies follow HTTPS: over plain http (the demo on 127.0.0.1) a browser drops them
# and every form would fail its CSRF check.
SESSION_COOKIE_SECURE = _env_bool("VINHDANH_SECURE_COOKIES", HTTPS)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if HTTPS:
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
IMPORT_MAX_UPLOAD_BYTES = 50 * 1024 * 1024
# About 6 KiB of memory per row while a file is validated: 200,000 rows stay near 1.2 GiB.
IMPORT_MAX_ROWS = int(os.environ.get("VINHDANH_IMPORT_MAX_ROWS", "200000"))

# Background work: long imports and province-wide candidate lists run in a worker
# (`vinhdanh db_worker`, started by `make demo` and by the systemd unit of docs/deploy.md).
# VINHDANH_TASKS=immediate runs them inside the request instead (no worker; tests, tiny sites).
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if os.environ.get("VINHDANH_TASKS", "database") == "immediate"
            else "django_tasks_db.DatabaseBackend"
        ),
        "QUEUES": ["default"],
    }
}
# Smaller uploads are checked and imported inside the request, as before (a few seconds at most).
IMPORT_INLINE_MAX_BYTES = int(os.environ.get("VINHDANH_IMPORT_INLINE_MAX_BYTES", 256 * 1024))
# Candidate lists for units with more people than this are built by the worker.
CANDIDATES_INLINE_MAX_PEOPLE = int(os.environ.get("VINHDANH_CANDIDATES_INLINE_MAX_PEOPLE", "2000"))
# A job with no sign of life for this long may be started again from its page.
JOB_STUCK_AFTER_SECONDS = int(os.environ.get("VINHDANH_JOB_STUCK_AFTER_SECONDS", "900"))

_email_url = os.environ.get("VINHDANH_EMAIL_URL", "")
if _email_url.startswith("smtp"):
    from urllib.parse import unquote, urlparse

    _u = urlparse(_email_url)
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = _u.hostname or "localhost"
    EMAIL_PORT = _u.port or 25
    EMAIL_HOST_USER = unquote(_u.username or "")
    EMAIL_HOST_PASSWORD = unquote(_u.password or "")
    EMAIL_USE_TLS = _u.scheme == "smtp+tls"
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("VINHDANH_FROM_EMAIL", "vinhdanh@localhost")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.BasicAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PARSER_CLASSES": [
        "vinhdanh.api.parsers.JSONBodyParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "vinhdanh.api.pagination.PagePagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["vinhdanh.api.filters.FilterBackend"],
    "EXCEPTION_HANDLER": "vinhdanh.api.exceptions.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "vinhdanh.api.schema.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Vinh Danh API",
    "DESCRIPTION": "Emulation and commendation records (thi đua – khen thưởng).",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # One name for a choice set used by several fields (Award.award_type, AwardKind.award_types).
    "ENUM_NAME_OVERRIDES": {
        "AwardTypeEnum": "vinhdanh.awards.enums.AwardType",
        "NominationStateEnum": "vinhdanh.nominations.enums.NominationState",
        # The engine's one list of outcomes and of decider roles (eligibility.core.vocab).
        "OutcomeEnum": "vinhdanh.nominations.enums.Outcome",
        "DeciderRoleEnum": "vinhdanh.awards.enums.DeciderRole",
        "BulkTransitionTargetEnum": ["submitted", "appraised", "voted", "proposed"],
        "StatusEnum": "vinhdanh.awards.enums.DecisionStatus",  # the name it had alone
        "ProgrammeStatusEnum": "vinhdanh.programmes.enums.ProgrammeStatus",
        "ReportStateEnum": "vinhdanh.programmes.enums.ReportState",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# Sign-in security: lock-out after repeated failures (django-axes), a second factor for
# deciders and administrators (django-otp, TOTP), a working-day session, API throttling.
# Kept in one block; every value can be changed through a VINHDANH_* variable.
import datetime as _dt  # noqa: E402

# Before the project's apps, so that their admin modules come after these packages' own.
_first_project_app = INSTALLED_APPS.index("vinhdanh.common")
INSTALLED_APPS[_first_project_app:_first_project_app] = [
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
]
# Axes first: a locked-out account is refused before its password is even checked.
AUTHENTICATION_BACKENDS.insert(0, "axes.backends.AxesStandaloneBackend")
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "django_otp.middleware.OTPMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.messages.middleware.MessageMiddleware") + 1,
    "vinhdanh.web.signin.SignInPolicyMiddleware",
)
MIDDLEWARE.append("axes.middleware.AxesMiddleware")  # last: turns a lock-out into its page

# Reverse proxies in front of the server (0: the client is REMOTE_ADDR). Forwarded headers
# are trusted only when a proxy is declared, or an attacker would pick a new address per try.
PROXY_COUNT = int(os.environ.get("VINHDANH_PROXY_COUNT", "0"))
AXES_FAILURE_LIMIT = int(os.environ.get("VINHDANH_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = _dt.timedelta(
    minutes=int(os.environ.get("VINHDANH_LOGIN_COOLOFF_MINUTES", "30"))
)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "vinhdanh.web.views.account.locked_out"
AXES_ENABLE_ADMIN = False  # lifting a lock-out goes through the audited page or command
if PROXY_COUNT:
    AXES_IPWARE_PROXY_COUNT = PROXY_COUNT
    AXES_IPWARE_PROXY_ORDER = "right-most"  # the address the last trusted proxy saw
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")

# Second factor: "required" (deciders, administrators and superusers must use one; anyone
# may), "optional" (nobody must) or "off" (never asked: the demo, whose logins are printed).
TWO_FACTOR = os.environ.get("VINHDANH_TWO_FACTOR", "required").strip().lower()
if TWO_FACTOR not in {"required", "optional", "off"}:
    TWO_FACTOR = "required"
OTP_TOTP_ISSUER = "Vinh Danh"
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# Between the password and the code (or the set-up), in seconds.
TWO_FACTOR_PENDING_SECONDS = 600

# A working day, counted from the sign-in (not renewed by activity), and gone with the browser.
SESSION_COOKIE_AGE = int(float(os.environ.get("VINHDANH_SESSION_HOURS", "8")) * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = _env_bool("VINHDANH_SESSION_EXPIRE_AT_BROWSER_CLOSE", True)
SESSION_SAVE_EVERY_REQUEST = False

# A password-reset request takes at least this long, whether or not the address is known.
PASSWORD_RESET_MIN_SECONDS = float(os.environ.get("VINHDANH_PASSWORD_RESET_MIN_SECONDS", "1.0"))
PASSWORD_RESET_TIMEOUT = 3600 * 2
PASSWORD_RESET_MAX_PER_HOUR = 3  # e-mails to one address

REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"] = [
    "rest_framework.authentication.SessionAuthentication",
    "vinhdanh.api.authentication.BasicAuthentication",
]
REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"] = [
    "vinhdanh.api.throttling.AnonRateThrottle",
    "vinhdanh.api.throttling.UserRateThrottle",
]
REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] = {
    "anon": os.environ.get("VINHDANH_API_RATE_ANON", "60/min"),
    "user": os.environ.get("VINHDANH_API_RATE_USER", "600/min"),
}
REST_FRAMEWORK["NUM_PROXIES"] = PROXY_COUNT
