import json
import logging
import sys
from collections import Counter
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.models import Section
from articles.services.imports import (
    ImportOptions,
    ImportRefused,
    article_import,
    page_parse,
    read_page,
)

logger = logging.getLogger(__name__)

PAGE_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz")
OUTCOMES = ("imported", "updated", "unchanged", "skipped", "failed")


def is_page(path: Path) -> bool:
    return path.name.lower().endswith(PAGE_SUFFIXES)


def pages_under(paths: list[Path]):
    """Files as given, and pages found in directories (not in browsers' ``*_files`` folders)."""
    for path in paths:
        if path.is_dir():
            for found in sorted(path.rglob("*")):
                inside_assets = any(
                    part.endswith("_files") for part in found.relative_to(path).parts[:-1]
                )
                if found.is_file() and is_page(found) and not inside_assets:
                    yield found
        else:
            yield path


class Command(BaseCommand):
    help = (
        "Import archived HTML news pages (files or directories, optionally gzip-compressed) "
        "as articles, with their images, captions, credits and provenance."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
        parser.add_argument("--dry-run", action="store_true", help="Parse only; save nothing.")
        parser.add_argument(
            "--json", action="store_true", help="Print one JSON object per page (one per line)."
        )
        parser.add_argument(
            "--publish", action="store_true", help="Publish with the page's original date."
        )
        parser.add_argument("--section", help="Slug of the section to file every page under.")
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help="Replace stories edited in the newsroom since their import.",
        )
        parser.add_argument(
            "--fetch-images",
            action="store_true",
            help="Download remote images into the library (otherwise recorded by address).",
        )

    def handle(self, *args, paths, dry_run, **options):
        self.verbosity = options["verbosity"]
        as_json = options["json"]
        import_options = ImportOptions(
            publish=options["publish"],
            section=self._section(options["section"]),
            overwrite=options["overwrite"],
            fetch_images=options["fetch_images"],
        )
        missing = [path for path in paths if not path.exists()]
        for path in missing:
            self.stderr.write(f"FAILED {path}: no such file or directory")
        pages = list(pages_under([path for path in paths if path.exists()]))
        counts = Counter({"failed": len(missing)})
        show_progress = not as_json and sys.stderr.isatty() and len(pages) > 1
        for number, path in enumerate(pages, start=1):
            if show_progress:
                self._progress(number, len(pages))
            outcome = self._import_one(path, import_options, dry_run=dry_run, as_json=as_json)
            counts[outcome] += 1
        if show_progress:
            self.stderr.write("")
        if not as_json:
            summary = ", ".join(f"{counts[name]} {name}" for name in OUTCOMES)
            self.stdout.write(("Dry run: " if dry_run else "") + summary)
        if counts["failed"]:
            raise CommandError(f"{counts['failed']} of {len(pages) + len(missing)} pages failed")

    def _section(self, slug):
        if slug is None:
            return None
        try:
            return Section.objects.get(slug=slug)
        except Section.DoesNotExist as error:
            raise CommandError(f"No section with the slug {slug!r}") from error

    def _import_one(self, path: Path, options: ImportOptions, *, dry_run: bool, as_json: bool):
        try:
            data = read_page(path)
            parsed = page_parse(data, base_url=path.resolve().as_uri())
            if as_json:
                self.stdout.write(json.dumps(parsed.to_json_dict(), ensure_ascii=False))
            if dry_run:
                if not as_json:
                    self.stdout.write(f"would import {path}: {parsed.headline}")
                return "imported"
            result = article_import(
                data=data, parsed=parsed, options=options, original_filename=str(path)
            )
        except ImportRefused as error:
            self.stderr.write(f"FAILED {path}: {error}")
            return "failed"
        except OSError as error:
            self.stderr.write(f"FAILED {path}: cannot read the file ({error.strerror or error})")
            return "failed"
        except Exception as error:  # one broken page must not stop the batch
            logger.exception("Import of %s failed", path)
            self.stderr.write(f"FAILED {path}: unexpected error ({type(error).__name__}: {error})")
            return "failed"
        if not as_json and self.verbosity >= 1:
            detail = f" ({result.detail})" if result.detail else ""
            self.stdout.write(f"{result.outcome} {path}: {result.parsed.headline}{detail}")
        return result.outcome

    def _progress(self, number: int, total: int):
        width = 30
        filled = width * number // total
        self.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {number}/{total}", ending="")
