from django.urls import path

from palermo.accounts import views

urlpatterns = [
    path("login/", views.login_password, name="login"),
    path("login/code/", views.login_verify, name="verify"),
    path("login/enrol/", views.login_enrol, name="enrol"),
    path("login/enrol/<str:token>/", views.enrol_link, name="enrol_link"),
    path("logout/", views.logout_view, name="logout"),
    path("language/", views.choose_language, name="choose_language"),
]
