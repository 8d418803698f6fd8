from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from articles.demo.newsroom import demo_passwords_reset, load_demo


class Command(BaseCommand):
    help = "Load the demo newsroom: sections, authors, pictures, stories and demo users."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even though DEBUG is off (demo users have printed passwords).",
        )
        parser.add_argument(
            "--reset-passwords",
            action="store_true",
            help="Give the existing demo accounts new passwords and print them; load nothing.",
        )

    def handle(self, *args, force=False, reset_passwords=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "Refusing to load demo data with DEBUG off: it creates users with known "
                "passwords. Use --force if this really is a demo site."
            )
        if reset_passwords:
            passwords = demo_passwords_reset()
            if not passwords:
                raise CommandError("There are no demo accounts yet: run load_demo first.")
            self.write_accounts("Demo accounts with new passwords (shown once):", passwords)
            return
        report = load_demo()
        counts = ", ".join(f"{count} {name}" for name, count in report.counts.items())
        self.stdout.write(self.style.SUCCESS(f"Demo newsroom ready: {counts}."))
        if report.created_users:
            self.write_accounts(
                "Demo accounts (shown once; sign in at /admin/ or on the site):",
                report.created_users,
            )
        else:
            self.stdout.write(
                "Demo accounts already existed; their passwords are unchanged "
                "(load_demo --reset-passwords gives them new ones)."
            )

    def write_accounts(self, heading: str, passwords: dict[str, str]) -> None:
        self.stdout.write(heading)
        for username, password in passwords.items():
            self.stdout.write(f"  {username:<10} {password}")
