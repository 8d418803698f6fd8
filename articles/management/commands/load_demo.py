from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from articles.demo import load_demo


class Command(BaseCommand):
    help = "Load the demo newsroom: sections, authors, pictures, stories and demo users."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even though DEBUG is off (demo users have printed passwords).",
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "Refusing to load demo data with DEBUG off: it creates users with known "
                "passwords. Use --force if this really is a demo site."
            )
        report = load_demo()
        counts = ", ".join(f"{count} {name}" for name, count in report.counts.items())
        self.stdout.write(self.style.SUCCESS(f"Demo newsroom ready: {counts}."))
        if report.created_users:
            self.stdout.write("Demo accounts (shown once; sign in at /admin/ or on the site):")
            for username, password in report.created_users.items():
                self.stdout.write(f"  {username:<10} {password}")
        else:
            self.stdout.write("Demo accounts already existed; their passwords are unchanged.")
