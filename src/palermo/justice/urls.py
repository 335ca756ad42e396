from django.urls import URLPattern, URLResolver, path

from palermo.justice.views import authorisations, cases, court, detail, parties, stage

app_name = "justice"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", cases.case_list, name="case_list"),
    path("new/", cases.case_new, name="case_new"),
    path(
        "authorisations/<int:pk>/decide/",
        authorisations.authorisation_decide,
        name="authorisation_decide",
    ),
    path("<str:reference>/", detail.case_detail, name="case_detail"),
    path("<str:reference>/move/", stage.case_move, name="case_move"),
    path("<str:reference>/suspects/", parties.suspect_add, name="suspect_add"),
    path("<str:reference>/victim-links/", parties.victim_link_add, name="victim_link_add"),
    path("<str:reference>/charges/", court.charge_add, name="charge_add"),
    path("<str:reference>/decisions/", court.decision_add, name="decision_add"),
    path("<str:reference>/appeals/", court.appeal_add, name="appeal_add"),
    path("<str:reference>/appeals/<int:pk>/", court.appeal_decide, name="appeal_decide"),
    path(
        "<str:reference>/authorisations/",
        authorisations.authorisation_request,
        name="authorisation_request",
    ),
]
