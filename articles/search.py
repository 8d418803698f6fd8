"""Full-text search over live articles, behind one interface.

On PostgreSQL a stored, GIN-indexed ``search_vector`` (headline A, byline and standfirst B,
body C, English configuration) is matched with ``websearch_to_tsquery`` and quoted with
``ts_headline``. Ranking uses ``ts_rank`` over ``rank_vector``, the same document without the
body: a few hundred bytes stored inline, where the full vector is kilobytes out of line in
TOAST, so ranking thousands of matches for a common word stays within a page's budget.

Elsewhere (SQLite, for local work) the same query syntax is matched with case-insensitive
substrings and ranked headline > standfirst > body. Both backends return a queryset, best
first, and a ``snippet`` method the view applies to the page's articles.

The vectors are kept current by the application, not a trigger: a generated column cannot read
the bylines (another table), and triggers on three tables would fire row by row in bulk
imports. Every write path calls ``refresh_search_vectors`` after saving text and authors:
the admin, the demo loader, the importer and the archive generator.
"""

import html
import re
import secrets
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from typing import Protocol

from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
)
from django.core.paginator import Paginator
from django.db import connection, transaction
from django.db.models import (
    Case,
    CharField,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Concat
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from articles.models import Article, Author
from articles.models.articles import SEARCH_VECTOR_FIELDS
from articles.text import clean_text

SEARCH_CONFIG = "english"
# ts_headline and the fallback mark matches with markers no stored text can contain: a secret
# drawn when the process starts and never sent to a browser, so the snippet can be
# HTML-escaped before the marks become <mark> elements.
_MARK_SECRET = secrets.token_hex(16)
MARK_START, MARK_STOP = f"[{_MARK_SECRET}:", f":{_MARK_SECRET}]"
SNIPPET_WORDS = 35


def _body_text():
    """The body without its markup, in SQL."""
    return Func(
        F("body"),
        Value("<[^>]+>"),
        Value(" "),
        Value("g"),
        function="regexp_replace",
        output_field=TextField(),
    )


def _byline():
    """The article's author names joined by spaces, as a correlated subquery."""
    names = (
        Author.objects.filter(articles=OuterRef("pk"))
        .order_by()
        .values("articles")
        .annotate(names=StringAgg("name", delimiter=" "))
        .values("names")
    )
    return Subquery(names, output_field=CharField())


def rank_vector():
    """The short, weighted part of the document: headline A, byline and standfirst B."""
    return (
        SearchVector("headline", weight="A", config=SEARCH_CONFIG)
        + SearchVector(_byline(), weight="B", config=SEARCH_CONFIG)
        + SearchVector("standfirst", weight="B", config=SEARCH_CONFIG)
    )


def search_vector():
    """The whole document: the rank vector plus the body at weight C."""
    return rank_vector() + SearchVector(_body_text(), weight="C", config=SEARCH_CONFIG)


def refresh_search_vectors(articles: QuerySet | Iterable[int]) -> int:
    """Recompute the stored search vectors of these articles (a queryset or ids), in one UPDATE.

    Call it after the text or the authors change. A no-op on databases without text search.
    """
    if connection.vendor != "postgresql":
        return 0
    if isinstance(articles, QuerySet):
        chosen = Article.objects.filter(pk__in=articles.values("pk"))
    else:
        chosen = Article.objects.filter(pk__in=list(articles))
    return chosen.update(search_vector=search_vector(), rank_vector=rank_vector())


@dataclass(frozen=True)
class Clause:
    """Terms that must all match, and terms that must not; clauses are joined by OR."""

    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()


TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
TAG = re.compile(r"<[^>]+>")
WORD = re.compile(r"\w+(?:['\u2019-]\w+)*")


def has_words(query: str) -> bool:
    """Whether the query contains anything searchable (letters or digits)."""
    return bool(WORD.search(query))


def parse_query(query: str) -> list[Clause]:
    """Web-search syntax, forgivingly: ``"a phrase"``, ``-word``, ``or``; stray quotes ignored."""
    clauses: list[Clause] = []
    include: list[str] = []
    exclude: list[str] = []
    for negated, phrase, bare in TOKEN.findall(query):
        if bare and bare.lower() == "or":
            if include:
                clauses.append(Clause(tuple(include), tuple(exclude)))
                include, exclude = [], []
            continue
        if bare:
            negated, phrase = ("-", bare[1:]) if bare.startswith("-") else ("", bare)
        text = " ".join(WORD.findall(phrase))
        if text:
            (exclude if negated else include).append(text)
    if include:
        clauses.append(Clause(tuple(include), tuple(exclude)))
    return clauses


# PostgreSQL builds a tsquery on a fixed-size stack: a few dozen negated terms overflow it
# ("tsquery stack too small"). Readers refine with a few words; the rest are ignored.
MAX_TERMS = 12


def bounded_clauses(query: str) -> list[Clause]:
    """``parse_query`` with at most ``MAX_TERMS`` terms in all, in the order they were typed;
    a clause left with nothing to include is dropped (a search cannot be only exclusions)."""
    clauses, budget = [], MAX_TERMS
    for clause in parse_query(query):
        include = clause.include[:budget]
        budget -= len(include)
        exclude = clause.exclude[:budget]
        budget -= len(exclude)
        if include:
            clauses.append(Clause(include, exclude))
    return clauses


def websearch_text(clauses: list[Clause]) -> str:
    """The clauses in ``websearch_to_tsquery``'s syntax, every term a quoted phrase: nothing
    a reader typed is read as an operator."""
    return " or ".join(
        " ".join([*(f'"{term}"' for term in clause.include), *(f'-"{t}"' for t in clause.exclude)])
        for clause in clauses
    )


def highlight(text: str) -> SafeString:
    """Escape a marked-up snippet and turn its match marks into ``<mark>`` elements."""
    marks = f"({re.escape(MARK_START)}|{re.escape(MARK_STOP)})"
    parts = re.split(marks, " ".join(clean_text(text).split()))
    out = []
    for part in parts:
        if part == MARK_START:
            out.append("<mark>")
        elif part == MARK_STOP:
            out.append("</mark>")
        else:
            out.append(escape(html.unescape(part)))
    return mark_safe("".join(out))


class SearchBackend(Protocol):
    def search(self, queryset: QuerySet, query: str) -> QuerySet: ...

    def snippet(self, article: Article, query: str) -> SafeString: ...


class PostgresSearch:
    """PostgreSQL full-text search over the stored vector."""

    def search(self, queryset, query):
        clauses = bounded_clauses(query)
        if not clauses:
            return queryset.none()
        search_query = SearchQuery(
            websearch_text(clauses), config=SEARCH_CONFIG, search_type="websearch"
        )
        return (
            queryset.filter(search_vector=search_query)
            .annotate(
                # Ranked on the small vector: a body-only match ranks by date below the
                # headline and standfirst matches, and no long body is read to rank it.
                rank=SearchRank(F("rank_vector"), search_query),
                search_snippet=SearchHeadline(
                    Concat("standfirst", Value(" "), _body_text(), output_field=TextField()),
                    search_query,
                    config=SEARCH_CONFIG,
                    start_sel=MARK_START,
                    stop_sel=MARK_STOP,
                    max_words=SNIPPET_WORDS,
                    min_words=15,
                    max_fragments=2,
                    fragment_delimiter=" … ",
                ),
            )
            .order_by("-rank", "-published_at", "-id")
        )

    def snippet(self, article, query):
        return highlight(article.search_snippet)


class SimpleSearch:
    """Substring matching for databases without text search: same syntax, simpler ranking."""

    fields = ("headline", "standfirst", "body")

    def _matches(self, term: str) -> Q:
        condition = Q(Exists(Author.objects.filter(articles=OuterRef("pk"), name__icontains=term)))
        for name in self.fields:
            condition |= Q(**{f"{name}__icontains": term})
        return condition

    def search(self, queryset, query):
        # The snippet is cut from the body, which listings leave in the database.
        queryset = queryset.defer(None).defer(*SEARCH_VECTOR_FIELDS)
        clauses = bounded_clauses(query)
        if not clauses:
            return queryset.none()
        condition = Q()
        for clause in clauses:
            match = Q()
            for term in clause.include:
                match &= self._matches(term)
            for term in clause.exclude:
                match &= ~self._matches(term)
            condition |= match
        terms = [term for clause in clauses for term in clause.include]
        rank = Value(0)
        for term in terms:
            rank = rank + Case(
                When(headline__icontains=term, then=Value(4)),
                When(standfirst__icontains=term, then=Value(2)),
                default=Value(1),
                output_field=IntegerField(),
            )
        return (
            queryset.filter(condition).annotate(rank=rank).order_by("-rank", "-published_at", "-id")
        )

    def snippet(self, article, query):
        terms = [term for clause in bounded_clauses(query) for term in clause.include]
        plain = TAG.sub(" ", f"{article.standfirst} {article.body}")
        text = " ".join(html.unescape(plain).split())
        words = text.split(" ")
        lowered = [word.lower() for word in words]
        start = 0
        for index, word in enumerate(lowered):
            if any(term.lower().split(" ")[0] in word for term in terms):
                start = max(0, index - 8)
                break
        window = " ".join(words[start : start + SNIPPET_WORDS])
        if terms:
            pattern = re.compile("|".join(re.escape(term) for term in terms), re.IGNORECASE)
            window = pattern.sub(lambda m: f"{MARK_START}{m.group(0)}{MARK_STOP}", window)
        prefix = "… " if start else ""
        suffix = " …" if start + SNIPPET_WORDS < len(words) else ""
        return highlight(f"{prefix}{window}{suffix}")


@contextmanager
def planned_with_index():
    """Run a search's queries with PostgreSQL planning the text match through the GIN index.

    The planner prices checking a stored vector row by row as cheap, but each vector is
    kilobytes read back from TOAST: for a common word it would rather read every row (about a
    second on 100,000 stories) than the index (tens of milliseconds). ``SET LOCAL`` confines
    the hint to this transaction; other backends need nothing.
    """
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(savepoint=False):
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
        yield


class CappedPaginator(Paginator):
    """Counts matches only up to ``cap``: beyond that readers refine rather than page on,
    and counting every match of a common word would cost more than the page itself."""

    cap = 1000
    object_list: QuerySet

    @cached_property
    def matches(self) -> int:
        return self.object_list.order_by().values("pk")[: self.cap + 1].count()

    @cached_property
    def count(self) -> int:
        return min(self.matches, self.cap)

    @property
    def more_than_cap(self) -> bool:
        return self.matches > self.cap

    def page(self, number):
        """Rank narrow rows (ids) first, then read the page's 20 full rows and snippets only."""
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.count)
        ids = self.object_list.values("pk")[bottom:top]
        return self._get_page(self.object_list.filter(pk__in=ids), number, self)


def get_backend() -> SearchBackend:
    """PostgreSQL's text search where available, the substring fallback elsewhere."""
    return PostgresSearch() if connection.vendor == "postgresql" else SimpleSearch()


def search_articles(*, query: str, section=None, published_from=None, published_to=None):
    """Live articles matching ``query``, best first, optionally in one section and date range."""
    queryset = Article.objects.live().for_listing()
    if section is not None:
        queryset = queryset.filter(section=section)
    if published_from is not None:
        queryset = queryset.filter(publication_date__gte=published_from)
    if published_to is not None:
        queryset = queryset.filter(publication_date__lte=published_to)
    return get_backend().search(queryset, query)
