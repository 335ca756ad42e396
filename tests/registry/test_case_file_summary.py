"""The case file opens with a summary; its sections fold under their headings, the work in hand
open, and a section whose form came back with a mistake open too."""

import datetime
from typing import Any

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from palermo.accounts.models import User
from palermo.registry.models import CarePlanTask, VictimCase


def case_file(client: Client, user: User, case: VictimCase) -> Any:
    client.force_login(user)
    return client.get(reverse("registry:case_detail", args=[case.reference]))


def fold_of(page: str, section: str) -> str:
    start = page.index(f'<section id="{section}"')
    return page[start : page.index("<summary>", start)]


def test_the_summary_says_the_case_at_a_glance(
    client: Client, consented_case: VictimCase, owner: User
) -> None:
    due = timezone.localdate() + datetime.timedelta(days=4)
    CarePlanTask.plan(consented_case, "Book a doctor", due, owner)
    CarePlanTask.plan(consented_case, "Find an interpreter", due, owner)
    consented_case.person.birth_year = 1999
    consented_case.person.save()

    response = case_file(client, owner, consented_case)

    summary = response.context["summary"]
    assert summary["open_tasks"] == 2
    assert summary["next_task"].due_on == due
    assert summary["has_consent"] is True
    assert summary["age_group"] == "adult"
    page = response.content.decode()
    assert "2 open tasks" in page
    assert "given, covers referral" in page


def test_sections_fold_with_the_work_in_hand_open(
    client: Client, welfare_case: VictimCase, owner: User
) -> None:
    page = case_file(client, owner, welfare_case).content.decode()

    for folded in ["person", "services", "consent", "referrals", "documents", "casework"]:
        assert " open>" not in fold_of(page, folded), folded
    for opened in ["stages", "care-plan", "notes"]:
        assert " open>" in fold_of(page, opened), opened


def test_a_form_sent_with_a_mistake_comes_back_in_its_open_section(
    client: Client, welfare_case: VictimCase, owner: User
) -> None:
    client.force_login(owner)

    response = client.post(
        reverse("registry:service_add", args=[welfare_case.reference]), {"service-kind": "nope"}
    )

    assert response.status_code == 400
    assert " open>" in fold_of(response.content.decode(), "services")
