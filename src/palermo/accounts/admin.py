"""Administration of users, agencies and roles: configuration only, no personal data of victims."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from palermo.accounts.enrolment import DEFAULT_HOURS, issue_enrolment_link
from palermo.accounts.models import Agency, RoleAssignment, User


class RoleInline(admin.TabularInline[RoleAssignment, User]):
    model = RoleAssignment
    extra = 1


@admin.action(description=_("Reset the second factor and issue a one-time enrolment link"))
def reset_second_factor(
    modeladmin: admin.ModelAdmin[User], request: HttpRequest, queryset: QuerySet[User]
) -> None:
    by = request.user if isinstance(request.user, User) else None
    for user in queryset:
        path = issue_enrolment_link(user, by)
        # Shown once, to the administrator who hands it to the person (it is not kept anywhere).
        modeladmin.message_user(
            request,
            _("Enrolment link for %(user)s (valid for %(hours)s hours): %(link)s")
            % {
                "user": user.username,
                "hours": DEFAULT_HOURS,
                "link": request.build_absolute_uri(path),
            },
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
