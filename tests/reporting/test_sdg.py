"""SDG 16.2.2: detected victims per 100,000 inhabitants, against rates worked out here from the
world's specs and the population the pack gives."""

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from palermo.jurisdiction.models import Jurisdiction
from palermo.jurisdiction.packs import PackError, load_pack, read_pack
from palermo.reporting.build import build_snapshot
from palermo.reporting.exports import export
from palermo.reporting.periods import Period
from palermo.reporting.presentation import present
from tests.reporting.world import YEAR

pytestmark = pytest.mark.django_db
POPULATION = {"total": 500_000, "female": 260_000, "male": 240_000, "adult": 410_000}


def give_population(years: dict[str, dict[str, int]]) -> None:
    jurisdiction = Jurisdiction.objects.active()
    assert jurisdiction is not None
    jurisdiction.statistics = {
        **jurisdiction.statistics,
        "population": {"source": "Census office, end of year", "years": years},
    }
    jurisdiction.save(update_fields=["statistics"])


def presumed_persons(world: dict[str, Any]) -> dict[str, set[int]]:
    """Persons presumed in the year, by sex and by age group, from the specs."""
    groups: dict[str, set[int]] = {"total": set()}
    for v in world["victims"]:
        if v.presumed.year != YEAR:
            continue
        age = (
            "unknown" if v.birth_year is None else "child" if YEAR - v.birth_year < 18 else "adult"
        )
        for group in ("total", v.sex, age):
            groups.setdefault(group, set()).add(v.person)
    return groups


def test_rates_per_100000_by_sex_and_age(world: dict[str, Any]) -> None:
    give_population({str(YEAR): POPULATION})
    view = present(build_snapshot(Period.of(YEAR)), public=False, charts=False)
    assert view.sdg is not None
    assert not view.sdg.missing
    lines = {line.group: line for line in view.sdg.lines}
    persons = presumed_persons(world)
    for group, label in [("total", "all victims"), ("female", "female"), ("male", "male")]:
        victims = len(persons.get(group, set()))
        assert lines[label].victims == victims
        assert lines[label].per_100k == f"{victims * 100_000 / POPULATION[group]:.2f}"
    assert lines["adult"].per_100k == f"{len(persons['adult']) * 100_000 / 410_000:.2f}"
    # No population given for children: said so, not guessed.
    assert lines["child (under 18)"].population is None
    assert lines["child (under 18)"].per_100k == "no population given"
    assert view.sdg.source == "Census office, end of year"


def test_the_report_says_plainly_when_no_population_is_given(world: dict[str, Any]) -> None:
    give_population({str(YEAR - 1): POPULATION})  # another year only
    snapshot = build_snapshot(Period.of(YEAR))
    data = json.loads(export(snapshot, "json", public=False))
    assert data["sdg_16_2_2"]["rates"] == {}
    assert f"gives no population for {YEAR}" in data["sdg_16_2_2"]["missing"]
    html = export(snapshot, "html", public=True).decode()
    assert f"gives no population for {YEAR}" in html


def test_a_hidden_count_gives_a_hidden_rate(world: dict[str, Any]) -> None:
    give_population({str(YEAR): POPULATION})
    snapshot = build_snapshot(Period.of(YEAR))
    public = present(snapshot, public=True, charts=False)
    assert public.sdg is not None
    hidden = [line for line in public.sdg.lines if line.victims is None and line.population]
    assert hidden, "the world must have a group the public edition hides"
    for line in public.sdg.lines:
        if line.victims is None and line.population:
            assert line.per_100k == "•"
        elif line.population and line.victims is not None:
            assert line.per_100k == f"{line.victims * 100_000 / line.population:.2f}"
    csv_text = export(snapshot, "csv", public=True).decode()
    assert "sdg_16_2_2,all victims,population,500000" in csv_text


def test_the_macao_pack_names_its_population_source(jurisdiction: Jurisdiction) -> None:
    pack = read_pack("macao")
    population = pack["statistics"]["population"]
    assert "DSEC" in population["source"]
    assert population["years"][2023]["total"] == 683_700
    load_pack("macao")
    snapshot = build_snapshot(Period.of(2023))
    assert snapshot["settings"]["population"]["years"]["2023"]["female"] == 364_800


@pytest.mark.parametrize(
    ("population", "message"),
    [
        ({"years": {2024: {"total": 5}}}, "'source' is missing"),
        ({"source": "x", "years": {2024: {"elderly": 5}}}, "years.2024.elderly: unknown group"),
        ({"source": "x", "years": {2024: {"total": -3}}}, "years.2024.total: not a positive"),
        ({"source": "x", "years": {"soon": {"total": 3}}}, "years.soon: a year"),
    ],
)
def test_a_malformed_population_is_refused_naming_the_entry(
    tmp_path: Path, population: dict[str, Any], message: str
) -> None:
    pack = read_pack("generic")
    pack["statistics"]["population"] = population
    path = tmp_path / "pack.yaml"
    path.write_text(yaml.safe_dump(pack))
    with pytest.raises(PackError, match=message):
        read_pack(str(path))
