from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from articles.addresses import address


class Section(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(
        _("description"), blank=True, help_text=_("Shown at the top of the section page.")
    )
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Sections are listed in this order, lowest first.")
    )
    comments_enabled_by_default = models.BooleanField(
        _("comments on by default"),
        default=True,
        help_text=_("Turn off for sections such as court reports where readers may not comment."),
    )

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return address("articles:section", slug=self.slug)


class Author(models.Model):
    name = models.CharField(_("byline name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=150, unique=True)
    role = models.CharField(
        _("role"),
        max_length=100,
        blank=True,
        help_text=_("Shown on the author's page, e.g. “Political correspondent”."),
    )
    bio = models.TextField(_("short bio"), blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="author_profile",
        help_text=_("The staff account that writes under this byline, if any."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return address("articles:author", slug=self.slug)


class Tag(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return address("articles:tag", slug=self.slug)
