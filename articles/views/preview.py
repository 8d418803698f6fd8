"""Staff preview of any article, in any state, through the public templates."""

from django.core import signing
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

from articles.models import Article
from articles.views.articles import render_story

PREVIEW_SALT = "articles.preview"


def preview_url(article: Article) -> str:
    """The article's preview address: signed, so readers cannot guess one from an id."""
    token = signing.dumps(article.pk, salt=PREVIEW_SALT)
    return reverse("articles:article-preview", kwargs={"token": token})


def article_preview(request, token):
    """The article as readers would see it, with a "not published" band; 404 for everyone else."""
    user = request.user
    if not (user.is_active and user.is_staff and user.has_perm("articles.view_article")):
        raise Http404("No such page")
    try:
        pk = signing.loads(token, salt=PREVIEW_SALT)
    except signing.BadSignature as error:
        raise Http404("No such page") from error
    article = get_object_or_404(Article.objects.for_page(), pk=pk)
    # The story carries its publication date: a story not yet given one would carry the
    # moment it is published, so the preview shows it dated now (nothing is saved).
    dated_now = article.published_at is None
    if dated_now:
        article.published_at = timezone.now()
    context = {
        "dated_now": dated_now,
        "article": article,
        "story": render_story(request, article, head=False),
        "is_preview": True,
    }
    response = render(request, "articles/article_preview.html", context)
    response["X-Robots-Tag"] = "noindex, nofollow"
    add_never_cache_headers(response)
    return response
