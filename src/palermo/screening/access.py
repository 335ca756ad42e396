"""The access helper for screenings: a screener sees the screenings they made."""

from django.db.models import QuerySet
from django.http import Http404

from palermo.accounts.models import User
from palermo.accounts.permissions import may_read
from palermo.screening.models import Screening


def screenings_visible_to(user: User) -> QuerySet[Screening]:
    if not may_read(user, "screening") or user.agency_id is None:
        return Screening.objects.none()
    return Screening.objects.filter(screener=user, agency=user.agency_id)


def screening_for(user: User, reference: str) -> Screening:
    found = screenings_visible_to(user).filter(reference=reference).first()
    if found is None:
        raise Http404
    return found
