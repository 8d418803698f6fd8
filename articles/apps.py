from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Newsroom")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.conf import settings
        from django.db.models.signals import post_migrate, pre_save
        from PIL import Image

        from articles import signals  # noqa: F401  (connects the cache invalidation)
        from articles.siteurl import site_sync
        from articles.text import strip_on_save

        # Control characters never reach the database, whichever model or path saves text.
        pre_save.connect(strip_on_save, dispatch_uid="articles.text.strip_on_save")
        # Django's own views (sign-in, password reset) read the name from the Sites row;
        # the appeal button opens the Support us page.
        post_migrate.connect(site_sync, sender=self, dispatch_uid="articles.site_sync")

        # Decompression bombs: Pillow raises instead of decoding absurdly large pictures.
        Image.MAX_IMAGE_PIXELS = settings.MAX_IMAGE_PIXELS
