"""Settings for the GP Innovation Library: one module, every machine difference is an env var."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, *, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, *, default):
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", default=False)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off (production)."
        )
    SECRET_KEY = "dev-only-insecure-key-never-use-in-production"
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

# Where the seed documents live (used only by the copy-check test).
SEEDS_DIR = Path(os.environ.get("LIBRARY_SEEDS_DIR", BASE_DIR.parent / "shared" / "seeds"))
CONTENT_DIR = Path(os.environ.get("LIBRARY_CONTENT_DIR", BASE_DIR / "fixtures"))

INSTALLED_APPS = [
    "curation.admin_config.CurationAdminConfig",  # django.contrib.admin, curators' home page
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.syndication",
    "django.contrib.postgres",
    "csp",
    "django_filters",
    "taggit",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "core",
    "finder",
    "search",
    "casestudies",
    "vanguards",
    "guidance",
    "content",
    "curation",
    "pages",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.middleware.MalformedRequestMiddleware",
    "core.cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    "core.middleware.PermissionsPolicyMiddleware",
    "curation.middleware.SlugRedirectMiddleware",
    "axes.middleware.AxesMiddleware",
]

if DEBUG:
    # The development server sends static files compressed too (WhiteNoise serves them from the
    # finders there, with no .gz copies); in production nginx sends collectstatic's .gz files.
    MIDDLEWARE.insert(0, "django.middleware.gzip.GZipMiddleware")

ROOT_URLCONF = "config.urls"

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
                "core.context_processors.site",
            ],
            "builtins": ["core.templatetags.library", "finder.templatetags.finder_tags"],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Every transaction takes SQLite's write lock when it begins, and a writer waits up to 20 s
    # for another to finish: two curators saving at once queue up instead of one failing with
    # "database is locked" when its read transaction tries to become a write.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20}
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


CACHE_MAX_MB = int(os.environ.get("LIBRARY_CACHE_MAX_MB", "64"))  # per process, locmem only


def cache_from_url(url):
    """CACHE_URL: redis://host:port/db, db://table_name, locmem:// (the default) or dummy://."""
    scheme, _, rest = url.partition("://")
    if scheme in {"redis", "rediss"}:
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    if scheme == "db":
        return {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": rest.strip("/") or "library_cache",
        }
    if scheme == "dummy":
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    if scheme == "locmem":
        # Bounded in entries and in bytes: every page a process stores stays in its memory.
        return {
            "BACKEND": "core.memory_cache.BoundedMemoryCache",
            "LOCATION": rest or "library",
            "OPTIONS": {"MAX_ENTRIES": 2000, "MAX_BYTES": CACHE_MAX_MB * 1024 * 1024},
        }
    raise ImproperlyConfigured(f"CACHE_URL: unknown cache scheme {scheme!r}")


# Caching (see bench/README.md): a shared cache (Redis or the database) for production, so all
# app servers invalidate together on publish; a per-process memory cache otherwise.
CACHE_URL = os.environ.get("CACHE_URL", "locmem://")
CACHES = {"default": {**cache_from_url(CACHE_URL), "KEY_PREFIX": "gplib"}}
CACHE_IS_SHARED = not CACHE_URL.startswith(("locmem:", "dummy:"))
# Anonymous pages are served from the cache until content changes; with a per-process cache
# other processes cannot be told, so their copies expire sooner.
PAGE_CACHE_ALIAS = "default"
PAGE_CACHE_SECONDS = int(
    os.environ.get("DJANGO_PAGE_CACHE_SECONDS", "3600" if CACHE_IS_SHARED else "60")
)
PAGE_CACHE_EXCLUDE = ["/admin/"]
PAGE_CACHE_WAIT_SECONDS = 2.0  # how long a miss waits for the same page rendered by another
PAGE_CACHE_BYPASS_COOKIES = ["sessionid", "messages"]
# What nginx or a CDN may keep (core/edge.py): a stored anonymous page is fresh at the edge for
# PAGE_EDGE_SECONDS and may be served stale while it revalidates for PAGE_EDGE_STALE_SECONDS
# more, so a reader sees a publish within their sum (9 s by default).
PAGE_EDGE_SECONDS = int(os.environ.get("LIBRARY_EDGE_SECONDS", "5"))
PAGE_EDGE_STALE_SECONDS = int(os.environ.get("LIBRARY_EDGE_STALE_SECONDS", "4"))
# X-Cache: HIT/MISS tells how the cache behaves; in production it only advertises internals.
PAGE_CACHE_STATUS_HEADER = env_bool("LIBRARY_CACHE_STATUS_HEADER", default=DEBUG)

# Expensive downloads (core.renders): PDF and Word files made at most EXPORT_RENDERS at a
# time across every process sharing the cache, each within a time limit, each address at most
# EXPORT_RATE_LIMIT a minute.
EXPORT_RENDERS = int(os.environ.get("LIBRARY_EXPORT_RENDERS", "1"))
EXPORT_WORKERS = 1  # render processes per web process (started on its first render)
EXPORT_QUEUE = 2  # renders a web process lets wait for its render process
EXPORT_WAIT_SECONDS = float(os.environ.get("LIBRARY_EXPORT_WAIT_SECONDS", "1.5"))
EXPORT_TIMEOUT_SECONDS = float(os.environ.get("LIBRARY_EXPORT_TIMEOUT_SECONDS", "20"))
EXPORT_RATE_LIMIT = int(os.environ.get("LIBRARY_EXPORT_RATE_LIMIT", "20"))
EXPORT_CACHE_MAX_BYTES = 2 * 1024 * 1024
# Sessions read from the cache only when every process shares it: a per-process copy could keep
# a signed-out session alive in another worker.
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if CACHE_IS_SHARED
    else "django.contrib.sessions.backends.db"
)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

TAGGIT_CASE_INSENSITIVE = True

# Security: safe by default; DEBUG (local development) relaxes only what HTTPS needs.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# A curator's sign-in lasts a working day from their last request, not two weeks.
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = 0 if DEBUG else 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("DJANGO_BEHIND_PROXY", default=False) else None
)

# Content-Security-Policy (django-csp 4): no inline script anywhere, nothing from other sites.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
    }
}
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

LOGIN_URL = "admin:login"

# Sign-in protection (django-axes): 5 failures from one IP for one username lock that pair
# out for 15 minutes. Locking the pair, not the username, stops anyone elsewhere locking a
# real curator out; the cool-off stops any lockout being permanent.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "curation.signin.UsernameSlowDownBackend",  # before any password is checked
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "curation.views.lockout"  # renders curation/lockout.html
AXES_CLIENT_IP_CALLABLE = "core.client.client_address"
# Client addresses (core/client.py): X-Forwarded-For is read only from these proxies (addresses,
# networks, or "unix" for nginx on gunicorn's unix socket), that many hops from the right.
LIBRARY_TRUSTED_PROXIES = env_list("LIBRARY_TRUSTED_PROXIES", default=[])
LIBRARY_TRUSTED_PROXY_HOPS = int(os.environ.get("LIBRARY_TRUSTED_PROXY_HOPS", "1"))

# Per username, from any address: after SIGNIN_SLOWDOWN_AFTER failures in 15 minutes each further
# try waits twice as long as the last (up to a minute), so a guess spread over many addresses is
# throttled too, while the curator can still sign in (curation/signin.py).
SIGNIN_SLOWDOWN_AFTER = 10
SIGNIN_SLOWDOWN_MAX_SECONDS = 60
# Two-factor sign-in (django-otp, TOTP): required for Publishers and superusers (curation/otp.py).
LIBRARY_TWO_FACTOR = env_bool("LIBRARY_TWO_FACTOR", default=True)
OTP_TOTP_ISSUER = "GP Innovation Library"

# Public "Share your practice's story" form: submissions per IP address per hour.
SUBMISSION_RATE_LIMIT = int(os.environ.get("LIBRARY_SUBMISSION_RATE_LIMIT", "3"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}

SITE_NAME = "GP Innovation Library"
SITE_URL = os.environ.get("LIBRARY_SITE_URL", "http://127.0.0.1:8000")
