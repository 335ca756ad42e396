"""Administration of users, agencies and roles: configuration only, no personal data of victims."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from palermo.accounts.models import Agency, RoleAssignment, User
from palermo.audit.log import record_event


class RoleInline(admin.TabularInline[RoleAssignment, User]):
    model = RoleAssignment
    extra = 1


@admin.action(description=_("Reset the second factor (the user enrols again at next login)"))
def reset_second_factor(
    modeladmin: admin.ModelAdmin[User], request: HttpRequest, queryset: QuerySet[User]
) -> None:
    for user in queryset:
        user.totp_secret, user.totp_confirmed, user.totp_last_step = "", False, 0
        user.save(update_fields=["totp_secret", "totp_confirmed", "totp_last_step"])
        record_event(
            request.user if isinstance(request.user, User) else None,
            "second_factor_reset",
            "user",
            user.username,
        )


@admin.action(description=_("Unlock after failed logins"))
def unlock(
    modeladmin: admin.ModelAdmin[User], request: HttpRequest, queryset: QuerySet[User]
) -> None:
    queryset.update(failed_logins=0, locked_until=None)


@admin.register(User)
class UserAdmin(DjangoUserAdmin[User]):
    inlines = [RoleInline]
    actions = [reset_second_factor, unlock]
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
