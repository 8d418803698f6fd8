from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from . import articles, images, imports, input_bounds, site, users  # noqa: F401  (registers the model admins)

admin.site.site_header = _("Newsarchive newsroom")
admin.site.site_title = _("Newsarchive newsroom")
admin.site.index_title = _("Newsroom desk")
from . import moderation  # noqa: E402, F401  (the moderators desk)
