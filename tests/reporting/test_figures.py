"""Every figure against counts computed here from the world's specs, not through the report."""

import datetime
from collections import Counter
from typing import Any

import pytest

from palermo.reporting.build import build_snapshot
from palermo.reporting.periods import Period
from tests.reporting.world import YEAR

pytestmark = pytest.mark.django_db

START, END = datetime.date(YEAR, 1, 1), datetime.date(YEAR, 12, 31)


def cell(snapshot: dict[str, Any], figure: str, row: str, column: str) -> int:
    data = snapshot["figures"][figure] if figure != "trend" else snapshot["trend"]
    rows = [code for code, _label in data["rows"]]
    columns = [code for code, _label in data["columns"]]
    return int(data["cells"][rows.index(row)][columns.index(column)])


def in_year(day: datetime.date | None) -> bool:
    return day is not None and START <= day <= END


def age_group(birth_year: int | None) -> str:
    if birth_year is None:
        return "unknown"
    return "child" if YEAR - birth_year < 18 else "adult"


def form_group(forms: list[str]) -> str:
    groups = {f if f in {"sexual", "labour"} else "other" for f in forms}
    if not groups:
        return "unknown"
    return "several" if len(groups) > 1 else groups.pop()


def test_presumed_victims_by_sex_and_age_count_persons(world: Any, snapshot: Any) -> None:
    expected: dict[tuple[str, str], set[int]] = {}
    for v in world["victims"]:
        if in_year(v.presumed):
            expected.setdefault((v.sex, age_group(v.birth_year)), set()).add(v.person)
    assert expected, "the world must have victims in the year"
    for (sex, age), persons in expected.items():
        assert cell(snapshot, "victims_presumed", sex, age) == len(persons)
    total = sum(sum(line) for line in snapshot["figures"]["victims_presumed"]["cells"])
    assert total == sum(len(p) for p in expected.values())


def test_identified_victims_by_form_and_citizenship(world: Any, snapshot: Any) -> None:
    by_form: dict[str, set[int]] = {}
    by_nationality: Counter[str] = Counter()
    seen: set[int] = set()
    for v in world["victims"]:
        if in_year(v.identified):
            by_form.setdefault(form_group(v.forms), set()).add(v.person)
            if v.person not in seen:
                seen.add(v.person)
                by_nationality["unknown" if not v.nationality else "other"] += 1
    for group, persons in by_form.items():
        assert cell(snapshot, "victims_by_form", "identified", group) == len(persons)
    for group, count in by_nationality.items():
        assert cell(snapshot, "victims_by_citizenship", "identified", group) == count


def test_time_to_decision_bands(world: Any, snapshot: Any) -> None:
    bands: Counter[str] = Counter()
    for v in world["victims"]:
        if in_year(v.identified):
            days = (v.identified - v.presumed).days
            bands[
                "0-30"
                if days <= 30
                else "31-90"
                if days <= 90
                else "91-180"
                if days <= 180
                else "181+"
            ] += 1
    for band, count in bands.items():
        assert cell(snapshot, "time_to_decision", band, "all") == count


def test_prosecution_flow_and_persons(world: Any, snapshot: Any) -> None:
    investigations: Counter[str] = Counter()
    prosecuted: Counter[str] = Counter()
    convicted_by_sex: Counter[str] = Counter()
    officials_convicted = 0
    assets = 0
    for case in world["cases"]:
        kind = (
            "both"
            if case.sex_trafficking and case.labour_trafficking
            else "sex"
            if case.sex_trafficking
            else "labour"
            if case.labour_trafficking
            else "unspecified"
        )
        investigations[kind] += in_year(case.reported)
        for suspect in case.suspects:
            prosecuted[kind] += in_year(suspect.charged)
            if in_year(suspect.convicted):
                convicted_by_sex[suspect.sex] += 1
                officials_convicted += suspect.is_official
                assets += suspect.assets
    for kind in ["sex", "labour", "both", "unspecified"]:
        assert cell(snapshot, "justice_flow", "investigations", kind) == investigations[kind]
        assert cell(snapshot, "justice_flow", "prosecuted", kind) == prosecuted[kind]
    for sex in ["female", "male"]:
        assert cell(snapshot, "persons_by_sex", "convicted", sex) == convicted_by_sex[sex]
    assert cell(snapshot, "complicity", "convicted", "all") == officials_convicted
    assert cell(snapshot, "assets_confiscated", "assets", "all") == assets
    offences = sum(in_year(case.reported) for case in world["cases"])
    assert sum(line[0] for line in snapshot["figures"]["offences"]["cells"]) == offences


def test_screenings_by_agency_and_outcome(world: Any, snapshot: Any) -> None:
    # 30 screenings, agencies in turn, every third a presumed victim.
    presumed = Counter(
        ["police", "labour", "shelter-ngo", "hotline"][n % 4] for n in range(0, 30, 3)
    )
    for agency, count in presumed.items():
        assert cell(snapshot, "screenings_by_agency", agency, "presumed_victim") == count
    assert cell(snapshot, "screenings_by_group", "adult_labour", "not_indicated") == 20


def test_trend_counts_each_year(world: Any, snapshot: Any) -> None:
    for year in (YEAR - 1, YEAR):
        expected = len({v.person for v in world["victims"] if v.presumed.year == year})
        assert cell(snapshot, "trend", "presumed", str(year)) == expected
    assert cell(snapshot, "trend", "presumed", str(YEAR - 4)) == 0


def test_a_tip_year_runs_from_april_to_march(world: Any) -> None:
    tip = build_snapshot(Period.of(YEAR, "tip"))
    start, end = datetime.date(YEAR - 1, 4, 1), datetime.date(YEAR, 3, 31)
    expected = len({v.person for v in world["victims"] if start <= v.presumed <= end})
    assert sum(sum(line) for line in tip["figures"]["victims_presumed"]["cells"]) == expected
