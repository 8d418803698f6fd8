from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .articles import Article, ArticleStatus
from .images import Image
from .taxonomy import Section


class ArticleTransition(models.Model):
    """One step of an article through the workflow: who moved it, when, from where to where."""

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="transitions"
    )
    from_status = models.CharField(_("from"), max_length=20, choices=ArticleStatus)
    to_status = models.CharField(_("to"), max_length=20, choices=ArticleStatus)
    note = models.TextField(_("note"), blank=True)
    published_at = models.DateTimeField(
        _("publication time"),
        null=True,
        blank=True,
        help_text=_("The article's publication time after this step."),
    )
    created_at = models.DateTimeField(_("at"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="article_transitions",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("workflow step")
        verbose_name_plural = _("workflow history")

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


class ArticleRevision(models.Model):
    """The editable fields of an article as one save left them."""

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="revisions"
    )
    number = models.PositiveIntegerField(
        _("number"), editable=False, help_text=_("1 for the article's first save, then 2, 3…")
    )
    headline = models.CharField(_("headline"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=200)
    standfirst = models.TextField(_("standfirst"), blank=True)
    body = models.TextField(_("body"), blank=True)
    hero_image = models.ForeignKey(
        Image,
        verbose_name=_("hero image"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    hero_caption = models.TextField(_("hero caption override"), blank=True)
    section = models.ForeignKey(
        Section,
        verbose_name=_("section"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    author_ids = models.JSONField(_("authors"), default=list, blank=True)
    tag_ids = models.JSONField(_("tags"), default=list, blank=True)
    comments_enabled = models.BooleanField(_("comments enabled"), default=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("saved at"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("saved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="article_revisions",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        get_latest_by = ["created_at", "id"]
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "number"], name="revision_number_unique_per_article"
            )
        ]

    def __str__(self):
        return _("Revision %(number)s of “%(headline)s”") % {
            "number": self.number,
            "headline": self.headline,
        }

    @classmethod
    def of(cls, article, *, number: int, author_ids, tag_ids, note: str, by) -> "ArticleRevision":
        """The article's editable fields as they are now, as revision ``number`` (not saved)."""
        return cls(
            article=article,
            number=number,
            headline=article.headline,
            slug=article.slug,
            standfirst=article.standfirst,
            body=article.body,
            hero_image_id=article.hero_image_id,
            hero_caption=article.hero_caption,
            section_id=article.section_id,
            author_ids=sorted(author_ids),
            tag_ids=sorted(tag_ids),
            comments_enabled=article.comments_enabled,
            note=note,
            created_by=by,
        )


class CorrectionKind(models.TextChoices):
    CORRECTION = "correction", _("Correction")
    UPDATE = "update", _("Update")


class ArticleCorrection(models.Model):
    """A dated public note on a published story: what was wrong, or what has changed."""

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="corrections"
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=CorrectionKind, default=CorrectionKind.CORRECTION
    )
    text = models.TextField(
        _("text"),
        help_text=_("Shown to readers at the foot of the story, e.g. “An earlier version said…”."),
    )
    created_at = models.DateTimeField(_("published at"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="article_corrections",
    )

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("correction or update")
        verbose_name_plural = _("corrections and updates")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text[:60]}"
