"""Head metadata: the canonical address and an article's JSON-LD."""

import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from jinja2 import pass_context

from articles.siteurl import absolute_url as site_absolute_url

# json_script's escapes: the JSON cannot close the <script> element or start a comment.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@pass_context
def canonical_url(context) -> str:
    """This page's absolute address; later pages of a list keep their page number."""
    request = context["request"]
    url = site_absolute_url(request, request.path)
    page = context.get("page_obj")
    if page is not None and page.number > 1:
        url = f"{url}?page={page.number}"
    return url


@pass_context
def absolute_url(context, url: str) -> str:
    """``url`` made absolute against this request (already absolute URLs pass through)."""
    return site_absolute_url(context["request"], url)


def news_article(article, request) -> dict:
    """The schema.org NewsArticle that search engines read from the article page."""

    def absolute(url: str) -> str:
        return site_absolute_url(request, url)

    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": absolute(article.get_absolute_url())},
        "headline": article.headline,
        "description": article.standfirst,
        "datePublished": article.published_at.isoformat(),
        "dateModified": max(article.updated_at, article.published_at).isoformat(),
        "author": [
            {"@type": "Person", "name": author.name, "url": absolute(author.get_absolute_url())}
            for author in article.authors.all()
        ],
        "publisher": {
            "@type": "NewsMediaOrganization",
            "name": settings.SITE_NAME,
            "url": absolute(reverse("articles:home")),
        },
        "keywords": [tag.name for tag in article.tags.all()],
    }
    if article.hero_image:
        data["image"] = [absolute(article.hero_image.url)]
    if article.section:
        data["articleSection"] = article.section.name
    return data


@pass_context
def article_json_ld(context, article) -> str:
    """The article's JSON-LD ``<script>``, escaped like ``json_script``."""
    payload = json.dumps(news_article(article, context["request"]), cls=DjangoJSONEncoder)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(payload.translate(JSON_SCRIPT_ESCAPES)),  # escaped above
    )
