"""Demo of the committee's own work: a national action plan of a dozen measures (some late),
two years of meetings with action items, campaigns, trainings, inspections with screenings on
the spot, and tips in Chinese, Portuguese and English. All synthetic."""

import datetime
from decimal import Decimal

from django.utils import timezone

from palermo.accounts.models import User
from palermo.accounts.roles import AgencyKind, Role
from palermo.coordination.models import (
    ActionItem,
    Campaign,
    Indicator,
    IndicatorValue,
    Inspection,
    InspectionScreening,
    Measure,
    Meeting,
    ProgressReport,
    Tip,
    Trainees,
    Training,
)
from palermo.coordination.periods import Period, recent_quarters
from palermo.core.demo import DemoWorld
from palermo.screening import ilo
from palermo.screening.models import Screening
from palermo.screening.services import finish_screening, record_answers, start_screening

K = AgencyKind
# code, pillar, objective, lead, months from now to the deadline (negative: past), done?, figure
MEASURES = [
    (
        "1.1",
        "prevention",
        "Screen migrant domestic workers at inspections",
        K.LABOUR,
        9,
        False,
        "screened:domestic_work",
    ),
    (
        "1.2",
        "prevention",
        "Screen construction workers on large sites",
        K.LABOUR,
        6,
        False,
        "screened:construction",
    ),
    (
        "1.3",
        "prevention",
        "Inspect entertainment venues with trained officers",
        K.POLICE,
        -2,
        False,
        "screened:entertainment",
    ),
    (
        "1.4",
        "prevention",
        "Publicise the hotline in five languages",
        K.HOTLINE,
        3,
        False,
        "tips_forwarded",
    ),
    (
        "1.5",
        "prevention",
        "Regulate and inspect employment agencies",
        K.LABOUR,
        -5,
        False,
        "inspections",
    ),
    ("2.1", "protection", "Open a second shelter for men", K.SOCIAL_WELFARE, -3, False, ""),
    (
        "2.2",
        "protection",
        "Interpreters on call for identification interviews",
        K.SOCIAL_WELFARE,
        12,
        False,
        "",
    ),
    (
        "2.3",
        "protection",
        "Identify presumed victims through proactive screening",
        K.POLICE,
        10,
        False,
        "presumed_victims",
    ),
    (
        "3.1",
        "prosecution",
        "Train investigators in financial investigation",
        K.POLICE,
        -8,
        True,
        "trainees",
    ),
    ("3.2", "prosecution", "Guidelines on charging under art. 153-A", K.PROSECUTION, -1, False, ""),
    (
        "4.1",
        "partnership",
        "Memorandum with the Philippine consulate",
        K.SECRETARIAT,
        -10,
        True,
        "",
    ),
    (
        "4.2",
        "partnership",
        "Publish the annual report with traceable figures",
        K.SECRETARIAT,
        4,
        False,
        "",
    ),
]
# Deceptive recruitment, exploitation and coercion at destination: a presumed victim (adults).
PRESUMED = dict.fromkeys(
    [
        "deceptive_recruitment.deceived_about_nature_of_job",
        "deceptive_recruitment.deceived_about_conditions_of_work",
        "exploitation.excessive_working_days_or_hours",
        "exploitation.bad_living_conditions",
        "coercion_at_destination.confiscation_of_documents",
        "coercion_at_destination.debt_bondage",
    ],
    "observed",
)
SECTORS = ["domestic_work", "construction", "entertainment", "hospitality", "job_agency"]
TIPS = {
    "en": [
        "A domestic worker says her employer keeps her passport and she cannot go out.",
        "Several men sleep at the construction site and say they are not paid.",
    ],
    "zh-hant": [
        "有外地家務工作者說僱主扣起她的護照，不准她外出。",
        "一間按摩店的女子似乎由別人接送，不能自由離開。",
    ],
    "pt": [
        "Uma trabalhadora doméstica diz que a patroa lhe guardou o passaporte.",
        "Vários trabalhadores dormem no estaleiro e dizem que não recebem salário.",
    ],
}


def seed_committee(world: DemoWorld) -> None:
    measures = _seed_plan(world)
    _seed_meetings(world, measures)
    _seed_campaigns_and_trainings(world)
    tips = _seed_tips(world)
    _seed_inspections(world, tips)


def _months(world: DemoWorld, months: int) -> datetime.date:
    return world.today + datetime.timedelta(days=30 * months)


def _seed_plan(world: DemoWorld) -> list[Measure]:
    measures = []
    quarters = recent_quarters(world.today, 4)
    for code, pillar, objective, lead, months, done, figure in MEASURES:
        measure = Measure.objects.create(
            code=code,
            pillar=pillar,
            objective=objective,
            lead_agency=world.agencies[lead],
            starts_on=world.today - datetime.timedelta(days=540),
            deadline=_months(world, months),
            budget_allocated=Decimal(world.rng.randrange(50, 900) * 1000),
            budget_spent=Decimal(world.rng.randrange(5, 50) * 1000),
            status="done" if done else "in_progress",
        )
        measure.partners.add(world.agencies[K.SECRETARIAT])
        target = Decimal(world.rng.randrange(20, 120))
        Indicator.objects.create(
            measure=measure, name=objective.split(" ")[0] + " (count)", target=target, figure=figure
        )
        if not figure:
            hand = Indicator.objects.create(measure=measure, name="Milestones met", target=4)
            for step, quarter in enumerate(reversed(quarters), start=1):
                IndicatorValue.objects.create(indicator=hand, period=quarter.code, actual=step - 1)
        _seed_progress(world, measure, quarters[1:], late=months < 0 and not done)
        measures.append(measure)
    return measures


def _seed_progress(world: DemoWorld, measure: Measure, quarters: list[Period], late: bool) -> None:
    reporter = world.users.get("labour") or world.users["analyst"]
    for quarter in quarters:
        ProgressReport.objects.create(
            measure=measure,
            period=quarter.code,
            status="behind" if late else "on_track",
            narrative="Activities carried out as planned this quarter.",
            late_reason="Waiting for the budget and for interpreters." if late else "",
            reported_by=reporter,
        )
    Measure.objects.filter(pk=measure.pk).update(reported_behind=late)


def _seed_meetings(world: DemoWorld, measures: list[Measure]) -> None:
    members = [world.agencies[k] for k in (K.SECRETARIAT, K.POLICE, K.LABOUR, K.SOCIAL_WELFARE)]
    for number in range(16):  # two years: a committee meeting and a working group each quarter
        held = world.today - datetime.timedelta(days=45 * number + 10)
        committee = number % 2 == 0
        meeting = Meeting.objects.create(
            kind="committee" if committee else "working_group",
            title="Committee meeting" if committee else "Prevention working group",
            held_on=held,
            agenda="1. Progress of the action plan\n2. Inspections and screenings\n3. Tips",
            minutes="Members reviewed the quarter. No personal data in the demo minutes.",
            decisions="Joint inspections to continue monthly.",
            recorded_by=world.agencies[K.SECRETARIAT],
        )
        meeting.agencies_present.add(*members)
        for owner in (K.LABOUR, K.POLICE):
            deadline = held + datetime.timedelta(days=60)
            ActionItem.objects.create(
                meeting=meeting,
                description=f"Report on measure {world.rng.choice(measures).code}",
                owner=world.agencies[owner],
                deadline=deadline,
                measure=world.rng.choice(measures),
                done_at=None if number < 2 else timezone.now(),
            )


def _seed_campaigns_and_trainings(world: DemoWorld) -> None:
    channels = ["radio", "social_media", "print", "outreach", "border", "television"]
    for number in range(10):
        start = world.today - datetime.timedelta(days=70 * number + 5)
        Campaign.objects.create(
            agency=world.agencies[world.rng.choice([K.LABOUR, K.SECRETARIAT, K.HOTLINE])],
            title=f"Know your rights {start.year}-{number + 1}",
            channel=channels[number % len(channels)],
            languages=["zh-hant", "pt", "en", "tl"][: 2 + number % 3],
            audiences=["domestic_workers", "employers"] if number % 2 else ["public"],
            starts_on=start,
            ends_on=start + datetime.timedelta(days=30),
            reach=world.rng.randrange(500, 40000),
        )
    for number in range(12):
        start = world.today - datetime.timedelta(days=60 * number + 3)
        training = Training.objects.create(
            agency=world.agencies[world.rng.choice([K.SECRETARIAT, K.LABOUR, K.POLICE])],
            course=[
                "Screening with the ILO indicators",
                "Victim-centred interviewing",
                "Labour exploitation",
            ][number % 3],
            starts_on=start,
            ends_on=start + datetime.timedelta(days=1),
            topics=[["screening"], ["interviewing"], ["labour", "law"]][number % 3],
        )
        for kind, role in ((K.POLICE, Role.INVESTIGATOR), (K.LABOUR, Role.SCREENER)):
            Trainees.objects.create(
                training=training,
                agency=world.agencies[kind],
                role=role,
                count=world.rng.randrange(5, 40),
            )


def _seed_tips(world: DemoWorld) -> list[Tip]:
    tips = []
    for number in range(30):
        language = ["en", "zh-hant", "pt"][number % 3]
        received = timezone.now() - datetime.timedelta(days=24 * number + 1, hours=number)
        tip = Tip.objects.create(
            channel=["web", "phone", "phone", "email"][number % 4],
            language=language,
            received_at=received,
            what_seen=world.rng.choice(TIPS[language]),
            where=f"Block {number % 7 + 1}, district {number % 4 + 1}",
            when_seen="Last week",
            received_by=world.users["hotline"] if number % 4 else None,
        )
        fate = number % 5
        if fate:
            Tip.objects.filter(pk=tip.pk).update(
                status="forwarded" if fate < 4 else "closed",
                forwarded_to=world.agencies[K.LABOUR if fate % 2 else K.POLICE],
                close_reason="acted_on" if fate == 4 else "",
                first_action_at=received + datetime.timedelta(hours=world.rng.randrange(1, 72)),
            )
        tips.append(tip)
    return tips


def _seed_inspections(world: DemoWorld, tips: list[Tip]) -> None:
    lists = [found.code for found in ilo.indicator_lists() if found.code.startswith("adult")]
    for number in range(40):
        police = number % 4 == 0
        inspector = world.users["investigator" if police else "labour"]
        day = world.today - datetime.timedelta(days=18 * number + 2)
        inspection = Inspection.objects.create(
            agency=world.agencies[K.POLICE if police else K.LABOUR],
            kind="police" if police else "labour",
            inspected_on=day,
            place=f"Site {number + 1}, district {number % 5 + 1}",
            sector="entertainment" if police else SECTORS[number % len(SECTORS)],
            workers_met=world.rng.randrange(2, 40),
            indicators_found=number % 6 == 0,
            referrals_made=1 if number % 6 == 0 else 0,
            tip=tips[number] if number < len(tips) and number % 5 == 1 else None,
        )
        for _ in range(world.rng.randrange(0, 4)):
            if world.rng.random() < 0.15:  # now and then a worker with every sign of it
                _screen_at(world, inspection, inspector, "adult_labour", day, PRESUMED)
            else:
                _screen_at(world, inspection, inspector, world.rng.choice(lists), day)


def _screen_at(
    world: DemoWorld,
    inspection: Inspection,
    by: User,
    code: str,
    day: datetime.date,
    answers: dict[str, str] | None = None,
) -> None:
    screening = start_screening(by, code)
    if answers is None:
        keys = sorted(ilo.indicator_list(code).indicator_keys)
        observed = world.rng.sample(keys, k=world.rng.randint(0, min(10, len(keys))))
        answers = dict.fromkeys(observed, ilo.Answer.OBSERVED.value)
    record_answers(screening, answers, by)
    finish_screening(screening, by)
    moment = datetime.datetime.combine(day, datetime.time(11), tzinfo=datetime.UTC)
    Screening.objects.filter(pk=screening.pk).update(started_at=moment, completed_at=moment)
    InspectionScreening.objects.create(inspection=inspection, screening=screening)
