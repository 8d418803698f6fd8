"""Sitemaps for search engines: every live story (paginated), the fronts, and Google News."""

from datetime import timedelta

from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, Max, OuterRef
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Author, Section, Tag

NEWS_WINDOW = timedelta(hours=48)


class ArticleSitemap(Sitemap):
    """Every live story, archived ones included; split into pages of ``limit`` URLs."""

    limit = 5000

    def items(self):
        return (
            Article.objects.live()
            .only("slug", "published_at", "updated_at")
            .order_by("published_at", "id")
        )

    def lastmod(self, article):
        return article.updated_at

    def get_latest_lastmod(self):
        # One aggregate, where Django's default would load every story for the index.
        return Article.objects.live().aggregate(latest=Max("updated_at"))["latest"]


class NewsSitemap(Sitemap):
    """Stories published in the last 48 hours, for Google News (its own template)."""

    limit = 1000

    def items(self):
        since = timezone.now() - NEWS_WINDOW
        return (
            Article.objects.live()
            .filter(published_at__gte=since)
            .only("headline", "slug", "published_at", "updated_at")
            .order_by("-published_at", "-id")
        )

    def lastmod(self, article):
        return article.updated_at


class FrontSitemap(Sitemap):
    """The home page and the archive's front."""

    changefreq = "hourly"

    def items(self):
        return ["articles:home", "articles:archive"]

    def location(self, name):
        return reverse(name)


class TaxonomySitemap(Sitemap):
    """Section, tag and author pages that list at least one live story."""

    model: type[Section | Tag | Author]
    link_field = ""

    def items(self):
        live = Article.objects.live().filter(**{self.link_field: OuterRef("pk")})
        return self.model._default_manager.filter(Exists(live)).order_by("pk")


class SectionSitemap(TaxonomySitemap):
    model = Section
    link_field = "section"


class TagSitemap(TaxonomySitemap):
    model = Tag
    link_field = "tags"


class AuthorSitemap(TaxonomySitemap):
    model = Author
    link_field = "authors"


SITEMAPS = {
    "fronts": FrontSitemap,
    "sections": SectionSitemap,
    "articles": ArticleSitemap,
    "tags": TagSitemap,
    "authors": AuthorSitemap,
    "news": NewsSitemap,
}
