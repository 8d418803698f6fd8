from django.db import migrations

# The long texts written on every import: the page's original HTML (about 210 KB), and the
# story's body and its first revision's. PostgreSQL compresses them with pglz by default;
# lz4 (PostgreSQL 14 and later) takes about a sixth of the server's CPU for the original
# HTML (2.6 to 0.4 ms a page, 50 corpus pages) with the same size on disk. Values already
# stored keep their compression. A server built without lz4 keeps pglz.
COLUMNS = [
    ("articles_articlesource", "original_html"),
    ("articles_article", "body"),
    ("articles_articlerevision", "body"),
]


def compressed_with(method: str):
    def set_compression(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for table, column in COLUMNS:
            schema_editor.execute(
                "DO $$ BEGIN "
                f"ALTER TABLE {table} ALTER COLUMN {column} SET COMPRESSION {method}; "
                "EXCEPTION WHEN feature_not_supported THEN NULL; "
                "END $$"
            )

    return set_compression


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0017_sessions_name_the_account_backend"),
    ]

    operations = [
        migrations.RunPython(compressed_with("lz4"), reverse_code=compressed_with("default")),
    ]
