from django.urls import URLPattern, URLResolver

app_name = "justice"
urlpatterns: list[URLPattern | URLResolver] = []
