from django.db import migrations

POLICY_URL = "/community/comments-policy/"
POLICY_TITLE = "Community guidelines and comments policy"
POLICY_HTML = (
    "<p>Our comment sections are for readers to discuss our journalism with each other and with us. "
    "We want them to be worth reading, so we ask everyone to follow a few rules.</p>"
    "<h2>What we remove</h2><ul>"
    "<li>Abuse, harassment and threats, aimed at anyone.</li>"
    "<li>Hate speech and discrimination.</li>"
    "<li>Spam, advertising and repeated posts.</li>"
    "<li>Personal information about other people.</li>"
    "<li>Misinformation that could cause harm.</li>"
    "<li>Comments that have nothing to do with the story.</li></ul>"
    "<h2>Reporting a comment</h2>"
    "<p>If you think a comment breaks these guidelines, use the Report link under it and tell us "
    "why. Our moderators review every report; the author is never told who reported them.</p>"
)


def create_policy_page(apps, schema_editor):
    Site = apps.get_model("sites", "Site")
    FlatPage = apps.get_model("flatpages", "FlatPage")
    site, _ = Site.objects.get_or_create(pk=1, defaults={"domain": "localhost", "name": "localhost"})
    page, created = FlatPage.objects.get_or_create(
        url=POLICY_URL, defaults={"title": POLICY_TITLE, "content": POLICY_HTML}
    )
    page.sites.add(site)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("flatpages", "0001_initial"),
        ("sites", "0002_alter_domain_unique"),
    ]

    operations = [migrations.RunPython(create_policy_page, migrations.RunPython.noop)]
