"""A read of personal data is audited by the access helper, so the page and the API record the
same entry for it: same action, object, reason and details (an emergency grant's pointer too)."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

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


def reads_while(call: Callable[[], Any]) -> list[Entry]:
    """The read entries the call recorded (what they say, not who or when)."""
    fold_pending_reads()
    last = AuditEntry.objects.order_by("-sequence").values_list("sequence", flat=True).first()
    response = call()
    assert response.status_code == 200, response.status_code
    fold_pending_reads()
    new = AuditEntry.objects.filter(sequence__gt=last or 0, action="read").order_by("sequence")
    return [(e.action, e.object_type, e.object_ref, e.reason, e.changes) for e in new]


def page_and_api_reads(
    user: Any, page_url: str, api_url: str, bearer: Headers, **query: Any
) -> tuple[list[Entry], list[Entry]]:
    page = Client()
    page.force_login(user)
    program = Client(enforce_csrf_checks=True)
    on_page = reads_while(lambda: page.get(page_url))
    through_api = reads_while(lambda: program.get(api_url, query, headers=bearer(user)))
    return on_page, through_api


def test_the_case_file_and_the_api_record_the_same_read(
    case: VictimCase, worker: Any, bearer: Headers
) -> None:
    on_page, through_api = page_and_api_reads(
        worker,
        reverse("registry:case_detail", args=[case.reference]),
        reverse("api:victim_case", args=[case.reference]),
        bearer,
    )

    assert on_page == through_api == [("read", "victim_case", case.reference, "", {})]


def test_under_an_emergency_grant_both_point_at_its_reason(
    case: VictimCase, make_user: Callable[..., Any], bearer: Headers
) -> None:
    outsider = make_user("olga", "police", "case_worker")
    grant = BreakGlassGrant.objects.create(
        case=case,
        user=outsider,
        reason="The person called the hotline in danger tonight.",
        expires_at=timezone.now() + timedelta(hours=4),
    )

    on_page, through_api = page_and_api_reads(
        outsider,
        reverse("registry:case_detail", args=[case.reference]),
        reverse("api:victim_case", args=[case.reference]),
        bearer,
    )

    expected = ("read", "victim_case", case.reference, "", {"reason_of": grant.audit_ref})
    assert on_page == through_api == [expected]


def test_the_exploitation_details_are_audited_alike(
    case: VictimCase, worker: Any, bearer: Headers
) -> None:
    on_page, through_api = page_and_api_reads(
        worker,
        reverse("registry:exploitation_edit", args=[case.reference]),
        reverse("api:exploitation", args=[case.reference]),
        bearer,
    )

    assert on_page == through_api == [("read", "victim_case", case.reference, "exploitation", {})]


def test_a_childs_protection_details_are_audited_alike(
    case: VictimCase, worker: Any, bearer: Headers
) -> None:
    Person.objects.filter(pk=case.person_id).update(birth_year=timezone.localdate().year - 10)

    on_page, through_api = page_and_api_reads(
        worker,
        reverse("registry:child_protection_edit", args=[case.reference]),
        reverse("api:child_protection", args=[case.reference]),
        bearer,
    )

    expected = ("read", "victim_case", case.reference, "child protection", {})
    assert on_page == through_api == [expected]


def test_a_persons_details_are_audited_alike(
    case: VictimCase, worker: Any, bearer: Headers
) -> None:
    reference = case.person.reference
    on_page, through_api = page_and_api_reads(
        worker,
        reverse("registry:person_identity", args=[reference]),
        reverse("api:person", args=[reference]),
        bearer,
    )

    assert on_page == through_api == [("read", "person", reference, "", {})]


def test_a_documents_download_is_audited_alike(
    case: VictimCase, worker: Any, bearer: Headers
) -> None:
    document = Document.store(case, pdf("A letter"), "application/pdf", "letter.pdf", worker)
    on_page, through_api = page_and_api_reads(
        worker,
        reverse("registry:document_download", args=[case.reference, document.pk]),
        reverse("api:document", args=[case.reference, document.pk]),
        bearer,
    )

    expected = ("read", "document", f"{case.reference}/{document.pk}", "", {})
    assert on_page == through_api == [expected]


def test_the_referrals_shown_are_audited_alike(
    case: VictimCase, worker: Any, make_user: Callable[..., Any], bearer: Headers
) -> None:
    receiver = make_user("rita", "police", "case_worker")
    referral = Referral.objects.create(
        case=case,
        from_agency=worker.agency,
        to_agency=receiver.agency,
        service="shelter",
        consent=Consent.objects.get(case=case),
        sent_by=worker,
    )

    on_page, through_api = page_and_api_reads(
        receiver, reverse("registry:referral_list"), reverse("api:referrals"), bearer
    )

    assert (
        on_page == through_api == [("read", "referral", "list", "", {"referrals": [referral.pk]})]
    )


def test_a_screening_is_audited_alike(make_user: Callable[..., Any], bearer: Headers) -> None:
    screener = make_user("screener", "police", "screener")
    screening = start_screening(screener, "adult_labour")

    on_page, through_api = page_and_api_reads(
        screener,
        reverse("screening:detail", args=[screening.reference]),
        reverse("api:screening", args=[screening.reference]),
        bearer,
    )

    assert on_page == through_api == [("read", "screening", screening.reference, "", {})]


def test_a_criminal_case_is_audited_alike(make_user: Callable[..., Any], bearer: Headers) -> None:
    investigator = make_user("ines", "police", Role.INVESTIGATOR)
    case = CriminalCase.open(investigator, "Report from the hotline.")

    on_page, through_api = page_and_api_reads(
        investigator,
        reverse("justice:case_detail", args=[case.reference]),
        reverse("api:criminal_case", args=[case.reference]),
        bearer,
    )

    assert on_page == through_api == [("read", "criminal_case", case.reference, "", {})]


def test_a_tip_is_audited_alike(make_user: Callable[..., Any], bearer: Headers) -> None:
    operator = make_user("operator", "hotline", Role.SCREENER)
    tip = Tip.objects.create(
        channel="web", language="en", what_seen="Workers locked in at night (synthetic)."
    )

    on_page, through_api = page_and_api_reads(
        operator,
        reverse("coordination:tip_detail", args=[tip.reference]),
        reverse("api:tip", args=[tip.reference]),
        bearer,
    )

    assert on_page == through_api == [("read", "tip", tip.reference, "", {})]
