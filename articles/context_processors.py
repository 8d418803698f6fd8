from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from articles.models import AppealBanner, Article, Section

APPEAL_CACHE_KEY = "site:appeal"
NAV_SECTIONS_CACHE_KEY = "site:nav-sections"
NEXT_SCHEDULED_CACHE_KEY = "site:next-scheduled"
SITE_PARTS_CACHE_KEYS = [APPEAL_CACHE_KEY, NAV_SECTIONS_CACHE_KEY, NEXT_SCHEDULED_CACHE_KEY]


class SiteParts:
    """The site-wide parts every page draws, the reader appeal and the sections in the header,
    and when the next scheduled story goes live (until when a public page is current): kept in
    the cache until an editor changes them (``articles.signals``), all read in one round trip,
    and each drawn from the database only when it is missing (or, for the next scheduled
    story, past) and asked for."""

    def __init__(self) -> None:
        self._found: dict | None = None

    def _part(self, key: str, load, *, stale=lambda found: False):
        if self._found is None:
            self._found = cache.get_many(SITE_PARTS_CACHE_KEYS)
        if key not in self._found or stale(self._found[key]):
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

    def next_scheduled(self):
        """When the next scheduled story goes live, or None if none is."""
        return self._part(
            NEXT_SCHEDULED_CACHE_KEY,
            lambda: {"at": Article.objects.next_scheduled_time()},
            stale=lambda found: found["at"] is not None and found["at"] <= timezone.now(),
        )["at"]


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
