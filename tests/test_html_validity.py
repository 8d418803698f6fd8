"""The public pages' HTML passes the Nu HTML Checker (vnu.jar from npm, run on Java).

``make validate-html`` installs the checker into ``.cache/vnu`` and runs this test; elsewhere
it runs when ``VNU_JAR`` (or that cache) and ``java`` are present, and skips saying so.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse

from tests.factories import AppealBannerFactory, ArticleFactory, ImageFactory, TagFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_JAR = ROOT / ".cache/vnu/node_modules/vnu-jar/build/dist/vnu.jar"


def checker() -> list[str]:
    jar = Path(os.environ.get("VNU_JAR", DEFAULT_JAR))
    java = shutil.which("java")
    if java is None or not jar.is_file():
        pytest.skip(
            f"Nu HTML Checker not available (java: {java or 'missing'}, jar: {jar}); "
            "run `make validate-html` to install it with npm"
        )
    return [java, "-Xss4m", "-jar", str(jar)]


def test_public_pages_have_no_html_errors(client, tmp_path):
    command = checker()
    AppealBannerFactory()
    inline = ImageFactory(caption="The old pier & the new")
    article = ArticleFactory(
        headline="Harbour reopens after the storm",
        standfirst="Crews return to work a week after the floods.",
        body=(
            "<p>Opening paragraph about the harbour.</p><h2>What next</h2>"
            f'<figure data-image-id="{inline.pk}"></figure><ul><li>One</li></ul>'
            "<blockquote><p>A quote.</p></blockquote>"
        ),
        tags=[TagFactory(name="Harbours"), TagFactory(name="Weather")],
    )
    article.sync_inline_images()
    ArticleFactory(archived=True, section=article.section)
    date = article.publication_date
    pages = {
        "home": reverse("articles:home"),
        "article": article.get_absolute_url(),
        "section": article.section.get_absolute_url(),
        "tag": article.tags.first().get_absolute_url(),
        "author": article.authors.first().get_absolute_url(),
        "archive": reverse("articles:archive"),
        "year": f"/{date:%Y}/",
        "month": f"/{date:%Y/%m}/",
        "day": f"/{date:%Y/%m/%d}/",
        "search-empty": reverse("articles:search"),
        "search-results": reverse("articles:search") + "?q=harbour",
        "search-none": reverse("articles:search") + "?q=zeppelin",
        "search-errors": reverse("articles:search") + "?q=!!!&published_from=nonsense",
        "policy": reverse("comments-policy"),
        "not-found": "/no/such/page/",
    }
    files = []
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code in (200, 404), name
        path = tmp_path / f"{name}.html"
        path.write_bytes(response.content)
        files.append(str(path))
    result = subprocess.run(
        [*command, "--errors-only", "--format", "json", "--stdout", *files],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(result.stdout or "{}").get("messages", [])
    errors = [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m.get('message')}"
        for m in messages
        if m.get("type") == "error" or m.get("subType") == "fatal"
    ]
    assert not errors, "\n".join(errors)
