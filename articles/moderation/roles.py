from django.contrib.auth.models import Group, Permission
from django.db.models import Q

MODERATORS_GROUP = "Moderators"
MODERATE_PERMISSION = "articles.moderate_comment"

# (model, codename) pairs; migration 0004 holds a frozen copy of this list.
MODERATOR_PERMISSIONS = [
    ("comment", "moderate_comment"),
    ("comment", "view_comment"),
    ("reportedcomment", "view_reportedcomment"),
    ("pendingcomment", "view_pendingcomment"),
    ("report", "view_report"),
    ("moderationaction", "view_moderationaction"),
    ("readersanction", "view_readersanction"),
    ("watchedword", "view_watchedword"),
    ("watchedword", "add_watchedword"),
    ("watchedword", "change_watchedword"),
    ("watchedword", "delete_watchedword"),
]


def moderators_group() -> Group:
    """The Moderators group, created if missing, with (at least) the moderation permissions."""
    group, _ = Group.objects.get_or_create(name=MODERATORS_GROUP)
    wanted = Q()
    for model, codename in MODERATOR_PERMISSIONS:
        wanted |= Q(
            content_type__app_label="articles", content_type__model=model, codename=codename
        )
    group.permissions.add(*Permission.objects.filter(wanted))
    return group


def is_moderator(user) -> bool:
    return user.is_active and user.has_perm(MODERATE_PERMISSION)
