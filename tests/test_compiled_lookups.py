"""Lookups compiled once per process give what their queryset gives, each time with new values."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.models import Q
from django.utils import timezone

from articles.models import Article
from articles.models.compiled import CompiledLookup
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def live_headline(pk):
    return Article.objects.live().filter(pk=pk).values_list("headline")[:1]


def test_a_compiled_lookup_takes_new_values_and_the_moment_of_each_query():
    lookup = CompiledLookup(live_headline, arity=1, moments=1)
    first = ArticleFactory(headline="First out")
    assert lookup.row(first.pk, using="default") == ("First out",)
    later = ArticleFactory(headline="Out just now", published_at=timezone.now())
    scheduled = ArticleFactory(published_at=timezone.now() + timedelta(hours=1))
    assert lookup.row(later.pk, using="default") == ("Out just now",)
    assert lookup.row(scheduled.pk, using="default") is None


def test_a_lookup_is_compiled_where_the_database_takes_datetimes_as_they_are():
    lookup = CompiledLookup(live_headline, arity=1, moments=1)
    lookup.row(ArticleFactory().pk, using="default")
    compiled = lookup._compiled["default"] is not None
    assert compiled == (connection.vendor == "postgresql")


def test_a_lookup_whose_values_do_not_stand_alone_is_run_as_built():
    """A value used twice in the SQL cannot be told apart from a constant: it is not compiled."""
    lookup = CompiledLookup(
        lambda pk: Article.objects.filter(Q(pk=pk) | Q(pk=pk + 0)).values_list("headline")[:1],
        arity=1,
    )
    story = ArticleFactory(headline="Either way")
    assert lookup.row(story.pk, using="default") == ("Either way",)
    assert lookup._compiled["default"] is None
    assert lookup.row(ArticleFactory(headline="Again").pk, using="default") == ("Again",)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements: PostgreSQL")
def test_a_compiled_lookup_run_often_is_prepared_and_still_counted(django_assert_num_queries):
    lookup = CompiledLookup(live_headline, arity=1, moments=1)
    story = ArticleFactory(headline="Asked for often")
    with django_assert_num_queries(8):
        rows = [lookup.row(story.pk, using="default") for _ in range(8)]
    assert rows == [("Asked for often",)] * 8
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s",
            ['%"articles_article"."headline"%'],
        )
        assert cursor.fetchone()[0] == 1
