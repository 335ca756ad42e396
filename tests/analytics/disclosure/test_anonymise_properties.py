"""Property tests: whatever the registry, a release is k-anonymous and ℓ-diverse as pycanon
(not the exporter) measures it, and holds nothing that leads back to a person."""

import re

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from palermo_analytics.disclosure import (
    DIMENSIONS,
    RELEASE_COLUMNS,
    UNKNOWN,
    NothingReleasable,
    Policy,
    anonymise,
    check_release,
    synthetic_ctdc_table,
)
from palermo_analytics.disclosure._ctdc import AGE_BANDS, FLAG_COLUMNS

COUNTRIES = ["MO", "CN", "VN", "PH", "NA", "TH", UNKNOWN]
FLAG = st.sampled_from(["0", "1", UNKNOWN])


@st.composite
def registries(draw: st.DrawFn) -> pd.DataFrame:
    """A random registry in CTDC columns: a few dozen to a few hundred victims."""
    n = draw(st.integers(min_value=30, max_value=300))
    seed = draw(st.integers(min_value=0, max_value=2**16))
    table = synthetic_ctdc_table(n, seed=seed).astype(str)
    # Skew some columns further, so that some registries are hard to protect.
    table["citizenship"] = draw(st.lists(st.sampled_from(COUNTRIES), min_size=n, max_size=n))
    table["ageBroad"] = draw(
        st.lists(st.sampled_from([*AGE_BANDS, UNKNOWN]), min_size=n, max_size=n)
    )
    return table


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    table=registries(),
    k=st.integers(min_value=2, max_value=15),
    l=st.integers(min_value=1, max_value=3),
    suppress_max=st.sampled_from([0.0, 0.02, 0.05, 0.1]),
)
def test_every_release_is_k_anonymous_and_l_diverse_by_pycanon(
    table: pd.DataFrame,
    k: int,
    l: int,  # noqa: E741
    suppress_max: float,
) -> None:
    try:
        release = anonymise(table, Policy(k, l, suppress_max))
    except NothingReleasable:
        return  # refusing is always allowed; releasing a weak table never is
    verdict = check_release(release.data, k, l)
    assert verdict.k >= k
    assert not verdict.sensitive_released or verdict.l >= l
    assert release.transformation.suppressed <= suppress_max * len(table)
    assert len(release.data) == len(table) - release.transformation.suppressed


@settings(max_examples=10, deadline=None)
@given(table=registries())
def test_a_release_holds_only_coded_ctdc_columns(table: pd.DataFrame) -> None:
    """No free text, no date finer than the year, no reference or row number."""
    table = table.assign(narrative="she said…", reference="VC-12345-ABCDE", opened="2020-03-04")
    try:
        release = anonymise(table[RELEASE_COLUMNS], Policy(5, 1, 0.1))
    except NothingReleasable:
        return
    assert list(release.data.columns) == RELEASE_COLUMNS
    cells = set(release.data.to_numpy().ravel())
    assert not any(re.search(r"\d{4}-\d{2}", c) for c in cells)  # no month or day
    assert not any(re.search(r"[A-Z]{2}-[0-9A-Z]{5}", c) for c in cells)  # no reference
    for column in FLAG_COLUMNS:
        assert set(release.data[column]) <= {"0", "1", UNKNOWN}


def test_rows_come_out_sorted_so_their_order_says_nothing() -> None:
    table = synthetic_ctdc_table(3000, seed=5).astype(str)
    release = anonymise(table, Policy(11, 2, 0.05))
    data = release.data
    assert data.equals(data.sort_values(list(data.columns)).reset_index(drop=True))


def test_the_report_names_each_dimension_level_and_the_loss() -> None:
    release = anonymise(synthetic_ctdc_table(3000, seed=6), Policy(11, 2, 0.05))
    report = release.transformation.as_dict()
    assert set(report["levels"]) == {d.name for d in DIMENSIONS}
    assert 0 <= report["share_suppressed"] <= 0.05
    assert report["average_class_size"] >= 1.0 or report["released"] == 0
    assert 0 <= report["information_loss"] <= 1


def test_the_checker_catches_a_weak_release() -> None:
    """pycanon must be able to fail: a raw table is not 11-anonymous."""
    raw = synthetic_ctdc_table(500, seed=7).astype(str)
    assert not check_release(raw, 11, 2).passes


def test_a_table_without_the_ctdc_columns_is_refused() -> None:
    with pytest.raises(ValueError, match="lacks the CTDC columns"):
        anonymise(pd.DataFrame({"gender": ["Female"]}))
