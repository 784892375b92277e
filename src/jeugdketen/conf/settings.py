"""Settings for jeugdketen.

Everything that differs between machines comes from the environment:
``DJANGO_SECRET_KEY``, ``DATABASE_URL`` (SQLite by default), ``DJANGO_DEBUG``,
``DJANGO_ALLOWED_HOSTS`` and ``JEUGDKETEN_DEMO`` (enables the demo login page).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import dj_database_url
from django.core.management.utils import get_random_secret_key
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("JEUGDKETEN_DATA_DIR", Path.cwd()))


def env_flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in {"1", "true", "yes", "on"}


# No secret is ever committed: without DJANGO_SECRET_KEY every process gets a random one,
# which is safe but logs everybody out on restart. `make run` writes a stable one to .env.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or get_random_secret_key()
DEBUG = env_flag("DJANGO_DEBUG")
DEMO_MODE = env_flag("JEUGDKETEN_DEMO")
ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "drf_spectacular",
    "axes",
    "django_celery_beat",
    "jeugdketen.core",
    "jeugdketen.accounts",
    "jeugdketen.audit",
    "jeugdketen.catalogus",
    "jeugdketen.contracten",
    "jeugdketen.toegang",
    "jeugdketen.levering",
    "jeugdketen.berichten",
    "jeugdketen.declaraties",
    "jeugdketen.monitoring",
    "jeugdketen.tarieven",
    "jeugdketen.regels",
    "jeugdketen.meldingen",
    "jeugdketen.inrichting",
    "jeugdketen.demo",
    "jeugdketen.web",
    "jeugdketen.api",
]

MIDDLEWARE = [
    "jeugdketen.core.metrics.MetricsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "jeugdketen.core.middleware.RejectNulCharactersMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "axes.middleware.AxesMiddleware",
    "jeugdketen.api.middleware.ApiHeadersMiddleware",
]

ROOT_URLCONF = "jeugdketen.conf.urls"
WSGI_APPLICATION = "jeugdketen.conf.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "jeugdketen.core.context_processors.site",
                "jeugdketen.web.nav.navigation",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'db.sqlite3'}",
        conn_max_age=60,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the dev server and a CLI command share the file.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:login"

# Sessions expire: 30 minutes of inactivity, and always at browser close.
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_COOKIES = env_flag("JEUGDKETEN_SECURE_COOKIES")
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES

# Security headers.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.NONE],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
}

# Login throttling: five failures lock the username+address pair for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

LANGUAGE_CODE = "nl"
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = False

STATIC_URL = "static/"
# Static files are served from the apps by WhiteNoise; collectstatic only when a target is set.
STATIC_ROOT = os.environ.get("JEUGDKETEN_STATIC_ROOT") or None
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

# iJw uploads: the hardened parser also enforces this limit.
IJW_MAX_MESSAGE_BYTES = int(os.environ.get("JEUGDKETEN_MAX_MESSAGE_BYTES", 50 * 1024 * 1024))
DATA_UPLOAD_MAX_MEMORY_SIZE = IJW_MAX_MESSAGE_BYTES
FILE_UPLOAD_MAX_MEMORY_SIZE = IJW_MAX_MESSAGE_BYTES

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "jeugdketen.api.auth.OrganisationTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 100,
    "EXCEPTION_HANDLER": "jeugdketen.api.problems.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "jeugdketen API",
    "DESCRIPTION": (
        "Catalogue, allocation, declarations and monitoring of the Dutch youth-care chain (iJw 3.2)."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "jeugdketen.api.schema.add_problem_responses",
    ],
}


class PersonalDataFilter(logging.Filter):
    """Masks anything that looks like a BSN in application logs (AVG).

    The message is formatted here, once, and the masked text replaces it: masking each
    argument separately would break ``%d`` and miss a BSN spread over message and args.
    Tracebacks are masked too, since exception texts can quote input.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        from jeugdketen.core.privacy import mask_bsns

        try:
            text = record.getMessage()
        except Exception:  # noqa: BLE001 - a broken log call must not break the request
            text = f"{record.msg} {record.args}"
        record.msg, record.args = mask_bsns(text), None
        if record.exc_info and not record.exc_text:
            record.exc_text = mask_bsns(logging.Formatter().formatException(record.exc_info))
        elif record.exc_text:
            record.exc_text = mask_bsns(record.exc_text)
        return True


#: ``json`` (one JSON object per line, for a log collector; what the container image uses) or ``text``.
LOG_FORMAT = os.environ.get("JEUGDKETEN_LOG_FORMAT", "text")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"personal_data": {"()": PersonalDataFilter}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["personal_data"],
            "formatter": "json" if LOG_FORMAT == "json" else "text",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("JEUGDKETEN_LOG_LEVEL", "WARNING")},
    "loggers": {
        # One line per request (route name, status, duration; never a path's query or a body).
        "jeugdketen.requests": {
            "level": "INFO" if os.environ.get("JEUGDKETEN_LOG_REQUESTS") == "1" else "WARNING"
        },
    },
}

# --- e-mail (activation links, the daily deadline digest; see docs/operations.md) -------------
#: Off by default: links are then shown on screen or printed, and no digest is sent.
JEUGDKETEN_SEND_MAIL = os.environ.get("JEUGDKETEN_SEND_MAIL") == "1"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", 25))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS") == "1"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "jeugdketen@localhost")

# --- background work (Celery on Redis; see docs/operations.md) --------------------------------
#: Without a broker every task runs in the process that asks for it, so `make run` and the
#: tests need nothing installed.
CELERY_BROKER_URL = os.environ.get("JEUGDKETEN_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_IGNORE_RESULT = True
# A task is acknowledged when it has finished, and given back to the queue when its worker dies,
# so a killed worker loses nothing; every task is idempotent for that reason.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": int(os.environ.get("JEUGDKETEN_TASK_VISIBILITY", 3600))
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TIMEZONE = TIME_ZONE
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
JEUGDKETEN_QUEUES = ["celery"]
#: A JW323 with more Prestaties than this is judged by a worker: the upload answers 202 with a
#: status URL. Smaller ones are judged at once (about 0.2 s at this size).
JEUGDKETEN_INTAKE_AT_ONCE_LINES = int(os.environ.get("JEUGDKETEN_INTAKE_AT_ONCE_LINES", 2000))
# Progress of background work (lines judged), shared by web and worker processes: on the broker's
# Redis when there is one, else in this process (where the tasks then run too).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "voortgang": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CELERY_BROKER_URL}
        if CELERY_BROKER_URL.startswith(("redis://", "rediss://"))
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "voortgang"}
    ),
}
