from django.contrib import admin

from palermo.jurisdiction.models import Jurisdiction, LegalProvision


class ProvisionInline(admin.StackedInline[LegalProvision, Jurisdiction]):
    model = LegalProvision
    extra = 0


@admin.register(Jurisdiction)
class JurisdictionAdmin(admin.ModelAdmin[Jurisdiction]):
    list_display = ["code", "name", "time_zone", "is_active"]
    inlines = [ProvisionInline]
