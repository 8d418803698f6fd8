import pytest
from django.core.management import CommandError, call_command

from articles.models import Article, ArticleStatus, Image
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_load_demo_refuses_when_debug_is_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG off"):
        call_command("load_demo")


def test_load_demo_builds_a_newsroom_and_prints_passwords_once(settings, capsys):
    settings.DEBUG = True
    call_command("load_demo")
    first = capsys.readouterr().out
    assert "editor" in first and "reader" in first
    assert Article.objects.live().count() >= 15
    assert all(image.credit and image.caption for image in Image.objects.all())

    counts = (Article.objects.count(), Image.objects.count())
    call_command("load_demo", "--force")
    second = capsys.readouterr().out
    assert "passwords are unchanged" in second
    assert "--reset-passwords" in second
    assert (Article.objects.count(), Image.objects.count()) == counts


def test_demo_has_every_editorial_state(settings):
    settings.DEBUG = True
    call_command("load_demo")
    states = set(Article.objects.values_list("status", flat=True))
    assert states == set(ArticleStatus.values)
    assert (
        Article.objects.filter(status=ArticleStatus.PUBLISHED)
        .exclude(pk__in=Article.objects.live())
        .exists()
    ), "one published story is scheduled for later"


def printed_passwords(output: str) -> dict[str, str]:
    return dict(line.split() for line in output.splitlines() if line.startswith("  "))


def test_reset_passwords_gives_existing_demo_accounts_new_ones_and_prints_them(settings, capsys):
    settings.DEBUG = True
    editor = UserFactory(username="editor", password="old editor password")
    reader = UserFactory(username="reader", password="old reader password")
    someone = UserFactory(username="someone", password="not a demo account")

    call_command("load_demo", "--reset-passwords")

    passwords = printed_passwords(capsys.readouterr().out)
    assert list(passwords) == ["editor", "reader"]
    editor.refresh_from_db()
    reader.refresh_from_db()
    someone.refresh_from_db()
    assert editor.check_password(passwords["editor"])
    assert not editor.check_password("old editor password")
    assert reader.check_password(passwords["reader"])
    assert someone.check_password("not a demo account")
    assert not Article.objects.exists(), "resetting passwords loads nothing"


def test_reset_passwords_without_demo_accounts_says_to_load_the_demo_first(settings):
    settings.DEBUG = True
    with pytest.raises(CommandError, match="run load_demo first"):
        call_command("load_demo", "--reset-passwords")


def test_reset_passwords_refuses_when_debug_is_off(settings):
    settings.DEBUG = False
    editor = UserFactory(username="editor", password="old editor password")
    with pytest.raises(CommandError, match="DEBUG off"):
        call_command("load_demo", "--reset-passwords")
    editor.refresh_from_db()
    assert editor.check_password("old editor password")
