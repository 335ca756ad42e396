"""Administrators see who holds which tokens and can revoke them; tokens are made by their holder
(or with `palermo apitoken issue`), because a token is shown only to whoever makes it."""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from palermo.accounts.models import User
from palermo.api.models import ApiToken

COLUMNS = (
    "user",
    "name",
    "hint",
    "created_at",
    "expires_at",
    "last_used_at",
    "revoked_at",
)


@admin.action(description=_("Revoke the selected tokens"))
def revoke(
    modeladmin: admin.ModelAdmin[ApiToken], request: HttpRequest, queryset: QuerySet[ApiToken]
) -> None:
    assert isinstance(request.user, User)
    for token in queryset:
        token.revoke(request.user)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin[ApiToken]):
    list_display = COLUMNS
    list_filter = ["revoked_at"]
    readonly_fields = COLUMNS
    exclude = ["digest"]
    actions = [revoke]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
