import re

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from articles.text import clean_reader_text, fold

# Words only the newsroom's own accounts may use in a display name (and their plurals): with
# the site's name, they would let a reader pass for staff or the site itself.
RESERVED_NAME_WORDS = frozenset(
    {
        "admin",
        "administrator",
        "editor",
        "moderator",
        "mod",
        "newsroom",
        "official",
        "staff",
        "sysop",
        "webmaster",
        "writer",
        "journalist",
        "reporter",
        "support",
        "team",
    }
)
NAME_ARTICLES = frozenset({"the", "a", "an"})
KEY_MAX_LENGTH = 200  # a folded name can be longer than the name (NFKC expands ligatures)


def _words(folded: str) -> list[str]:
    return re.findall(r"\w+", folded)


def is_reserved_name(name: str) -> bool:
    """Whether ``name``, however spelled or disguised, names a newsroom role or the site."""
    folded = fold(name)
    words = _words(folded)
    reserved = {fold(word) for word in RESERVED_NAME_WORDS}
    if any(word in reserved or word.removesuffix("s") in reserved for word in words):
        return True
    site_words = [word for word in _words(fold(settings.SITE_NAME)) if word not in NAME_ARTICLES]
    return bool(site_words) and "".join(site_words) in "".join(words)


class User(AbstractUser):
    """A newsroom or reader account; readers are known on the site by their display name."""

    display_name = models.CharField(
        _("display name"),
        max_length=50,
        blank=True,
        help_text=_("Shown beside the reader's comments. Defaults to the username."),
    )
    display_name_key = models.CharField(
        _("display name, folded"),
        max_length=KEY_MAX_LENGTH,
        blank=True,
        editable=False,
        help_text=_(
            "The display name as it looks: case, invisible characters and look-alike letters "
            "folded away. No two accounts share one."
        ),
    )

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        constraints = [
            models.UniqueConstraint(
                fields=["display_name_key"],
                condition=~Q(display_name_key=""),
                name="unique_display_name_key",
                violation_error_message=_("This display name is already taken."),
            ),
        ]

    @property
    def public_name(self) -> str:
        return self.display_name or self.username

    def clean(self):
        super().clean()
        self.display_name = " ".join(clean_reader_text(self.display_name or "").split())
        self.display_name_key = fold(self.display_name)
        if len(self.display_name_key) > KEY_MAX_LENGTH:
            raise ValidationError(
                {"display_name": _("Choose a shorter display name.")}, code="too_long"
            )
        if self.display_name and not self.display_name_key:
            raise ValidationError(
                {"display_name": _("Choose a display name with letters or digits.")},
                code="invisible",
            )
        if self.display_name and not self.is_staff and is_reserved_name(self.display_name):
            raise ValidationError(
                {"display_name": _("This name is reserved for the newsroom. Choose another.")},
                code="reserved",
            )
        taken = User.objects.filter(display_name_key=self.display_name_key).exclude(pk=self.pk)
        if self.display_name_key and taken.exists():
            raise ValidationError(
                {"display_name": _("This display name is taken, or too like one that is.")},
                code="taken",
            )

    def save(self, *args, **kwargs):
        self.display_name_key = fold(self.display_name)[:KEY_MAX_LENGTH]
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "display_name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "display_name_key"}
        super().save(*args, **kwargs)
