from django.db import migrations, models

from articles.roles import roles_sync


def number_revisions(apps, schema_editor):
    """Existing revisions get their numbers per article, oldest first."""
    ArticleRevision = apps.get_model("articles", "ArticleRevision")
    numbers = {}
    changed = []
    for revision in ArticleRevision.objects.order_by("article_id", "created_at", "id").only(
        "pk", "article_id"
    ):
        numbers[revision.article_id] = numbers.get(revision.article_id, 0) + 1
        revision.number = numbers[revision.article_id]
        changed.append(revision)
    ArticleRevision.objects.bulk_update(changed, ["number"], batch_size=1000)


def give_editors_site_pages(apps, schema_editor):
    # The Support us page itself is made after migrate (articles.siteurl.site_sync).
    roles_sync(apps=apps)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0014_import_redirect"),
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
        migrations.AddField(
            model_name="articlerevision",
            name="number",
            field=models.PositiveIntegerField(
                default=0,
                editable=False,
                help_text="1 for the article's first save, then 2, 3…",
                verbose_name="number",
            ),
            preserve_default=False,
        ),
        migrations.RunPython(number_revisions, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="articlerevision",
            constraint=models.UniqueConstraint(
                fields=("article", "number"), name="revision_number_unique_per_article"
            ),
        ),
    ]
