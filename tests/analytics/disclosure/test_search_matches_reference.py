"""The fast lattice search gives the release a straightforward computation gives.

The search works on packed integer keys, sorts and cached class tables; the reference here
generalises the text table with each level's own rule and counts with pandas group-bys. For random
registries, every node must measure the same, the search must choose the same node, and the
released rows must be the reference's rows at that node.
"""

import itertools

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from palermo_analytics.disclosure import (
    DIMENSIONS,
    RELEASE_COLUMNS,
    NothingReleasable,
    Policy,
    _keys,
    anonymise,
    synthetic_ctdc_table,
)
from palermo_analytics.disclosure._encoding import encode
from palermo_analytics.disclosure._lattice import Evaluation, LatticeSearch, Node

# The fixture only sets which key path runs: nothing in it needs resetting between examples.
SLOW = settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


_REMEMBERED: dict[int, tuple[pd.DataFrame, dict[tuple[int, int], pd.DataFrame]]] = {}


def generalised(table: pd.DataFrame, node: Node) -> pd.DataFrame:
    """The table with each dimension's columns put through its level's rule (remembered per
    dimension and level for the last table seen: the rules are slow cell by cell, and nodes
    share levels)."""
    if _REMEMBERED.get(0, (None,))[0] is not table:
        _REMEMBERED[0] = (table, {})
    remembered = _REMEMBERED[0][1]
    parts = []
    for i, (dimension, level) in enumerate(zip(DIMENSIONS, node, strict=True)):
        if (i, level) not in remembered:
            columns = table[list(dimension.columns)].reset_index(drop=True)
            remembered[i, level] = dimension.levels[level].generalise(columns).astype(str)
        parts.append(remembered[i, level])
    return pd.concat(parts, axis=1)


def joined(frame: pd.DataFrame) -> pd.Series:
    """One value per row standing for all its cells (pandas' row hash: nothing of the search)."""
    return pd.util.hash_pandas_object(frame, index=False)


def reference_kept(released: pd.DataFrame, node: Node, policy: Policy) -> pd.Series:
    """Rows in a class of ≥ k whose group of non-sensitive values holds ≥ ℓ distinct values of
    each sensitive dimension not withheld, counted over the classes of ≥ k."""
    cls = joined(released)
    large = cls.map(cls.value_counts()) >= policy.k
    quasi = joined(released[[c for d in DIMENSIONS if not d.sensitive for c in d.columns]])
    kept = large.copy()
    for dimension, level in zip(DIMENSIONS, node, strict=True):
        if dimension.sensitive and level < dimension.height:
            values = joined(released[list(dimension.columns)])
            distinct = values[large].groupby(quasi[large]).nunique()
            kept &= quasi.map(distinct).fillna(0) >= policy.l
    return kept


def reference_evaluation(table: pd.DataFrame, node: Node, policy: Policy) -> tuple:
    released = generalised(table, node)
    kept = reference_kept(released, node, policy)
    sizes = joined(released[kept]).value_counts().to_numpy().astype(float)
    suppressed = int((~kept).sum())
    persons = len(table)
    passes = suppressed <= policy.suppress_max * persons and suppressed < persons
    return passes, suppressed, len(sizes), float((sizes**2).sum()) + suppressed * float(persons)


def measured(evaluation: Evaluation) -> tuple:
    return (
        evaluation.passes,
        evaluation.suppressed,
        evaluation.classes,
        evaluation.discernibility,
    )


class ReferenceSearch(LatticeSearch):
    """The same walk, each node measured by the reference and every neighbour evaluated."""

    def __init__(self, table: pd.DataFrame, policy: Policy) -> None:
        super().__init__(encode(table, DIMENSIONS), policy)
        self.text = table

    def _measure(self, node: Node) -> Evaluation:
        passes, suppressed, classes, discernibility = reference_evaluation(
            self.text, node, self.policy
        )
        persons = len(self.text)
        generalisation = self._generalisation(node)
        return Evaluation(
            node, passes, persons, suppressed, classes, discernibility, generalisation
        )


@st.composite
def registries(draw: st.DrawFn) -> pd.DataFrame:
    n = draw(st.integers(min_value=20, max_value=250))
    table = synthetic_ctdc_table(n, seed=draw(st.integers(0, 2**16))).astype(str)
    # Few values in some columns, so classes are large enough to pass at low levels too.
    table["citizenship"] = draw(
        st.lists(st.sampled_from(["MO", "CN", "VN", "-99"]), min_size=n, max_size=n)
    )
    return table


POLICIES = st.builds(
    Policy,
    k=st.integers(2, 8),
    l=st.integers(1, 3),
    suppress_max=st.sampled_from([0.0, 0.05, 0.2, 0.5]),
)
HEIGHTS = [d.height for d in DIMENSIONS]


@pytest.fixture(params=["int64 keys", "hashing fallback"])
def key_path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "hashing fallback":  # keys "cannot fit": the search hashes instead
        monkeypatch.setattr(_keys, "KEY_LIMIT", 1)
    return str(request.param)


@SLOW
@given(table=registries(), policy=POLICIES, data=st.data())
def test_every_node_measures_as_the_reference(
    key_path: str, table: pd.DataFrame, policy: Policy, data: st.DataObject
) -> None:
    search = LatticeSearch(encode(table, DIMENSIONS), policy)
    nodes = data.draw(
        st.lists(st.tuples(*[st.integers(0, h) for h in HEIGHTS]), min_size=1, max_size=8)
    )
    for node in nodes:  # in this order, so later nodes start from cached coarser tables
        assert measured(search._measure(node)) == reference_evaluation(table, node, policy)


@settings(SLOW, max_examples=5)  # the reference search measures each node with pandas: slow
@given(table=registries(), policy=POLICIES)
def test_the_search_chooses_the_reference_node_and_releases_its_rows(
    key_path: str, table: pd.DataFrame, policy: Policy
) -> None:
    reference = ReferenceSearch(table, policy).run()
    try:
        release = anonymise(table, policy)
    except NothingReleasable:
        assert not reference.passes
        return
    chosen = tuple(release.transformation.level_numbers.values())
    assert chosen == reference.node
    assert release.transformation.suppressed == reference.suppressed
    assert release.transformation.discernibility == reference.discernibility
    assert release.transformation.information_loss == reference.loss
    released = generalised(table, chosen)
    expected = released[reference_kept(released, chosen, policy)][RELEASE_COLUMNS]
    expected = expected.sort_values(RELEASE_COLUMNS).reset_index(drop=True)
    assert release.data.astype(str).equals(expected)


def test_the_neighbours_skipped_could_not_have_been_chosen() -> None:
    """Skipping a neighbour whose generalisation is at least the best loss loses nothing: on
    a 3,000-person registry the search that evaluates every neighbour ends at the same node."""
    table = synthetic_ctdc_table(3000, seed=11).astype(str)
    policy = Policy(11, 2, 0.05)

    class EveryNeighbour(LatticeSearch):
        def _may_improve(self, node: Node, best: Evaluation) -> bool:
            return True

    every = EveryNeighbour(encode(table, DIMENSIONS), policy)
    fast = LatticeSearch(encode(table, DIMENSIONS), policy)
    assert measured(fast.run()) == measured(every.run())
    assert fast.run().node == every.run().node
    assert len(fast.cache) < len(every.cache)


def test_packed_keys_group_like_a_group_by() -> None:
    rng = np.random.default_rng(3)
    codes = [rng.integers(0, b, 5000) for b in (3, 7, 2, 11)]
    weights = rng.integers(1, 40, 5000)
    layout = _keys.key_layout([3, 7, 2, 11], [False, False, True, True])
    assert layout is not None
    keys, sizes = _keys.group(_keys.pack(codes, layout), weights, layout.span)
    frame = pd.DataFrame({f"d{i}": c for i, c in enumerate(codes)}).assign(w=weights)
    expected = frame.groupby([f"d{i}" for i in range(4)])["w"].sum()
    decoded = [
        tuple(int(_keys.digit(keys, layout, i)[j]) for i in range(4)) for j in range(len(keys))
    ]
    assert dict(zip(decoded, sizes.tolist(), strict=True)) == expected.to_dict()
    assert list(itertools.pairwise(keys)) == [(a, b) for a, b in itertools.pairwise(keys) if a < b]
