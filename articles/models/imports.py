from urllib.parse import unquote, urlsplit

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
    capture_url = models.CharField(
        _("captured from"),
        max_length=2000,
        blank=True,
        help_text=_("For pages read from a web archive: the address the crawler fetched."),
    )
    captured_at = models.DateTimeField(
        _("captured at"),
        null=True,
        blank=True,
        help_text=_("For pages read from a web archive: when the crawler fetched the page."),
    )
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


def old_path(address: str) -> str:
    """The path (and query) of an old address as requests ask for it: ``/a b?id=3`` for
    ``https://old.example.com/a%20b?id=3#top``; empty when it has no path worth keeping."""
    parts = urlsplit(address.strip())
    path = unquote(parts.path)
    if not path.startswith("/") or path == "/":
        return ""
    return f"{path}?{parts.query}" if parts.query else path


class ArticleRedirectQuerySet(models.QuerySet):
    def for_path(self, path: str, query: str = ""):
        """The redirect for an old address: with its query string first, else the bare path."""
        candidates = [f"{path}?{query}", path] if query else [path]
        return self.filter(old_path__in=candidates).order_by("-old_path")

    def to_live(self):
        """Redirects readers may follow: those whose story is live."""
        return self.filter(article__in=Article.objects.live())


class ArticleRedirect(models.Model):
    """An imported story's old address, answered with a permanent redirect to its new one."""

    old_path = models.CharField(
        _("old address"),
        max_length=2000,
        unique=True,
        help_text=_(
            "The path (and query string, if the old site used one) the story had before it "
            "moved here, e.g. /news/2019/harbour.html. Readers following it are sent to the "
            "story while it is live."
        ),
    )
    article = models.ForeignKey(
        Article,
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="redirects",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)

    objects = ArticleRedirectQuerySet.as_manager()

    class Meta:
        ordering = ["old_path"]
        verbose_name = _("old address")
        verbose_name_plural = _("old addresses")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(old_path__startswith="/"), name="redirect_old_path_absolute"
            )
        ]

    def __str__(self):
        return self.old_path

    def clean(self):
        # Editors may paste the whole old URL; what is matched is its path.
        self.old_path = old_path(self.old_path) or self.old_path
