from django.conf import settings
from django.contrib import admin
from django.contrib.flatpages import views as flatpage_views
from django.urls import include, path, re_path

from articles.views.media import media

urlpatterns = [
    path("admin/", admin.site.urls),
    path(
        "community/comments-policy/",
        flatpage_views.flatpage,
        {"url": "/community/comments-policy/"},
        name="comments-policy",
    ),
    path("accounts/", include("articles.urls_accounts")),
    path("comments/", include("articles.urls_comments")),
    re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$", media),
    path("", include("articles.urls")),
]
