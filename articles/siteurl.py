"""The site's name and canonical address, from ``SITE_NAME`` and ``SITE_URL``.

With ``SITE_URL`` set (production), every absolute link (canonical, feeds, sitemaps, JSON-LD,
robots.txt) starts with it; without it (development) links use the request's own scheme, host
and port, so they work under ``make run``. The Sites framework's row is kept in step so Django's
own views (sign-in, password reset) show the same name.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import add_domain


def site_origin(request) -> str:
    """``scheme://host[:port]`` that absolute links start with."""
    return settings.SITE_URL or f"{request.scheme}://{request.get_host()}"


def absolute_url(request, url: str) -> str:
    """``url`` made absolute against the site's origin (absolute URLs pass through)."""
    if urlsplit(url).scheme:
        return url
    return site_origin(request) + (url if url.startswith("/") else f"/{url}")


def rebase(url: str, *, old_origin: str, new_origin: str) -> str:
    """``url`` moved from ``old_origin`` (what Django's Sites row gave) to ``new_origin``."""
    if url and (url == old_origin or url.startswith(old_origin + "/")):
        return new_origin + url[len(old_origin) :]
    return url


def sites_origin(request, domain: str) -> str:
    """The origin Django's syndication and sitemaps build from the Sites row's ``domain``."""
    return add_domain(domain, "", request.is_secure())


SUPPORT_URL = "/support/"
SUPPORT_TITLE = "Support us"
SUPPORT_HTML = (
    "<p>Our journalism is paid for by readers. If you value reporting that holds power to "
    "account, please consider supporting us.</p>"
    "<h2>How to help</h2>"
    "<p>Editors: replace this text with how readers can give, subscribe or become members "
    "(newsroom admin, Flat pages, “/support/”).</p>"
)


def site_sync(**kwargs) -> None:
    """After ``migrate`` (and a test flush): the Sites row carries ``SITE_NAME`` and
    ``SITE_URL``'s host, and the Support us page the appeal button opens exists."""
    from django.contrib.flatpages.models import FlatPage
    from django.contrib.sites.models import Site

    domain = urlsplit(settings.SITE_URL).netloc or "localhost"
    site, _ = Site.objects.update_or_create(
        pk=settings.SITE_ID, defaults={"domain": domain, "name": settings.SITE_NAME}
    )
    Site.objects.clear_cache()
    page, _ = FlatPage.objects.get_or_create(
        url=SUPPORT_URL, defaults={"title": SUPPORT_TITLE, "content": SUPPORT_HTML}
    )
    page.sites.add(site)
