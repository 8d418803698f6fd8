from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from articles.demo.generator import generate_archive


class Command(BaseCommand):
    help = (
        "Add a large synthetic archive for benchmarks: published stories over twenty years, "
        "with bylines, tags, shared hero images and search vectors."
    )

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=1000, help="How many (default 1000).")
        parser.add_argument(
            "--seed", type=int, default=1, help="Random seed: the same seed, the same archive."
        )
        parser.add_argument(
            "--batch-size", type=int, default=2000, help="Rows per INSERT (default 2000)."
        )
        parser.add_argument(
            "--comments-per-article",
            type=int,
            default=0,
            help="Reader comments per story, half of them replies (default 0).",
        )
        parser.add_argument("--force", action="store_true", help="Run even though DEBUG is off.")

    def handle(self, *args, articles, seed, batch_size, comments_per_article, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "Refusing to add generated stories with DEBUG off: they would appear on the "
                "site. Use --force on a benchmark database."
            )
        if articles < 1 or batch_size < 1 or comments_per_article < 0:
            raise CommandError(
                "--articles and --batch-size must be at least 1, --comments-per-article at least 0."
            )
        log = self.stdout.write if options["verbosity"] > 1 else (lambda message: None)
        report = generate_archive(
            articles=articles,
            seed=seed,
            batch_size=batch_size,
            comments_per_article=comments_per_article,
            log=log,
        )
        timings = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in report.timings.items())
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {report.articles} articles and {report.comments} comments ({timings})."
            )
        )
