"""The triage queue: assess, forward to an agency (its work list), link, close with a reason;
time from tip to first action."""

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from palermo.accounts.models import User
from palermo.audit.models import AuditEntry
from palermo.coordination.models import Tip, TipStatus
from palermo.screening.services import start_screening
from tests.cast import Committee
from tests.coordination.conftest import client_for

pytestmark = pytest.mark.django_db


def act(user: User, tip: Tip, action: str, data: dict[str, str]) -> Any:
    url = reverse("coordination:tip_act", args=[tip.reference, action])
    return client_for(user).post(url, data)


def test_forwarding_puts_the_tip_in_the_agencys_work_list(committee: Committee, tip: Tip) -> None:
    Tip.objects.filter(pk=tip.pk).update(received_at=timezone.now() - timedelta(hours=3))
    response = act(
        committee.hotline, tip, "forward", {"forward-agency": committee.labour.agency_id}
    )
    assert response.status_code == 302
    tip.refresh_from_db()
    assert tip.status == TipStatus.FORWARDED
    assert tip.forwarded_to == committee.labour.agency
    waited = tip.time_to_first_action()
    assert waited is not None
    assert timedelta(hours=2, minutes=59) < waited < timedelta(hours=3, minutes=5)
    home = client_for(committee.labour).get(reverse("home")).content.decode()
    assert tip.reference in home
    assert tip.reference not in client_for(committee.outsider).get(reverse("home")).content.decode()
    entry = AuditEntry.objects.get(action="tip_forwarded")
    assert entry.changes == {"to_agency": "labour"}  # never the tipster's words


def test_the_first_action_is_kept_after_later_ones(committee: Committee, tip: Tip) -> None:
    tip.assess("Plausible", committee.hotline)
    first = tip.first_action_at
    tip.forward(committee.labour.agency, committee.hotline)
    assert tip.first_action_at == first


def test_the_receiving_agency_links_a_screening_and_closes(committee: Committee, tip: Tip) -> None:
    tip.forward(committee.labour.agency, committee.hotline)
    screening = start_screening(committee.labour, "adult_labour")
    response = act(committee.labour, tip, "link", {"link-screening": screening.reference.lower()})
    assert response.status_code == 302
    tip.refresh_from_db()
    assert tip.screening == screening
    assert act(committee.labour, tip, "close", {"close-reason": "acted_on"}).status_code == 302
    tip.refresh_from_db()
    assert tip.status == TipStatus.CLOSED
    assert tip.close_reason == "acted_on"
    home = client_for(committee.labour).get(reverse("home")).content.decode()
    assert tip.reference not in home  # done: off the work list


def test_linking_someone_elses_screening_is_refused(committee: Committee, tip: Tip) -> None:
    other = start_screening(committee.police, "adult_labour")
    response = act(committee.hotline, tip, "link", {"link-screening": other.reference})
    assert response.status_code == 400
    assert "No screening of yours" in response.content.decode()
    tip.refresh_from_db()
    assert tip.screening is None


def test_a_receiving_agency_cannot_forward_further(committee: Committee, tip: Tip) -> None:
    tip.forward(committee.labour.agency, committee.hotline)
    response = act(committee.labour, tip, "forward", {"forward-agency": committee.police.agency_id})
    assert response.status_code == 404


def test_a_closed_tip_stays_closed(committee: Committee, tip: Tip) -> None:
    tip.close("duplicate", committee.hotline)
    with pytest.raises(ValidationError):
        tip.assess("again", committee.hotline)
    assert act(committee.hotline, tip, "close", {"close-reason": "duplicate"}).status_code == 400


def test_closing_needs_a_known_reason(committee: Committee, tip: Tip) -> None:
    assert act(committee.hotline, tip, "close", {"close-reason": "bored"}).status_code == 400
    tip.refresh_from_db()
    assert tip.status == TipStatus.NEW


def test_the_operator_records_a_call(committee: Committee) -> None:
    response = client_for(committee.hotline).post(
        reverse("coordination:hotline_tip"),
        {
            "channel": "phone",
            "language": "pt",
            "what_seen": "Caller saw minors working at night (synthetic).",
            "where": "Market street",
        },
    )
    assert response.status_code == 302
    tip = Tip.objects.get()
    assert (tip.channel, tip.language, tip.anonymous) == ("phone", "pt", True)
    assert tip.received_by == committee.hotline
