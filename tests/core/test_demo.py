"""The demo seeds a synthetic jurisdiction with every stage, referral and court outcome."""

import datetime
import io
from collections.abc import Callable

from django.core.management import call_command
from django.utils import timezone

from palermo.accounts.models import User
from palermo.accounts.roles import Role
from palermo.audit.verify import verify_chain
from palermo.core.demo import backdate_transitions
from palermo.justice.models import CourtDecision, JudicialAuthorisation
from palermo.registry.models import Person, Referral, Service, Stage, VictimCase
from palermo.screening.models import Screening


def test_the_demo_seeds_a_complete_synthetic_jurisdiction(db: None) -> None:
    output = io.StringIO()

    call_command("demo", "--seed-only", "--persons", "60", stdout=output)

    assert "log in as" in output.getvalue()
    assert set(User.objects.values_list("roles__role", flat=True)) >= set(Role.values)
    assert set(VictimCase.objects.values_list("stage", flat=True)) == set(Stage.values)
    assert Referral.objects.filter(status="accepted").exists()
    assert CourtDecision.objects.filter(outcome="convicted").exists()
    assert JudicialAuthorisation.objects.filter(status="granted").exists()
    years = {moment.year for moment in VictimCase.objects.values_list("opened_at", flat=True)}
    assert len(years) >= 4
    assert set(Screening.objects.values_list("status", flat=True)) == {"draft", "completed"}
    assert verify_chain().intact


def test_seeding_twice_keeps_the_first_world(db: None) -> None:
    call_command("demo", "--seed-only", "--persons", "20", stdout=io.StringIO())
    output = io.StringIO()

    call_command("demo", "--seed-only", "--persons", "20", stdout=output)

    assert "already present" in output.getvalue()
    assert VictimCase.objects.count() == 20


def test_the_demo_history_is_coherent_and_spans_years(db: None) -> None:
    call_command("demo", "--seed-only", "--persons", "60", stdout=io.StringIO())

    for case in VictimCase.objects.exclude(reflection_period_start=None):
        assert case.opened_at.date() <= case.reflection_period_start
        if case.identified_on:
            assert case.reflection_period_start <= case.identified_on
    presumed_years = set(
        VictimCase.objects.exclude(reflection_period_start=None).values_list(
            "reflection_period_start__year", flat=True
        )
    )
    assert len(presumed_years) >= 3
    for decision in CourtDecision.objects.select_related("charge__case"):
        assert decision.charge.case.reported_on <= decision.charge.filed_on <= decision.decided_on
    services = list(Service.objects.all())
    assert any(service.ended_on for service in services), "shelter stays end"
    for service in services:
        assert service.ended_on is None or service.started_on <= service.ended_on


def test_demo_cases_have_days_in_stage_from_their_backdated_history(
    make_user: Callable[..., User],
) -> None:
    user = make_user("demo-worker", "welfare", "case_worker")
    case = VictimCase.objects.create(
        person=Person.objects.create(recorded_by_agency=user.agency), owning_agency=user.agency
    )
    case.move_to(Stage.SCREENING, user, "interview")

    backdate_transitions(case, timezone.localdate() - datetime.timedelta(days=60))
    case.refresh_from_db()

    moved = case.transitions.get().at
    assert moved.date() == timezone.localdate() - datetime.timedelta(days=60 - 7)
    assert case.stage_since == case.last_activity_at == moved
    assert case.days_in_stage() in {52, 53}  # 53 days ago at 09:00 UTC
