"""No request answers 5xx: Hypothesis walks every URL pattern of the site (GET and POST) and
every admin changelist and action form, as each role, with hostile values: huge and negative
numbers, NUL and control characters, 10,000-character strings, tsquery operators, odd unicode.

The number of examples is bounded (``HOSTILE_WALK_EXAMPLES``, default 8 per pattern) so the
walk runs in CI on PostgreSQL and SQLite alike.
"""

import os
import re
from urllib.parse import quote

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import RegexPattern, RoutePattern
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.models import Article, CommentStatus
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CommentFactory,
    ReportFactory,
    SectionFactory,
    TagFactory,
)
from tests.workflow_helpers import make_user

pytestmark = [
    pytest.mark.django_db,
    # A date typed into an admin date filter (``?attempt_time__gte=9999-12-31``) reaches a
    # DateTimeField naive: Django warns and reads it in the current time zone, and the page
    # answers. The suite makes that warning an error to catch naive datetimes of our own; here
    # the value is the visitor's, and what is checked is the answer.
    pytest.mark.filterwarnings(r"ignore:DateTimeField .* received a naive datetime:RuntimeWarning"),
]

EXAMPLES = int(os.environ.get("HOSTILE_WALK_EXAMPLES", "8"))
ROLES = ["anonymous", "reader", "writer", "editor", "moderator", "superuser"]

walk = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,  # nothing written to the working tree
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# --- hostile values ---------------------------------------------------------------------------
ODD_UNICODE = st.sampled_from(
    [
        "\u202e\u2066",  # bidirectional overrides and isolates
        "\u200b\u00ad\ufeff",  # zero-width and format characters
        "\ud7ff\ue000\U0010fffd",  # edges of the planes
        "\U0001f4a9\u0301\u0301\u0301",  # an emoji under stacked combining marks
        "\uff21\u0410\u0391",  # fullwidth, Cyrillic and Greek capitals that look Latin
        "\u3164",  # a filler that shows nothing
    ]
)
TSQUERY = st.sampled_from(
    [
        " ".join(["-x"] * 40),
        "!!(a|b)&:*<->",
        "a <-> b <2> c",
        '"' * 7 + "or or or -",
        "' OR 1=1 --",
        "%_\\",
    ]
)
NUMBERS = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30),
    st.sampled_from([0, -1, 2**31, 2**63, 2**64, 9999, 10**20]),
).map(str)
CONTROL = st.text(alphabet=st.characters(max_codepoint=0x9F, categories=["Cc"]), max_size=5)
HOSTILE = st.one_of(
    NUMBERS,
    TSQUERY,
    ODD_UNICODE,
    CONTROL,
    st.text(max_size=30),
    st.just("x" * 10_000),
    st.builds("".join, st.lists(st.one_of(ODD_UNICODE, TSQUERY, CONTROL, NUMBERS), max_size=4)),
    st.sampled_from(["9999-12-31", "0001-01-01", "2024-02-30", "../../etc/passwd", "<script>"]),
)
QUERY_KEYS = [
    "q",
    "page",
    "comments_page",
    "order",
    "section",
    "published_from",
    "published_to",
    "next",
    "o",
    "p",
    "e",
    "all",
    "_popup",
    "_to_field",
    "_changelist_filters",
]


# Fields of the site's own forms, posted with hostile values.
FORM_KEYS = [
    "text",
    "parent",
    "website",
    "reason",
    "details",
    "display_name",
    "email",
    "password",
    "password1",
    "password2",
    "username",
    "confirm",
    "next",
    "new_password1",
    "new_password2",
]


# --- the site's URL patterns ------------------------------------------------------------------
def _patterns(resolver=None, prefix=()):
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, (*prefix, entry.pattern))
        elif isinstance(entry, URLPattern):
            yield (*prefix, entry.pattern)


def _label(parts) -> str:
    return "".join(str(part) for part in parts) or "/"


PATTERNS = sorted({_label(parts): parts for parts in _patterns()}.items())
PUBLIC = [(label, parts) for label, parts in PATTERNS if not label.startswith("admin/")]
ADMIN_PATTERNS = [(label, parts) for label, parts in PATTERNS if label.startswith("admin/")]
CONVERTER = re.compile(r"<(?:(?P<kind>[^>:]+):)?(?P<name>[^>]+)>")


def _segment(draw, pattern, known_ids) -> str:
    """A value for each part of the pattern: often a real id or slug, often hostile."""
    if isinstance(pattern, RegexPattern):
        regex = pattern._regex
        if draw(st.booleans()):
            return quote(draw(HOSTILE)[:300], safe="")
        return draw(st.from_regex(regex.replace("\\Z", "$"), fullmatch=True)).lstrip("^")
    assert isinstance(pattern, RoutePattern)
    route = str(pattern)

    def value(match):
        kind = match.group("kind") or "str"
        real = st.sampled_from(known_ids.get(kind, ["1"]))
        choice = draw(st.one_of(real, HOSTILE))
        return quote(choice[:2000], safe="/" if kind == "path" else "")

    return CONVERTER.sub(value, route)


@st.composite
def paths(draw, parts, known_ids):
    path = "/" + "".join(_segment(draw, part, known_ids) for part in parts)
    return path.replace("//", "/")


@st.composite
def query(draw, keys=QUERY_KEYS):
    chosen = draw(st.lists(st.sampled_from(keys), max_size=4, unique=True))
    return {key: draw(HOSTILE) for key in chosen}


# --- fixtures ---------------------------------------------------------------------------------
@pytest.fixture
def site_content():
    """A little of everything, so real ids and slugs reach the views' own code paths."""
    section, tag, author = SectionFactory(), TagFactory(), AuthorFactory()
    article = ArticleFactory(section=section, tags=[tag], authors=[author])
    comment = CommentFactory(article=article)
    CommentFactory(article=article, parent=comment)
    CommentFactory(article=article, status=CommentStatus.PENDING)
    ReportFactory(comment=comment)
    ArticleFactory(draft=True)
    return {
        "int": [str(article.pk), str(comment.pk), str(comment.pk + 1)],
        "slug": [section.slug, tag.slug, author.slug, article.slug],
        "str": [section.slug, article.slug, "1", "news"],
        "path": ["css/site.css", "x.jpg"],
    }


@pytest.fixture
def browsers(site_content):
    clients = {}
    for role in ROLES:
        browser = Client()
        if role != "anonymous":
            browser.force_login(make_user(role))
        clients[role] = browser
    return clients


def assert_answered(response, method, path, data):
    assert response.status_code < 500, f"{method} {path!r} {data!r} -> {response.status_code}"


# --- the walks --------------------------------------------------------------------------------
@pytest.mark.parametrize("label,parts", PUBLIC, ids=[label for label, _ in PUBLIC])
def test_no_public_url_answers_5xx(browsers, site_content, label, parts):
    @walk
    @given(
        role=st.sampled_from(ROLES),
        path=paths(parts, site_content),
        params=query(),
        form=query(FORM_KEYS),
        method=st.sampled_from(["GET", "POST"]),
    )
    def request(role, path, params, form, method):
        browser = browsers[role]
        if method == "GET":
            response = browser.get(path, params)
        else:
            form = {"text": "x", "reason": "spam", "display_name": "x", **form}
            response = browser.post(path + "?" + _encode(params), form)
        assert_answered(response, method, path, (params, form))

    request()


def test_no_page_number_of_any_list_answers_5xx(browsers, site_content):
    """Page numbers become SQL offsets: huge, negative and hostile ones on every paged list
    (lists paged without a count have no page total to refuse them by)."""
    article = Article.objects.live().select_related("section").get(section__isnull=False)
    month = timezone.localtime(article.published_at)
    lists = [
        (article.section.get_absolute_url(), {}),
        (article.tags.get().get_absolute_url(), {}),
        (article.authors.get().get_absolute_url(), {}),
        (reverse("articles:archive"), {}),
        (reverse("articles:archive-month", args=[f"{month.year}", f"{month.month:02d}"]), {}),
        (reverse("articles:search"), {"q": article.headline.split()[0]}),
    ]

    @settings(walk, max_examples=max(EXAMPLES * 5, 40))
    @given(
        role=st.sampled_from(ROLES),
        address=st.sampled_from([*lists, (article.get_absolute_url(), None)]),
        number=st.one_of(NUMBERS, NUMBERS, HOSTILE),
    )
    def request(role, address, number):
        path, params = address
        params = {"comments_page": number} if params is None else {**params, "page": number}
        assert_answered(browsers[role].get(path, params), "GET", path, params)

    request()


@pytest.mark.parametrize("label,parts", ADMIN_PATTERNS, ids=[label for label, _ in ADMIN_PATTERNS])
def test_no_admin_url_answers_5xx(browsers, site_content, label, parts):
    @walk
    @given(role=st.sampled_from(ROLES), path=paths(parts, site_content), params=query())
    def request(role, path, params):
        assert_answered(browsers[role].get(path, params), "GET", path, params)

    request()


def _changelist_keys(model_admin) -> list[str]:
    """Every parameter the changelist reads: search, order, page, date hierarchy, filters."""
    keys = ["q", "o", "p", "e", "all", "_to_field", "_popup"]
    if model_admin.date_hierarchy:
        keys += [f"{model_admin.date_hierarchy}__{part}" for part in ("year", "month", "day")]
    for entry in model_admin.list_filter:
        if isinstance(entry, str):
            keys += [f"{entry}__{lookup}" for lookup in ("exact", "id__exact", "isnull", "gte")]
            keys.append(entry)
        elif isinstance(entry, tuple):
            keys += [f"{entry[0]}__exact", f"{entry[0]}__id__exact"]
        elif getattr(entry, "parameter_name", None):
            keys.append(entry.parameter_name)
        elif getattr(entry, "field_path", None):
            keys.append(entry.field_path)
    return keys


ADMINS = sorted(
    (
        (f"{model._meta.app_label}_{model._meta.model_name}", admin_)
        for model, admin_ in admin.site._registry.items()
    ),
    key=lambda item: item[0],
)


@pytest.mark.parametrize("name,model_admin", ADMINS, ids=[name for name, _ in ADMINS])
def test_no_admin_changelist_or_action_answers_5xx(browsers, site_content, name, model_admin):
    url = f"/admin/{name.replace('_', '/', 1)}/"
    keys = _changelist_keys(model_admin)
    actions = [
        action if isinstance(action, str) else action.__name__
        for action in (model_admin.actions or [])
    ] + ["delete_selected"]
    pks = [str(pk) for pk in model_admin.model._default_manager.values_list("pk", flat=True)[:3]]

    @walk
    @given(
        role=st.sampled_from(ROLES),
        params=query(keys),
        action=st.sampled_from(actions),
        selected=st.lists(st.one_of(st.sampled_from(pks or ["1"]), HOSTILE), max_size=3),
        fields=query(["note", "days", "select_across", "index", "post"]),
        post=st.booleans(),
    )
    def request(role, params, action, selected, fields, post):
        browser = browsers[role]
        if post:
            data = {"action": action, "_selected_action": selected, **fields}
            response = browser.post(url + "?" + _encode(params), data)
            assert_answered(response, "POST", url, data)
        else:
            assert_answered(browser.get(url, params), "GET", url, params)

    request()


def _encode(params: dict) -> str:
    return "&".join(f"{quote(key)}={quote(value[:2000], safe='')}" for key, value in params.items())


# --- cases the walk found ---------------------------------------------------------------------
@pytest.mark.parametrize(
    "query",
    [
        "article__section__exact=9223372036854775808",
        "article__section__exact=-9223372036854775809",
    ],
)
def test_an_admin_filter_past_the_databases_integers_finds_nothing(site_content, query):
    """PostgreSQL compares it and finds nothing; SQLite cannot take it: an invalid lookup."""
    browser = Client()
    browser.force_login(make_user("moderator"))
    response = browser.get(f"/admin/articles/comment/?{query}")
    if response.status_code == 302:
        assert response["Location"].endswith("?e=1")
    else:
        assert response.status_code == 200 and response.context["cl"].result_count == 0


def test_the_lockout_clean_up_action_runs_from_the_admin(site_content):
    from axes.models import AccessAttempt
    from django.utils import timezone

    stale = AccessAttempt.objects.create(
        username="someone", ip_address="203.0.113.9", failures_since_start=3
    )
    long_ago = timezone.now() - timezone.timedelta(days=30)
    AccessAttempt.objects.filter(pk=stale.pk).update(attempt_time=long_ago)
    browser = Client()
    browser.force_login(make_user("superuser"))
    response = browser.post(
        "/admin/axes/accessattempt/",
        {"action": "cleanup_expired_attempts", "_selected_action": [str(stale.pk)]},
    )
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(pk=stale.pk).exists()
