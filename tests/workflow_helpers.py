"""Users in each newsroom role, and a publishable article, for the workflow tests."""

from django.urls import reverse

from articles.roles import EDITORS, MODERATORS, WRITERS, role_group
from tests.factories import ArticleFactory, AuthorFactory, UserFactory

ROLE_GROUPS = {"writer": WRITERS, "editor": EDITORS, "moderator": MODERATORS}


def make_user(role: str):
    """A user in ``role``: reader, writer, moderator, editor or superuser."""
    if role == "reader":
        return UserFactory(username="reader")
    if role == "superuser":
        return UserFactory(username="root", is_staff=True, is_superuser=True)
    user = UserFactory(username=role, is_staff=True)
    user.groups.add(role_group(ROLE_GROUPS[role]))
    return user


def publishable_article(**kwargs):
    """An article that passes every publishing rule."""
    return ArticleFactory(authors=[AuthorFactory()], **kwargs)


def transition_url(article, name: str) -> str:
    return reverse("admin:articles_article_transition", args=[article.pk, name])
