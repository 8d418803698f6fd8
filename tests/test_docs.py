from pathlib import Path

import pytest

from tests.docs_links import anchors, broken_links, slug

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
DOCS = sorted((ROOT / "docs").glob("*.md"))
TOPICS = [
    "configuration",
    "architecture",
    "editorial-workflow",
    "comments-and-moderation",
    "importer",
    "performance",
    "security",
    "deployment",
    "contributing",
]


def test_readme_stays_short_enough_for_a_newcomer():
    assert README.stat().st_size < 10 * 1024


@pytest.mark.parametrize("topic", TOPICS)
def test_each_topic_has_its_page_in_docs_linked_from_the_readme(topic):
    assert (ROOT / "docs" / f"{topic}.md").is_file()
    assert f"](docs/{topic}.md)" in README.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", [README, *DOCS], ids=lambda path: path.name)
def test_every_relative_link_and_anchor_resolves(path):
    assert broken_links(path, ROOT) == []


def test_a_missing_file_or_heading_is_reported(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "guide.md").write_text("# Guide\n\n## Running on PostgreSQL\n")
    page = tmp_path / "README.md"
    page.write_text(
        "[ok](docs/guide.md#running-on-postgresql) [self](#top-matter)\n"
        "[gone](docs/missing.md) [typo](docs/guide.md#running-on-postgres)\n"
        "[far](../elsewhere.md) [web](https://example.com/x.md#nope)\n"
        "`[code](docs/not-a-link.md)`\n\n# Top matter\n\n"
        "```\n[fenced](docs/not-a-link-either.md)\n```\n"
    )
    assert broken_links(page, tmp_path) == [
        "docs/missing.md: no such file",
        "docs/guide.md#running-on-postgres: no such heading",
        "../elsewhere.md: outside the repository",
    ]


def test_anchors_follow_githubs_rules_for_punctuation_and_repeats():
    markdown = "# Reader accounts, comments & moderation\n## `make test`\n## Notes\n## Notes\n"
    assert slug("Deployment and scaling") == "deployment-and-scaling"
    assert anchors(markdown) == {
        "reader-accounts-comments--moderation",
        "make-test",
        "notes",
        "notes-1",
    }
