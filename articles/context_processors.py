from django.conf import settings
from django.utils.functional import SimpleLazyObject

from articles.models import AppealBanner, Section


def site(request):
    """The site's name, and the reader appeal (looked up only when a template shows it)."""
    return {
        "site_name": settings.SITE_NAME,
        "appeal": SimpleLazyObject(lambda: AppealBanner.objects.current() or {}),
        # A lazy queryset: one query, run when the header's section navigation is drawn.
        "nav_sections": Section.objects.all(),
    }
