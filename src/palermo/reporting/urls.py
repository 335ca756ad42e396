from django.urls import URLPattern, URLResolver, path

from palermo.reporting import views

app_name = "reporting"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.overview, name="overview"),
    path("build/", views.build, name="build"),
    path("report/<int:pk>/", views.report, name="report"),
    path("report/<int:pk>/publish/", views.publish, name="publish"),
    path("report/<int:pk>/estimate/", views.estimate, name="estimate"),
    path("report/<int:pk>/estimate/lists/", views.estimate_with_lists, name="estimate_lists"),
    path(
        "report/<int:pk>/drill/<slug:figure>/<str:row>/<str:column>/",
        views.drill,
        name="drill",
    ),
    path("public/<int:year>/<slug:period>/", views.public, name="public"),
]
