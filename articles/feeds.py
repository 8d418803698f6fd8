"""RSS and Atom feeds of the latest stories, site-wide and per section."""

import mimetypes

from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.contrib.syndication.views import Feed, add_domain
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure
from django.utils.html import escape
from django.utils.http import http_date
from django.utils.translation import gettext_lazy as _

from articles.caching.pages import Normaliser, cache_page_for
from articles.caching.store import next_scheduled_publication
from articles.caching.tags import FRONTS
from articles.models import Article, Author, Section, Tag
from articles.models.articles import LISTING_AUTHOR_FIELDS
from articles.siteurl import rebase, site_origin, sites_origin

FEED_LENGTH = 30


class LatestRssFeed(Feed):
    """The newest stories on the fronts, with the hero image as an enclosure."""

    description = _("The latest stories.")
    cache_params: dict[str, Normaliser] = {}

    def __call__(self, request, *args, **kwargs):
        """Django's ``Feed.__call__``, but the XML written to one string: written into the
        response, each of its thousand or so pieces would become a chunk of its own."""
        cache_page_for(request, [FRONTS], expires_at=lambda: next_scheduled_publication(request))
        try:
            obj = self.get_object(request, *args, **kwargs)
        except ObjectDoesNotExist as error:
            raise Http404("Feed object does not exist.") from error
        feed = self.get_feed(obj, request)
        response = HttpResponse(feed.writeString("utf-8"), content_type=feed.content_type)
        response.headers["Last-Modified"] = http_date(feed.latest_post_date().timestamp())
        return response

    def title(self, obj=None):
        return settings.SITE_NAME

    def get_feed(self, obj, request):
        """The feed, every URL (enclosures too) starting with the site's origin."""
        feed = super().get_feed(obj, request)
        domain, secure = get_current_site(request).domain, request.is_secure()
        origins = {"old_origin": sites_origin(request, domain), "new_origin": site_origin(request)}
        for key in ("link", "feed_url", "id"):
            if feed.feed.get(key):
                feed.feed[key] = rebase(feed.feed[key], **origins)
        for item in feed.items:
            for key in ("link", "unique_id", "comments"):
                if item.get(key):
                    item[key] = rebase(item[key], **origins)
            item["enclosures"] = [
                Enclosure(
                    rebase(add_domain(domain, enclosure.url, secure), **origins),
                    enclosure.length,
                    enclosure.mime_type,
                )
                for enclosure in item["enclosures"]
            ]
        return feed

    def link(self, obj=None):
        return reverse("articles:home")

    def articles(self, obj=None):
        return Article.objects.on_fronts()

    def items(self, obj=None):
        # Bylines and topics as plain lists: read once per item, no related manager is built.
        return (
            self.articles(obj)
            .for_listing()
            .prefetch_related(None)
            .prefetch_related(
                Prefetch(
                    "authors",
                    queryset=Author.objects.only(*LISTING_AUTHOR_FIELDS),
                    to_attr="feed_authors",
                ),
                Prefetch("tags", queryset=Tag.objects.only("name"), to_attr="feed_tags"),
            )[:FEED_LENGTH]
        )

    def item_title(self, item):
        return item.headline

    def item_description(self, item):
        # Both summaries are HTML (RSS by convention, Atom as type="html"); the standfirst is
        # plain text, so it is escaped as HTML here before the feed escapes it as XML.
        return escape(item.standfirst)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return ", ".join(author.name for author in item.feed_authors) or None

    def item_categories(self, item):
        names = [tag.name for tag in item.feed_tags]
        return [item.section.name, *names] if item.section else names

    def item_enclosures(self, item):
        image = item.hero_image
        if image is None or not image.file:  # pictures recorded only by address have no size
            return []
        try:
            length = image.file.size
        except (OSError, ValueError):  # a missing file loses its enclosure, not the feed
            return []
        mime_type = mimetypes.guess_type(image.file.name)[0] or "image/jpeg"
        return [Enclosure(image.file.url, str(length), mime_type)]


class LatestAtomFeed(LatestRssFeed):
    feed_type = Atom1Feed
    subtitle = LatestRssFeed.description


class SectionRssFeed(LatestRssFeed):
    """The newest stories of one section."""

    def get_object(self, request, slug):
        return get_object_or_404(Section, slug=slug)

    def title(self, obj=None):
        return f"{obj.name} | {settings.SITE_NAME}"

    def link(self, obj=None):
        return obj.get_absolute_url()

    def description(self, obj=None):
        return obj.description or _("The latest stories in %(section)s.") % {"section": obj}

    def articles(self, obj=None):
        return Article.objects.on_fronts().filter(section=obj)


class SectionAtomFeed(SectionRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj=None):
        return self.description(obj)
