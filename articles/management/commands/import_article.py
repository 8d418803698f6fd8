import json
import logging
import multiprocessing
import sys
import threading
import time
from collections import Counter
from datetime import datetime
from itertools import islice
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from articles.importer.batch import Jobs, ParsedPage, parse_job, renditions_made_once
from articles.models import Section
from articles.services.imports import (
    Capture,
    ImportOptions,
    ImportResult,
    PageToImport,
    article_import_batch,
)

logger = logging.getLogger(__name__)

OUTCOMES = ("imported", "updated", "unchanged", "skipped", "failed")


class Command(BaseCommand):
    help = (
        "Import archived news pages as articles, with their images, captions, credits, history "
        "and provenance: saved HTML pages (files or directories, optionally gzip-compressed), "
        "and web archives (.warc, .warc.gz, .wacz)."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
        parser.add_argument("--dry-run", action="store_true", help="Parse only; save nothing.")
        parser.add_argument(
            "--json", action="store_true", help="Print one JSON object per page (one per line)."
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Publish with the page's original date, when the story meets the publishing "
            "rules; otherwise it stays a draft and the summary lists the problems.",
        )
        parser.add_argument(
            "--publish-anyway",
            action="store_true",
            help="With --publish: publish even stories that break the publishing rules; the "
            "rules overridden are recorded in each story's history.",
        )
        parser.add_argument("--section", help="Slug of the section to file every page under.")
        parser.add_argument(
            "--by", metavar="USERNAME", help="The newsroom user the import is recorded as made by."
        )
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help="Replace stories edited in the newsroom since their import.",
        )
        parser.add_argument(
            "--fetch-images",
            action="store_true",
            help="Download remote images (public addresses only) into the library "
            "(otherwise recorded by address).",
        )
        parser.add_argument(
            "--as-of",
            type=_moment,
            metavar="DATE",
            help="In web archives, import each page as captured at this date (ISO 8601) "
            "rather than its latest capture.",
        )
        parser.add_argument(
            "--workers", type=int, default=1, help="Processes parsing pages (default 1)."
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=None,
            help="Pages saved per transaction (default IMPORT_BATCH_SIZE).",
        )
        parser.add_argument(
            "--report", type=Path, metavar="FILE", help="Write every failure, with its reason, "
            "and every story --publish left as a draft, to this JSON file.",
        )  # fmt: skip

    def handle(self, *args, paths, dry_run, **options):
        self.verbosity = options["verbosity"]
        self.as_json = options["json"]
        import_options = ImportOptions(
            publish=options["publish"] or options["publish_anyway"],
            publish_despite_problems=options["publish_anyway"],
            section=self._section(options["section"]),
            overwrite=options["overwrite"],
            fetch_images=options["fetch_images"],
            by=self._user(options["by"]),
        )
        workers = max(1, options["workers"])
        batch_size = max(1, options["batch_size"] or settings.IMPORT_BATCH_SIZE)
        self.failures: list[dict] = []
        self.drafts: list[dict] = []
        counts = Counter()
        for path in paths:
            if not path.exists():
                counts[self._fail(str(path), "no such file or directory")] += 1
        jobs = Jobs([path for path in paths if path.exists()], as_of=options["as_of"])
        for label, reason in jobs.failed:
            counts[self._fail(label, reason)] += 1
        total, done = len(jobs.jobs), 0
        started = time.monotonic()
        # Two batches ahead: the workers parse the next batch while this one is being saved.
        with (
            renditions_made_once(),
            _parsed(jobs.jobs, workers, ahead=2 * batch_size + 4 * workers) as results,
        ):
            for batch in _batched(results, batch_size):
                if dry_run:
                    counts.update(self._preview(page) for page in batch)
                else:
                    # A batch is saved whole or not at all: a run killed half-way and started
                    # again finds each page either saved (unchanged) or not there (imported).
                    with transaction.atomic():
                        counts.update(self._saved(batch, jobs, import_options))
                done += len(batch)
                self._progress(done, total, started)
        if not self.as_json:
            if total > 1 and sys.stderr.isatty():
                self.stderr.write("")
            summary = ", ".join(f"{counts[name]} {name}" for name in OUTCOMES)
            elapsed = time.monotonic() - started
            rate = (
                f" in {elapsed:.1f} s ({total / elapsed:.1f} pages/s)" if elapsed and total else ""
            )
            self.stdout.write(("Dry run: " if dry_run else "") + summary + rate)
            if self.drafts:
                self.stdout.write(
                    f"{len(self.drafts)} left as drafts by the publishing rules "
                    "(use --publish-anyway to override):"
                )
                for draft in self.drafts:
                    self.stdout.write(f"  {draft['page']}: {' '.join(draft['problems'])}")
        if options["report"]:
            report = {"failures": self.failures, "not_published": self.drafts}
            options["report"].write_text(json.dumps(report, indent=2, ensure_ascii=False))
        if counts["failed"]:
            raise CommandError(f"{counts['failed']} of {sum(counts.values())} pages failed")

    def _section(self, slug):
        if slug is None:
            return None
        try:
            return Section.objects.get(slug=slug)
        except Section.DoesNotExist as error:
            raise CommandError(f"No section with the slug {slug!r}") from error

    def _user(self, username):
        if username is None:
            return None
        User = get_user_model()
        try:
            return User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist as error:
            raise CommandError(f"No user named {username!r}") from error

    def _fail(self, label: str, reason: str) -> str:
        self.stderr.write(f"FAILED {label}: {reason}")
        self.failures.append({"page": label, "reason": reason})
        return "failed"

    def _preview(self, page: ParsedPage) -> str:
        if page.error:
            return self._fail(page.job.label, page.error)
        assert page.parsed is not None  # a page without an error was parsed
        if self.as_json:
            self.stdout.write(json.dumps(page.parsed.to_json_dict(), ensure_ascii=False))
        else:
            self.stdout.write(f"would import {page.job.label}: {page.parsed.headline}")
        return "imported"

    def _saved(self, batch: list[ParsedPage], jobs: Jobs, options: ImportOptions) -> list[str]:
        """Save a batch's pages (in one go for new ones); the outcome of each, in order."""
        outcomes: dict[int, str] = {}
        to_save: list[tuple[int, ParsedPage]] = []
        for number, page in enumerate(batch):
            if page.error:
                outcomes[number] = self._fail(page.job.label, page.error)
                continue
            assert page.parsed is not None  # a page without an error was parsed
            if self.as_json:
                self.stdout.write(json.dumps(page.parsed.to_json_dict(), ensure_ascii=False))
            to_save.append((number, page))
        results = article_import_batch(
            pages=[self._to_import(page, jobs) for _number, page in to_save], options=options
        )
        for (number, page), result in zip(to_save, results, strict=True):
            outcomes[number] = self._outcome(page, result)
        return [outcomes[number] for number in range(len(batch))]

    def _to_import(self, page: ParsedPage, jobs: Jobs) -> PageToImport:
        assert page.parsed is not None  # only parsed pages are saved
        archived = page.job.page
        return PageToImport(
            data=page.data,
            parsed=page.parsed,
            original_filename=page.job.path,
            pictures=page.pictures or jobs.pictures_for(page.job),
            capture=Capture(archived.url, archived.captured_at) if archived else None,
            figures=page.figures,
            html=page.html,
        )

    def _outcome(self, page: ParsedPage, result: ImportResult | Exception) -> str:
        assert page.parsed is not None  # only parsed pages are saved
        if isinstance(result, Exception):
            reason = f"unexpected error ({type(result).__name__}: {result})"
            return self._fail(page.job.label, reason)
        if result.problems:
            self.drafts.append({"page": page.job.label, "problems": result.problems})
        if not self.as_json and self.verbosity >= 1:
            detail = f" ({result.detail})" if result.detail else ""
            self.stdout.write(f"{result.outcome} {page.job.label}: {page.parsed.headline}{detail}")
        return result.outcome

    def _progress(self, done: int, total: int, started: float):
        if self.as_json or total < 2:
            return
        elapsed = time.monotonic() - started
        rate = done / elapsed if elapsed > 0 else 0.0
        left = (total - done) / rate if rate else 0.0
        line = f"{done}/{total} pages, {rate:.1f} pages/s, about {_duration(left)} left"
        if sys.stderr.isatty():
            self.stderr.write("\r" + line, ending="")
        else:
            self.stderr.write(line)


class _parsed:
    """Parsed pages in order: in this process, or in a pool of ``workers`` processes.

    Workers parse at most ``ahead`` pages ahead of the saving, so parsed pages never pile up
    in memory while the database is slower than the parsing.
    """

    def __init__(self, jobs, workers: int, ahead: int):
        self.jobs = jobs
        self.workers = min(workers, len(jobs)) if jobs else 1
        self.slots = threading.Semaphore(ahead)
        self.stopped = False
        self.pool = None

    def __enter__(self):
        if self.workers <= 1:
            return map(parse_job, self.jobs)
        # fork: workers start with Django ready; they never touch the database. They are
        # forked now, while this process is small, and never replaced: a worker forked later
        # would inherit the saving process's grown heap (500 MB), which becomes its own as
        # this process reuses that memory.
        context = multiprocessing.get_context("fork")
        self.pool = context.Pool(self.workers)
        return self._released(self.pool.imap(parse_job, self._fed(), chunksize=2))

    def _fed(self):
        for job in self.jobs:
            self.slots.acquire()
            if self.stopped:
                return
            yield job

    def _released(self, results):
        for page in results:
            yield page
            self.slots.release()

    def __exit__(self, *exc):
        if self.pool is not None:
            self.stopped = True
            self.slots.release()  # let the feeding thread see that it is over
            self.pool.terminate()
            self.pool.join()
        return False


def _batched(items, size: int):
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _moment(value: str) -> datetime:
    moment = datetime.fromisoformat(value)  # argparse reports the ValueError
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 5400:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"
