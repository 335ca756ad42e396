"""The four ILO / European Commission indicator lists: their data and its integrity."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from palermo.screening import ilo
from palermo.screening.ilo import AgeGroup, DimensionCode, Strength

LIST_CODES = ("adult_labour", "adult_sexual", "child_labour", "child_sexual")

D = DimensionCode

# (strong, medium, weak) per dimension, in the publication's order. The labour lists match the
# per-dimension totals Seafish publishes for the Delphi lists (10, 10, 16, 9, 15, 7).
ADULT_LABOUR = ((1, 8, 1), (1, 9, 0), (0, 14, 2), (1, 7, 1), (4, 10, 1), (0, 5, 2))
ADULT_SEXUAL = ((1, 8, 1), (1, 9, 0), (0, 14, 2), (0, 8, 1), (5, 9, 1), (0, 5, 2))
CHILD_LABOUR = ((2, 8, 0), (4, 6, 0), (0, 15, 0), (1, 7, 0), (8, 7, 0), (0, 7, 0))
CHILD_SEXUAL = ((2, 8, 0), (4, 6, 0), (0, 15, 0), (2, 6, 0), (8, 7, 0), (0, 7, 0))


def _count_rows() -> Iterator[Any]:
    tables = {
        "adult_labour": ADULT_LABOUR,
        "adult_sexual": ADULT_SEXUAL,
        "child_labour": CHILD_LABOUR,
        "child_sexual": CHILD_SEXUAL,
    }
    for list_code, table in tables.items():
        for dimension, counts in zip(DimensionCode, table, strict=True):
            yield pytest.param(list_code, dimension, counts, id=f"{list_code}-{dimension}")


def test_the_packaged_lists_have_no_problems() -> None:
    assert ilo.validate_lists() == []


def test_the_four_lists_are_loaded_with_their_age_group_and_form() -> None:
    loaded = [(x.code, x.age_group, x.form_of_exploitation) for x in ilo.indicator_lists()]
    assert loaded == [
        ("adult_labour", AgeGroup.ADULT, "labour"),
        ("adult_sexual", AgeGroup.ADULT, "sexual"),
        ("child_labour", AgeGroup.CHILD, "labour"),
        ("child_sexual", AgeGroup.CHILD, "sexual"),
    ]


@pytest.mark.parametrize("list_code", LIST_CODES)
def test_every_list_has_the_six_dimensions_in_the_publications_order(list_code: str) -> None:
    dimensions = ilo.indicator_list(list_code).dimensions
    assert [d.code for d in dimensions] == list(DimensionCode)


@pytest.mark.parametrize(("list_code", "dimension", "counts"), list(_count_rows()))
def test_each_dimension_has_the_expected_number_of_indicators_per_strength(
    list_code: str, dimension: DimensionCode, counts: tuple[int, int, int]
) -> None:
    found = ilo.indicator_list(list_code).dimension(dimension)
    assert tuple(len(found.indicators_of_strength(s)) for s in Strength) == counts


@pytest.mark.parametrize(
    ("list_code", "dimension", "indicator", "strength"),
    [
        ("adult_labour", D.DECEPTIVE_RECRUITMENT, "deceived_about_nature_of_job", Strength.STRONG),
        (
            "adult_labour",
            D.DECEPTIVE_RECRUITMENT,
            "deceived_about_access_to_education",
            Strength.WEAK,
        ),
        (
            "child_labour",
            D.DECEPTIVE_RECRUITMENT,
            "deceived_about_access_to_education",
            Strength.STRONG,
        ),
        ("adult_labour", D.COERCIVE_RECRUITMENT, "violence_on_victims", Strength.STRONG),
        ("adult_labour", D.COERCIVE_RECRUITMENT, "confiscation_of_documents", Strength.MEDIUM),
        ("adult_labour", D.COERCION_AT_DESTINATION, "confiscation_of_documents", Strength.STRONG),
        ("adult_labour", D.COERCION_AT_DESTINATION, "forced_tasks_or_clients", Strength.MEDIUM),
        ("adult_sexual", D.COERCION_AT_DESTINATION, "forced_tasks_or_clients", Strength.STRONG),
        ("child_labour", D.COERCIVE_RECRUITMENT, "debt_bondage", Strength.STRONG),
        ("adult_labour", D.EXPLOITATION, "excessive_working_days_or_hours", Strength.STRONG),
        ("adult_sexual", D.EXPLOITATION, "excessive_working_days_or_hours", Strength.MEDIUM),
        ("child_sexual", D.EXPLOITATION, "hazardous_work", Strength.STRONG),
        ("adult_labour", D.ABUSE_AT_DESTINATION, "personal_characteristics", Strength.WEAK),
        ("child_labour", D.ABUSE_AT_DESTINATION, "personal_characteristics", Strength.MEDIUM),
    ],
)
def test_an_indicators_strength_depends_on_the_list_and_dimension(
    list_code: str, dimension: DimensionCode, indicator: str, strength: Strength
) -> None:
    found = ilo.indicator_list(list_code).dimension(dimension)
    assert {i.code: i.strength for i in found.indicators}[indicator] is strength


@pytest.mark.parametrize(
    ("list_code", "absent_key"),
    [
        ("child_labour", "abusive_recruitment.false_information_about_law_and_authorities"),
        ("child_labour", "exploitation.no_social_protection"),
        ("child_sexual", "exploitation.no_social_protection"),
    ],
)
def test_the_child_lists_leave_out_two_adult_indicators(list_code: str, absent_key: str) -> None:
    assert absent_key in ilo.indicator_list("adult_labour").indicator_keys
    assert absent_key not in ilo.indicator_list(list_code).indicator_keys


@pytest.mark.parametrize("list_code", ["child_labour", "child_sexual"])
def test_the_child_lists_rate_no_indicator_weak(list_code: str) -> None:
    strengths = {i.strength for i in ilo.indicator_list(list_code).indicators}
    assert Strength.WEAK not in strengths


@pytest.mark.parametrize("list_code", LIST_CODES)
def test_every_label_is_in_english_chinese_and_portuguese(list_code: str) -> None:
    found = ilo.indicator_list(list_code)
    labels = [found.label, *(d.label for d in found.dimensions)]
    labels += [i.label for i in found.indicators]
    for label in labels:
        assert all(text.strip() for text in (label.en, label.zh_hant, label.pt)), label


def test_strengths_are_labelled_in_three_languages() -> None:
    assert ilo.strength_label(Strength.STRONG).pt == "Forte"
    labels = [ilo.strength_label(s) for s in Strength]
    assert all(label.en and label.zh_hant and label.pt for label in labels)


def test_the_data_has_no_outcome_labels_of_its_own() -> None:
    # The outcomes' one vocabulary is outcomes.ScreeningOutcome; a second set of labels here
    # is how the Chinese result page and list came to disagree.
    assert "outcomes" not in ilo.read_indicator_data()


def test_a_shared_indicator_has_the_same_wording_in_every_list_and_dimension() -> None:
    wording: dict[str, set[str]] = {}
    for found in ilo.indicator_lists():
        for indicator in found.indicators:
            wording.setdefault(indicator.code, set()).add(indicator.label.en)
    assert all(len(labels) == 1 for labels in wording.values())
    assert wording["debt_bondage"] == {"Debt bondage"}


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Debt bondage"),
        ("zh-Hant", "債務奴役"),
        ("zh-hant", "債務奴役"),
        ("pt", "Servidão por dívidas"),
        ("pt-PT", "Servidão por dívidas"),
        ("fr", "Debt bondage"),
    ],
)
def test_a_label_is_given_in_the_requested_language(language: str, expected: str) -> None:
    coercion = ilo.indicator_list("adult_labour").dimension(D.COERCION_AT_DESTINATION)
    label = next(i.label for i in coercion.indicators if i.code == "debt_bondage")
    assert label.in_language(language) == expected


def test_the_source_is_cited() -> None:
    cited = ilo.source()
    assert cited.title.startswith("Operational indicators of trafficking in human beings")
    assert "Delphi" in cited.title
    assert (cited.first_published, cited.revised) == ("2009-03", "2009-09")
    assert "WCMS_105023" in cited.url


def test_each_list_says_how_far_it_was_checked_against_the_publication() -> None:
    verification = {x.code: x.verification for x in ilo.indicator_lists()}
    assert verification == {
        "adult_labour": "secondary_source",
        "adult_sexual": "provisional",
        "child_labour": "secondary_source",
        "child_sexual": "provisional",
    }


# --- The validator catches broken data ---------------------------------------------------------


def _dimension(data: dict[str, Any], dimension: str) -> dict[str, Any]:
    found: dict[str, Any] = data["lists"]["adult_labour"]["dimensions"][dimension]
    return found


def _list_twice(data: dict[str, Any]) -> None:
    _dimension(data, "exploitation")["weak"].append("excessive_working_days_or_hours")


def _misspell_strength(data: dict[str, Any]) -> None:
    exploitation = _dimension(data, "exploitation")
    exploitation["very strong"] = exploitation.pop("strong")


def _drop_portuguese(data: dict[str, Any]) -> None:
    del data["indicators"]["debt_bondage"]["pt"]


def _blank_chinese(data: dict[str, Any]) -> None:
    data["dimensions"]["exploitation"]["zh-Hant"] = " "


def _name_unknown_indicator(data: dict[str, Any]) -> None:
    _dimension(data, "exploitation")["medium"].append("made_up_indicator")


def _drop_dimension(data: dict[str, Any]) -> None:
    del data["lists"]["adult_labour"]["dimensions"]["exploitation"]


def _add_unused_indicator(data: dict[str, Any]) -> None:
    data["indicators"]["unused"] = {"en": "Unused", "zh-Hant": "未用", "pt": "Não usado"}


def _bad_age_group(data: dict[str, Any]) -> None:
    data["lists"]["adult_labour"]["age_group"] = "elderly"


def _drop_section(data: dict[str, Any]) -> None:
    del data["strengths"]


def _drop_source_url(data: dict[str, Any]) -> None:
    del data["source"]["url"]


def _drop_provenance(data: dict[str, Any]) -> None:
    del data["lists"]["child_sexual"]["provenance"]


def _misspell_verification(data: dict[str, Any]) -> None:
    data["lists"]["adult_sexual"]["provenance"]["verification"] = "checked"


def _empty_dimension(data: dict[str, Any]) -> None:
    data["lists"]["adult_labour"]["dimensions"]["exploitation"] = {}


@pytest.mark.parametrize(
    ("break_data", "problem"),
    [
        (_list_twice, "lists 'excessive_working_days_or_hours' 2 times"),
        (_misspell_strength, "has strength 'very strong', not strong, medium or weak"),
        (_drop_portuguese, "indicator 'debt_bondage' has no 'pt' label"),
        (_blank_chinese, "dimension 'exploitation' has no 'zh-Hant' label"),
        (_name_unknown_indicator, "names unknown indicator 'made_up_indicator'"),
        (_drop_dimension, "list 'adult_labour' dimension 'exploitation' is missing"),
        (_add_unused_indicator, "indicator 'unused' is in no list"),
        (_bad_age_group, "list 'adult_labour' has age_group 'elderly'"),
        (_drop_section, "missing section 'strengths'"),
        (_drop_source_url, "source has no 'url'"),
        (_drop_provenance, "list 'child_sexual' has no provenance.verification"),
        (_misspell_verification, "list 'adult_sexual' has verification 'checked', not one of"),
        (_empty_dimension, "dimension 'exploitation' has no indicators"),
    ],
)
def test_the_validator_reports_broken_data(
    break_data: Callable[[dict[str, Any]], None], problem: str
) -> None:
    data = ilo.read_indicator_data()
    break_data(data)
    assert any(problem in found for found in ilo.find_problems(data)), ilo.find_problems(data)


@pytest.fixture
def fresh_catalogue() -> Iterator[None]:
    # The loader caches its result; start and finish with an empty cache so no test sees another's.
    ilo._catalogue.cache_clear()
    yield
    ilo._catalogue.cache_clear()


@pytest.mark.usefixtures("fresh_catalogue")
def test_the_loader_refuses_broken_data(monkeypatch: pytest.MonkeyPatch) -> None:
    broken = ilo.read_indicator_data()
    _list_twice(broken)
    monkeypatch.setattr(ilo, "read_indicator_data", lambda: broken)
    with pytest.raises(ilo.IndicatorDataError, match="2 times"):
        ilo.indicator_lists()


def test_importing_the_module_reads_nothing_and_needs_no_django_settings() -> None:
    script = (
        "import palermo.screening.ilo as ilo\n"
        "from django.conf import settings\n"
        "assert ilo._catalogue.cache_info().currsize == 0, 'data read at import time'\n"
        "assert not settings.configured, 'settings configured'\n"
        "assert ilo.indicator_list('adult_labour').code == 'adult_labour'\n"
        "assert ilo.assess('adult_labour', {}).outcome == 'not_indicated'\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 0, done.stderr
