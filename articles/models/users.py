from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A newsroom or reader account; readers are known on the site by their display name."""

    display_name = models.CharField(
        _("display name"),
        max_length=50,
        blank=True,
        help_text=_("Shown beside the reader's comments. Defaults to the username."),
    )

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"

    @property
    def public_name(self) -> str:
        return self.display_name or self.username
