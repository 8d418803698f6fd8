"""Settings for newsarchive.

Everything that differs between a laptop and production is read here, once, from the
environment (or an optional ``.env`` file beside ``manage.py``) through django-environ.
``.env.example`` documents every variable.
"""

import re
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import botocore.config
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
    "articles.middleware.OldAddressRedirectMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "articles.middleware.RejectNulMiddleware",
    "articles.middleware.DatabaseUnavailableMiddleware",
    "articles.caching.middleware.PublicPageMiddleware",
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

# The public pages are Jinja2 (templates/jinja2/, found first); the admin, the mails' text
# and Django's own apps' templates are Django templates (templates/ and the apps').
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates" / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {
            "environment": "articles.templating.environment",
            "context_processors": [
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "articles.context_processors.site",
            ],
        },
    },
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
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
        # Django's backend, with a health check that asks the server nothing when the
        # connection is idle and quiet (newsarchive/postgresql/base.py).
        database["ENGINE"] = "newsarchive.postgresql"
        # Page queries are short: compiling them with JIT costs more than it saves.
        database.setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
        # Queries the server binds (the lookups made on every signed-in request) are prepared
        # after this many runs on a connection. Empty behind a pooler that cannot keep
        # prepared statements (PgBouncer in transaction mode before 1.21).
        threshold = env.str("DATABASE_PREPARE_THRESHOLD", default="5")
        database["OPTIONS"]["prepare_threshold"] = int(threshold) if threshold else None
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The listing indexes carry extra columns for PostgreSQL (INCLUDE); SQLite builds them
    # without those columns, which is all the embedded default needs.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
# After a write, the same browser reads from the primary for this long (replication lag).
REPLICA_PIN_SECONDS = env.int("REPLICA_PIN_SECONDS", default=15)
# Pages and fragments drawn this soon after a change to what they show are served but not kept:
# a replica may still have returned the rows from before the change.
CACHE_SETTLE_SECONDS = REPLICA_PIN_SECONDS if "replica" in DATABASES else 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: local memory by default; redis://… uses Django's built-in Redis backend.
CACHE_URL = env.str("CACHE_URL", default="locmemcache://")
# Rate-limit counters live apart from page bytes, so a flood of pages cannot evict them
# (RATELIMIT_CACHE_URL). Without it: a Redis CACHE_URL's next database number, untouched by
# flushes of the page cache; production gives it a Redis of its own (see .env.example).
RATELIMIT_CACHE_URL = env.str("RATELIMIT_CACHE_URL", default="")
if not RATELIMIT_CACHE_URL:
    page_url = urlsplit(CACHE_URL)
    page_db = page_url.path.strip("/")
    if page_url.scheme in ("redis", "rediss") and (page_db.isdecimal() or not page_db):
        RATELIMIT_CACHE_URL = page_url._replace(path=f"/{int(page_db or 0) + 1}").geturl()
    else:
        RATELIMIT_CACHE_URL = CACHE_URL  # local memory: each alias has its own pool anyway
CACHES = {
    "default": environ.Env.cache_url_config(CACHE_URL),
    "ratelimit": environ.Env.cache_url_config(RATELIMIT_CACHE_URL),
}
for alias, cache_config in CACHES.items():
    if cache_config["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
        # Same backend, but a Redis outage degrades to "uncached" instead of failing requests.
        cache_config["BACKEND"] = "articles.caching.backend.ResilientRedisCache"
    if cache_config["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache":
        cache_config["LOCATION"] = cache_config.get("LOCATION") or alias  # a pool per alias
# Public pages (the same bytes for every reader) tell shared caches to keep them this long
# (s-maxage) and browsers this long (max-age). Purges by tag make changes visible at once in
# the shared caches; s-maxage bounds how long a lost purge can leave a page stale. Browsers
# cannot be purged: by default they revalidate every time (a cheap 304 from the cache in front).
HTTP_CACHE_SECONDS = env.int("HTTP_CACHE_SECONDS", default=600)
BROWSER_CACHE_SECONDS = env.int("BROWSER_CACHE_SECONDS", default=0)
# Where changes are purged by tag once they commit (see articles.caching.purge): Varnish with
# xkey (comma-separated PURGE addresses), Fastly and Cloudflare (on when their ids are set).
VARNISH_PURGE_URLS = env.list("VARNISH_PURGE_URLS", default=[])
FASTLY_SERVICE_ID = env.str("FASTLY_SERVICE_ID", default="")
FASTLY_API_TOKEN = env.str("FASTLY_API_TOKEN", default="")
FASTLY_API_URL = env.str("FASTLY_API_URL", default="https://api.fastly.com")
CLOUDFLARE_ZONE_ID = env.str("CLOUDFLARE_ZONE_ID", default="")
CLOUDFLARE_API_TOKEN = env.str("CLOUDFLARE_API_TOKEN", default="")
CLOUDFLARE_API_URL = env.str("CLOUDFLARE_API_URL", default="https://api.cloudflare.com/client/v4")
PURGE_ATTEMPTS = env.int("PURGE_ATTEMPTS", default=3)
PURGE_TIMEOUT_SECONDS = env.float("PURGE_TIMEOUT_SECONDS", default=2.0)
PURGE_RETRY_SECONDS = env.float("PURGE_RETRY_SECONDS", default=0.2)
# Each purge is sent again this long after the commit (0: once only), for a page drawn from
# the rows just before the commit that reached a cache just after the first purge.
PURGE_REPEAT_SECONDS = env.float("PURGE_REPEAT_SECONDS", default=1.0)
# The in-app page cache, for deployments without an HTTP cache in front: public pages kept
# whole in CACHE_URL for at most this long (0 turns it off), invalidated by the same tags.
# Bounded: copies larger than PAGE_CACHE_MAX_BYTES are not kept, nor more than
# PAGE_CACHE_VARIANTS copies of one path (its pages and orders).
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)
PAGE_CACHE_MAX_BYTES = env.int("PAGE_CACHE_MAX_BYTES", default=1024 * 1024)
PAGE_CACHE_VARIANTS = env.int("PAGE_CACHE_VARIANTS", default=40)
# The costly parts of pages (the story, a page of comment threads) are kept for at most this
# long, for every reader, and invalidated the same way (0 turns fragment caching off).
FRAGMENT_CACHE_SECONDS = env.int("FRAGMENT_CACHE_SECONDS", default=86400)
# Sessions live in the cache (Redis in production) and are written through to the database.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

AUTH_USER_MODEL = "articles.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # locks out password guessing (admin and readers)
    "articles.authentication.AccountBackend",
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
            # Downloads (renditions from a stored original) spill to disk past this size.
            "max_memory_size": 1024 * 1024,
            # A dead endpoint fails the request in seconds, not after a minute of retries.
            "client_config": botocore.config.Config(
                connect_timeout=env.float("AWS_S3_CONNECT_TIMEOUT", default=5),
                read_timeout=env.float("AWS_S3_READ_TIMEOUT", default=30),
                retries={"mode": "standard", "max_attempts": env.int("AWS_S3_MAX_ATTEMPTS", 3)},
                s3={"addressing_style": env.str("AWS_S3_ADDRESSING_STYLE", default="auto")},
                signature_version=env.str("AWS_S3_SIGNATURE_VERSION", default="") or None,
            ),
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
# Larger pictures are refused (WebP: a quarter of it), so that decoding the largest allowed
# keeps a worker under 300 MB (bench/upload_memory.py); Pillow refuses anything over twice
# this outright (decompression bombs).
MAX_IMAGE_PIXELS = env.int("MAX_IMAGE_PIXELS", default=36_000_000)
# Responsive copies made of every library image, in pixels wide.
IMAGE_RENDITION_WIDTHS = env.list("IMAGE_RENDITION_WIDTHS", cast=int, default=[480, 960, 1600])
# Archive import: pages larger than this (compressed or not) are refused. Parsing takes about
# 20 times a page's size in memory, so this bounds each import worker's memory.
IMPORT_MAX_BYTES = env.int("IMPORT_MAX_BYTES", default=5 * 1024 * 1024)
# Seconds one picture download may take with --fetch-images, redirects included.
IMPORT_FETCH_TIMEOUT = env.float("IMPORT_FETCH_TIMEOUT", default=15)
# Pages saved per transaction by import_article.
IMPORT_BATCH_SIZE = env.int("IMPORT_BATCH_SIZE", default=50)
# Host names the archive used to live on: any request to them for an imported story's old
# address is redirected (301) to the story here. They are accepted as ALLOWED_HOSTS.
IMPORT_OLD_HOSTS = [host for host in env.list("IMPORT_OLD_HOSTS", default=[]) if host]
ALLOWED_HOSTS += [host for host in IMPORT_OLD_HOSTS if host not in ALLOWED_HOSTS]

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
# A refused form answers with the site's own page, like its 404 (templates/403_csrf.html).
CSRF_FAILURE_VIEW = "articles.views.errors.csrf_failure"

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
# Lockouts count by the same client address as every rate limit (TRUSTED_PROXY_COUNT).
AXES_CLIENT_IP_CALLABLE = "articles.ratelimit.client_address"

# Sign-up and password-reset requests accepted per address per hour.
SIGNUPS_PER_HOUR = env.int("SIGNUPS_PER_HOUR", default=10)
PASSWORD_RESETS_PER_HOUR = env.int("PASSWORD_RESETS_PER_HOUR", default=5)
