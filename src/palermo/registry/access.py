"""The access helpers for persons, victim cases and referrals: every view, API call and command
goes through these, so need-to-know is decided in one place.

`*_for` loads what the user may read, `*_to_act_on` what they may change; `*_read_by` loads it
AND records the read, so the page and the API audit a read of personal data with the same
entry (under an emergency grant, the entry points at the grant and its encrypted reason)."""

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import F, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from palermo.accounts.models import Agency, User
from palermo.accounts.permissions import may_read
from palermo.accounts.roles import Role
from palermo.accounts.shapes import CALLER_SLOTS, caller_values, shape_of, stand_in_for
from palermo.audit.log import record_read
from palermo.core.probes import ProbedExists
from palermo.core.statements import columns_of, instance_of, rows, statement_context
from palermo.registry.models import BreakGlassGrant, Notification, Person, Referral, VictimCase
from palermo.registry.models.person import PersonQuerySet
from palermo.registry.models.referral import BreakGlassGrantQuerySet, ReferralStatus


def victim_cases_visible_to(user: User, now: datetime | None = None) -> QuerySet[VictimCase]:
    """The cases the user may see; `now` (the time emergency grants must outlast) is the current
    time unless given (a list compiled once for many calls passes it: core/statements.py)."""
    if not may_read(user, "victim_case") or user.agency_id is None:
        return VictimCase.objects.none()
    # EXISTS rather than a join to referrals: no duplicate rows, so no DISTINCT that would sort
    # every visible case before a page of them can be shown; probed row by row (core/probes.py),
    # so a page reads its own rows, not every referral the agency ever accepted.
    scope = Q(pk__in=[])
    if user.has_role(Role.CASE_WORKER):
        scope |= Q(owning_agency=user.agency_id)
        scope |= Q(ProbedExists(_accepted_referrals_to(user.agency_id)))
        scope |= Q(ProbedExists(_live_grants(user.pk, OuterRef("pk"), now)))
    if user.has_role(Role.SCREENER):
        scope |= Q(opened_by=user, owning_agency=user.agency_id)
    return VictimCase.objects.filter(scope)


def victim_case_for(user: User, reference: str) -> VictimCase:
    """The case, or 404 for a case the user may not know exists."""
    return _one_or_404(victim_cases_visible_to(user), reference)


def victim_case_read_by(user: User, reference: str, part: str = "") -> VictimCase:
    """The case (404 as `victim_case_for`), its read recorded; `part` names a part read on its
    own (such as "child protection").

    The case comes with its owning agency, its person's reference (`person_reference`) and the
    user's live emergency grant to it, if any, in the same query: the read's audit entry needs
    the grant, and the case's representation the agency's code and the person's reference. The
    query is compiled once per shape of caller (core/statements.py): every API read of a case
    comes through here."""
    found = rows(
        ("victim case read", shape_of(user), *statement_context()),
        lambda stand_ins: _readable(user, stand_ins),
        {**CALLER_SLOTS, "reference": str},
        {**caller_values(user, timezone.now()), "reference": reference},
    )
    if not found:
        raise Http404
    case = instance_of(VictimCase, found[0])
    VictimCase._meta.get_field("owning_agency").set_cached_value(
        case, instance_of(Agency, found[0], "owning_agency__")
    )
    case.person_reference = found[0]["person_reference"]  # type: ignore[attr-defined]
    _record_case_read(user, case, part, found[0]["live_grant_id"])
    return case


def _readable(user: User, stand_ins: Mapping[str, Any]) -> QuerySet[Any]:
    stand_in = stand_in_for(user, stand_ins)
    now = stand_ins["now"]
    return (
        victim_cases_visible_to(stand_in, now)
        .filter(reference=stand_ins["reference"])
        .annotate(
            person_reference=F("person__reference"),
            live_grant_id=_live_grant_id(stand_in, now),
        )
        .order_by("pk")
        .values(
            *columns_of(VictimCase),
            *columns_of(Agency, "owning_agency__"),
            "person_reference",
            "live_grant_id",
        )[:1]
    )


def record_case_read(
    user: User,
    case: VictimCase,
    part: str = "",
    *,
    object_type: str = "victim_case",
    object_ref: str = "",
) -> None:
    """Record that the user read the case (or, with `object_type` and `object_ref`, a record
    kept with it, such as its notes or a document)."""
    grant = live_grant(user.pk, case)
    _record_case_read(user, case, part, grant.pk if grant else None, object_type, object_ref)


def _record_case_read(
    user: User,
    case: VictimCase,
    part: str,
    grant_id: int | None,
    object_type: str = "victim_case",
    object_ref: str = "",
) -> None:
    # Under an emergency grant, the entry points at the grant (and so at its encrypted reason).
    reason_of = BreakGlassGrant(pk=grant_id).audit_ref if grant_id is not None else None
    record_read(
        user,
        object_type,
        object_ref or case.reference,
        part,
        changes={"reason_of": reason_of} if reason_of else None,
    )


def live_grant(user_id: int, case: VictimCase) -> BreakGlassGrant | None:
    """The user's emergency grant to the case still running, if any (the latest)."""
    return _live_grants(user_id, case).order_by("-expires_at").first()


def _live_grant_id(user: User, now: datetime) -> Subquery:
    """`live_grant`'s id, for the case of the outer query."""
    running = _live_grants(user.pk, OuterRef("pk"), now)
    return Subquery(running.order_by("-expires_at").values("pk")[:1])


def victim_case_to_act_on(user: User, reference: str) -> VictimCase:
    """The case, if the user may see it (404 otherwise) and acts on cases (403 otherwise).

    A screener who opened a case may read it, but changes are a case worker's."""
    case = victim_case_for(user, reference)
    if not user.has_role(Role.CASE_WORKER):
        raise PermissionDenied
    return case


def victim_case_to_manage(user: User, reference: str) -> VictimCase:
    """The case, if the user may see it (404 otherwise) and is a case worker of the agency that
    owns it (403 otherwise): assignment and the care plan are the owning agency's. An agency
    that accepted a referral, or someone under an emergency grant, reads the case but does not
    run it."""
    case = victim_case_to_act_on(user, reference)
    if case.owning_agency_id != user.agency_id:
        raise PermissionDenied
    return case


def notifications_of(user: User) -> QuerySet[Notification]:
    """A person's own notifications; nobody else's, whatever their role."""
    return Notification.objects.filter(recipient=user.pk).select_related("case")


def persons_visible_to(user: User) -> PersonQuerySet:
    if not may_read(user, "person"):
        return Person.objects.none()
    from palermo.justice.access import criminal_cases_visible_to
    from palermo.screening.access import screenings_visible_to

    return Person.objects.filter(
        Q(victim_cases__in=victim_cases_visible_to(user))
        | Q(screenings__in=screenings_visible_to(user))
        | Q(pk__in=_suspect_person_ids(criminal_cases_visible_to(user)))
    ).distinct()


def person_for(user: User, reference: str) -> Person:
    return _one_or_404(persons_visible_to(user), reference)


def person_read_by(user: User, reference: str) -> Person:
    """The person (404 as `person_for`), the read of their details recorded."""
    person = person_for(user, reference)
    record_person_read(user, person)
    return person


def record_person_read(user: User, person: Person) -> None:
    record_read(user, "person", person.reference)


def referrals_visible_to(user: User) -> QuerySet[Referral]:
    if not may_read(user, "referral") or user.agency_id is None:
        return Referral.objects.none()
    return Referral.objects.filter(Q(from_agency=user.agency_id) | Q(to_agency=user.agency_id))


def referral_for(user: User, pk: int) -> Referral:
    referral = referrals_visible_to(user).filter(pk=pk).first()
    if referral is None:
        raise Http404
    return referral


def referral_read_by(user: User, pk: int) -> Referral:
    """The referral (404 as `referral_for`), the read of what it tells recorded."""
    referral = referral_for(user, pk)
    record_read(user, "referral", str(referral.pk))
    return referral


def record_referrals_read(user: User, ids: Iterable[int]) -> None:
    """A referral tells the person's age group and sex, and its note may name them: one entry
    for the referrals shown (their ids, never what they say); none when none is shown."""
    shown = sorted(ids)
    if shown:
        record_read(user, "referral", "list", changes={"referrals": shown})


def break_glass_grants_visible_to(user: User) -> BreakGlassGrantQuerySet:
    """Emergency access grants the user must know of: an auditor sees every one, a case worker
    those to cases their agency owns. The grantee's own agency is not told (it did not lose
    anything), and nobody else learns that the case exists."""
    grants = BreakGlassGrant.objects.select_related("case", "user__agency", "reviewed_by")
    if user.has_role(Role.AUDITOR):
        return grants.all()
    if user.has_role(Role.CASE_WORKER) and user.agency_id is not None:
        return grants.filter(case__owning_agency=user.agency_id)
    return grants.none()


def break_glass_grant_to_act_on(user: User, pk: int) -> BreakGlassGrant:
    """The grant to review, or 404 for one the user may not know of. Reviewing is for those who
    see it: the owning agency's case workers and the auditors, never the grantee."""
    grant = break_glass_grants_visible_to(user).filter(pk=pk).first()
    if grant is None:
        raise Http404
    if grant.user_id == user.pk:
        raise PermissionDenied
    return grant


def _accepted_referrals_to(agency_id: int) -> QuerySet[Referral]:
    return Referral.objects.filter(
        case=OuterRef("pk"), to_agency=agency_id, status=ReferralStatus.ACCEPTED
    )


def _live_grants(user_id: int, case: Any, now: datetime | None = None) -> QuerySet[BreakGlassGrant]:
    """The user's emergency grants to the case (a case or an outer query's) still running."""
    running_after = now or timezone.now()
    return BreakGlassGrant.objects.filter(case=case, user=user_id, expires_at__gt=running_after)


def _suspect_person_ids(cases: QuerySet[Any]) -> QuerySet[Any]:
    from palermo.justice.models import Suspect

    return Suspect.objects.filter(case__in=cases).values_list("person_id", flat=True)


def _one_or_404[M: (VictimCase, Person)](queryset: QuerySet[M], reference: str) -> M:
    found = queryset.filter(reference=reference).first()
    if found is None:
        raise Http404
    return found


def referral_to_answer(user: User, pk: int) -> Referral:
    """The referral if the user's agency is on either side of it (404 otherwise) and the user
    acts on cases (403 otherwise); the model then lets only the receiving agency answer."""
    # The receiving agency cannot see the case before accepting: load the referral, not the case.
    referral = referral_for(user, pk)
    if not user.has_role(Role.CASE_WORKER):
        raise PermissionDenied
    return referral


def referral_to_end(user: User, case: VictimCase, pk: int) -> Referral:
    """A referral of the case (the user may act on it): only the sending or the receiving
    agency ends a referral, so for anyone else it does not exist."""
    referral = referrals_visible_to(user).filter(case=case, pk=pk).first()
    if referral is None:
        raise Http404
    return referral


def referral_boxes(user: User) -> dict[str, QuerySet[Referral]]:
    """The agency's referrals: waiting for its answer, answered by it, and sent by it."""
    visible = referrals_visible_to(user).select_related("case__person", "from_agency", "to_agency")
    return {
        "waiting": visible.filter(to_agency=user.agency_id, status=ReferralStatus.SENT),
        "answered": visible.filter(to_agency=user.agency_id).exclude(status=ReferralStatus.SENT),
        "sent": visible.filter(from_agency=user.agency_id),
    }
