"""Who sees statistics: the statistics role (analysts) sees counts across all agencies, never
names; drilling into a figure shows pseudonymous references, and opening a record still goes
through that record's own access helper. The public sees published public editions only."""

from collections.abc import Iterable

from django.http import Http404

from palermo.accounts.models import User
from palermo.accounts.permissions import may_read
from palermo.reporting.models import Report, ReportQuerySet


def may_see_statistics(user: object) -> bool:
    return may_read(user, "statistics")


def reports_visible_to(user: User) -> ReportQuerySet:
    if not may_see_statistics(user):
        return Report.objects.none()
    return Report.objects.all()


def report_for(user: User, pk: int) -> Report:
    report = reports_visible_to(user).filter(pk=pk).first()
    if report is None:
        raise Http404
    return report


def public_report(year: int, period: str) -> Report:
    """The latest published revision: the public edition is made from it on the fly."""
    report = Report.objects.published().of_period(year, period).order_by("-revision").first()
    if report is None:
        raise Http404
    return report


def references_openable_by(user: User, references: Iterable[str]) -> set[str]:
    """Which of these references the user could open anyway (need-to-know, unchanged)."""
    from palermo.justice.access import criminal_cases_visible_to
    from palermo.registry.access import victim_cases_visible_to
    from palermo.screening.access import screenings_visible_to

    wanted = list(references)
    found: set[str] = set()
    for visible in (
        victim_cases_visible_to(user),
        criminal_cases_visible_to(user),
        screenings_visible_to(user),
    ):
        found |= set(visible.filter(reference__in=wanted).values_list("reference", flat=True))
    return found
