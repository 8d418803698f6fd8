"""The newsroom's roles: Django groups, the permissions each one needs, and who holds them.

The one list of roles. The ``roles`` data migration creates them; ``load_demo`` calls
``roles_sync`` again so a database emptied by a test run or by hand gets them back. Syncing
only adds permissions.
"""

from django.apps import apps as django_apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group

WRITERS, EDITORS, MODERATORS = "Writers", "Editors", "Moderators"
MODERATE_PERMISSION = "articles.moderate_comment"

ROLES = {
    WRITERS: [
        "add_article",
        "change_article",
        "view_article",
        "view_articlerevision",
        "add_image",
        "view_image",
        "view_section",
        "view_author",
        "view_tag",
    ],
    EDITORS: [
        "add_article",
        "change_article",
        "view_article",
        "change_any_article",
        "publish_article",
        "unpublish_article",
        "view_articlerevision",
        "add_articlecorrection",
        "view_articlecorrection",
        "view_articlesource",
        "add_articleredirect",
        "change_articleredirect",
        "delete_articleredirect",
        "view_articleredirect",
        "add_image",
        "change_image",
        "view_image",
        "view_section",
        "add_author",
        "change_author",
        "view_author",
        "add_tag",
        "change_tag",
        "view_tag",
        # Site pages such as "Support us" and the comments policy.
        "flatpages.view_flatpage",
        "flatpages.change_flatpage",
    ],
    MODERATORS: [
        "view_article",
        "moderate_comment",
        "view_comment",
        "view_reportedcomment",
        "view_pendingcomment",
        "view_report",
        "view_moderationaction",
        "view_readersanction",
        "view_watchedword",
        "add_watchedword",
        "change_watchedword",
        "delete_watchedword",
    ],
}


def roles_sync(*, apps=django_apps) -> None:
    """Create the role groups if missing and give each the permissions it needs.

    A codename without an app label (``"add_article"``) is one of ``articles``.
    """
    wanted = {
        name: [
            codename.split(".") if "." in codename else ("articles", codename)
            for codename in codenames
        ]
        for name, codenames in ROLES.items()
    }
    for app_label in {app_label for pairs in wanted.values() for app_label, _ in pairs}:
        app_config = apps.get_app_config(app_label)
        # Permissions are normally made after migrate; a fresh database needs them now.
        app_config.models_module = getattr(app_config, "models_module", None) or True
        create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, pairs in wanted.items():
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, codename in pairs:
            group.permissions.add(
                *Permission.objects.filter(content_type__app_label=app_label, codename=codename)
            )


def role_group(name: str) -> Group:
    """The group for role ``name``, with its permissions (created if missing)."""
    group = Group.objects.filter(name=name).first()
    if group is None:
        roles_sync()
        group = Group.objects.get(name=name)
    return group


def moderators_group() -> Group:
    return role_group(MODERATORS)


def is_moderator(user) -> bool:
    """Moderators and superusers: whoever holds the moderation permission."""
    return user.is_active and user.has_perm(MODERATE_PERMISSION)
