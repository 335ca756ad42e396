"""Scoring a screening against the ILO / European Commission indicator lists.

Indicators are picked from the loaded lists by strength, so the rules are exercised with real
indicators of every list rather than codes written into the tests.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from palermo.screening import ilo
from palermo.screening.ilo import AgeGroup, Answer, Dimension, DimensionCode, Indicator
from palermo.screening.ilo import Strength as S
from palermo.screening.outcomes import ScreeningOutcome

D = DimensionCode
LIST_CODES = ("adult_labour", "adult_sexual", "child_labour", "child_sexual")

# (strong, medium, weak observed in one dimension, present?, name)
RULES = [
    (0, 0, 0, False, "nothing observed"),
    (1, 0, 0, False, "one strong alone"),
    (2, 0, 0, True, "two strong"),
    (3, 0, 0, True, "three strong"),
    (1, 1, 0, True, "one strong and one medium"),
    (1, 0, 1, True, "one strong and one weak"),
    (0, 1, 0, False, "one medium"),
    (0, 2, 0, False, "two medium"),
    (0, 3, 0, True, "three medium"),
    (0, 4, 0, True, "four medium"),
    (0, 2, 1, True, "two medium and one weak"),
    (0, 1, 1, False, "one medium and one weak"),
    (0, 1, 2, False, "one medium and two weak"),
    (0, 0, 1, False, "one weak"),
    (0, 0, 2, False, "two weak"),
    (0, 0, 3, False, "three weak"),
]


def _enough(dimension: Dimension, strong: int, medium: int, weak: int) -> bool:
    wanted = {S.STRONG: strong, S.MEDIUM: medium, S.WEAK: weak}
    return all(len(dimension.indicators_of_strength(s)) >= n for s, n in wanted.items())


def _dimension_offering(list_code: str, strong: int, medium: int, weak: int) -> Dimension | None:
    dimensions = ilo.indicator_list(list_code).dimensions
    return next((d for d in dimensions if _enough(d, strong, medium, weak)), None)


def _pick(dimension: Dimension, strong: int, medium: int, weak: int) -> list[Indicator]:
    return [
        *dimension.indicators_of_strength(S.STRONG)[:strong],
        *dimension.indicators_of_strength(S.MEDIUM)[:medium],
        *dimension.indicators_of_strength(S.WEAK)[:weak],
    ]


def _observed(indicators: list[Indicator]) -> dict[str, Answer]:
    return {i.key: Answer.OBSERVED for i in indicators}


def _fewest_making_present(dimension: Dimension) -> list[Indicator]:
    # The smallest observed sets that make a dimension present, strongest first.
    for strong, medium, weak in ((2, 0, 0), (1, 1, 0), (1, 0, 1), (0, 3, 0), (0, 2, 1)):
        if _enough(dimension, strong, medium, weak):
            return _pick(dimension, strong, medium, weak)
    raise AssertionError(f"{dimension.code} can never be present")


def _rule_cases() -> Iterator[Any]:
    for list_code in LIST_CODES:
        for strong, medium, weak, present, name in RULES:
            if _dimension_offering(list_code, strong, medium, weak):
                yield pytest.param(
                    list_code, strong, medium, weak, present, id=f"{list_code}-{name}"
                )


def _inapplicable_rules(list_code: str) -> set[str]:
    return {name for s, m, w, _, name in RULES if not _dimension_offering(list_code, s, m, w)}


# --- When is a dimension present ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("strong", "medium", "weak", "present"),
    [pytest.param(s, m, w, p, id=name) for s, m, w, p, name in RULES]
    + [
        pytest.param(0, 1, 9, False, id="one medium and many weak"),
        pytest.param(0, 0, 9, False, id="many weak"),
        pytest.param(1, 9, 9, True, id="one strong and many others"),
    ],
)
def test_the_dimension_rule(strong: int, medium: int, weak: int, present: bool) -> None:
    strengths = [S.STRONG] * strong + [S.MEDIUM] * medium + [S.WEAK] * weak
    assert ilo.dimension_is_present(strengths) is present


@pytest.mark.parametrize(("list_code", "strong", "medium", "weak", "present"), list(_rule_cases()))
def test_the_dimension_rule_with_real_indicators_of_every_list(
    list_code: str, strong: int, medium: int, weak: int, present: bool
) -> None:
    dimension = _dimension_offering(list_code, strong, medium, weak)
    assert dimension is not None
    chosen = _pick(dimension, strong, medium, weak)

    finding = ilo.assess(list_code, _observed(chosen)).finding(dimension.code)

    assert finding.present is present
    assert set(finding.observed) == set(chosen)


@pytest.mark.parametrize(
    ("list_code", "inapplicable"),
    [
        ("adult_labour", {"three weak"}),
        ("adult_sexual", {"three weak"}),
        (
            "child_labour",
            {
                "one strong and one weak",
                "two medium and one weak",
                "one medium and one weak",
                "one medium and two weak",
                "one weak",
                "two weak",
                "three weak",
            },
        ),
        (
            "child_sexual",
            {
                "one strong and one weak",
                "two medium and one weak",
                "one medium and one weak",
                "one medium and two weak",
                "one weak",
                "two weak",
                "three weak",
            },
        ),
    ],
)
def test_only_rules_the_data_cannot_offer_are_left_out(
    list_code: str, inapplicable: set[str]
) -> None:
    # The child lists rate nothing weak and no adult dimension has three weak indicators.
    assert _inapplicable_rules(list_code) == inapplicable


@pytest.mark.parametrize("list_code", LIST_CODES)
@pytest.mark.parametrize("answer", [Answer.NOT_OBSERVED, Answer.UNKNOWN, "not_observed", "unknown"])
def test_only_observed_indicators_count(list_code: str, answer: Answer | str) -> None:
    dimension = _dimension_offering(list_code, 2, 1, 0)
    assert dimension is not None
    answers = {i.key: answer for i in dimension.indicators}

    assessment = ilo.assess(list_code, answers)

    assert assessment.finding(dimension.code) == ilo.DimensionFinding(dimension.code, False, ())
    assert assessment.outcome is ScreeningOutcome.NOT_INDICATED


@pytest.mark.parametrize("list_code", LIST_CODES)
@pytest.mark.parametrize("not_counted", [Answer.NOT_OBSERVED, Answer.UNKNOWN])
def test_one_strong_observed_beside_a_medium_not_observed_is_not_enough(
    list_code: str, not_counted: Answer
) -> None:
    dimension = _dimension_offering(list_code, 1, 1, 0)
    assert dimension is not None
    strong, medium = _pick(dimension, 1, 1, 0)

    assessment = ilo.assess(list_code, {strong.key: Answer.OBSERVED, medium.key: not_counted})

    assert assessment.finding(dimension.code).present is False
    assert assessment.finding(dimension.code).observed == (strong,)


@pytest.mark.parametrize("list_code", LIST_CODES)
def test_answers_may_be_given_as_their_string_values(list_code: str) -> None:
    dimension = _dimension_offering(list_code, 2, 0, 0)
    assert dimension is not None
    answers = {i.key: "observed" for i in _pick(dimension, 2, 0, 0)}

    assert ilo.assess(list_code, answers).finding(dimension.code).present is True


@pytest.mark.parametrize("list_code", LIST_CODES)
def test_every_dimension_of_every_list_can_be_present(list_code: str) -> None:
    for dimension in ilo.indicator_list(list_code).dimensions:
        chosen = _fewest_making_present(dimension)
        assert ilo.assess(list_code, _observed(chosen)).present_dimensions == (dimension.code,)


@pytest.mark.parametrize("list_code", LIST_CODES)
def test_an_indicator_asked_twice_is_answered_per_dimension(list_code: str) -> None:
    found = ilo.indicator_list(list_code)
    recruitment = found.dimension(D.COERCIVE_RECRUITMENT)
    destination = found.dimension(D.COERCION_AT_DESTINATION)
    shared = next(
        i for i in recruitment.indicators if i.code in {j.code for j in destination.indicators}
    )

    assessment = ilo.assess(list_code, {shared.key: Answer.OBSERVED})

    assert assessment.finding(recruitment.code).observed == (shared,)
    assert assessment.finding(destination.code).observed == ()


# --- Outcomes ----------------------------------------------------------------------------------

PV, FA, NI = (
    ScreeningOutcome.PRESUMED_VICTIM,
    ScreeningOutcome.FURTHER_ASSESSMENT,
    ScreeningOutcome.NOT_INDICATED,
)

# (dimensions made present, outcome for an adult, outcome for a child)
COMBINATIONS = [
    ({D.DECEPTIVE_RECRUITMENT, D.EXPLOITATION, D.COERCION_AT_DESTINATION}, PV, PV),
    ({D.COERCIVE_RECRUITMENT, D.EXPLOITATION, D.COERCION_AT_DESTINATION}, PV, PV),
    ({D.ABUSIVE_RECRUITMENT, D.EXPLOITATION, D.COERCION_AT_DESTINATION}, PV, PV),
    ({D.DECEPTIVE_RECRUITMENT, D.EXPLOITATION, D.ABUSE_AT_DESTINATION}, PV, PV),
    ({D.COERCIVE_RECRUITMENT, D.EXPLOITATION, D.ABUSE_AT_DESTINATION}, PV, PV),
    ({D.ABUSIVE_RECRUITMENT, D.EXPLOITATION, D.ABUSE_AT_DESTINATION}, PV, PV),
    (set(DimensionCode), PV, PV),
    ({D.DECEPTIVE_RECRUITMENT, D.EXPLOITATION}, FA, PV),
    ({D.COERCIVE_RECRUITMENT, D.EXPLOITATION}, FA, PV),
    ({D.ABUSIVE_RECRUITMENT, D.EXPLOITATION}, FA, PV),
    ({D.EXPLOITATION, D.COERCION_AT_DESTINATION, D.ABUSE_AT_DESTINATION}, FA, FA),
    ({D.EXPLOITATION}, FA, FA),
    (set(DimensionCode) - {D.EXPLOITATION}, FA, FA),
    ({D.DECEPTIVE_RECRUITMENT}, FA, FA),
    ({D.ABUSE_AT_DESTINATION}, FA, FA),
    (set(), NI, NI),
]


def _combination_cases() -> Iterator[Any]:
    for list_code in LIST_CODES:
        child = ilo.indicator_list(list_code).age_group is AgeGroup.CHILD
        for present, adult_outcome, child_outcome in COMBINATIONS:
            expected = child_outcome if child else adult_outcome
            name = "+".join(d.value for d in DimensionCode if d in present) or "none"
            yield pytest.param(list_code, present, expected, id=f"{list_code}-{name}")


@pytest.mark.parametrize(("list_code", "present", "expected"), list(_combination_cases()))
def test_the_outcome_for_adults_and_children(
    list_code: str, present: set[DimensionCode], expected: ScreeningOutcome
) -> None:
    chosen = [
        indicator
        for dimension in ilo.indicator_list(list_code).dimensions
        if dimension.code in present
        for indicator in _fewest_making_present(dimension)
    ]

    assessment = ilo.assess(list_code, _observed(chosen))

    assert assessment.outcome is expected
    assert assessment.present_dimensions == tuple(d for d in DimensionCode if d in present)


@pytest.mark.parametrize("list_code", LIST_CODES)
def test_one_strong_indicator_alone_calls_for_further_assessment(list_code: str) -> None:
    dimension = _dimension_offering(list_code, 1, 0, 0)
    assert dimension is not None
    [strong] = _pick(dimension, 1, 0, 0)

    assessment = ilo.assess(list_code, {strong.key: Answer.OBSERVED})

    assert assessment.outcome is ScreeningOutcome.FURTHER_ASSESSMENT
    assert assessment.present_dimensions == ()
    assert assessment.strong_indicators_observed == (strong,)


def _too_few_cases() -> Iterator[Any]:
    for list_code in LIST_CODES:
        for medium, weak in ((1, 0), (2, 0), (0, 1), (1, 1), (1, 2)):
            if _dimension_offering(list_code, 0, medium, weak):
                yield pytest.param(list_code, medium, weak, id=f"{list_code}-{medium}m-{weak}w")


@pytest.mark.parametrize(("list_code", "medium", "weak"), list(_too_few_cases()))
def test_a_few_medium_or_weak_indicators_alone_are_not_indicated(
    list_code: str, medium: int, weak: int
) -> None:
    dimension = _dimension_offering(list_code, 0, medium, weak)
    assert dimension is not None
    chosen = _pick(dimension, 0, medium, weak)

    assert ilo.assess(list_code, _observed(chosen)).outcome is ScreeningOutcome.NOT_INDICATED


@pytest.mark.parametrize("list_code", LIST_CODES)
def test_no_answers_are_not_indicated(list_code: str) -> None:
    assessment = ilo.assess(list_code, {})

    assert assessment.outcome is ScreeningOutcome.NOT_INDICATED
    assert assessment.reasons == {}
    assert [f.dimension for f in assessment.findings] == list(DimensionCode)


@pytest.mark.parametrize("list_code", LIST_CODES)
def test_a_presumed_victim_is_explained_by_dimension_and_indicator(list_code: str) -> None:
    found = ilo.indicator_list(list_code)
    made_present = [D.DECEPTIVE_RECRUITMENT, D.EXPLOITATION, D.COERCION_AT_DESTINATION]
    chosen = {d: _fewest_making_present(found.dimension(d)) for d in made_present}
    stray = found.dimension(D.ABUSIVE_RECRUITMENT).indicators_of_strength(S.MEDIUM)[0]
    answers = _observed([i for picked in chosen.values() for i in picked] + [stray])

    assessment = ilo.assess(list_code, answers)

    assert assessment.outcome is ScreeningOutcome.PRESUMED_VICTIM
    assert assessment.reasons == {d: tuple(chosen[d]) for d in made_present}
    assert assessment.finding(D.ABUSIVE_RECRUITMENT).observed == (stray,)
    assert D.ABUSIVE_RECRUITMENT not in assessment.reasons
    for dimension, indicators in assessment.reasons.items():
        assert all(i.dimension is dimension and i.strength in S for i in indicators)


# --- Mistakes in the answers -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("list_code", "key"),
    [
        ("adult_labour", "exploitation.made_up_indicator"),
        ("adult_sexual", "debt_bondage"),
        ("child_sexual", "nowhere.debt_bondage"),
    ],
)
def test_an_unknown_indicator_names_itself_and_the_list(list_code: str, key: str) -> None:
    with pytest.raises(ValueError, match=f"unknown indicator '{key}' for list '{list_code}'"):
        ilo.assess(list_code, {key: Answer.OBSERVED})


@pytest.mark.parametrize("list_code", ["child_labour", "child_sexual"])
def test_an_adult_only_indicator_is_unknown_to_the_child_lists(list_code: str) -> None:
    adult_only = sorted(
        ilo.indicator_list("adult_labour").indicator_keys
        - ilo.indicator_list(list_code).indicator_keys
    )
    assert adult_only
    with pytest.raises(ValueError, match=f"'{adult_only[0]}' for list '{list_code}'"):
        ilo.assess(list_code, dict.fromkeys(adult_only, Answer.UNKNOWN))


def test_an_unknown_list_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown indicator list 'adult_organs'"):
        ilo.assess("adult_organs", {})


def test_an_answer_outside_the_three_is_refused() -> None:
    dimension = ilo.indicator_list("adult_labour").dimension(D.EXPLOITATION)
    with pytest.raises(ValueError, match="'maybe'"):
        ilo.assess("adult_labour", {dimension.indicators[0].key: "maybe"})
