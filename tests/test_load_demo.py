import pytest
from django.core.management import CommandError, call_command

from articles.models import Article, ArticleStatus, Image

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
