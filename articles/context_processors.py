from django.conf import settings
from django.core.cache import cache
from django.utils.functional import SimpleLazyObject

from articles.models import AppealBanner, Section

APPEAL_CACHE_KEY = "site:appeal"
NAV_SECTIONS_CACHE_KEY = "site:nav-sections"


class SiteParts:
    """The site-wide parts every page draws, the reader appeal and the sections in the header:
    kept in the cache until an editor changes them (``articles.signals``), both read in one
    round trip, and each drawn from the database only when it is missing and asked for."""

    def __init__(self) -> None:
        self._found: dict | None = None

    def _part(self, key: str, load):
        if self._found is None:
            self._found = cache.get_many([APPEAL_CACHE_KEY, NAV_SECTIONS_CACHE_KEY])
        if key not in self._found:
            self._found[key] = load()
            cache.set(key, self._found[key], None)
        return self._found[key]

    def appeal(self) -> AppealBanner | None:
        # Kept wrapped: a switched-off appeal (None) is then not a cache miss.
        return self._part(APPEAL_CACHE_KEY, lambda: {"banner": AppealBanner.objects.current()})[
            "banner"
        ]

    def nav_sections(self) -> list[Section]:
        return self._part(NAV_SECTIONS_CACHE_KEY, lambda: list(Section.objects.all()))


def site_parts(request=None) -> SiteParts:
    """The site-wide parts, looked up at most once per request (every time without one)."""
    if request is None:
        return SiteParts()
    if not hasattr(request, "site_parts"):
        request.site_parts = SiteParts()
    return request.site_parts


def current_appeal(request=None) -> AppealBanner | None:
    """The reader appeal shown on every page, or None when it is switched off."""
    return site_parts(request).appeal()


def nav_sections(request=None) -> list[Section]:
    """The sections in the header, in their order."""
    return site_parts(request).nav_sections()


def site(request):
    """Site name, reader appeal and section navigation, each looked up only when drawn, and
    whether the page is public (the same for every reader: nothing of the reader's own)."""
    return {
        "public_page": lambda: hasattr(request, "page_cache_policy"),
        "site_name": settings.SITE_NAME,
        "appeal": SimpleLazyObject(lambda: current_appeal(request) or {}),
        "nav_sections": SimpleLazyObject(lambda: nav_sections(request)),
    }
