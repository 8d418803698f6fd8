"""The image library's upload form."""

from typing import TYPE_CHECKING

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage

from articles.imagemeta import EmbeddedMetadata, read_embedded_metadata
from articles.models import Image
from articles.models.images import IMAGE_FORMATS, UNSUPPORTED_FORMAT_MESSAGE
from articles.services.images import STORAGE_ERRORS, ImageStorageError, pixel_limit

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise  # a dev dependency: only for annotations


class ImageForm(forms.ModelForm):
    """Library upload: a real image, with alt text and a credit (pre-filled from IPTC/EXIF)."""

    save_error = None  # set when storing failed, so the form is shown again with the reason

    class Meta:
        model = Image
        fields = [
            "file",
            "alt_text",
            "caption",
            "credit",
            "source_url",
            "rights_note",
            "rights_expire_on",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" not in self.fields:
            return  # the admin's read-only view, for those who may look but not change
        # Archive imports may be recorded by address only; anything uploaded here needs a file.
        self.fields["file"].required = not (self.instance.pk and not self.instance.file)
        # Filled from the file's own metadata when left empty; clean() insists afterwards.
        self.fields["credit"].required = False
        self.fields["credit"].help_text = _(
            "Filled in from the photo's embedded credit (IPTC/EXIF) when left empty."
        )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        size = getattr(upload, "size", 0) or 0
        if size > settings.MAX_IMAGE_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("This file is %(size)s; the limit is %(limit)s."),
                code="too_large",
                params={
                    "size": filesizeformat(size),
                    "limit": filesizeformat(settings.MAX_IMAGE_UPLOAD_BYTES),
                },
            )
        picture = getattr(upload, "image", None)  # set by ImageField once Pillow has read it
        if picture is not None and picture.format not in IMAGE_FORMATS:
            raise forms.ValidationError(UNSUPPORTED_FORMAT_MESSAGE, code="unsupported_format")
        limit = pixel_limit(picture.format) if picture is not None else 0
        if picture is not None and picture.width * picture.height > limit:
            raise forms.ValidationError(
                _("This picture is %(width)s x %(height)s pixels; the limit is %(limit)s pixels."),
                code="too_many_pixels",
                params={"width": picture.width, "height": picture.height, "limit": f"{limit:,}"},
            )
        return upload

    def clean(self):
        cleaned = super().clean()
        if self.save_error is not None:
            self.add_error("file", self.save_error_message())
        upload = cleaned.get("file")
        new_upload = bool(upload) and hasattr(upload, "image")
        # The stored file is read only when it must be: for the credit every picture needs.
        if not cleaned.get("credit") or (new_upload and not cleaned.get("caption")):
            embedded = self.embedded_metadata(upload if new_upload else None)
            if not cleaned.get("credit") and embedded.credit:
                cleaned["credit"] = embedded.credit
            if not cleaned.get("caption") and embedded.caption:
                cleaned["caption"] = embedded.caption
        if not cleaned.get("credit") and "credit" not in self.errors:
            self.add_error(
                "credit",
                _("Every picture needs a credit: name the photographer or agency."),
            )
        return cleaned

    def embedded_metadata(self, upload) -> EmbeddedMetadata:
        """Caption and credit embedded in the new upload, else in the file already stored."""
        if upload is not None:
            upload.seek(0)
            with PILImage.open(upload) as picture:
                embedded = read_embedded_metadata(picture)
            upload.seek(0)
            return embedded
        stored = self.instance.file
        if not stored or "file" in self.errors:
            return EmbeddedMetadata()
        try:
            with stored.storage.open(stored.name, "rb") as file, PILImage.open(file) as picture:
                return read_embedded_metadata(picture)
        except (*STORAGE_ERRORS, SyntaxError, ValueError):
            return EmbeddedMetadata()  # unreadable now: the editor types the credit

    def save_error_message(self) -> "StrOrPromise":
        if isinstance(self.save_error, ImageStorageError):
            return _(
                "The picture could not be stored: the media storage did not answer. "
                "Nothing was saved; try again in a moment."
            )
        return _("This picture is damaged and could not be read. Nothing was saved.")
