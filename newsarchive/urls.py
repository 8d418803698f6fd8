from django.conf import settings
from django.contrib import admin
from django.contrib.flatpages import views as flatpage_views
from django.urls import include, path, re_path

from articles.caching.pages import positive_int, public_page
from articles.caching.tags import FRONTS, SITE
from articles.sitemaps import SITEMAPS
from articles.views import errors
from articles.views import sitemaps as sitemap_views
from articles.views.media import media
from articles.views.robots import favicon, robots_txt

handler400 = errors.bad_request

urlpatterns = [
    path("admin/", admin.site.urls),
    path(
        "community/comments-policy/",
        public_page(flatpage_views.flatpage, tags=[SITE]),
        {"url": "/community/comments-policy/"},
        name="comments-policy",
    ),
    path("support/", flatpage_views.flatpage, {"url": "/support/"}, name="support"),
    path("accounts/", include("articles.urls.accounts")),
    path("comments/", include("articles.urls.comments")),
    path("robots.txt", robots_txt, name="robots-txt"),
    # Browsers ask for /favicon.ico whatever the page says.
    path("favicon.ico", favicon, name="favicon"),
    path(
        "sitemap.xml",
        public_page(sitemap_views.index, tags=[FRONTS, SITE], params={"p": positive_int}),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-news.xml",
        public_page(sitemap_views.sitemap, tags=[FRONTS, SITE], params={"p": positive_int}),
        {"sitemaps": SITEMAPS, "section": "news", "template_name": "sitemaps/news.xml"},
        name="sitemap-news",
    ),
    path(
        "sitemap-<section>.xml",
        public_page(sitemap_views.sitemap, tags=[FRONTS, SITE], params={"p": positive_int}),
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$", media),
    path("", include("articles.urls.articles")),
]
