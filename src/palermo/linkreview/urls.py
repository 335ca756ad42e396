from django.urls import URLPattern, URLResolver, path

from palermo.linkreview import views

app_name = "linkreview"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.batch_list, name="batches"),
    path("<int:pk>/", views.batch_detail, name="batch"),
    path("pairs/<int:pk>/decide/", views.decide, name="decide"),
    path("decisions.csv", views.decisions_file, name="decisions"),
]
