"""Translation: makemessages extracts every message cleanly, and pages can be checked for text
that escaped translation by rendering them in a pseudo-language."""

import os
import re
import shutil
from http import HTTPStatus
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlencode

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.contrib.flatpages.models import FlatPage
from django.db import OperationalError
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation

from articles.views import HomeView
from articles.views.preview import preview_url
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CommentFactory,
    ImageFactory,
    ReportFactory,
    SectionFactory,
    TagFactory,
    UserFactory,
)
from tests.pseudo_locale import (
    PSEUDO_LANGUAGE,
    build_pseudo_catalog,
    extract_messages,
    pseudo,
    read_po,
    untranslated_text,
)
from tests.roles import make_moderator
from tests.workflow_helpers import make_user

ROOT = Path(__file__).resolve().parent.parent
# Django's own admin writes these alt texts untranslated (admin/search_form.html, and the
# icons of boolean columns).
DJANGO_UNTRANSLATED = re.compile(
    r'(src="[^"]*/admin/img/(?:search|icon-yes|icon-no|icon-unknown)\.svg") '
    r'alt="(?:Search|True|False|None)"'
)


@pytest.fixture(scope="session")
def gettext_tools():
    if shutil.which("xgettext") is None or shutil.which("msgfmt") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("GNU gettext (xgettext, msgfmt) is missing: .ci/run installs it")
        pytest.skip("GNU gettext (xgettext, msgfmt) is not installed: apt-get install gettext")


@pytest.fixture(scope="session")
def extracted(gettext_tools, tmp_path_factory):
    return extract_messages(ROOT, tmp_path_factory.mktemp("makemessages"))


@pytest.fixture(scope="session")
def pseudo_locale_paths(gettext_tools, tmp_path_factory):
    return build_pseudo_catalog(ROOT, tmp_path_factory.mktemp("pseudo"))


@pytest.fixture
def pseudo_language(settings, pseudo_locale_paths):
    """Render everything in the pseudo-language, the site's name included."""
    settings.LOCALE_PATHS = [str(pseudo_locale_paths)]
    settings.LANGUAGES = [(PSEUDO_LANGUAGE, "Pseudo")]
    settings.LANGUAGE_CODE = PSEUDO_LANGUAGE
    settings.SITE_NAME = pseudo("The Newsarchive")
    with translation.override(PSEUDO_LANGUAGE):
        yield


def test_makemessages_runs_without_warnings(extracted):
    po_file, output = extracted
    assert po_file.is_file()
    assert "warning" not in output.lower(), output


@pytest.mark.parametrize(
    ("singular", "plural"),
    [
        ("%(count)d comment approved.", "%(count)d comments approved."),
        (
            "%(count)d comment removed, author banned.",
            "%(count)d comments removed, authors banned.",
        ),
        ("%(count)d article published.", "%(count)d articles published."),
        ("Expires in %(days)d day", "Expires in %(days)d days"),
    ],
)
def test_admin_plural_messages_are_extracted_with_their_plural(extracted, singular, plural):
    po_file, _ = extracted
    plurals = {
        entry.fields["msgid"]: entry.fields.get("msgid_plural") for entry in read_po(po_file)
    }
    assert plurals.get(singular) == plural


@pytest.mark.parametrize(
    ("context", "msgid", "template"),
    [
        ("byline", "By", "templates/jinja2/includes/byline.html"),
        (None, "%(counter)s story.", "templates/jinja2/articles/archive_period.html"),
        (None, "Photograph: %(credit)s", "templates/jinja2/includes/figure.html"),
    ],
)
def test_messages_of_the_jinja2_templates_are_extracted_with_their_place(
    extracted, context, msgid, template
):
    po_file, _ = extracted
    entries = [
        entry
        for entry in read_po(po_file)
        if entry.fields.get("msgid") == msgid and entry.fields.get("msgctxt") == context
    ]
    assert len(entries) == 1
    assert any(template in comment for comment in entries[0].comments)


def test_pseudo_translation_keeps_placeholders_markup_and_entities():
    text = 'Hi %(name)s, %d of {total} <a href="/x/">here</a> &amp; 100%%'
    assert pseudo(text) == '⟦Ĥí %(name)s, %d óƒ {total} <a href="/x/">ĥéŕé</a> &amp; 100%%⟧'


def test_untranslated_text_reports_visible_text_outside_the_pseudo_language():
    html = (
        "<html><head><title>Skipped</title></head><body>"
        f"<h1>{pseudo('Latest')}</h1><p>{pseudo('By %(name)s') % {'name': pseudo('Ann')}}</p>"
        "<p>Forgot to translate</p><script>var notText = 1;</script><!-- nor this -->"
        f'<img alt="A photo" src="x.jpg"><input type="submit" value="{pseudo("Post")}">'
        "<span>12:30, 3 · 4</span></body></html>"
    )
    assert untranslated_text(html) == ["Forgot to translate", "A photo"]


@pytest.mark.django_db
def test_the_pseudo_catalog_translates_our_messages_and_djangos(pseudo_language):
    from django.utils.translation import gettext, ngettext

    assert gettext("Draft") == pseudo("Draft")
    assert ngettext("%(count)d article published.", "%(count)d articles published.", 2) == pseudo(
        "%(count)d articles published."
    )
    assert gettext("Log out") == pseudo("Log out")  # from django.contrib.admin


def pseudo_site():
    """A small site whose own data is written in the pseudo-language, so that only text the
    templates and code write themselves can escape it."""
    section = SectionFactory(name=pseudo("Politics"), description=pseudo("Parliament"))
    author = AuthorFactory(name=pseudo("Ann Writer"), bio=pseudo("Covers politics."))
    tag = TagFactory(name=pseudo("Elections"))
    image = ImageFactory(
        alt_text=pseudo("A ballot box"), caption=pseudo("Counting"), credit=pseudo("Agency")
    )
    inline = ImageFactory(
        alt_text=pseudo("A queue"), caption=pseudo("Voters"), credit=pseudo("Agency")
    )
    article = ArticleFactory(
        headline=pseudo("Votes counted"),
        standfirst=pseudo("The count went on all night."),
        body=(
            f'<p>{pseudo("The first paragraph.")}</p><figure data-image-id="{inline.pk}"></figure>'
        ),
        section=section,
        hero_image=image,
        authors=[author],
        tags=[tag],
    )
    reader = UserFactory(username="reader", display_name=pseudo("Reader One"))
    other = UserFactory(username=pseudo("reader two"), display_name=pseudo("Reader Two"))
    comment = CommentFactory(article=article, author=reader, text=pseudo("A fair point."))
    reply = CommentFactory(article=article, author=other, parent=comment, text=pseudo("Agreed."))
    reporter = UserFactory(username=pseudo("reporter"), display_name=pseudo("Reporter"))
    ReportFactory(comment=reply, reporter=reporter, details=pseudo("Off topic."))
    FlatPage.objects.filter(url="/community/comments-policy/").update(
        title=pseudo("Community guidelines"), content=f"<p>{pseudo('Be kind.')}</p>"
    )

    def story(**traits):
        return ArticleFactory(
            headline=pseudo("Another story"),
            standfirst=pseudo("More."),
            body=f"<p>{pseudo('More still.')}</p>",
            section=section,
            hero_image=image,
            authors=[author],
            **traits,
        )

    return SimpleNamespace(
        article=article,
        reader=reader,
        comment=comment,
        reply=reply,
        archived=story(archived=True),
        draft=story(draft=True),
        scheduled=story(scheduled=True),
    )


def public_pages(site) -> dict[str, str]:
    """Every kind of page a reader without an account sees."""
    article = site.article
    published = timezone.localtime(article.published_at)
    year, month, day = published.year, f"{published.month:02d}", f"{published.day:02d}"
    search = reverse("articles:search")
    return {
        "home": reverse("articles:home"),
        "article": article.get_absolute_url(),
        "article, newest comments first": article.get_absolute_url() + "?order=newest",
        "archived article": site.archived.get_absolute_url(),
        "section": article.section.get_absolute_url(),
        "tag": reverse("articles:tag", args=[article.tags.get().slug]),
        "author": reverse("articles:author", args=[article.authors.get().slug]),
        "archive": reverse("articles:archive"),
        "year": reverse("articles:archive-year", args=[year]),
        "month": reverse("articles:archive-month", args=[year, month]),
        "day": reverse("articles:archive-day", args=[year, month, day]),
        "search form": search,
        "search": search + "?" + urlencode({"q": pseudo("Votes")}),
        "search without results": search + "?q=zzzz",
        "search with filters": search + "?q=zzzz&published_from=2001-01-01",
        "comments policy": reverse("comments-policy"),
        "report": reverse("comments:report", args=[site.comment.pk]),
        "report thanks": reverse("comments:report-thanks", args=[site.comment.pk]),
        "login": reverse("accounts:login"),
        "signup": reverse("accounts:signup"),
        "signup sent": reverse("accounts:signup-sent"),
        "signup link expired": reverse("accounts:confirm", args=["x", "y"]),
        "password reset": reverse("accounts:password_reset"),
        "password reset sent": reverse("accounts:password_reset_done"),
        "password reset link expired": reverse("accounts:password_reset_confirm", args=["x", "y"]),
        "password changed": reverse("accounts:password_reset_complete"),
        "not found": "/no-such-page/",
    }


def reader_pages(site) -> dict[str, str]:
    """The pages of a signed-in reader: their account and their comments."""
    post = reverse("comments:post", args=[site.article.pk])
    return {
        "comment form": post,
        "reply form": f"{post}?parent={site.comment.pk}",
        "comment posted": reverse("comments:posted", args=[site.comment.pk]),
        "comment edit": reverse("comments:edit", args=[site.comment.pk]),
        "comment delete": reverse("comments:delete", args=[site.comment.pk]),
        "account": reverse("accounts:account"),
        "account delete": reverse("accounts:delete"),
    }


ADMIN_PAGES = {
    "editor": [
        "admin:index",
        "admin:articles_article_changelist",
        "admin:articles_article_add",
        "admin:articles_image_changelist",
    ],
    "moderator": [
        "admin:articles_reportedcomment_changelist",
        "admin:articles_pendingcomment_changelist",
        "admin:articles_comment_changelist",
        "admin:articles_comment_dashboard",
    ],
}


# In the admin's lists: the rows, and the names of the role groups to filter by, are the site's
# data (slugs, e-mail addresses, group names); the columns and the filters' titles are not.
ADMIN_DATA = "#result_list tbody, #changelist-filter a[href*='groups__id__exact']"


def visible_untranslated(response, *, leave_out: str = "") -> list[str]:
    """What escaped translation on the page, but for the parts ``leave_out`` selects."""
    html = DJANGO_UNTRANSLATED.sub(r'\1 alt=""', response.content.decode())
    page = BeautifulSoup(html, "lxml")
    # django-axes (the sign-in lockouts, for superusers) has no translatable app name.
    for part in page.select(", ".join(filter(None, [".app-axes", leave_out]))):
        part.decompose()
    return untranslated_text(str(page))


@pytest.mark.django_db
def test_no_visible_text_escapes_translation_in_the_pseudo_language(
    client, pseudo_language, settings
):
    site = pseudo_site()
    escaped = {}
    statuses = {}
    for name, url in public_pages(site).items():
        response = client.get(url)
        statuses[name] = response.status_code
        escaped[name] = visible_untranslated(response)
    found = client.get(public_pages(site)["search"]).content.decode()
    assert site.article.get_absolute_url() in found  # the search page with results
    login, wrong = reverse("accounts:login"), {"username": "reader", "password": "wrong"}
    escaped["sign in refused"] = visible_untranslated(client.post(login, wrong))
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post(login, wrong)
    locked = client.post(login, wrong)
    assert locked.status_code == HTTPStatus.TOO_MANY_REQUESTS
    escaped["sign-in lockout"] = visible_untranslated(locked)
    client.force_login(site.reader)
    for name, url in reader_pages(site).items():
        response = client.get(url)
        statuses[name] = response.status_code
        escaped[name] = visible_untranslated(response)
    post = reverse("comments:post", args=[site.article.pk])
    escaped["comment refused"] = visible_untranslated(client.post(post, {"text": ""}))
    settings.COMMENTS_PER_MINUTE = 0
    too_many = client.post(post, {"text": pseudo("Again.")})
    assert too_many.status_code == HTTPStatus.TOO_MANY_REQUESTS
    escaped["too many requests"] = visible_untranslated(too_many)

    staff = {
        "editor": make_user("editor"),
        "moderator": make_moderator(username=pseudo("moderator")),
    }
    staff["editor"].username = pseudo("editor")
    staff["editor"].save()
    for role, names in ADMIN_PAGES.items():
        client.force_login(staff[role])
        for name in names:
            escaped[name] = visible_untranslated(client.get(reverse(name)))
    root = make_user("superuser")
    root.username = pseudo("root")
    root.save()
    client.force_login(root)
    for model in apps.get_app_config("articles").get_models():
        for view in ["changelist", "add"]:
            name = f"admin:articles_{model._meta.model_name}_{view}"
            try:
                response = client.get(reverse(name))
            except NoReverseMatch:
                continue  # not in the admin
            if response.status_code == HTTPStatus.OK:
                escaped[name] = visible_untranslated(response, leave_out=ADMIN_DATA)
    client.force_login(staff["moderator"])
    review = reverse("admin:articles_comment_review", args=[site.reply.pk])
    escaped["comment review"] = visible_untranslated(client.get(review))
    client.force_login(staff["editor"])
    article = site.article.pk
    for name in ["change", "correction", "history"]:
        url = reverse(f"admin:articles_article_{name}", args=[article])
        escaped[f"article {name}"] = visible_untranslated(client.get(url))
    for name in ["draft", "scheduled"]:
        preview = client.get(preview_url(getattr(site, name)))
        statuses[f"preview of a {name}"] = preview.status_code
        escaped[f"preview of a {name}"] = visible_untranslated(preview)
    # Every page was drawn (none a redirect), the two that refuse aside.
    refused = {name: status for name, status in statuses.items() if status != HTTPStatus.OK}
    assert refused == {"not found": 404, "signup link expired": 400}
    assert {name: texts for name, texts in escaped.items() if texts} == {}


def test_untranslated_text_reads_a_translated_sentence_across_its_links():
    sentence = pseudo('Read our <a href="/rules/">guidelines</a> first.')
    html = f"<p>{sentence}</p><p>Read our <a href='/rules/'>{pseudo('guidelines')}</a></p>"
    assert untranslated_text(html) == ["Read our"]


def test_untranslated_text_leaves_out_typed_text_keys_and_time_zones():
    html = (
        "<textarea>Typed by a reader</textarea><p><kbd>Q</kbd></p>"
        f"<time>{pseudo('Monday')} 1 {pseudo('June')} 2026 12:30 IST</time><p>IST</p>"
    )
    assert untranslated_text(html) == ["IST"]


def script_words(html: str) -> dict[str, str]:
    """The words a page hands our scripts: data-* attributes of their elements and of the
    newsroom's ``<template id="newsroom-words">`` (addresses left out)."""
    page = BeautifulSoup(html, "lxml")
    ours = page.find_all("script", src=re.compile(r"/static/js/"))
    holders = [*ours, *page.find_all(id="newsroom-words")]
    return {
        f"{holder.get('src', holder.get('id'))} {name}": value
        for holder in holders
        for name, value in holder.attrs.items()
        if name.startswith("data-") and not name.endswith("-url")
    }


@pytest.mark.django_db
def test_scripts_take_their_words_translated_from_the_page(client, pseudo_language):
    site = pseudo_site()
    words = script_words(client.get(site.article.get_absolute_url()).content.decode())
    client.force_login(make_user("editor"))
    add_article = client.get(reverse("admin:articles_article_add")).content.decode()
    words |= script_words(add_article)
    assert len(words) >= 30
    assert {name: value for name, value in words.items() if not value.startswith("⟦")} == {}
    assert {name: value for name, value in words.items() if untranslated_text(value)} == {}


@pytest.mark.django_db
def test_error_pages_escape_no_text_from_the_pseudo_language(client, pseudo_language, monkeypatch):
    site = pseudo_site()
    responses = {"not found": client.get("/no-such-page/")}
    responses["bad request"] = client.get("/section/x%00y/")
    responses["expired form"] = Client(enforce_csrf_checks=True).post(
        reverse("accounts:login"), {"username": "x", "password": "y"}
    )
    client.force_login(UserFactory(display_name=pseudo("Someone Else")))
    responses["not allowed"] = client.get(reverse("comments:delete", args=[site.comment.pk]))

    def database_down(self, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(HomeView, "get_context_data", database_down)
    responses["database down"] = client.get(reverse("articles:home"))
    monkeypatch.setattr(HomeView, "get_context_data", lambda self, **kwargs: 1 / 0)
    client.raise_request_exception = False
    responses["server error"] = client.get(reverse("articles:home"))
    assert {name: response.status_code for name, response in responses.items()} == {
        "not found": HTTPStatus.NOT_FOUND,
        "bad request": HTTPStatus.BAD_REQUEST,
        "expired form": HTTPStatus.FORBIDDEN,
        "not allowed": HTTPStatus.FORBIDDEN,
        "database down": HTTPStatus.SERVICE_UNAVAILABLE,
        "server error": HTTPStatus.INTERNAL_SERVER_ERROR,
    }
    escaped = {name: visible_untranslated(response) for name, response in responses.items()}
    assert {name: texts for name, texts in escaped.items() if texts} == {}


@pytest.mark.django_db
def test_pages_declare_the_language_they_are_written_in(client, pseudo_language):
    site = pseudo_site()
    for url in [reverse("articles:home"), site.article.get_absolute_url(), "/no-such-page/"]:
        page = BeautifulSoup(client.get(url).content, "lxml")
        assert page.html["lang"] == PSEUDO_LANGUAGE
