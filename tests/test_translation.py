"""Translation: makemessages extracts every message cleanly, and pages can be checked for text
that escaped translation by rendering them in a pseudo-language."""

import os
import re
import shutil
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CommentFactory,
    ImageFactory,
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
# Django's own admin writes this alt text untranslated (admin/search_form.html).
DJANGO_UNTRANSLATED = re.compile(r'(src="[^"]*/admin/img/search\.svg") alt="Search"')


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
    article = ArticleFactory(
        headline=pseudo("Votes counted"),
        standfirst=pseudo("The count went on all night."),
        body=f"<p>{pseudo('The first paragraph.')}</p>",
        section=section,
        hero_image=image,
        authors=[author],
        tags=[tag],
    )
    reader = UserFactory(username="reader", display_name=pseudo("Reader One"))
    CommentFactory(article=article, author=reader, text=pseudo("A fair point."))
    return article, reader


def pages(article):
    published = timezone.localtime(article.published_at)
    return {
        "home": reverse("articles:home"),
        "article": article.get_absolute_url(),
        "section": article.section.get_absolute_url(),
        "tag": reverse("articles:tag", args=[article.tags.get().slug]),
        "author": reverse("articles:author", args=[article.authors.get().slug]),
        "archive": reverse("articles:archive"),
        "year": reverse("articles:archive-year", args=[published.year]),
        "search": reverse("articles:search") + "?q=count",
        "search without results": reverse("articles:search") + "?q=zzzz",
        "login": reverse("accounts:login"),
        "signup": reverse("accounts:signup"),
        "password reset": reverse("accounts:password_reset"),
        "not found": "/no-such-page/",
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


@pytest.mark.django_db
@pytest.mark.xfail(
    reason="The public templates and part of the admin's Python text are not wrapped for "
    "translation yet: issue #17 does that pass once the parallel branches have merged. Remove "
    "this mark then; the test names every page and string still untranslated.",
    raises=AssertionError,
    strict=True,
)
def test_no_visible_text_escapes_translation_in_the_pseudo_language(client, pseudo_language):
    article, reader = pseudo_site()
    escaped = {}
    for name, url in pages(article).items():
        escaped[name] = untranslated_text(client.get(url).content.decode())
    client.force_login(reader)
    escaped["account"] = untranslated_text(client.get(reverse("accounts:account")).content.decode())
    staff = {
        "editor": make_user("editor"),
        "moderator": make_moderator(username=pseudo("moderator")),
    }
    staff["editor"].username = pseudo("editor")
    staff["editor"].save()
    for role, names in ADMIN_PAGES.items():
        client.force_login(staff[role])
        for name in names:
            html = client.get(reverse(name)).content.decode()
            escaped[name] = untranslated_text(DJANGO_UNTRANSLATED.sub(r'\1 alt=""', html))
    change = reverse("admin:articles_article_change", args=[article.pk])
    client.force_login(staff["editor"])
    escaped["article change"] = untranslated_text(client.get(change).content.decode())
    assert {name: texts for name, texts in escaped.items() if texts} == {}
