"""Settings for newsarchive.

Everything that differs between a laptop and production is read here, once, from the
environment (or an optional ``.env`` file beside ``manage.py``) through django-environ.
``.env.example`` documents every variable.
"""

import re
from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")  # safe if absent; the real environment wins

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it in the environment or in .env "
            "(or set DEBUG=true for local development)."
        )
    SECRET_KEY = "django-insecure-local-development-only"

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.flatpages",
    "django_prose_editor",
    "csp",
    "axes",
    "django.contrib.sitemaps",
    "articles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "articles.security.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "articles.middleware.DatabaseUnavailableMiddleware",
    "articles.pagecache.PageCacheMiddleware",
    "articles.routers.ReplicaRoutingMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsarchive.urls"
WSGI_APPLICATION = "newsarchive.wsgi.application"

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
                "articles.context_processors.site",
            ],
        },
    },
]

# Databases: SQLite is the zero-setup default; production uses postgres://… (psycopg 3).
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
# An optional read replica takes the public site's reads (see articles.routers).
if env.str("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = env.db("DATABASE_REPLICA_URL")
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["articles.routers.PublicReadsToReplicaRouter"]
for database in DATABASES.values():
    database["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    database["CONN_HEALTH_CHECKS"] = True
    if database["ENGINE"] == "django.db.backends.postgresql":
        # Page queries are short: compiling them with JIT costs more than it saves.
        database.setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
# After a write, the same browser reads from the primary for this long (replication lag).
REPLICA_PIN_SECONDS = env.int("REPLICA_PIN_SECONDS", default=15)
# Pages and fragments drawn this soon after a change to what they show are served but not kept:
# a replica may still have returned the rows from before the change.
CACHE_SETTLE_SECONDS = REPLICA_PIN_SECONDS if "replica" in DATABASES else 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: local memory by default; redis://… uses Django's built-in Redis backend.
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # Same backend, but a Redis outage degrades to "uncached" instead of failing requests.
    CACHES["default"]["BACKEND"] = "articles.cache.ResilientRedisCache"
# Anonymous pages are kept whole for at most this long (0 turns the page cache off);
# they are invalidated as soon as anything they show changes (see articles.pagecache).
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)
# The costly parts of pages (the story, a page of comment threads) are kept for at most this
# long, for every reader, and invalidated the same way (0 turns fragment caching off).
FRAGMENT_CACHE_SECONDS = env.int("FRAGMENT_CACHE_SECONDS", default=86400)
# Sessions live in the cache (Redis in production) and are written through to the database.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

AUTH_USER_MODEL = "articles.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # locks out password guessing (admin and readers)
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = env.str("TIME_ZONE", default="Europe/Dublin")
USE_I18N = True
USE_TZ = True
# One way of writing dates and times everywhere (articles/formats/en_GB).
FORMAT_MODULE_PATH = ["articles.formats"]

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = env.str("MEDIA_URL", default="/media/")
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Media on S3-compatible object storage when a bucket is named (django-storages);
# the local filesystem otherwise.
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    MEDIA_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
            "access_key": env.str("AWS_ACCESS_KEY_ID", default="") or None,
            "secret_key": env.str("AWS_SECRET_ACCESS_KEY", default="") or None,
            "custom_domain": env.str("AWS_S3_CUSTOM_DOMAIN", default="") or None,
            "querystring_auth": env.bool("AWS_QUERYSTRING_AUTH", default=False),
            "file_overwrite": False,
            "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
        },
    }
else:
    MEDIA_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": MEDIA_STORAGE,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Serve uploaded media from Django itself (the demo and small installs); off behind a CDN.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=DEBUG)

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="newsroom@localhost")

SITE_ID = 1
SITE_NAME = env.str("SITE_NAME", default="The Newsarchive")
# The canonical origin (scheme://host[:port], no path) every absolute link starts with: canonical
# addresses, feeds, sitemaps, JSON-LD. Empty: each request's own (development, ``make run``).
SITE_URL = env.str("SITE_URL", default="").rstrip("/")
if SITE_URL and not re.fullmatch(r"https?://[^/?#\s]+", SITE_URL):
    raise ImproperlyConfigured(
        "SITE_URL must be scheme://host[:port], e.g. https://news.example.com"
    )

# Uploads: images larger than this are refused with a field error.
MAX_IMAGE_UPLOAD_BYTES = env.int("MAX_IMAGE_UPLOAD_BYTES", default=15 * 1024 * 1024)
# Larger pictures are refused; Pillow refuses to decode anything over twice this (bombs).
MAX_IMAGE_PIXELS = env.int("MAX_IMAGE_PIXELS", default=60_000_000)
# Responsive copies made of every library image, in pixels wide.
IMAGE_RENDITION_WIDTHS = env.list("IMAGE_RENDITION_WIDTHS", cast=int, default=[480, 960, 1600])
# Archive import: pages larger than this (compressed or not) are refused.
IMPORT_MAX_BYTES = env.int("IMPORT_MAX_BYTES", default=20 * 1024 * 1024)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "axes": {"level": "WARNING"},
    },
}

# Reader accounts: the site's own sign-in pages (the newsroom signs in at /admin/).
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:account"
LOGOUT_REDIRECT_URL = "articles:home"

# Comments: when they close, what holds them for a moderator, how fast readers may post.
COMMENTS_CLOSE_AFTER_DAYS = env.int("COMMENTS_CLOSE_AFTER_DAYS", default=7)
COMMENTS_PREMODERATE_FIRST = env.int("COMMENTS_PREMODERATE_FIRST", default=1)
COMMENTS_MAX_LINKS = env.int("COMMENTS_MAX_LINKS", default=2)
COMMENTS_EDIT_MINUTES = env.int("COMMENTS_EDIT_MINUTES", default=5)
COMMENTS_PER_PAGE = env.int("COMMENTS_PER_PAGE", default=50)
COMMENTS_AUTO_HIDE_REPORTS = env.int("COMMENTS_AUTO_HIDE_REPORTS", default=3)
MODERATION_TARGET_HOURS = env.float("MODERATION_TARGET_HOURS", default=2)
# Rate limits, counted in the cache so they hold across processes (use Redis in production).
COMMENTS_PER_MINUTE = env.int("COMMENTS_PER_MINUTE", default=5)
REPORTS_PER_MINUTE = env.int("REPORTS_PER_MINUTE", default=10)

# --- Security ---------------------------------------------------------------------------------
# Behind a TLS-terminating proxy or load balancer that sets X-Forwarded-Proto.
if env.bool("BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many proxies append to X-Forwarded-For in front of us (0: use the peer address).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content Security Policy (django-csp): our own scripts and styles only, no framing.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        # Archive imports may show pictures recorded by their original https address.
        "img-src": ["'self'", "data:", "https:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# Brute-force protection on every sign-in form (django-axes): lock a user name from an
# address after this many failures, for this many minutes; answered with a 429 page.
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_HTTP_RESPONSE_CODE = 429
AXES_LOCKOUT_TEMPLATE = "lockout.html"
AXES_VERBOSE = False
if TRUSTED_PROXY_COUNT:
    AXES_IPWARE_PROXY_COUNT = TRUSTED_PROXY_COUNT
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]

# Sign-up and password-reset requests accepted per address per hour.
SIGNUPS_PER_HOUR = env.int("SIGNUPS_PER_HOUR", default=10)
PASSWORD_RESETS_PER_HOUR = env.int("PASSWORD_RESETS_PER_HOUR", default=5)
