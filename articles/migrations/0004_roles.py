from django.contrib.auth.management import create_permissions
from django.db import migrations

ARTICLE_READ = [
    ("articles", "view_article"),
]

ROLES = {
    "Writers": [
        ("articles", "add_article"),
        ("articles", "change_article"),
        ("articles", "view_article"),
        ("articles", "add_image"),
        ("articles", "view_image"),
        ("articles", "view_section"),
        ("articles", "view_author"),
        ("articles", "view_tag"),
        ("articles", "view_articlerevision"),
    ],
    "Editors": [
        ("articles", "add_article"),
        ("articles", "change_article"),
        ("articles", "view_article"),
        ("articles", "change_any_article"),
        ("articles", "publish_article"),
        ("articles", "unpublish_article"),
        ("articles", "view_articlerevision"),
        ("articles", "add_articlecorrection"),
        ("articles", "view_articlecorrection"),
        ("articles", "add_image"),
        ("articles", "change_image"),
        ("articles", "view_image"),
        ("articles", "view_section"),
        ("articles", "add_author"),
        ("articles", "change_author"),
        ("articles", "view_author"),
        ("articles", "add_tag"),
        ("articles", "change_tag"),
        ("articles", "view_tag"),
    ],
    # Comment and report permissions are added by the comments migration.
    "Moderators": ARTICLE_READ,
}


def create_roles(apps, schema_editor):
    """The newsroom's groups with exact permissions (permissions are made first on a fresh DB)."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *(
                Permission.objects.get(content_type__app_label=app, codename=codename)
                for app, codename in codenames
            )
        )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_workflow"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
