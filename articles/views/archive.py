"""Date archives (``/archive/``, ``/<yyyy>/``, ``/<yyyy>/<mm>/``, ``/<yyyy>/<mm>/<dd>/``)."""

import datetime
from collections.abc import Mapping
from functools import cached_property
from typing import Any

from django.db.models import Subquery
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from django.views.generic.dates import (
    ArchiveIndexView,
    DayArchiveView,
    MonthArchiveView,
    YearArchiveView,
)

from articles.caching.pages import PAGE, PublicPageMixin
from articles.models import Article
from articles.pagination import UncountedPaginator


class ArticleArchiveMixin(PublicPageMixin):
    """Live articles by local publication date, 20 a page, in a fixed number of queries.

    ``allow_empty`` is on and the date list lazy, so Django runs no separate existence and
    date-list queries; an empty period becomes a 404 from the page's own count instead. The
    neighbouring periods that have stories come from one query rather than two.
    """

    date_field: str | None = "publication_date"
    month_format = "%m"
    day_format = "%d"
    paginate_by: int | None = 20
    allow_empty = True
    empty_period_is_404 = True
    period = "day"
    cache_params = PAGE

    def get(self, request, *args, **kwargs):
        # The views reach the period after the one asked for: the last year the calendar
        # holds has none, and no story is dated there.
        if "year" in kwargs and not 1 <= int(kwargs["year"]) < datetime.MAXYEAR:
            raise Http404(_("No stories were published in this period."))
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return Article.objects.live().for_listing()

    def get_ordering(self):
        return ["-published_at", "-id"]

    def get_context_object_name(self, object_list):
        return "articles"

    def paginate_queryset(self, queryset, page_size):
        paginator, page, object_list, is_paginated = super().paginate_queryset(queryset, page_size)
        if self.empty_period_is_404 and not paginator.count:
            raise Http404(_("No stories were published in this period."))
        return paginator, page, object_list, is_paginated

    def get_date_list(self, queryset, date_type=None, ordering="ASC"):
        """The periods with stories, left lazy: only pages that show them run the query."""
        period = date_type or self.get_date_list_period()
        return queryset.dates(self.get_date_field(), period, ordering)

    def period_start(self, date: datetime.date) -> datetime.date:
        if self.period == "year":
            return date.replace(month=1, day=1)
        if self.period == "month":
            return date.replace(day=1)
        return date

    def period_end(self, date: datetime.date) -> datetime.date:
        start = self.period_start(date)
        if self.period == "year":
            return start.replace(year=start.year + 1)
        if self.period == "month":
            return (start + datetime.timedelta(days=32)).replace(day=1)
        return start + datetime.timedelta(days=1)

    @cached_property
    def neighbours(self) -> dict[str, datetime.date | None]:
        """The start of the nearest earlier and later periods with stories, in one query.

        Two ordered, limited subqueries: each reads one entry of the date index.
        """
        date, field = self.period_date, self.date_field
        live = Article.objects.live().values(field)
        before = live.filter(**{f"{field}__lt": self.period_start(date)}).order_by(f"-{field}")
        after = live.filter(**{f"{field}__gte": self.period_end(date)}).order_by(field)
        found: Mapping[str, Any] = (
            Article.objects.annotate(previous=Subquery(before[:1]), next=Subquery(after[:1]))
            .values("previous", "next")
            .order_by()
            .first()
        ) or {"previous": None, "next": None}
        return {key: value and self.period_start(value) for key, value in found.items()}

    def _previous(self, date):
        self.period_date = date
        return self.neighbours["previous"]

    def _next(self, date):
        self.period_date = date
        return self.neighbours["next"]

    get_previous_year = get_previous_month = get_previous_day = _previous
    get_next_year = get_next_month = get_next_day = _next


class ArchiveView(ArticleArchiveMixin, ArchiveIndexView):
    """The archive's front: the years with stories, and the latest stories, paginated."""

    template_name = "articles/archive_index.html"
    empty_period_is_404 = False
    paginator_class = UncountedPaginator


class YearView(ArticleArchiveMixin, YearArchiveView):
    """The months of a year that have stories; a year with none is a 404."""

    template_name = "articles/archive_year.html"
    period = "year"
    paginate_by = None

    def get_dated_items(self):
        date_list, object_list, extra = super().get_dated_items()
        if not date_list:
            raise Http404(_("No stories were published in this year."))
        return date_list, object_list, extra


class MonthView(ArticleArchiveMixin, MonthArchiveView):
    template_name = "articles/archive_month.html"
    period = "month"


class DayView(ArticleArchiveMixin, DayArchiveView):
    template_name = "articles/archive_day.html"
    period = "day"
