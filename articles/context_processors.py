from django.conf import settings
from django.core.cache import cache
from django.utils.functional import SimpleLazyObject

from articles.models import AppealBanner, Section

APPEAL_CACHE_KEY = "site:appeal"
NAV_SECTIONS_CACHE_KEY = "site:nav-sections"


def current_appeal():
    """The reader appeal shown on every page, kept in the cache until an editor changes it."""
    cached = cache.get_or_set(
        APPEAL_CACHE_KEY, lambda: {"banner": AppealBanner.objects.current()}, None
    )
    return cached["banner"]


def nav_sections():
    """The sections in the header, kept in the cache until a section changes."""
    return cache.get_or_set(NAV_SECTIONS_CACHE_KEY, lambda: list(Section.objects.all()), None)


def site(request):
    """Site name, reader appeal and section navigation, each looked up only when drawn, and
    whether the page is public (the same for every reader: nothing of the reader's own)."""
    return {
        "public_page": lambda: hasattr(request, "page_cache_policy"),
        "site_name": settings.SITE_NAME,
        "appeal": SimpleLazyObject(lambda: current_appeal() or {}),
        "nav_sections": SimpleLazyObject(nav_sections),
    }
