from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class AppealBannerQuerySet(models.QuerySet):
    def current(self):
        """The banner readers see, or None when the appeal is switched off."""
        return self.filter(is_active=True).first()


class AppealBanner(models.Model):
    """The reader-support appeal shown above articles; at most one is switched on."""

    text = models.TextField(_("text"), help_text=_("One or two sentences asking readers to help."))
    button_label = models.CharField(_("button label"), max_length=60)
    link = models.URLField(
        _("link"),
        blank=True,
        help_text=_(
            "Where the button takes the reader. Leave empty for the site's own "
            "“Support us” page (edit it under Flat pages)."
        ),
    )
    is_active = models.BooleanField(
        _("shown on the site"),
        default=False,
        help_text=_("Only one appeal can be shown at a time."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = AppealBannerQuerySet.as_manager()

    class Meta:
        ordering = ["-is_active", "-updated_at"]
        verbose_name = _("reader appeal")
        verbose_name_plural = _("reader appeals")
        constraints = [
            models.UniqueConstraint(
                fields=["is_active"],
                condition=Q(is_active=True),
                name="only_one_active_appeal",
                violation_error_message=_("Another appeal is already shown. Switch it off first."),
            )
        ]

    def __str__(self):
        return self.button_label

    @property
    def url(self) -> str:
        """The button's address: the link if one is given, else the Support us page."""
        return self.link or reverse("support")
