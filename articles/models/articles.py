import operator
import re
from functools import reduce

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import connection, models
from django.db.models import Min, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.addresses import address
from articles.sanitizer import sanitize_body

from .images import Image
from .taxonomy import Author, Section, Tag

INLINE_IMAGE_PATTERN = re.compile(r'<figure data-image-id="(\d+)"[^>]*>.*?</figure>', re.DOTALL)


class ArticleStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


LIVE_STATUSES = (ArticleStatus.PUBLISHED, ArticleStatus.ARCHIVED)


# What the story shows besides its own row, section and hero image.
STORY_RELATIONS = ("authors", "tags", "inline_images", "corrections")
# Maintained by articles.search; only the search itself reads them.
SEARCH_VECTOR_FIELDS = ("search_vector", "rank_vector")
# What lists of stories read (teasers, search results, feed items, with their addresses): a
# cold list page builds 20 to 30 stories with their sections and pictures, and the columns
# nobody shows (the body, captions, credits, rights, audit fields) cost fetching and building.
LISTING_FIELDS = (
    "headline",
    "slug",
    "standfirst",
    "status",
    "published_at",
    "updated_at",
    "section__name",
    "section__slug",
    "hero_image__file",
    "hero_image__width",
    "hero_image__height",
    "hero_image__renditions",
    "hero_image__source_url",
)
LISTING_AUTHOR_FIELDS = ("name", "slug")


class ArticleQuerySet(models.QuerySet):
    def live(self):
        """What readers may see: published or archived, and already out."""
        return self.filter(status__in=LIVE_STATUSES, published_at__lte=timezone.now())

    def scheduled(self):
        """Published with a future date: each goes live by itself when its time comes."""
        return self.filter(status=ArticleStatus.PUBLISHED, published_at__gt=timezone.now())

    def next_scheduled_time(self):
        """When the next scheduled story goes live, or None."""
        return self.scheduled().aggregate(at=Min("published_at"))["at"]

    def on_fronts(self):
        """Live articles that belong on the home and section fronts (archived ones leave them)."""
        return self.live().filter(status=ArticleStatus.PUBLISHED)

    def for_listing(self):
        """What a teaser shows (headline, hero, section, byline), in a fixed number of queries:
        only those columns (``LISTING_FIELDS``), the picture's in the same query."""
        return (
            self.select_related("section", "hero_image")
            .only(*LISTING_FIELDS)
            .prefetch_related(
                models.Prefetch("authors", queryset=Author.objects.only(*LISTING_AUTHOR_FIELDS))
            )
        )

    def latest_per_section(self, count: int, sections):
        """The newest ``count`` articles of each of ``sections``, in one query.

        One small subquery per section, each a short walk down the (section, published_at)
        index: a window over every live story would sort the whole archive.
        """
        per_section = [
            self.filter(section=section).order_by("-published_at").values("pk")[:count]
            for section in sections
        ]
        if not per_section:
            return self.none()
        if connection.features.supports_slicing_ordering_in_compound:
            return self.filter(pk__in=per_section[0].union(*per_section[1:], all=True))
        # SQLite cannot limit the parts of a UNION: one IN per section instead.
        return self.filter(reduce(operator.or_, (Q(pk__in=ids) for ids in per_section)))

    def for_page(self):
        """The article page's row, with its section and hero image. The page draws the story
        from a shared fragment, so the rest (``STORY_RELATIONS``) is prefetched only when the
        story is drawn; the search vectors, kilobytes each, are never read."""
        return self.select_related("section", "hero_image").defer(*SEARCH_VECTOR_FIELDS)


class Article(models.Model):
    headline = models.CharField(_("headline"), max_length=300)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        help_text=_("The last part of the address. Unique among stories published the same day."),
    )
    standfirst = models.TextField(
        _("standfirst"),
        blank=True,
        help_text=_("The one- or two-sentence summary under the headline."),
    )
    body = models.TextField(
        _("body"),
        blank=True,
        help_text=_(
            "Cleaned on save: paragraphs, subheadings, lists, quotes, links, emphasis and figures."
        ),
    )
    hero_image = models.ForeignKey(
        Image,
        verbose_name=_("hero image"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hero_of",
    )
    hero_caption = models.TextField(
        _("hero caption override"),
        blank=True,
        help_text=_(
            "Leave empty to use the library caption. The credit always comes from the library."
        ),
    )
    inline_images = models.ManyToManyField(
        Image,
        verbose_name=_("inline images"),
        blank=True,
        related_name="inline_in",
        help_text=_("Kept in step with the figures in the body."),
    )
    section = models.ForeignKey(
        Section,
        verbose_name=_("section"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="articles",
    )
    authors = models.ManyToManyField(
        Author, verbose_name=_("authors"), blank=True, related_name="articles"
    )
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), blank=True, related_name="articles")
    status = models.CharField(
        _("status"), max_length=20, choices=ArticleStatus, default=ArticleStatus.DRAFT
    )
    published_at = models.DateTimeField(
        _("published at"),
        null=True,
        blank=True,
        help_text=_("When the story goes (or went) live. A time in the future schedules it."),
    )
    publication_date = models.DateField(
        _("publication date"),
        null=True,
        editable=False,
        help_text=_("The local date of publication, as it appears in the address."),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="created_articles",
    )
    comments_enabled = models.BooleanField(
        _("comments enabled"),
        default=True,
        help_text=_("Whether readers may comment on this story."),
    )
    search_vector = SearchVectorField(
        _("search vector"),
        null=True,
        editable=False,
        help_text=_("Headline, byline, standfirst and body for full-text search (PostgreSQL)."),
    )
    rank_vector = SearchVectorField(
        _("rank vector"),
        null=True,
        editable=False,
        help_text=_("Headline, byline and standfirst only: small, so ranking stays fast."),
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        permissions = [
            ("change_any_article", _("Can edit anyone's articles, in any state")),
            ("publish_article", _("Can publish, schedule and send back articles")),
            ("unpublish_article", _("Can unpublish, archive and restore articles")),
        ]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="article_status_published"),
            # Covers a section page's count: an index-only scan on PostgreSQL.
            models.Index(
                fields=["section", "-published_at"],
                include=["status"],
                name="article_section_published",
            ),
            models.Index(fields=["-updated_at"], name="article_updated"),
            # Tag and author pages reach their stories through the link tables (indexed in the
            # cold_listing_indexes migration): whether each is live, and its date, then come
            # from this index alone.
            models.Index(
                fields=["id"], include=["status", "published_at"], name="article_live_by_id"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["publication_date", "slug"],
                condition=Q(status__in=LIVE_STATUSES),
                name="unique_live_slug_per_day",
                violation_error_message=_(
                    "Another story published that day already uses this slug."
                ),
            ),
        ]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        self.body = sanitize_body(self.body)
        self.publication_date = timezone.localdate(self.published_at) if self.published_at else None
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        published = timezone.localtime(self.published_at)
        return address(
            "articles:article",
            year=published.year,
            month=f"{published.month:02d}",
            day=f"{published.day:02d}",
            slug=self.slug,
        )

    @property
    def is_live(self) -> bool:
        return (
            self.status in LIVE_STATUSES
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def is_scheduled(self) -> bool:
        """Published with a future date (the instance's reading of ``scheduled()``)."""
        return (
            self.status == ArticleStatus.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )

    @property
    def is_archived(self) -> bool:
        return self.status == ArticleStatus.ARCHIVED

    @property
    def state(self) -> str:
        """The workflow state at a glance: "scheduled" or one of the statuses."""
        return "scheduled" if self.is_scheduled else self.status

    def inline_image_ids(self) -> list[int]:
        """Library ids referenced by ``<figure data-image-id>`` in the body, in order."""
        return [int(match) for match in INLINE_IMAGE_PATTERN.findall(self.body)]

    def sync_inline_images(self) -> None:
        """Point ``inline_images`` at the library images the body references."""
        referenced = set(self.inline_image_ids())
        existing = set(Image.objects.filter(pk__in=referenced).values_list("pk", flat=True))
        self.inline_images.set(existing)
