"""Publishing rules, scheduling visibility and the preview."""

import re
from datetime import timedelta
from http import HTTPStatus

import pytest
from django.core.exceptions import ValidationError
from django.urls import resolve, reverse
from django.utils import timezone

from articles.models import ArticleStatus, Image
from articles.services.workflow import (
    ImageProblem,
    article_publish,
    article_schedule,
    image_problems,
    publishing_problems,
)
from articles.views.preview import preview_url
from tests.factories import ArticleFactory, AuthorFactory, ImageFactory
from tests.workflow_helpers import make_user, publishable_article, transition_url

pytestmark = pytest.mark.django_db


def test_a_complete_article_has_no_publishing_problems():
    assert publishing_problems(publishable_article(in_review=True)) == []


def test_publish_is_refused_with_one_message_listing_every_problem(client):
    uncredited = ImageFactory(credit="", alt_text="")
    article = ArticleFactory(
        in_review=True,
        standfirst="",
        section=None,
        hero_image=uncredited,
        authors=[],
        body='<p>Text</p><figure data-image-id="987654"></figure>',
    )
    client.force_login(make_user("editor"))
    response = client.post(transition_url(article, "publish"))
    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert html.count('class="errornote publishing-problems"') == 1
    for problem in (
        "No section is chosen.",
        "No author: add at least one byline.",
        "The standfirst is missing.",
        f"Image #{uncredited.pk}",
        "has no credit.",
        "has no alt text.",
        "The body shows image #987654, which is not in the library.",
    ):
        assert problem in html.replace("&#x27;", "'").replace("&quot;", '"'), problem
    article.refresh_from_db()
    assert article.status == ArticleStatus.IN_REVIEW


@pytest.mark.parametrize("field", ["headline", "slug"])
def test_missing_headline_or_slug_is_a_problem(field):
    article = publishable_article(in_review=True)
    setattr(article, field, "")
    assert f"The {field} is missing." in publishing_problems(article)


def test_missing_hero_image_is_a_problem():
    article = publishable_article(in_review=True, hero_image=None)
    assert "There is no hero image." in publishing_problems(article)


def test_inline_image_without_credit_is_a_problem():
    image = ImageFactory(credit="")
    article = publishable_article(
        in_review=True, body=f'<figure data-image-id="{image.pk}"></figure>'
    )
    assert any(f"#{image.pk}" in p and "no credit" in p for p in publishing_problems(article))


def test_image_with_expired_rights_is_a_problem():
    expired = ImageFactory(rights_expire_on=timezone.localdate() - timedelta(days=1))
    article = publishable_article(in_review=True, hero_image=expired)
    assert any("rights to Image" in p for p in publishing_problems(article))
    assert article.status == ArticleStatus.IN_REVIEW


def test_scheduling_past_the_rights_expiry_is_refused():
    image = ImageFactory(rights_expire_on=timezone.localdate() + timedelta(days=3))
    article = publishable_article(in_review=True, hero_image=image)
    editor = make_user("editor")
    with pytest.raises(ValidationError, match="expire on"):
        article_schedule(article=article, by=editor, publish_at=timezone.now() + timedelta(days=5))
    article.refresh_from_db()
    assert article.status == ArticleStatus.IN_REVIEW


def test_slug_clash_with_a_story_out_the_same_day_is_a_problem():
    ArticleFactory(slug="budget-day", published_at=timezone.now())
    article = publishable_article(in_review=True, slug="budget-day")
    assert any("already uses the slug" in p for p in publishing_problems(article))
    with pytest.raises(ValidationError, match="already uses the slug"):
        article_publish(article=article, by=make_user("editor"))


def test_same_slug_on_another_day_is_fine():
    ArticleFactory(slug="budget-day", published_at=timezone.now() - timedelta(days=3))
    assert publishing_problems(publishable_article(in_review=True, slug="budget-day")) == []


def test_publish_page_warns_of_problems_before_the_editor_confirms(client):
    article = ArticleFactory(in_review=True, standfirst="", authors=[AuthorFactory()])
    client.force_login(make_user("editor"))
    html = client.get(transition_url(article, "publish")).content.decode()
    assert "The standfirst is missing." in html


def test_scheduled_article_appears_when_its_time_comes_without_a_job(client):
    article = publishable_article(in_review=True)
    publish_at = timezone.now() + timedelta(hours=3)
    article_schedule(article=article, by=make_user("editor"), publish_at=publish_at)
    article.refresh_from_db()
    assert article.status == ArticleStatus.PUBLISHED
    assert client.get(article.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND
    assert article.headline not in client.get(reverse("articles:home")).content.decode()

    article.published_at = timezone.now() - timedelta(seconds=1)  # the time has come
    article.save(update_fields=["published_at", "publication_date"])
    assert client.get(article.get_absolute_url()).status_code == HTTPStatus.OK
    assert article.headline in client.get(reverse("articles:home")).content.decode()


def test_schedule_needs_a_future_time(client):
    article = publishable_article(in_review=True)
    client.force_login(make_user("editor"))
    past = timezone.localtime() - timedelta(days=1)
    response = client.post(
        transition_url(article, "schedule"),
        {"publish_at_0": past.strftime("%Y-%m-%d"), "publish_at_1": "09:00"},
    )
    assert "Choose a time in the future" in response.content.decode()
    article.refresh_from_db()
    assert article.status == ArticleStatus.IN_REVIEW


def test_admin_list_shows_scheduled_articles_as_scheduled_with_the_time(client):
    publish_at = timezone.now() + timedelta(days=2)
    ArticleFactory(headline="Census story", published_at=publish_at)
    client.force_login(make_user("editor"))
    url = reverse("admin:articles_article_changelist")
    html = client.get(url, {"state": "scheduled"}).content.decode()
    when = timezone.localtime(publish_at).strftime("%H:%M")
    assert "Census story" in html and "scheduled for" in html and when in html
    assert "Census story" not in client.get(url, {"state": "published"}).content.decode()


def test_unpublish_takes_the_story_off_the_site(client):
    article = publishable_article()
    url = article.get_absolute_url()
    client.force_login(make_user("editor"))
    client.post(transition_url(article, "unpublish"))
    client.logout()
    assert client.get(url).status_code == HTTPStatus.NOT_FOUND


def test_archived_story_stays_readable_with_a_notice_but_leaves_the_fronts(client):
    article = publishable_article()
    client.force_login(make_user("editor"))
    client.post(transition_url(article, "archive"))
    client.logout()
    page = client.get(article.get_absolute_url()).content.decode()
    assert "From the archive" in page
    assert article.headline not in client.get(reverse("articles:home")).content.decode()


@pytest.mark.parametrize("state", ["draft", "in_review", "scheduled", "published", "archived"])
def test_staff_preview_any_state_with_a_not_published_band(client, state):
    traits = {"draft": {"draft": True}, "in_review": {"in_review": True}}
    traits |= {"scheduled": {"scheduled": True}, "archived": {"archived": True}}
    article = publishable_article(**traits.get(state, {}))
    client.force_login(make_user("writer"))
    response = client.get(preview_url(article))
    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert "Preview: not published" in html
    assert f'<h1 class="article__headline">{article.headline}</h1>' in html
    assert "noindex" in response["X-Robots-Tag"]


@pytest.mark.parametrize("role", ["anonymous", "reader"])
def test_readers_get_404_from_a_preview_url(client, role):
    article = publishable_article(draft=True)
    if role == "reader":
        client.force_login(make_user("reader"))
    assert client.get(preview_url(article)).status_code == HTTPStatus.NOT_FOUND


def test_preview_url_cannot_be_guessed_from_the_article_id(client):
    article = publishable_article(draft=True)
    client.force_login(make_user("editor"))
    assert str(article.pk) != preview_url(article).split("/")[-2]
    guessed = reverse("articles:article-preview", kwargs={"token": str(article.pk)})
    assert client.get(guessed).status_code == HTTPStatus.NOT_FOUND


def test_change_page_links_to_the_preview(client):
    article = publishable_article(draft=True)
    client.force_login(make_user("editor"))
    html = client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    # The token is dated to the second, so compare what it opens rather than its text.
    link = re.search(r'href="(/preview/[^"]+/)"', html).group(1)
    assert resolve(link).kwargs["token"] != str(article.pk)
    response = client.get(link)
    assert response.status_code == HTTPStatus.OK
    assert article.headline in response.content.decode()


@pytest.mark.parametrize(
    ("expires_in_days", "expired"), [(-1, True), (0, True), (1, False), (None, False)]
)
def test_rights_run_out_on_their_expiry_day_for_the_instance_and_the_queryset(
    expires_in_days, expired
):
    expires = None if expires_in_days is None else timezone.localdate() + timedelta(expires_in_days)
    image = ImageFactory(rights_expire_on=expires)
    assert image.rights_expired() is expired
    assert Image.objects.rights_expired().filter(pk=image.pk).exists() is expired


def test_the_image_picker_and_publishing_ask_the_same_image_rule(client):
    images = [
        ImageFactory(credit="", alt_text=""),
        ImageFactory(rights_expire_on=timezone.localdate()),
        ImageFactory(credit=" ", rights_expire_on=timezone.localdate() + timedelta(days=9)),
        ImageFactory(),
    ]
    client.force_login(make_user("editor"))
    for image in images:
        rule = image_problems(image)
        picker = client.get(reverse("admin:articles_article_images"), {"id": image.pk}).json()
        assert picker["images"][0]["problems"] == [str(problem.label) for problem in rule]
        article = publishable_article(in_review=True, hero_image=image)
        image_sentences = [p for p in publishing_problems(article) if f"#{image.pk}" in p]
        assert len(image_sentences) == len(rule)


def test_a_picture_whose_rights_run_out_before_the_scheduled_day_is_a_problem_for_that_day():
    image = ImageFactory(rights_expire_on=timezone.localdate() + timedelta(days=3))
    assert image_problems(image) == []
    later = timezone.localdate() + timedelta(days=5)
    assert image_problems(image, on=later) == [ImageProblem.RIGHTS_EXPIRED]
