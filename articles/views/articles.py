import datetime
from typing import TYPE_CHECKING

from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView, TemplateView

from articles.caching.pages import PAGE, PublicPageMixin, one_of, positive_int
from articles.caching.store import Fragment, cached_fragment
from articles.caching.tags import SITE, article_tag, image_tag
from articles.context_processors import nav_sections
from articles.models import Article, Author, Image, Section, Tag
from articles.models.articles import STORY_RELATIONS
from articles.models.comments import comments_close_at
from articles.pagination import StoriesByIdFirstPaginator, UncountedPaginator
from articles.views.comments import ORDERS, comment_page

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise  # a dev dependency: only for annotations


class HomeView(PublicPageMixin, TemplateView):
    template_name = "articles/home.html"
    latest_count = 7
    per_section_count = 4

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        front = Article.objects.on_fronts().for_listing()
        context["latest"] = list(front[: self.latest_count])
        sections = nav_sections(self.request)
        by_section = {}
        # A story already under "Latest" is not repeated in its section's block.
        rest = front.exclude(pk__in=[article.pk for article in context["latest"]])
        for article in rest.latest_per_section(self.per_section_count, sections):
            by_section.setdefault(article.section_id, []).append(article)
        context["section_blocks"] = [
            (section, by_section[section.pk]) for section in sections if section.pk in by_section
        ]
        return context


def render_story(request, article: Article, *, head: bool = True) -> Fragment:
    """The story (hero, header, body, corrections, topics) and, with ``head``, its metadata
    for search engines and social cards (a preview has none)."""
    # Only the pictures the body places: a body without figures reads none (no query).
    figures = Prefetch("inline_images", Image.objects.filter(pk__in=article.inline_image_ids()))
    relations = [figures if name == "inline_images" else name for name in STORY_RELATIONS]
    prefetch_related_objects([article], *relations)
    context = {"article": article, "request": request}
    parts: dict[str, str] = {"body": render_to_string("articles/includes/story.html", context)}
    if head:
        parts["head"] = render_to_string("articles/includes/story_meta.html", context)
    images = [article.hero_image_id, *(image.pk for image in article.inline_images.all())]
    tags = [SITE, article_tag(article.pk), *(image_tag(pk) for pk in images if pk)]
    return Fragment(parts=parts, tags=frozenset(tags))


def story_fragment(request, article: Article) -> Fragment:
    """The story as every reader sees it, drawn once per version (its links are absolute, so
    each host name the site answers to has its own copy)."""
    name = f"story:{article.pk}:{request.scheme}://{request.get_host()}"
    return cached_fragment(request, name, lambda: render_story(request, article))


class ArticleDetailView(PublicPageMixin, DetailView):
    template_name = "articles/article_detail.html"
    context_object_name = "article"
    cache_params = {"comments_page": positive_int, "order": one_of(*ORDERS)}

    def get_page_cache_tags(self):
        return self.story.tags | self.comment_threads.tags

    def get_page_cache_expiry(self):
        """Kept until the comments close (the page then shows the closed notice)."""
        closes_at = comments_close_at(self.object)
        return closes_at if closes_at > timezone.now() else None

    def get_object(self, queryset=None):
        try:
            published_on = datetime.date(
                int(self.kwargs["year"]), int(self.kwargs["month"]), int(self.kwargs["day"])
            )
        except (ValueError, OverflowError) as error:  # out of any calendar
            raise Http404("No such date") from error
        return get_object_or_404(
            Article.objects.live().for_page(),
            publication_date=published_on,
            slug=self.kwargs["slug"],
        )

    def get_context_data(self, **kwargs):
        self.story = story_fragment(self.request, self.object)
        comments = comment_page(self.request, self.object)
        self.comment_threads = comments["comment_threads"]
        return super().get_context_data(story=self.story, **comments, **kwargs)


class ArticleListMixin(PublicPageMixin):
    """A paginated list of live articles under a heading object (section, tag, author)."""

    template_name: str | None = "articles/article_list.html"
    paginate_by: int | None = 20
    allow_empty = True
    heading_model: type[Section | Tag | Author]
    heading_kind: "StrOrPromise" = ""  # what the page lists, said above its heading ("Topic")
    context_object_name: str | None = "articles"
    cache_params = PAGE

    def get_heading(self):
        return get_object_or_404(self.heading_model, slug=self.kwargs["slug"])

    def get(self, request, *args, **kwargs):
        self.heading = self.get_heading()
        return super().get(request, *args, **kwargs)

    def get_heading_kind(self) -> "StrOrPromise":
        return self.heading_kind

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            heading=self.heading, heading_kind=self.get_heading_kind(), **kwargs
        )


class SectionView(ArticleListMixin, ListView):
    heading_model = Section
    heading_kind = _("Section")
    paginator_class = UncountedPaginator

    def get_heading(self):
        """The section from the header's navigation, which the page reads anyway."""
        for section in nav_sections(self.request):
            if section.slug == self.kwargs["slug"]:
                return section
        return super().get_heading()

    def get_queryset(self):
        return Article.objects.on_fronts().for_listing().filter(section=self.heading)


class TagView(ArticleListMixin, ListView):
    heading_model = Tag
    heading_kind = _("Topic")
    paginator_class = StoriesByIdFirstPaginator

    def get_queryset(self):
        return Article.objects.live().for_listing().filter(tags=self.heading)


class AuthorView(ArticleListMixin, ListView):
    heading_model = Author
    paginator_class = StoriesByIdFirstPaginator

    def get_heading_kind(self) -> "StrOrPromise":
        return self.heading.role or _("Author")

    def get_queryset(self):
        return Article.objects.live().for_listing().filter(authors=self.heading)
