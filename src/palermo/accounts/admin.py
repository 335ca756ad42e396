"""Administration of users, agencies and roles: configuration only, no personal data of victims."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from palermo.accounts.models import Agency, RoleAssignment, User


class RoleInline(admin.TabularInline[RoleAssignment, User]):
    model = RoleAssignment
    extra = 1


@admin.register(User)
class UserAdmin(DjangoUserAdmin[User]):
    inlines = [RoleInline]
    list_display = ["username", "agency", "is_active", "locked_until"]
    list_filter = ["agency", "is_active"]
    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        ("Palermo", {"fields": ["agency", "failed_logins", "locked_until"]}),
    )


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin[Agency]):
    list_display = ["code", "name", "kind", "is_committee_member"]
    list_filter = ["kind"]
