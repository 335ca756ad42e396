from django.contrib import admin
from django.urls import include, path

from palermo import outage, views
from palermo.accounts.views import admin_login
from palermo.api import pages as api_pages
from palermo.api.main import api
from palermo.coordination.views import tips as public_tips

handler500 = "palermo.outage.server_error"

urlpatterns = [
    path("healthz", outage.healthz, name="healthz"),
    path("readyz", outage.readyz, name="readyz"),
    path("", views.home, name="home"),
    path("", include("palermo.accounts.urls")),
    path("cases/", include("palermo.registry.urls")),
    path("screenings/", include("palermo.screening.urls")),
    path("criminal-cases/", include("palermo.justice.urls")),
    path("committee/", include("palermo.coordination.urls")),
    path("tip/", public_tips.public_tip, name="tip"),
    path("tip/thanks/", public_tips.tip_thanks, name="tip_thanks"),
    path("audit/", include("palermo.audit.urls")),
    path("jobs/", include("palermo.jobs.urls")),
    path("linkage-review/", include("palermo.linkreview.urls")),
    path("exchange/", include("palermo.exchange.urls")),
    path("statistics/", include("palermo.reporting.urls")),
    path("administration/", include("palermo.administration.urls")),
    path("api/v1/", api.urls),
    path("account/api-tokens/", api_pages.tokens, name="api_tokens"),
    path("account/api-tokens/<int:pk>/revoke/", api_pages.revoke, name="api_token_revoke"),
    # Before the admin's own URLs: its password-only login page is replaced by ours.
    path("admin/login/", admin_login),
    path("admin/", admin.site.urls),
]
