from axes import admin as axes_admin
from axes.handlers.proxy import AxesProxyHandler
from axes.models import AccessAttempt
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from articles.models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        (_("On the site"), {"fields": ("display_name",)}),
    )
    list_display = ["username", "display_name", "email", "is_staff", "date_joined"]
    search_fields = [*DjangoUserAdmin.search_fields, "display_name"]


class AccessAttemptAdmin(axes_admin.AccessAttemptAdmin):
    """django-axes' lockouts, whose clean-up action reads the moment of the request from
    attributes that axes sets only while someone signs in: set here, so it runs from the admin."""

    def cleanup_expired_attempts(self, request, queryset):
        AxesProxyHandler.update_request(request)
        return super().cleanup_expired_attempts(request, queryset)


admin.site.unregister(AccessAttempt)
admin.site.register(AccessAttempt, AccessAttemptAdmin)
