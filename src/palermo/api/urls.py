from django.urls import path

from palermo.api import views

app_name = "api"
urlpatterns = [
    path("persons/<str:reference>/", views.person, name="person"),
    path("victim-cases/<str:reference>/", views.victim_case, name="victim_case"),
    path("referrals/<int:pk>/", views.referral, name="referral"),
    path("criminal-cases/<str:reference>/", views.criminal_case, name="criminal_case"),
    path("authorisations/<int:pk>/", views.authorisation, name="authorisation"),
    path("screenings/<str:reference>/", views.screening, name="screening"),
    path("audit/", views.audit_trail, name="audit_trail"),
]
