"""Many pages at once: worker processes, batched saves, progress, a failure report, and a run
killed half-way that, started again, imports every page exactly once."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from articles.models import Article, ArticleRevision, ArticleSource
from tests.test_import_command import CANONICAL, article_page, run, write

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent


def pages(folder: Path, count: int) -> list[Path]:
    return [
        write(
            folder / f"{number:04}.html",
            article_page(headline=f"Story number {number}", canonical=f"{CANONICAL}-{number}"),
        )
        for number in range(count)
    ]


def test_workers_import_the_same_pages_as_one_process(tmp_path):
    pages(tmp_path / "pages", 6)
    write(tmp_path / "pages" / "broken.html", "<html><body></body></html>")
    out, _err, error = run("--workers", "2", "--batch-size", "4", tmp_path / "pages")
    assert "6 imported" in out and "1 failed" in out
    assert error is not None
    assert sorted(Article.objects.values_list("headline", flat=True)) == [
        f"Story number {number}" for number in range(6)
    ]
    assert ArticleRevision.objects.count() == ArticleSource.objects.count() == 6


def test_progress_shows_pages_per_second_and_time_left(tmp_path):
    pages(tmp_path, 3)
    _out, err, _error = run("--batch-size", "1", tmp_path)
    lines = [line for line in err.splitlines() if "pages/s" in line]
    assert len(lines) == 3
    assert lines[-1].startswith("3/3 pages, ")
    assert all(" left" in line for line in lines)


def test_the_report_lists_every_failure_with_its_reason(tmp_path):
    pages(tmp_path / "pages", 1)
    empty = write(tmp_path / "pages" / "empty.html", "<html><body></body></html>")
    binary = tmp_path / "pages" / "binary.html"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    missing = tmp_path / "missing.html"
    report = tmp_path / "failures.json"
    run("--workers", "2", "--report", report, tmp_path / "pages", missing)
    failures = {item["page"]: item["reason"] for item in json.loads(report.read_text())["failures"]}
    assert set(failures) == {str(empty), str(binary), str(missing)}
    assert "not HTML" in failures[str(binary)]
    assert "no article found" in failures[str(empty)]
    assert "no such file" in failures[str(missing)]


def test_a_run_killed_half_way_imports_every_page_exactly_once_when_started_again(tmp_path):
    database, media = tmp_path / "db.sqlite3", tmp_path / "media"
    environment = {
        **os.environ,
        "DEBUG": "true",
        "DATABASE_URL": f"sqlite:///{database}",
        "MEDIA_ROOT": str(media),
        "CACHE_URL": "locmemcache://",
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=environment, check=True, capture_output=True)
    total = 150
    pages(tmp_path / "pages", total)
    importing = [*manage, "import_article", "--workers", "2", "--batch-size", "5", "-v0"]
    process = subprocess.Popen(
        [*importing, tmp_path / "pages"],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    saved = 0
    try:
        while saved < 10 and process.poll() is None:
            time.sleep(0.05)
            saved = count(database, "articles_articlesource")
        assert process.poll() is None, "the import finished before it could be killed"
    finally:
        os.killpg(process.pid, signal.SIGKILL)  # the command and its workers, at once
        process.wait()

    committed = count(database, "articles_articlesource")
    assert 0 < committed < total
    # Nothing half-saved: every story has its record and its first revision.
    assert count(database, "articles_article") == committed
    assert count(database, "articles_articlerevision") == committed

    again = subprocess.run(
        [*importing, tmp_path / "pages"], env=environment, capture_output=True, text=True
    )
    assert again.returncode == 0, again.stderr
    assert f"{total - committed} imported, 0 updated, {committed} unchanged" in again.stdout
    assert count(database, "articles_article") == total
    assert count(database, "articles_articlesource") == total
    with sqlite3.connect(database) as db:
        urls = [row[0] for row in db.execute("SELECT source_url FROM articles_articlesource")]
    assert len(set(urls)) == total


def count(database: Path, table: str) -> int:
    try:
        with sqlite3.connect(database, timeout=5) as db:
            return db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
    except sqlite3.OperationalError:
        return 0
