"""The decomposable (chordal) graphs on p lists, each as a sum of marginal-table terms.

A decomposable graphical log-linear model's marginal likelihood under a hyper-Dirichlet prior
factorises over its cliques and separators (Dawid & Lauritzen 1993). Equivalently, along a perfect
ordering of the vertices (maximum cardinality search), it is the product over vertices v of
f(family of v) / f(earlier neighbours of v): the non-maximal families cancel against the
separators. Each graph is therefore one row of +1/-1 coefficients over the 2^p subsets of lists,
and the log marginal likelihoods of every graph are one matrix product.
"""

import functools
import itertools
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

# 2^15 graphs on 6 lists enumerate in seconds; 2^21 on 7 would take minutes and gigabytes.
MAX_LISTS = 6
MIN_LISTS = 3


@dataclass(frozen=True)
class DecomposableGraphs:
    """Every decomposable graph on p vertices.

    `coefficients[g, m]` is +1 or -1 (or a small integer) times the log marginal-likelihood term of
    the subset of lists whose bitmask is m; `cliques[g]` are graph g's maximal cliques as bitmasks.
    """

    lists: int
    coefficients: npt.NDArray[np.float64]
    cliques: tuple[tuple[int, ...], ...]

    def __len__(self) -> int:
        return len(self.cliques)


def check_list_count(lists: int) -> None:
    """Refuse tables the model average cannot handle, saying what to do instead."""
    if lists > MAX_LISTS:
        raise ValueError(
            f"model averaging over decomposable graphs handles at most {MAX_LISTS} lists, got "
            f"{lists}: merge lists that record the same route (e.g. two NGOs), or use another "
            "method (aic, latent-class)"
        )
    if lists < MIN_LISTS:
        raise ValueError(
            f"model averaging needs at least {MIN_LISTS} lists, got {lists}: with two lists only "
            "independence can be fitted; use main-effects"
        )


@functools.cache
def decomposable_graphs(lists: int) -> DecomposableGraphs:
    """All decomposable graphs on `lists` vertices (822 on 5, 18,154 on 6), cached per count."""
    check_list_count(lists)
    edges = list(itertools.combinations(range(lists), 2))
    rows: list[npt.NDArray[np.float64]] = []
    cliques: list[tuple[int, ...]] = []
    for chosen in range(2 ** len(edges)):
        neighbours = [0] * lists
        for bit, (a, b) in enumerate(edges):
            if chosen >> bit & 1:
                neighbours[a] |= 1 << b
                neighbours[b] |= 1 << a
        families = perfect_families(neighbours)
        if families is None:
            continue
        row = np.zeros(2**lists)
        for vertex, earlier in families:
            row[earlier | 1 << vertex] += 1.0
            row[earlier] -= 1.0
        rows.append(row)
        cliques.append(maximal_cliques([earlier | 1 << v for v, earlier in families]))
    return DecomposableGraphs(lists, np.array(rows), tuple(cliques))


def perfect_families(neighbours: list[int]) -> list[tuple[int, int]] | None:
    """(vertex, its neighbours visited before it) in maximum-cardinality-search order, or None.

    The graph is chordal exactly when every vertex's earlier neighbours form a clique
    (Tarjan & Yannakakis 1984).
    """
    visited = 0
    families: list[tuple[int, int]] = []
    for _ in range(len(neighbours)):
        vertex = max(
            (v for v in range(len(neighbours)) if not visited >> v & 1),
            key=lambda v: bin(neighbours[v] & visited).count("1"),
        )
        earlier = neighbours[vertex] & visited
        if not _is_clique(earlier, neighbours):
            return None
        families.append((vertex, earlier))
        visited |= 1 << vertex
    return families


def _is_clique(members: int, neighbours: list[int]) -> bool:
    return all(
        members & ~(1 << v) & ~neighbours[v] == 0
        for v in range(len(neighbours))
        if members >> v & 1
    )


def maximal_cliques(families: list[int]) -> tuple[int, ...]:
    """The families that no other family contains: the graph's maximal cliques."""
    unique = set(families)
    return tuple(sorted(f for f in unique if not any(f != g and f & g == f for g in unique)))


def clique_names(cliques: tuple[int, ...], lists: tuple[str, ...]) -> str:
    """A model in log-linear notation, its interactions: "A:B:C, C:D" ("none": independence)."""
    named = [
        ":".join(name for i, name in enumerate(lists) if clique >> i & 1)
        for clique in cliques
        if bin(clique).count("1") > 1
    ]
    return ", ".join(named) or "none"
