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
