from django.contrib.auth.models import Group

from articles.roles import MODERATORS, roles_sync

MODERATE_PERMISSION = "articles.moderate_comment"


def moderators_group() -> Group:
    """The Moderators group, with its permissions (created if missing)."""
    roles_sync()
    return Group.objects.get(name=MODERATORS)


def is_moderator(user) -> bool:
    return user.is_active and user.has_perm(MODERATE_PERMISSION)
