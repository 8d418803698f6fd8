"""Accounts for the role matrix: reader, writer, moderator."""

from django.contrib.auth.models import Permission

from articles.roles import moderators_group
from tests.factories import UserFactory

PASSWORD = "correct horse battery staple"


def make_reader(**kwargs):
    return UserFactory(**kwargs)


def make_trusted_reader(**kwargs):
    """A reader past pre-moderation (one published comment already)."""
    from tests.factories import CommentFactory

    reader = UserFactory(**kwargs)
    CommentFactory(author=reader, text="An earlier, approved comment.")
    return reader


def make_writer(**kwargs):
    writer = UserFactory(is_staff=True, **kwargs)
    writer.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="articles",
            codename__in=["add_article", "change_article", "view_article"],
        )
    )
    return writer


def make_moderator(**kwargs):
    moderator = UserFactory(is_staff=True, **kwargs)
    moderator.groups.add(moderators_group())
    return moderator
