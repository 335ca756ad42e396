"""Top-level pages. The full web application is built on these access helpers."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from palermo.accounts.models import User
from palermo.justice.access import criminal_cases_visible_to
from palermo.registry.access import victim_cases_visible_to
from palermo.screening.access import screenings_visible_to


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    context = {
        "victim_cases": victim_cases_visible_to(user).exclude(stage="closed")[:20],
        "criminal_cases": criminal_cases_visible_to(user).exclude(stage="closed")[:20],
        "screenings": screenings_visible_to(user).filter(status="draft")[:20],
    }
    return render(request, "home.html", context)
