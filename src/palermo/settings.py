"""Django settings, read from environment variables with safe defaults for development.

Production mode (PALERMO_PRODUCTION=1) refuses to start without a secret key and a data-encryption
key; development mode uses the working folder (PALERMO_HOME, default ./var) that `palermo` prepares.
"""

import json
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP  # type: ignore[import-not-found,unused-ignore]
from django.utils.translation import gettext_lazy as _

PRODUCTION = os.environ.get("PALERMO_PRODUCTION", "") == "1"
HOME = Path(os.environ.get("PALERMO_HOME", "var")).resolve()
BASE_DIR = Path(__file__).resolve().parent


MIN_SECRET_KEY_LENGTH = 50


def _secret_key() -> str:
    key = os.environ.get("PALERMO_SECRET_KEY", "")
    if key:
        if PRODUCTION and (
            len(key) < MIN_SECRET_KEY_LENGTH or len(set(key)) < 5 or "insecure" in key
        ):
            raise ImproperlyConfigured(
                f"PALERMO_SECRET_KEY is too weak: use at least {MIN_SECRET_KEY_LENGTH} random "
                "characters, e.g. `python -c 'import secrets; print(secrets.token_urlsafe(50))'`."
            )
        return key
    key_file = HOME / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    if PRODUCTION:
        raise ImproperlyConfigured("PALERMO_SECRET_KEY must be set in production.")
    return "django-insecure-development-only"


def _data_key_file() -> Path:
    configured = os.environ.get("PALERMO_DATA_KEY_FILE", "")
    if PRODUCTION and not configured and not os.environ.get("PALERMO_DATA_KEYS"):
        raise ImproperlyConfigured(
            "PALERMO_DATA_KEY_FILE (or PALERMO_DATA_KEYS) must be set in production: "
            "personal data cannot be stored without a data-encryption key."
        )
    return Path(configured) if configured else HOME / "data_keys.json"


def _audit_key_file() -> Path:
    configured = os.environ.get("PALERMO_AUDIT_KEY_FILE", "")
    if PRODUCTION and not configured and not os.environ.get("PALERMO_AUDIT_KEY"):
        raise ImproperlyConfigured(
            "PALERMO_AUDIT_KEY_FILE (or PALERMO_AUDIT_KEY) must be set in production: the audit "
            "trail is keyed so that nobody with only database access can rewrite it."
        )
    return Path(configured) if configured else HOME / "audit_key"


SECRET_KEY = _secret_key()
# Off unless asked for: Django's debug pages show local variables, which may hold personal data.
DEBUG = not PRODUCTION and os.environ.get("PALERMO_DEBUG", "") == "1"
ALLOWED_HOSTS = [
    host
    for host in os.environ.get("PALERMO_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
    if host
]

# Keys for personal data live outside the database: a JSON keyring in a 0600 file, or the same
# JSON in PALERMO_DATA_KEYS. See palermo.privacy.keys.
PALERMO_DATA_KEY_FILE = _data_key_file()
PALERMO_DATA_KEYS = os.environ.get("PALERMO_DATA_KEYS", "")
# The audit chain's HMAC key, outside the database too; signed checkpoints of the chain's tip go
# to a file (copy it to another system). See palermo.audit.keys and docs/audit.md.
PALERMO_AUDIT_KEY_FILE = _audit_key_file()
PALERMO_AUDIT_KEY = os.environ.get("PALERMO_AUDIT_KEY", "")
PALERMO_AUDIT_CHECKPOINT_FILE = Path(
    os.environ.get("PALERMO_AUDIT_CHECKPOINT_FILE", "") or HOME / "audit-checkpoints.jsonl"
)
PALERMO_AUDIT_CHECKPOINT_EVERY = int(os.environ.get("PALERMO_AUDIT_CHECKPOINT_EVERY", "100"))
PALERMO_DEFAULT_PACK = os.environ.get("PALERMO_PACK", "generic")


def _report_database_settings() -> dict[str, str] | None:
    """PostgreSQL settings for a report build's transaction, as a JSON object of strings
    (None: the reporting app's own, palermo.reporting.build.BUILD_SETTINGS)."""
    text = os.environ.get("PALERMO_REPORT_DATABASE_SETTINGS", "")
    if not text:
        return None
    try:
        found = json.loads(text)
    except ValueError as error:
        raise ImproperlyConfigured(
            f"PALERMO_REPORT_DATABASE_SETTINGS is not JSON: {error}"
        ) from None
    if not isinstance(found, dict) or not all(
        isinstance(key, str) and isinstance(value, str) for key, value in found.items()
    ):
        raise ImproperlyConfigured(
            'PALERMO_REPORT_DATABASE_SETTINGS must be a JSON object of strings, e.g. {"jit": "off"}'
        )
    return found


PALERMO_REPORT_DATABASE_SETTINGS = _report_database_settings()

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks_db",
    "axes",  # login failures per (account, address) pair, kept in the database
    "django_countries",  # country names in every language (palermo.core.countries)
    "palermo.accounts",
    "palermo.jurisdiction",
    "palermo.audit",
    "palermo.registry",
    "palermo.justice",
    "palermo.screening",
    "palermo.coordination",
    "palermo.jobs",
    "palermo.linkreview",
    "palermo.exchange",
    "palermo.reporting",
    "palermo.api",
    "palermo.administration",
    "ninja",  # serves the API docs page (Swagger UI) from local static files, not a CDN
    "palermo.core",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "palermo.core.ratelimits.ApiRateLimitMiddleware",
    "palermo.core.headers.PrivateResponsesMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "palermo.accounts.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "palermo.htmx.LeavePageOnRedirectMiddleware",
    "palermo.jurisdiction.middleware.JurisdictionTimeZoneMiddleware",
    "axes.middleware.AxesMiddleware",  # turns a locked (account, address) pair into a 429
    # Innermost, so that a write, its key and its stored answer commit together.
    "palermo.api.idempotency.IdempotencyMiddleware",
]

ROOT_URLCONF = "palermo.urls"
WSGI_APPLICATION = "palermo.wsgi.application"

# Every form is drawn by one form template and one field template (palermo/core/forms.py).
FORM_RENDERER = "palermo.core.forms.FormRenderer"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "palermo.navigation.navigation",
            ],
            "builtins": ["palermo.core.templatetags.palermo_format"],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("PALERMO_DATABASE_URL") or f"sqlite:///{HOME / 'palermo.sqlite3'}",
        conn_max_age=60,
    )
}
# A persistent connection is checked before a request uses it, so a database that restarted
# costs no request a 500 on a stale connection.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The web server and the task worker share one SQLite file: wait for locks, don't fail.
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
# The first loads sessions that passed both factors; the second only checks passwords and
# recognises no session by itself (see palermo.accounts.backends).
AUTHENTICATION_BACKENDS = [
    "palermo.accounts.backends.SecondFactorBackend",
    "palermo.accounts.backends.ThrottledModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Lock an (account, address) pair for PALERMO_LOCKOUT_MINUTES after this many failed passwords
# in a row (django-axes). Locking the account itself would let anyone lock out any staff member
# with five wrong guesses; wrong one-time codes (which need the password) still lock the account.
PALERMO_MAX_FAILED_LOGINS = int(os.environ.get("PALERMO_MAX_FAILED_LOGINS", "5"))
PALERMO_LOCKOUT_MINUTES = int(os.environ.get("PALERMO_LOCKOUT_MINUTES", "15"))
AXES_FAILURE_LIMIT = PALERMO_MAX_FAILED_LOGINS
AXES_COOLOFF_TIME = timedelta(minutes=PALERMO_LOCKOUT_MINUTES)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "palermo.core.ratelimits.axes_locked_out"
AXES_DISABLE_ACCESS_LOG = True  # successful logins are in the audit trail already
AXES_VERBOSE = False

# The cache is each process's own memory (short-lived look-ups such as the jurisdiction's time
# zone, free on every request). What every process must share, the rate limits, counts in its
# own table, one upsert per request: see palermo.core.ratelimits.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Sessions expire after 30 idle minutes and when the browser closes.
SESSION_COOKIE_AGE = int(os.environ.get("PALERMO_SESSION_SECONDS", "1800"))
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SECURE_SSL_REDIRECT = PRODUCTION and os.environ.get("PALERMO_SSL_REDIRECT", "1") == "1"
# Behind a TLS-terminating proxy Django sees plain HTTP; trust the proxy's header only when told
# there is one (a client could send the header itself otherwise).
if os.environ.get("PALERMO_BEHIND_TLS_PROXY", "") == "1":
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31536000 if PRODUCTION else 0
# Palermo's host should be HTTPS-only with all its subdomains; set PALERMO_HSTS_PRELOAD=0 (or
# _SUBDOMAINS=0) only if the domain also serves something over plain HTTP.
SECURE_HSTS_INCLUDE_SUBDOMAINS = (
    PRODUCTION and os.environ.get("PALERMO_HSTS_SUBDOMAINS", "1") == "1"
)
SECURE_HSTS_PRELOAD = PRODUCTION and os.environ.get("PALERMO_HSTS_PRELOAD", "1") == "1"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "style-src-attr": [CSP.NONE],
    "img-src": [CSP.SELF, "data:"],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}

# Times are stored in UTC and shown in the jurisdiction's time zone (see the middleware).
USE_TZ = True
TIME_ZONE = "UTC"
USE_I18N = True
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("zh-hant", _("Traditional Chinese")), ("pt", _("Portuguese"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# One date format per language (palermo/formats/<language>/formats.py).
FORMAT_MODULE_PATH = ["palermo.formats"]
# Kosovo is accepted everywhere a country is asked (palermo.core.countries says why).
COUNTRIES_OVERRIDE = {"XK": _("Kosovo")}

# Static files are served by WhiteNoise, with or without DEBUG: from the apps' folders while
# developing, from `palermo collectstatic`'s compressed, fingerprinted copies in production.
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
if PRODUCTION:
    STATIC_ROOT = HOME / "static"
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
else:
    WHITENOISE_USE_FINDERS = True
    WHITENOISE_AUTOREFRESH = True
MEDIA_ROOT = HOME / "media"
# Released files (CTDC exports, DP tables) made from the web page; each written 0600.
PALERMO_EXPORTS_DIR = Path(os.environ.get("PALERMO_EXPORTS_DIR", str(HOME / "exports")))
# The public tip form is rate-limited per address (palermo.core.ratelimits), counted in a table
# every process shares.
# Shown to the public after a tip, for anything urgent.
PALERMO_HOTLINE = os.environ.get("PALERMO_HOTLINE", "")
PALERMO_MAX_UPLOAD_BYTES = int(os.environ.get("PALERMO_MAX_UPLOAD_BYTES", str(10 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = PALERMO_MAX_UPLOAD_BYTES

# The worker touches this file while it runs; /readyz reports it missing when it goes stale.
PALERMO_WORKER_HEARTBEAT = os.environ.get(
    "PALERMO_WORKER_HEARTBEAT", str(HOME / "worker.heartbeat")
)

# Long jobs run in a database-backed worker (`palermo worker`), never inside a request.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("PALERMO_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# Logs never carry personal data: we log references and event names, never field values.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("PALERMO_LOG_LEVEL", "WARNING")},
}
