from django.db import migrations, models

from articles.roles import roles_sync


def give_editors_site_pages(apps, schema_editor):
    # The Support us page itself is made after migrate (articles.siteurl.site_sync).
    roles_sync(apps=apps)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0012_section_page_count_index"),
        ("flatpages", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="author",
            name="role",
            field=models.CharField(
                blank=True,
                help_text="Shown on the author's page, e.g. “Political correspondent”.",
                max_length=100,
                verbose_name="role",
            ),
        ),
        migrations.AlterField(
            model_name="appealbanner",
            name="link",
            field=models.URLField(
                blank=True,
                help_text=(
                    "Where the button takes the reader. Leave empty for the site's own "
                    "“Support us” page (edit it under Flat pages)."
                ),
                verbose_name="link",
            ),
        ),
        migrations.RunPython(give_editors_site_pages, migrations.RunPython.noop),
    ]
