"""Empty every cache of pages: the HTTP caches in front (by the tag on every page) and the
in-app store. For when purges were lost (a front end down longer than its retries)."""

from django.core.management.base import BaseCommand, CommandError

from articles.caching.purge import purge_now
from articles.caching.store import invalidate
from articles.caching.tags import EVERYTHING


class Command(BaseCommand):
    help = "Purge every public page from the HTTP caches and the in-app page cache."

    def handle(self, *args, **options):
        invalidate(EVERYTHING, purge=False)  # the in-app store
        if not purge_now([EVERYTHING]):
            raise CommandError("A front end could not be purged: see the log.")
        self.stdout.write(self.style.SUCCESS("Every cached page has been purged."))
