"""The newsroom's lists, library, picker, corrections and roles as editors use them."""

from datetime import timedelta
from http import HTTPStatus

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from articles.models import ArticleStatus, CorrectionKind, User
from articles.roles import EDITORS, MODERATORS, ROLES, WRITERS
from articles.services.workflow import correction_add
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    ImageFactory,
    SectionFactory,
    TagFactory,
    UserFactory,
)
from tests.workflow_helpers import make_user, publishable_article

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:articles_article_changelist"


def codenames(group_name):
    """The group's permissions as ROLES names them: ``articles`` ones without the app label."""
    permissions = Group.objects.get(name=group_name).permissions.values_list(
        "content_type__app_label", "codename"
    )
    return {
        codename if app_label == "articles" else f"{app_label}.{codename}"
        for app_label, codename in permissions
    }


def test_roles_migration_creates_the_three_groups_with_exact_permissions():
    assert codenames(WRITERS) == set(ROLES[WRITERS])
    assert codenames(EDITORS) == set(ROLES[EDITORS])
    assert "view_article" in codenames(MODERATORS)
    assert not {"change_article", "add_article"} & codenames(MODERATORS)
    assert not {"publish_article", "unpublish_article", "change_any_article"} & codenames(WRITERS)


def test_superuser_assigns_a_role_in_the_user_admin(client):
    client.force_login(make_user("superuser"))
    person = UserFactory(username="newhire", is_staff=True)
    group = Group.objects.get(name=WRITERS)
    response = client.get(reverse("admin:articles_user_change", args=[person.pk]))
    assert f'value="{group.pk}"' in response.content.decode()
    person.groups.add(group)
    html = client.get(reverse("admin:articles_user_changelist"), {"groups__id__exact": group.pk})
    assert "newhire" in html.content.decode()


def test_load_demo_puts_demo_staff_in_their_groups(settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=None)
    groups = {u.username: set(u.groups.values_list("name", flat=True)) for u in User.objects.all()}
    assert groups["editor"] == {EDITORS}
    assert groups["writer"] == {WRITERS}
    assert groups["moderator"] == {MODERATORS}


@pytest.mark.parametrize(
    ("params", "shown", "hidden"),
    [
        ({"state": "draft"}, "Draft one", "Live one"),
        ({"state": "in_review"}, "Review one", "Draft one"),
        ({"state": "archived"}, "Old one", "Live one"),
        ({"q": "summary about trains"}, "Live one", "Draft one"),
        ({"q": "Review"}, "Review one", "Live one"),
    ],
)
def test_article_list_filters_by_state_and_searches_headline_and_standfirst(
    client, params, shown, hidden
):
    ArticleFactory(headline="Draft one", draft=True)
    ArticleFactory(headline="Review one", in_review=True)
    ArticleFactory(headline="Live one", standfirst="A summary about trains.")
    ArticleFactory(headline="Old one", archived=True)
    client.force_login(make_user("editor"))
    html = client.get(reverse(CHANGELIST), params).content.decode()
    assert shown in html and hidden not in html


def test_article_list_filters_by_section_author_and_date(client):
    section, author = SectionFactory(), AuthorFactory()
    ArticleFactory(headline="Match", section=section, authors=[author])
    ArticleFactory(headline="Other", published_at=timezone.now() - timedelta(days=400), authors=[])
    client.force_login(make_user("editor"))
    url = reverse(CHANGELIST)
    for params in ({"section__id__exact": section.pk}, {"authors__id__exact": author.pk}):
        html = client.get(url, params).content.decode()
        assert "Match" in html and "Other" not in html
    year = timezone.localtime().year
    html = client.get(url, {"published_at__year": year - 1}).content.decode()
    if timezone.localtime(timezone.now() - timedelta(days=400)).year == year - 1:
        assert "Other" in html and "Match" not in html


def test_mine_filter_shows_articles_i_created_or_am_bylined_on(client):
    writer = make_user("writer")
    AuthorFactory(user=writer)
    ArticleFactory(headline="Created by me", created_by=writer, authors=[])
    ArticleFactory(headline="Bylined to me", authors=[writer.author_profile])
    ArticleFactory(headline="Somebody else's")
    client.force_login(writer)
    html = client.get(reverse(CHANGELIST), {"mine": "1"}).content.decode()
    assert "Created by me" in html and "Bylined to me" in html
    assert "Somebody else" not in html


def test_writer_starts_a_new_article_bylined_to_themselves(client):
    writer = make_user("writer")
    author = AuthorFactory(user=writer, name="Fergus Doyle")
    client.force_login(writer)
    html = client.get(reverse("admin:articles_article_add")).content.decode()
    assert f'<option value="{author.pk}" selected>Fergus Doyle</option>' in html


def test_article_list_query_count_is_the_same_for_5_and_50_articles(
    client, django_assert_max_num_queries
):
    client.force_login(make_user("editor"))

    def count_for(more):
        for n in range(more):
            ArticleFactory(
                authors=[AuthorFactory(), AuthorFactory()],
                tags=[TagFactory()],
                created_by=UserFactory(),
                draft=n % 2,
            )
        with django_assert_max_num_queries(12) as run:
            response = client.get(reverse(CHANGELIST), {"all": ""})
        assert response.status_code == HTTPStatus.OK
        return len(run.captured_queries), response.content.decode().count('class="field-byline"')

    five, fifty = count_for(5), count_for(45)
    assert (five[1], fifty[1]) == (5, 50)
    assert five[0] == fifty[0]


def test_image_library_searches_caption_and_credit(client):
    ImageFactory(caption="Harbour at dawn", credit="Jane Doe/PA")
    ImageFactory(caption="Market square", credit="Alamy Stock Photo")
    client.force_login(make_user("editor"))
    url = reverse("admin:articles_image_changelist")
    for query in ("harbour", "jane doe"):
        html = client.get(url, {"q": query}).content.decode()
        assert "Harbour at dawn" in html and "Market square" not in html


def test_image_library_shows_where_each_image_is_used(client, django_assert_max_num_queries):
    image = ImageFactory()
    hero_user = ArticleFactory(headline="Hero user", hero_image=image)
    inline_user = ArticleFactory(
        headline="Inline user", body=f'<figure data-image-id="{image.pk}"></figure>'
    )
    inline_user.sync_inline_images()
    for _ in range(10):
        ArticleFactory()
    client.force_login(make_user("editor"))
    with django_assert_max_num_queries(12):
        html = client.get(reverse("admin:articles_image_changelist")).content.decode()
    assert "Hero user" in html and "Inline user" in html
    change = client.get(reverse("admin:articles_image_change", args=[image.pk])).content.decode()
    assert reverse("admin:articles_article_change", args=[hero_user.pk]) in change


def test_image_library_flags_expiring_and_expired_rights_and_the_live_articles_using_them(client):
    today = timezone.localdate()
    expiring = ImageFactory(caption="Soon gone", rights_expire_on=today + timedelta(days=10))
    expired = ImageFactory(caption="Gone", rights_expire_on=today - timedelta(days=1))
    ImageFactory(caption="Fine for years", rights_expire_on=today + timedelta(days=400))
    ArticleFactory(headline="Live story using it", hero_image=expiring)
    ArticleFactory(headline="Draft using it", hero_image=expired, draft=True)
    client.force_login(make_user("editor"))
    url = reverse("admin:articles_image_changelist")
    html = client.get(url).content.decode()
    assert "Expires in 10 days" in html and "Expired" in html
    assert "Live in:" in html and "Live story using it" in html
    flagged = client.get(url, {"rights": "expiring"}).content.decode()
    assert "Soon gone" in flagged and "Fine for years" not in flagged and ">Gone<" not in flagged
    assert "Gone" in client.get(url, {"rights": "expired"}).content.decode()


def test_image_picker_lists_library_images_with_the_figure_markup(client):
    image = ImageFactory(caption="Harbour at dawn", credit="Jane Doe/PA")
    ImageFactory(caption="Unrelated")
    client.force_login(make_user("writer"))
    data = client.get(reverse("admin:articles_article_images"), {"q": "harbour"}).json()
    assert [found["id"] for found in data["images"]] == [image.pk]
    assert data["images"][0]["markup"] == f'<figure data-image-id="{image.pk}"></figure>'
    assert data["images"][0]["credit"] == "Jane Doe/PA"


def test_image_picker_warns_of_images_that_cannot_be_published(client):
    image = ImageFactory(credit="", rights_expire_on=timezone.localdate())
    client.force_login(make_user("editor"))
    data = client.get(reverse("admin:articles_article_images"), {"id": image.pk}).json()
    assert data["images"][0]["problems"] == ["no credit", "rights expired"]


def test_image_picker_is_closed_to_readers_and_roles_without_the_library(client):
    client.force_login(make_user("moderator"))
    response = client.get(reverse("admin:articles_article_images"))
    assert response.status_code == HTTPStatus.FORBIDDEN


def test_article_form_uses_the_rich_text_editor_with_the_library_figure(client):
    client.force_login(make_user("writer"))
    html = client.get(reverse("admin:articles_article_add")).content.decode()
    assert "data-django-prose-editor-configurable" in html
    assert "LibraryFigure" in html and "library-figure.js" in html
    assert reverse("admin:articles_article_images") in html


def test_editor_adds_a_dated_correction_shown_on_the_page_and_updated_at_moves(client):
    article = publishable_article()
    before = article.updated_at
    client.force_login(make_user("editor"))
    response = client.post(
        reverse("admin:articles_article_correction", args=[article.pk]),
        {"kind": CorrectionKind.CORRECTION, "text": "An earlier version misspelt the mayor."},
    )
    assert response.status_code == HTTPStatus.FOUND
    article.refresh_from_db()
    assert article.updated_at > before
    client.logout()
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<strong>Correction</strong>" in html
    assert "An earlier version misspelt the mayor." in html
    assert "Updated <time" in html


def test_update_note_is_labelled_update(client):
    article = publishable_article()
    correction_add(
        article=article,
        by=make_user("editor"),
        kind=CorrectionKind.UPDATE,
        text="Police named him.",
    )
    assert "<strong>Update</strong>" in client.get(article.get_absolute_url()).content.decode()


def test_writers_cannot_add_corrections(client):
    article = publishable_article()
    client.force_login(make_user("writer"))
    url = reverse("admin:articles_article_correction", args=[article.pk])
    response = client.post(url, {"kind": "correction", "text": "x"})
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert not article.corrections.exists()
    with pytest.raises(PermissionDenied):
        correction_add(article=article, by=make_user("moderator"), kind="update", text="x")


def test_corrections_are_only_for_published_stories(client):
    article = publishable_article(draft=True)
    client.force_login(make_user("editor"))
    response = client.post(
        reverse("admin:articles_article_correction", args=[article.pk]),
        {"kind": "correction", "text": "Too early."},
    )
    assert "already published" in response.content.decode()
    assert article.status == ArticleStatus.DRAFT and not article.corrections.exists()
