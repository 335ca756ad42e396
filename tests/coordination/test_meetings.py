"""Meetings: recorded with encrypted minutes; action items stay on the owner's home page until
done."""

from datetime import date

import pytest
from django.db import connection
from django.urls import reverse

from palermo.audit.models import AuditEntry
from palermo.coordination.models import ActionItem, Measure, Meeting
from tests.cast import Committee
from tests.coordination.conftest import client_for

pytestmark = pytest.mark.django_db


def test_a_meeting_is_recorded_with_encrypted_minutes(committee: Committee) -> None:
    response = client_for(committee.secretariat).post(
        reverse("coordination:meeting_new"),
        {
            "kind": "working_group",
            "title": "Prevention working group",
            "held_on": "2026-10-02",
            "agencies_present": [committee.labour.agency_id, committee.police.agency_id],
            "agenda": "Inspections plan",
            "minutes": "Ms Synthetic Person described her case.",
            "decisions": "Joint inspections monthly",
        },
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.held_on == date(2026, 10, 2)
    assert meeting.recorded_by == committee.secretariat.agency
    with connection.cursor() as cursor:
        cursor.execute("SELECT minutes FROM coordination_meeting")
        assert "Synthetic" not in cursor.fetchone()[0]
    entry = AuditEntry.objects.get(action="create", object_type="meeting")
    assert "Synthetic" not in str(entry.changes)
    assert "minutes" in entry.changes["fields"]


def test_action_items_stay_on_the_owners_home_until_done(
    committee: Committee, meeting: Meeting
) -> None:
    item = meeting.action_items.get()
    home = client_for(committee.labour).get(reverse("home")).content.decode()
    assert "Brief the job agencies" in home
    assert (
        "Brief the job agencies"
        not in client_for(committee.police).get(reverse("home")).content.decode()
    )
    response = client_for(committee.labour_colleague).post(
        reverse("coordination:action_item_done", args=[item.pk]), {"next": "home"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    item.refresh_from_db()
    assert item.done_at is not None
    assert (
        "Brief the job agencies"
        not in client_for(committee.labour).get(reverse("home")).content.decode()
    )


def test_the_recorder_assigns_an_action_item_linked_to_a_measure(
    committee: Committee, meeting: Meeting, measure: Measure
) -> None:
    response = client_for(committee.secretariat).post(
        reverse("coordination:action_item_add", args=[meeting.reference]),
        {
            "action-description": "Draft the leaflet",
            "action-owner": committee.police.agency_id,
            "action-deadline": "2026-12-01",
            "action-measure": measure.pk,
        },
    )
    assert response.status_code == 302
    item = ActionItem.objects.get(description="Draft the leaflet")
    assert item.measure == measure
    page = client_for(committee.labour).get(
        reverse("coordination:measure_detail", args=[measure.reference])
    )
    assert "Draft the leaflet" in page.content.decode()


def test_an_action_item_needs_an_owner_and_deadline(committee: Committee, meeting: Meeting) -> None:
    response = client_for(committee.secretariat).post(
        reverse("coordination:action_item_add", args=[meeting.reference]),
        {"action-description": "Vague"},
    )
    assert response.status_code == 400
    assert meeting.action_items.count() == 1
