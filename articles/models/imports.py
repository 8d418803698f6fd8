from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .articles import Article


class ArticleSource(models.Model):
    """Where an imported article came from, and the page exactly as it arrived."""

    article = models.OneToOneField(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="source"
    )
    source_url = models.CharField(
        _("source URL"),
        max_length=2000,
        blank=True,
        db_index=True,
        help_text=_("The page's canonical address (or og:url), when it declares one."),
    )
    content_sha256 = models.CharField(_("SHA-256 of the original"), max_length=64, db_index=True)
    original_filename = models.CharField(_("imported from file"), max_length=1000, blank=True)
    original_html = models.TextField(_("original HTML"), help_text=_("Kept for reference."))
    imported_at = models.DateTimeField(_("imported at"), default=timezone.now)
    importer_version = models.CharField(_("importer version"), max_length=20)
    warnings = models.JSONField(_("warnings"), default=list, blank=True)
    imported_fingerprint = models.CharField(
        _("fingerprint as imported"),
        max_length=64,
        help_text=_("Tells whether the newsroom has edited the story since it was imported."),
    )

    class Meta:
        ordering = ["-imported_at"]
        verbose_name = _("import record")
        verbose_name_plural = _("import records")

    def __str__(self):
        return self.source_url or self.original_filename or self.content_sha256[:12]
