import hashlib
import uuid
from datetime import date, timedelta
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import models
from django.db.models.fields.files import ImageFieldFile
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage

# The only pictures stored, each under the extension of the format Pillow decoded: the name
# decides the Content-Type the bucket or web server sends.
IMAGE_FORMATS = {
    "JPEG": ".jpg",
    "MPO": ".jpg",  # a JPEG carrying extra frames (many cameras): readers see its first
    "PNG": ".png",
    "WEBP": ".webp",
    "GIF": ".gif",
}
UNSUPPORTED_FORMAT_MESSAGE = _("Upload a JPEG, PNG, WebP or GIF picture.")


def image_upload_path(instance: "Image", filename: str) -> str:
    """Store uploads under a generated name: user-supplied file names never reach the disk."""
    extension = PurePath(filename).suffix.lower()
    if extension not in IMAGE_FORMATS.values():
        extension = ".jpg"
    return timezone.now().strftime(f"images/%Y/%m/{uuid.uuid4().hex}{extension}")


def sniff_picture(content) -> tuple[str, tuple[int, int]]:
    """The format and size Pillow reads from ``content``'s header (no pixels decoded);
    ``("", (0, 0))`` when it is not a picture Pillow knows."""
    content.seek(0)
    try:
        with PILImage.open(content) as picture:
            return picture.format or "", picture.size
    except (OSError, SyntaxError, ValueError, PILImage.DecompressionBombError):
        return "", (0, 0)
    finally:
        content.seek(0)


class LibraryImageFieldFile(ImageFieldFile):
    """Stores only the formats in ``IMAGE_FORMATS``, named for the decoded format whatever the
    upload was called, fingerprinted as it goes, and without reading the stored copy back."""

    def save(self, name, content, save=True):
        image_format, size = sniff_picture(content)
        if image_format not in IMAGE_FORMATS:
            raise ValidationError(UNSUPPORTED_FORMAT_MESSAGE, code="unsupported_format")
        digest = hashlib.sha256()
        for chunk in content.chunks():
            digest.update(chunk)
        self.instance.file_sha256 = digest.hexdigest()
        name = self.field.generate_filename(self.instance, f"picture{IMAGE_FORMATS[image_format]}")
        self.name = self.storage.save(name, content, max_length=self.field.max_length)
        # Known from the header: Django would otherwise download the stored object for them.
        self._dimensions_cache = size
        setattr(self.instance, self.field.attname, self)
        self._committed = True
        if save:
            self.instance.save()

    # Django's marker on methods templates must not call; mypy knows no function attributes.
    save.alters_data = True  # type: ignore[attr-defined]


class LibraryImageField(models.ImageField):
    attr_class = LibraryImageFieldFile

    def deconstruct(self):
        # The same column as a plain ImageField: only how files are saved differs.
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.ImageField", args, kwargs


class ImageQuerySet(models.QuerySet):
    def rights_expired(self, *, on: date | None = None):
        """Images whose usage rights have run out by ``on`` (default: today)."""
        return self.filter(rights_expire_on__lte=on or timezone.localdate())

    def rights_expiring(self, *, within_days: int = 30):
        """Images whose usage rights have expired or expire within ``within_days``."""
        horizon = timezone.localdate() + timedelta(days=within_days)
        return self.filter(rights_expire_on__isnull=False, rights_expire_on__lte=horizon)


class Image(models.Model):
    """A picture in the shared library; articles point at it, so its credit is typed once."""

    file = LibraryImageField(
        _("file"),
        upload_to=image_upload_path,
        width_field="width",
        height_field="height",
        blank=True,
        help_text=_("Empty only for archive imports recorded by their original address."),
    )
    file_sha256 = models.CharField(
        _("file fingerprint"),
        max_length=64,
        blank=True,
        db_index=True,
        editable=False,
        help_text=_("SHA-256 of the file, so the same picture is not stored twice on import."),
    )
    width = models.PositiveIntegerField(_("width"), editable=False, default=0)
    height = models.PositiveIntegerField(_("height"), editable=False, default=0)
    alt_text = models.CharField(
        _("alt text"),
        max_length=300,
        help_text=_("What the picture shows, for readers who cannot see it."),
    )
    caption = models.TextField(
        _("caption"), blank=True, help_text=_("Shown under the picture wherever it is used.")
    )
    credit = models.CharField(
        _("credit"),
        max_length=200,
        blank=True,
        help_text=_(
            'Who took or supplied the picture, e.g. "Alamy Stock Photo" or "Jane Doe/PA". '
            "Required to upload, and to publish any story that uses the picture."
        ),
    )
    source_url = models.URLField(
        _("source URL"),
        max_length=2000,
        blank=True,
        help_text=_("Where the picture came from (an agency page, or the original of an import)."),
    )
    rights_note = models.TextField(
        _("rights note"), blank=True, help_text=_("Licence terms or restrictions on reuse.")
    )
    rights_expire_on = models.DateField(
        _("rights expire on"),
        null=True,
        blank=True,
        help_text=_("Leave empty when the licence does not expire."),
    )
    renditions = models.JSONField(
        _("renditions"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_("Resized copies for responsive pages: width -> stored JPEG and WebP files."),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="uploaded_images",
    )

    objects = ImageQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = _("image")
        verbose_name_plural = _("images")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(file="") | ~models.Q(source_url=""),
                name="image_has_file_or_source_url",
                violation_error_message=_("Upload a file (or give the address of the original)."),
            )
        ]

    def __str__(self):
        label = self.caption or self.alt_text or PurePath(self.file.name).name
        return Truncator(label).chars(80)

    def rights_expired(self, *, on: date | None = None) -> bool:
        """Whether the usage rights have run out by ``on`` (default: today)."""
        return self.rights_expire_on is not None and self.rights_expire_on <= (
            on or timezone.localdate()
        )

    @property
    def url(self) -> str:
        """Where browsers load the picture: our stored file, else the recorded original."""
        return self.file.url if self.file else self.source_url

    def srcset(self, image_format: str) -> str:
        """``srcset`` over the stored renditions in ``image_format`` ("jpeg" or "webp")."""
        return ", ".join(
            f"{default_storage.url(files[image_format])} {width}w"
            for width, files in sorted(self.renditions.items(), key=lambda item: int(item[0]))
        )

    @property
    def jpeg_srcset(self) -> str:
        return self.srcset("jpeg")

    @property
    def webp_srcset(self) -> str:
        return self.srcset("webp")
