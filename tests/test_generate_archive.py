"""The benchmark archive generator: bulk, reproducible, shared pictures, dated in local time."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from articles.demo.generator import HERO_IMAGES
from articles.models import Article, Image

pytestmark = pytest.mark.django_db


def generate(*args):
    out = io.StringIO()
    call_command("generate_archive", *args, stdout=out)
    return out.getvalue()


def test_generates_the_requested_number_of_live_stories_with_bylines(settings):
    settings.DEBUG = True
    output = generate("--articles", "25", "--batch-size", "10")
    assert "Generated 25 articles" in output
    assert Article.objects.live().count() == 25
    assert not Article.objects.filter(authors=None).exists()
    article = Article.objects.first()
    assert article.publication_date == timezone.localdate(article.published_at)
    assert len(article.body.split()) > 250


def test_generated_stories_share_a_small_set_of_hero_images(settings):
    settings.DEBUG = True
    generate("--articles", "40")
    generate("--articles", "40", "--seed", "2")
    assert Image.objects.count() == HERO_IMAGES
    assert not Article.objects.filter(hero_image=None).exists()


def test_the_same_seed_gives_the_same_archive(settings):
    settings.DEBUG = True
    generate("--articles", "5", "--seed", "9")
    first = list(Article.objects.order_by("pk").values_list("headline", "standfirst"))
    Article.objects.all().delete()
    generate("--articles", "5", "--seed", "9")
    assert list(Article.objects.order_by("pk").values_list("headline", "standfirst")) == first


def test_refuses_to_run_with_debug_off_unless_forced(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG off"):
        generate("--articles", "1")
    assert "Generated 1 articles" in generate("--articles", "1", "--force")


def test_refuses_a_non_positive_count(settings):
    settings.DEBUG = True
    with pytest.raises(CommandError, match="at least 1"):
        generate("--articles", "0")


def test_comments_per_article_adds_threads_and_replies_to_every_story(settings):
    from articles.models import Comment

    settings.DEBUG = True
    output = generate("--articles", "6", "--comments-per-article", "5", "--batch-size", "4")
    assert "6 articles and 30 comments" in output
    for article in Article.objects.all():
        comments = Comment.objects.filter(article=article)
        assert comments.count() == 5
        assert comments.filter(parent=None).count() == 3
        assert all(c.parent.article_id == article.pk for c in comments.exclude(parent=None))
    assert not Comment.objects.exclude(status="visible").exists()


def test_negative_comment_counts_are_refused(settings):
    settings.DEBUG = True
    with pytest.raises(CommandError, match="at least 0"):
        generate("--articles", "1", "--comments-per-article", "-1")
