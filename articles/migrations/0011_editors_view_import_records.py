from django.db import migrations

from articles.roles import EDITORS, roles_sync


def grant(apps, schema_editor):
    roles_sync(apps=apps)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    group = apps.get_model("auth", "Group").objects.filter(name=EDITORS).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="articles", codename="view_articlesource"
            )
        )


class Migration(migrations.Migration):
    """Editors may read the provenance of imported stories (the import records)."""

    dependencies = [("articles", "0010_search")]

    operations = [migrations.RunPython(grant, revoke)]
