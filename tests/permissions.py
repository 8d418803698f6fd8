"""The world the permission tests walk: one object of every kind, users in every role, every
admin URL, and a snapshot of the database to prove a refused request changed nothing."""

from dataclasses import dataclass
from datetime import timedelta

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.contrib.flatpages.models import FlatPage
from django.contrib.sessions.models import Session
from django.contrib.sites.models import Site
from django.urls import URLResolver, reverse
from django.utils import timezone

from articles.models import (
    ActionKind,
    Article,
    ArticleRedirect,
    ArticleSource,
    ArticleStatus,
    ModerationAction,
    ReaderSanction,
    SanctionKind,
    WatchedWord,
)
from articles.services.workflow import article_save_revision, correction_add
from tests.factories import (
    AppealBannerFactory,
    ArticleFactory,
    AuthorFactory,
    CommentFactory,
    ReportFactory,
    TagFactory,
    UserFactory,
)
from tests.workflow_helpers import make_user

ROLES = ("anonymous", "reader", "writer", "moderator", "editor")


@dataclass
class World:
    users: dict
    objects: dict  # admin model label ("articles_article") -> the object its URLs use
    draft: object  # the writer's own draft
    live: object  # an editor's published story
    comment: object  # a reported comment
    pending: object  # a comment held for moderation
    revision: object
    sanction: object


def build_world() -> World:
    users = {role: make_user(role) for role in ROLES if role != "anonymous"}
    users["anonymous"] = None
    writer, editor, moderator = users["writer"], users["editor"], users["moderator"]
    author = AuthorFactory(user=writer)
    draft = ArticleFactory(draft=True, created_by=writer, authors=[author])
    revision = article_save_revision(article=draft, by=writer)
    live = ArticleFactory(created_by=editor, authors=[AuthorFactory()], tags=[TagFactory()])
    correction_add(article=live, by=editor, kind="correction", text="An earlier correction.")
    commenter = UserFactory(username="commenter")
    comment = CommentFactory(article=live, author=commenter, text="A reported comment.")
    ReportFactory(comment=comment, reporter=UserFactory(username="reporter"))
    pending = CommentFactory(article=live, author=UserFactory(username="newcomer"), pending=True)
    sanction = ReaderSanction.objects.create(
        reader=UserFactory(username="suspended"),
        kind=SanctionKind.SUSPENSION,
        ends_at=timezone.now() + timedelta(days=3),
        created_by=moderator,
    )
    action = ModerationAction.objects.create(
        kind=ActionKind.REMOVE, comment=comment, reader=commenter, by=moderator
    )
    source = ArticleSource.objects.create(
        article=ArticleFactory(status=ArticleStatus.DRAFT, published_at=None),
        source_url="https://news.example.com/a",
        content_sha256="0" * 64,
        original_html="<p>Imported</p>",
        importer_version="1.0",
        imported_fingerprint="x",
    )
    attempt = AccessAttempt.objects.create(
        username="target", ip_address="203.0.113.9", failures_since_start=1
    )
    objects = {
        "auth_group": Group.objects.get(name="Editors"),
        "sites_site": Site.objects.get_current(),
        "flatpages_flatpage": FlatPage.objects.first(),
        "axes_accessattempt": attempt,
        "axes_accesslog": AccessLog.objects.create(username="target", ip_address="203.0.113.9"),
        "axes_accessfailurelog": AccessFailureLog.objects.create(
            username="target", ip_address="203.0.113.9"
        ),
        "articles_section": live.section,
        "articles_author": author,
        "articles_tag": live.tags.first(),
        "articles_article": draft,
        "articles_image": live.hero_image,
        "articles_articlesource": source,
        "articles_articleredirect": ArticleRedirect.objects.create(
            old_path="/news/2019/old-address.html", article=source.article
        ),
        "articles_appealbanner": AppealBannerFactory(),
        "articles_user": users["reader"],
        "articles_reportedcomment": comment,
        "articles_pendingcomment": pending,
        "articles_comment": comment,
        "articles_report": comment.reports.first(),
        "articles_moderationaction": action,
        "articles_readersanction": sanction,
        "articles_watchedword": WatchedWord.objects.create(word="scam"),
    }
    return World(users, objects, draft, live, comment, pending, revision, sanction)


def admin_url_names() -> list[str]:
    """Every named admin URL, custom views included."""

    def walk(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns)
            elif pattern.name:
                yield pattern.name

    return sorted(set(walk(admin.site.get_urls())))


def admin_url(world: World, name: str, variant: str = "") -> str:
    """The address of the admin URL ``name`` for the world's objects; ``variant`` picks an
    article ("draft" or "live"), a transition, or an app."""
    prefix, _, view = name.rpartition("_")
    if name == "app_list":
        return reverse("admin:app_list", kwargs={"app_label": variant})
    if name == "view_on_site":
        article = world.live
        content_type = ContentType.objects.get_for_model(article)
        return reverse("admin:view_on_site", args=[content_type.pk, article.pk])
    if name == "auth_user_password_change":
        return reverse("admin:auth_user_password_change", args=[world.users["reader"].pk])
    if name == "articles_comment_review":
        return reverse("admin:articles_comment_review", args=[world.comment.pk])
    article = world.live if variant == "live" else world.draft
    if name == "articles_article_transition":
        return reverse("admin:articles_article_transition", args=[article.pk, variant])
    if name == "articles_article_revision":
        return reverse("admin:articles_article_revision", args=[world.draft.pk, world.revision.pk])
    if name == "articles_article_correction":
        return reverse("admin:articles_article_correction", args=[article.pk])
    if view in ("change", "delete", "history") and prefix in world.objects:
        target = article if prefix == "articles_article" else world.objects[prefix]
        return reverse(f"admin:{name}", args=[target.pk])
    return reverse(f"admin:{name}")


def database_state() -> dict:
    """Every row of every table but the sessions, to compare before and after a request."""
    state = {}
    for model in apps.get_models():
        if model in (Session,) or model._meta.proxy:
            continue
        state[model._meta.label] = list(model.objects.order_by("pk").values())
    return state


def state_changes(before: dict, after: dict) -> list[str]:
    return [label for label in before if before[label] != after.get(label)]


def admin_change_data(article: Article, **fields) -> dict:
    """The article change form as the admin sends it, from the revision the editor last saw."""
    published = article.published_at and timezone.localtime(article.published_at)
    latest = article.revisions.only("pk").first()
    return {
        "headline": article.headline,
        "slug": article.slug,
        "standfirst": article.standfirst,
        "body": article.body,
        "hero_image": article.hero_image_id,
        "hero_caption": article.hero_caption,
        "section": article.section_id,
        "authors": [author.pk for author in article.authors.all()],
        "published_at_0": published.strftime("%Y-%m-%d") if published else "",
        "published_at_1": published.strftime("%H:%M:%S") if published else "",
        "comments_enabled": "on",
        "base_revision": latest.pk if latest else 0,
        **fields,
    }
