"""Pages of the long story lists (a section, a topic, an author, the archive) without counting
the list.

Django's ``Paginator`` counts the whole list to say "Page 3 of 972" and to refuse a page past
the end. On 100,000 stories, counting a section's 20,000 costs PostgreSQL more than the rest of
its page together (3.5 ms, an index-only scan of every entry), and a topic's or an author's
more again (a join per story). These pages say "Page 3" with "Newer" and "Older" links, and read
one story more than they show to know whether an older page follows. A page past the end is a
404, as before. The month and day archives, which say how many stories they hold, still count.
"""

from typing import cast

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db.models import QuerySet

from articles.models import Article

# SQL offsets are 64-bit signed integers in PostgreSQL and SQLite.
LARGEST_OFFSET = 2**63 - 1


class UncountedPage(Page):
    def __init__(self, object_list, number, paginator, *, has_older: bool):
        super().__init__(object_list, number, paginator)
        self.has_older = has_older

    def has_next(self) -> bool:
        return self.has_older


class UncountedPaginator(Paginator):
    uncounted = True  # read by includes/pagination.html

    def validate_number(self, number) -> int:
        """A whole number from 1 up; the end of the list is found by reading it."""
        try:
            if isinstance(number, float) and not number.is_integer():
                raise ValueError
            number = int(number)
        except (TypeError, ValueError) as error:
            raise PageNotAnInteger(self.error_messages["invalid_page"]) from error
        if number < 1:
            raise EmptyPage(self.error_messages["min_page"])
        if number * self.per_page >= LARGEST_OFFSET:  # past any list a database can hold
            raise EmptyPage(self.error_messages["no_results"])
        return number

    def rows(self, bottom: int, top: int) -> list:
        return list(self.object_list[bottom:top])

    def page(self, number) -> UncountedPage:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        rows = self.rows(bottom, bottom + self.per_page + 1)
        if not rows and (number > 1 or not self.allow_empty_first_page):
            raise EmptyPage(self.error_messages["no_results"])
        has_older = len(rows) > self.per_page
        return UncountedPage(rows[: self.per_page], number, self, has_older=has_older)


class StoriesByIdFirstPaginator(UncountedPaginator):
    """Finds the page's stories by id first, then reads only those rows for their teasers.

    A topic's or author's stories are reached through the link table: sorted by date in one
    query with their teaser columns, PostgreSQL reads the full row of every story the tag or
    author has (2,000 on 100,000 stories) to keep 20. The ids and dates alone come from indexes
    (``article_live_by_id``), so the page is chosen from those and its rows read after, in
    the same query (about half the time on 100,000 stories).
    """

    def rows(self, bottom: int, top: int) -> list:
        stories = cast(QuerySet, self.object_list)
        ids = stories.values("pk")[bottom:top]
        rows = Article.objects.for_listing().filter(pk__in=ids)
        if stories.query.order_by:
            rows = rows.order_by(*stories.query.order_by)
        return list(rows)
