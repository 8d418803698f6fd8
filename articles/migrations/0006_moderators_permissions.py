from django.contrib.auth.management import create_permissions
from django.db import migrations

MODERATORS_GROUP = "Moderators"
# A frozen copy of the Moderators' comment permissions in articles.roles.
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


def grant_moderator_permissions(apps, schema_editor):
    """Get or create the Moderators group and ADD the moderation permissions (never remove)."""
    app_config = apps.get_app_config("articles")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=MODERATORS_GROUP)
    for model, codename in MODERATOR_PERMISSIONS:
        permission = Permission.objects.filter(
            content_type__app_label="articles", content_type__model=model, codename=codename
        ).first()
        if permission is not None:
            group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0005_comments"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant_moderator_permissions, migrations.RunPython.noop)]
