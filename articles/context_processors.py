from django.conf import settings
from django.utils.functional import SimpleLazyObject

from articles.models import AppealBanner


def site(request):
    """The site's name, and the reader appeal (looked up only when a template shows it)."""
    return {
        "site_name": settings.SITE_NAME,
        "appeal": SimpleLazyObject(lambda: AppealBanner.objects.current() or {}),
    }
