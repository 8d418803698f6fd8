"""Text that fools people and filters: watched words, invisible and bidirectional characters,
display names, control characters, search highlights."""

from http import HTTPStatus

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse

from articles.models import Article, Comment, CommentStatus, HoldReason, WatchedWord
from articles.search import SimpleSearch, highlight
from articles.services.accounts import account_update
from articles.services.comments import comment_post
from articles.text import clean_text, fold
from tests.factories import ArticleFactory, CommentFactory, UserFactory
from tests.roles import make_trusted_reader, make_writer

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture
def article():
    return ArticleFactory()


@pytest.mark.parametrize(
    "disguised",
    [
        "buy bit\u200bcoin now",  # zero-width space
        "buy bit\u00adcoin now",  # soft hyphen
        "buy bit\u2060coin now",  # word joiner
        "buy bit\u0441oin now",  # Cyrillic es
        "buy \uff42\uff49\uff54\uff43\uff4f\uff49\uff4e now",  # fullwidth
        "buy BITCOIN now",
        # mathematical bold
        "buy \U0001d41b\U0001d422\U0001d42d\U0001d41c\U0001d428\U0001d422\U0001d427 now",
        "buy bitc\u200d0in now",  # a zero for the o, behind a joiner
    ],
)
def test_watched_words_hold_comments_however_they_are_disguised(article, disguised):
    WatchedWord.objects.create(word="bitcoin")
    comment = comment_post(article=article, author=make_trusted_reader(), text=disguised)
    assert comment.status == CommentStatus.PENDING
    assert comment.held_for == HoldReason.WATCHED_WORD


def test_watched_words_still_match_whole_words_only(article):
    WatchedWord.objects.create(word="ass")
    comment = comment_post(article=article, author=make_trusted_reader(), text="A classic pass")
    assert comment.status == CommentStatus.VISIBLE


@pytest.mark.parametrize(
    "text",
    [
        "\u200b\u200b\u200b",
        "\u202e\u2066\u2069",
        "\u00ad \u2060",
        "\u3164\u3164",
        "\ufe0f",
        " \n\t ",
    ],
)
def test_comments_that_show_nothing_are_refused(article, text):
    reader = make_trusted_reader()
    with pytest.raises(ValidationError):
        comment_post(article=article, author=reader, text=text)
    assert not Comment.objects.filter(article=article).exists()


def test_bidirectional_controls_cannot_reorder_what_follows(client, article):
    reader = make_trusted_reader()
    comment = comment_post(article=article, author=reader, text="Great \u202eesrever\u2066 x\u2069")
    assert comment.text == "Great esrever x"
    html = client.get(article.get_absolute_url()).content.decode()
    assert "\u202e" not in html and "\u2066" not in html


def test_control_characters_are_stripped_on_save_from_every_text_field():
    article = ArticleFactory(
        headline="Head\x02line\x00", standfirst="Stand\x1bfirst", body="<p>Bo\x03dy\x7f</p>"
    )
    article.refresh_from_db()
    assert (article.headline, article.standfirst, article.body) == (
        "Headline",
        "Standfirst",
        "<p>Body</p>",
    )
    comment = CommentFactory(text="Line one\nline\x02 two\x85")
    comment.refresh_from_db()
    assert comment.text == "Line one\nline two"


def test_the_cleaning_function_keeps_tabs_and_line_breaks_in_multiline_text():
    assert clean_text("a\tb\r\nc\x00\x1f\x9f") == "a\tb\r\nc"
    assert clean_text("a\tb\nc", multiline=False) == "a b c"


def test_control_characters_in_stored_text_never_become_highlights(article):
    Article.objects.filter(pk=article.pk).update(  # as an old row or a bulk import left it
        body="<p>harbour \x02<script>alert(1)</script>\x03 wall</p>"
    )
    article.refresh_from_db()
    html = SimpleSearch().snippet(article, "harbour")
    assert html.count("<mark>") == 1 and "<script>" not in html
    assert "<mark>" not in highlight("\x02x\x03")


@pytest.mark.parametrize(
    "name",
    [
        "The Newsarchive moderators",
        "Newsarchive",
        "NEWSARCHIVE Team",
        "Site Admin",
        "Moderator",
        "M0derat0r",
        "\u041coderator",  # Cyrillic em
        "Staff\u200b",
        "Editors",
        "News\u00adroom",
    ],
)
def test_readers_cannot_take_the_names_of_the_newsroom_or_the_site(name):
    reader = UserFactory()
    with pytest.raises(ValidationError) as error:
        account_update(user=reader, display_name=name)
    assert "reserved" in str(error.value)


@pytest.mark.parametrize(
    "lookalike",
    [
        "moira k",
        "MOIRA K",
        "Mo\u0456ra K",
        "Moira  K",
        "Mo\u200bira K",
        "\uff2d\uff4f\uff49\uff52\uff41 \uff2b",
        "Moira K\u202e",
    ],
)
def test_display_names_are_unique_however_they_are_spelled(lookalike):
    UserFactory(display_name="Moira K")
    with pytest.raises(ValidationError) as error:
        account_update(user=UserFactory(), display_name=lookalike)
    assert "taken" in str(error.value)


def test_sign_up_refuses_a_reserved_or_taken_display_name(client, mailoutbox):
    UserFactory(display_name="Declan")
    for name in ("DecIan", "Newsarchive Moderators"):
        response = client.post(
            reverse("accounts:signup"),
            {
                "display_name": name,
                "email": f"{len(name)}@example.com",
                "password1": "a-long-and-unusual-passphrase-42",
                "password2": "a-long-and-unusual-passphrase-42",
            },
        )
        assert response.status_code == HTTPStatus.OK
    assert not mailoutbox


def test_the_database_holds_display_names_unique():
    from django.db import IntegrityError

    UserFactory(display_name="Unique Person")
    with pytest.raises(IntegrityError):
        UserFactory(display_name="UNIQUE PERSON")


def test_staff_comments_carry_a_badge_readers_cannot_fake(client, article):
    staff = make_writer(display_name="Ciara Newsdesk")
    CommentFactory(article=article, author=staff, text="From the desk")
    faker = make_trusted_reader(display_name="Jo")
    Comment.objects.filter(author=faker).update(article=article)
    html = client.get(article.get_absolute_url()).content.decode()
    assert html.count('class="comment__badge"') == 1
    badge_at = html.index('class="comment__badge"')
    assert html.rindex("Ciara Newsdesk", 0, badge_at) > html.rfind("Jo<", 0, badge_at)


def test_folding_is_stable_and_idempotent():
    for text in ("Moira K", "\uff42\uff49\uff54\uff43\uff4f\uff49\uff4e", "Stra\u00dfe", "rn m"):
        assert fold(fold(text)) == fold(text)


def test_a_name_that_folds_longer_than_its_key_is_refused_not_an_error():
    reader = UserFactory()
    with pytest.raises(ValidationError):
        account_update(user=reader, display_name="\ufdfa" * 50)  # NFKC: 18 letters each
