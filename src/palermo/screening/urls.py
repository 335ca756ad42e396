from django.urls import path

from palermo.screening.views import open_case, screenings

app_name = "screening"
urlpatterns = [
    path("", screenings.screening_list, name="list"),
    path("new/", screenings.screening_new, name="new"),
    path("<str:reference>/", screenings.screening_detail, name="detail"),
    path("<str:reference>/answer/", screenings.screening_answer, name="answer"),
    path("<str:reference>/finish/", screenings.screening_finish, name="finish"),
    path("<str:reference>/again/", screenings.screening_again, name="again"),
    path("<str:reference>/open-case/", open_case.screening_open_case, name="open_case"),
]
