"""The access helpers for screenings: only a screener at an agency screens, and a screener sees
the screenings they made (drafts first, as they wait for them)."""

from django.core.exceptions import PermissionDenied
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.http import Http404, HttpRequest

from palermo.accounts.acting import acting_user
from palermo.accounts.models import User
from palermo.accounts.permissions import may_read
from palermo.accounts.roles import Role
from palermo.audit.log import record_read
from palermo.screening.models import Screening, ScreeningStatus


def screenings_visible_to(user: User) -> QuerySet[Screening]:
    if not may_read(user, "screening") or user.agency_id is None:
        return Screening.objects.none()
    return Screening.objects.filter(screener=user, agency=user.agency_id)


def screening_for(user: User, reference: str) -> Screening:
    found = screenings_visible_to(user).filter(reference=reference).first()
    if found is None:
        raise Http404
    return found


def screening_read_by(user: User, reference: str) -> Screening:
    """The screening (404 as `screening_for`), its read recorded: the page and the API alike."""
    found = screening_for(user, reference)
    record_read(user, "screening", found.reference)
    return found


def screener(request: HttpRequest) -> User:
    """The logged-in user, if they are a screener at an agency; only they screen people."""
    user = acting_user(request)
    if not user.has_role(Role.SCREENER) or user.agency_id is None:
        raise PermissionDenied
    return user


def drafts_first(screenings: QuerySet[Screening]) -> QuerySet[Screening]:
    """Screenings still in progress first, as they wait for the screener; then the newest."""
    in_progress_first = Case(
        When(status=ScreeningStatus.DRAFT, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return screenings.order_by(in_progress_first, "-started_at")
