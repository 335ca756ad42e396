from django.urls import URLPattern, URLResolver, path

from palermo.jobs import views

app_name = "jobs"
urlpatterns: list[URLPattern | URLResolver] = [path("<int:pk>/", views.detail, name="detail")]
