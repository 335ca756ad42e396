"""A read of personal data is audited by the access helper, so the page and the API record the
same entry for it: same action, object, reason and details (an emergency grant's pointer too).

Each kind of record is a row: how to set it up, the page and the API operation that show it, and
the one read entry both must record."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from palermo.accounts.roles import Role
from palermo.audit.models import AuditEntry
from palermo.audit.reads import fold_pending_reads
from palermo.coordination.models import Tip
from palermo.justice.models import CriminalCase
from palermo.registry.models import (
    BreakGlassGrant,
    Consent,
    Document,
    Person,
    Referral,
    VictimCase,
)
from palermo.screening.services import start_screening
from tests.registry.sample_files import pdf

Headers = Callable[[Any], dict[str, str]]
Entry = tuple[str, str, str, str, dict[str, Any]]
MakeUser = Callable[..., Any]


@dataclass
class Reading:
    """Who reads, where on the pages and in the API, and the entry both must record."""

    user: Any
    page: str
    api: str
    expected: Entry


def case_file(case: VictimCase, worker: Any, make_user: MakeUser) -> Reading:
    return Reading(
        worker,
        reverse("registry:case_detail", args=[case.reference]),
        reverse("api:victim_case", args=[case.reference]),
        ("read", "victim_case", case.reference, "", {}),
    )


def case_file_under_an_emergency_grant(
    case: VictimCase, worker: Any, make_user: MakeUser
) -> Reading:
    outsider = make_user("olga", "police", Role.CASE_WORKER)
    grant = BreakGlassGrant.objects.create(
        case=case,
        user=outsider,
        reason="The person called the hotline in danger tonight.",
        expires_at=timezone.now() + timedelta(hours=4),
    )
    return Reading(
        outsider,
        reverse("registry:case_detail", args=[case.reference]),
        reverse("api:victim_case", args=[case.reference]),
        ("read", "victim_case", case.reference, "", {"reason_of": grant.audit_ref}),
    )


def exploitation_details(case: VictimCase, worker: Any, make_user: MakeUser) -> Reading:
    return Reading(
        worker,
        reverse("registry:exploitation_edit", args=[case.reference]),
        reverse("api:exploitation", args=[case.reference]),
        ("read", "victim_case", case.reference, "exploitation", {}),
    )


def child_protection(case: VictimCase, worker: Any, make_user: MakeUser) -> Reading:
    Person.objects.filter(pk=case.person_id).update(birth_year=timezone.localdate().year - 10)
    return Reading(
        worker,
        reverse("registry:child_protection_edit", args=[case.reference]),
        reverse("api:child_protection", args=[case.reference]),
        ("read", "victim_case", case.reference, "child protection", {}),
    )


def person(case: VictimCase, worker: Any, make_user: MakeUser) -> Reading:
    reference = case.person.reference
    return Reading(
        worker,
        reverse("registry:person_identity", args=[reference]),
        reverse("api:person", args=[reference]),
        ("read", "person", reference, "", {}),
    )


def document(case: VictimCase, worker: Any, make_user: MakeUser) -> Reading:
    stored = Document.store(case, pdf("A letter"), "application/pdf", "letter.pdf", worker)
    return Reading(
        worker,
        reverse("registry:document_download", args=[case.reference, stored.pk]),
        reverse("api:document", args=[case.reference, stored.pk]),
        ("read", "document", f"{case.reference}/{stored.pk}", "", {}),
    )


def referrals(case: VictimCase, worker: Any, make_user: MakeUser) -> Reading:
    receiver = make_user("rita", "police", Role.CASE_WORKER)
    referral = Referral.objects.create(
        case=case,
        from_agency=worker.agency,
        to_agency=receiver.agency,
        service="shelter",
        consent=Consent.objects.get(case=case),
        sent_by=worker,
    )
    return Reading(
        receiver,
        reverse("registry:referral_list"),
        reverse("api:referrals"),
        ("read", "referral", "list", "", {"referrals": [referral.pk]}),
    )


def screening(case: VictimCase, worker: Any, make_user: MakeUser) -> Reading:
    screener = make_user("screener", "police", Role.SCREENER)
    reference = start_screening(screener, "adult_labour").reference
    return Reading(
        screener,
        reverse("screening:detail", args=[reference]),
        reverse("api:screening", args=[reference]),
        ("read", "screening", reference, "", {}),
    )


def criminal_case(case: VictimCase, worker: Any, make_user: MakeUser) -> Reading:
    investigator = make_user("ines", "police", Role.INVESTIGATOR)
    reference = CriminalCase.open(investigator, "Report from the hotline.").reference
    return Reading(
        investigator,
        reverse("justice:case_detail", args=[reference]),
        reverse("api:criminal_case", args=[reference]),
        ("read", "criminal_case", reference, "", {}),
    )


def tip(case: VictimCase, worker: Any, make_user: MakeUser) -> Reading:
    operator = make_user("operator", "hotline", Role.SCREENER)
    reference = Tip.objects.create(
        channel="web", language="en", what_seen="Workers locked in at night (synthetic)."
    ).reference
    return Reading(
        operator,
        reverse("coordination:tip_detail", args=[reference]),
        reverse("api:tip", args=[reference]),
        ("read", "tip", reference, "", {}),
    )


KINDS = [
    case_file,
    case_file_under_an_emergency_grant,
    exploitation_details,
    child_protection,
    person,
    document,
    referrals,
    screening,
    criminal_case,
    tip,
]


def reads_while(call: Callable[[], Any]) -> list[Entry]:
    """The read entries the call recorded (what they say, not who or when)."""
    fold_pending_reads()
    last = AuditEntry.objects.order_by("-sequence").values_list("sequence", flat=True).first()
    response = call()
    assert response.status_code == 200, response.status_code
    fold_pending_reads()
    new = AuditEntry.objects.filter(sequence__gt=last or 0, action="read").order_by("sequence")
    return [(e.action, e.object_type, e.object_ref, e.reason, e.changes) for e in new]


@pytest.mark.parametrize("kind", KINDS, ids=[kind.__name__ for kind in KINDS])
def test_the_page_and_the_api_record_the_same_read(
    kind: Callable[..., Reading],
    case: VictimCase,
    worker: Any,
    make_user: MakeUser,
    bearer: Headers,
) -> None:
    reading = kind(case, worker, make_user)
    page = Client()
    page.force_login(reading.user)
    program = Client(enforce_csrf_checks=True)

    on_page = reads_while(lambda: page.get(reading.page))
    through_api = reads_while(lambda: program.get(reading.api, headers=bearer(reading.user)))

    assert on_page == [reading.expected]
    assert through_api == [reading.expected]
