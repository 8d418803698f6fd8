from django.urls import path, re_path

from articles import feeds, views
from articles.views import archive, search
from articles.views.preview import article_preview

app_name = "articles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path(
        "<int:year>/<str:month>/<str:day>/<slug:slug>/",
        views.ArticleDetailView.as_view(),
        name="article",
    ),
    path("section/<slug:slug>/", views.SectionView.as_view(), name="section"),
    path("tag/<slug:slug>/", views.TagView.as_view(), name="tag"),
    path("author/<slug:slug>/", views.AuthorView.as_view(), name="author"),
    path("preview/<str:token>/", article_preview, name="article-preview"),
    path("archive/", archive.ArchiveView.as_view(), name="archive"),
    re_path(r"^(?P<year>[0-9]{4})/$", archive.YearView.as_view(), name="archive-year"),
    re_path(
        r"^(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/$",
        archive.MonthView.as_view(),
        name="archive-month",
    ),
    re_path(
        r"^(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/(?P<day>[0-9]{2})/$",
        archive.DayView.as_view(),
        name="archive-day",
    ),
    path("search/", search.SearchView.as_view(), name="search"),
    path("rss/", feeds.LatestRssFeed(), name="feed-rss"),
    path("atom/", feeds.LatestAtomFeed(), name="feed-atom"),
    path("section/<slug:slug>/rss/", feeds.SectionRssFeed(), name="section-feed-rss"),
    path("section/<slug:slug>/atom/", feeds.SectionAtomFeed(), name="section-feed-atom"),
]
