from django.core.management.base import BaseCommand, CommandError

from articles.models import Image
from articles.services.images import ImageStorageError, UnreadableImage, image_create_renditions


class Command(BaseCommand):
    help = "Make the responsive renditions of library images that have none (or of all, --all)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--all", dest="remake_all", action="store_true", help="Remake every image's renditions."
        )

    def handle(self, *args, remake_all=False, **options):
        images = Image.objects.exclude(file="")
        if not remake_all:
            images = images.filter(renditions={})
        made = failed = 0
        for image in images.iterator(chunk_size=200):
            try:
                image_create_renditions(image=image)
            except (ImageStorageError, UnreadableImage) as error:
                self.stderr.write(f"FAILED image {image.pk} ({image.file.name}): {error}")
                failed += 1
                continue
            made += 1
        self.stdout.write(self.style.SUCCESS(f"Made renditions for {made} images."))
        if failed:
            raise CommandError(f"{failed} images failed; run the command again to retry them.")
