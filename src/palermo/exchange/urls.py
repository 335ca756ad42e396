from django.urls import URLPattern, URLResolver, path

from palermo.exchange import views

app_name = "exchange"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.index, name="index"),
    path("ctdc/", views.start_ctdc_export, name="ctdc_export"),
    path("dp-tables/", views.start_dp_tables, name="dp_tables"),
    path("download/<str:kind>/<str:reference>/", views.download, name="download"),
    path("reference/<int:pk>/", views.compare, name="compare"),
]
