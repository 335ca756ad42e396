"""A search of the generalisation lattice for the least-loss k-anonymous, ℓ-diverse release.

In the manner of ARX's Flash: a node is one level per dimension; k-anonymity and ℓ-diversity
with suppression are monotone (if a node passes, every more general node passes), so a node
dominated by a known failure is never evaluated. The search climbs greedily from the bottom to the
first passing node, then walks to neighbours (one level down, or one down and one up) while the
information loss falls (weighted generalisation, with suppressed rows counting as fully lost).
It is a heuristic: the node it returns is locally optimal.
"""

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from palermo_analytics.disclosure._encoding import Codes, EncodedTable, combine

Node = tuple[int, ...]
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class Policy:
    k: int = 11
    l: int = 2  # noqa: E741 — ℓ, as in the literature
    suppress_max: float = 0.05


@dataclass(frozen=True)
class ClassTable:
    """A node's equivalence classes: each dimension's code and the persons in each class."""

    codes: list[Codes]
    weights: Codes


@dataclass(frozen=True)
class Evaluation:
    node: Node
    passes: bool
    persons: int
    suppressed: int
    classes: int
    discernibility: float
    generalisation: float  # weighted share of the hierarchies climbed, 0 (none) to 1 (all)
    kept: Codes  # per class of the node: released (True) or suppressed

    @property
    def suppressed_share(self) -> float:
        return self.suppressed / self.persons if self.persons else 1.0

    @property
    def loss(self) -> float:
        """Information loss (ARX's "loss" in spirit): the generalisation of released rows, and
        everything of a suppressed row; what the search minimises."""
        if not self.passes:
            return float("inf")
        share = self.suppressed_share
        return self.generalisation * (1 - share) + share


class LatticeSearch:
    def __init__(self, table: EncodedTable, policy: Policy, budget: int = 400) -> None:
        self.table, self.policy, self.budget = table, policy, budget
        self.heights = tuple(len(d.codes) - 1 for d in table.dimensions)
        self.cache: dict[Node, Evaluation] = {}
        self.passing: list[Node] = []
        self.failing: list[Node] = []
        bottom = tuple(0 for _ in self.heights)
        self.classes: dict[Node, ClassTable] = {
            bottom: ClassTable([d.codes[0] for d in table.dimensions], table.weights)
        }

    def run(self, progress: Progress | None = None) -> Evaluation:
        self.floor = self._lowest_possible_levels()
        current = self.evaluate(self.floor)
        while not current.passes:
            steps = [self.evaluate(n) for n in self._successors(current.node)]
            if not steps:
                break  # the top of the lattice fails: nothing can be released
            current = min(steps, key=lambda e: (not e.passes, e.suppressed, e.generalisation))
            self._report(progress)
        best = current
        while best.passes and len(self.cache) < self.budget:
            better = self._best_neighbour(best)
            if better is None:
                break
            best = better
            self._report(progress)
        return best

    def evaluate(self, node: Node) -> Evaluation:
        if node in self.cache:
            return self.cache[node]
        known = self._known(node)
        if known is not None:
            return known
        evaluation = self._measure(node)
        self.cache[node] = evaluation
        (self.passing if evaluation.passes else self.failing).append(node)
        return evaluation

    def _lowest_possible_levels(self) -> Node:
        """Each dimension's lowest level at which it passes k on its own.

        If every combination of all columns occurs k times, so does every value of one column:
        a level whose own small values hold more than the suppression allowed can never pass,
        whatever the other dimensions do. One cheap count per level skips the costly bottom.
        """
        weights, persons, policy = self.table.weights, self.table.persons, self.policy
        floor = []
        for d in self.table.dimensions:
            level = 0
            for level, codes in enumerate(d.codes):  # noqa: B007 — the level reached is kept
                sizes = np.bincount(codes, weights=weights)
                small = float(weights[sizes[codes] < policy.k].sum())
                if small <= policy.suppress_max * persons:
                    break
            floor.append(level)
        return tuple(floor)

    def _known(self, node: Node) -> Evaluation | None:
        """A node below a known failure fails too: skip the group-bys."""
        floor = getattr(self, "floor", None)
        below_floor = floor is not None and any(a < b for a, b in zip(node, floor, strict=True))
        for failed in [*self.failing, *([node] if below_floor else [])]:
            if all(a <= b for a, b in zip(node, failed, strict=True)):
                persons = self.table.persons
                empty = np.zeros(len(self.table.weights), dtype=bool)
                return Evaluation(node, False, persons, persons, 0, float("inf"), 1.0, empty)
        return None

    def _measure(self, node: Node) -> Evaluation:
        """k and ℓ from the node's equivalence classes, merged from a finer node's classes."""
        classes = self._classes(node)
        weights, persons = classes.weights, self.table.persons
        kept = weights >= self.policy.k
        kept &= self._diverse(node, classes.codes, kept)
        suppressed = int(weights[~kept].sum())
        passes = suppressed <= self.policy.suppress_max * persons and suppressed < persons
        discernibility = float((weights[kept] ** 2).sum()) + suppressed * float(persons)
        return Evaluation(
            node,
            passes,
            persons,
            suppressed,
            int(kept.sum()),
            discernibility,
            self._generalisation(node),
            kept,
        )

    def released_classes(self, node: Node) -> tuple["ClassTable", Codes]:
        """The node's equivalence classes and which of them are released."""
        classes = self._classes(node)
        kept = classes.weights >= self.policy.k
        return classes, kept & self._diverse(node, classes.codes, kept)

    def _classes(self, node: Node) -> "ClassTable":
        """Merge the classes of the smallest known finer node: cheap once generalised."""
        finer = min(
            (n for n in self.classes if all(a <= b for a, b in zip(n, node, strict=True))),
            key=lambda n: len(self.classes[n].weights),
        )
        source, dims = self.classes[finer], self.table.dimensions
        codes = []
        for d, codes_at, start, stop in zip(dims, source.codes, finer, node, strict=True):
            for level in range(start, stop):
                codes_at = d.up[level][codes_at]
            codes.append(codes_at)
        full, count = combine(
            codes, [d.cardinalities[lv] for d, lv in zip(dims, node, strict=True)]
        )
        first = np.full(count, -1, dtype=np.int64)
        first[full[::-1]] = np.arange(len(full))[::-1]
        merged = ClassTable(
            [c[first] for c in codes], np.bincount(full, weights=source.weights, minlength=count)
        )
        if count < 0.5 * len(source.weights):
            self.classes[node] = merged  # worth keeping as a starting point for others
        return merged

    def _generalisation(self, node: Node) -> float:
        dims = [d.dimension for d in self.table.dimensions]
        climbed = sum(d.weight * lv / d.height for d, lv in zip(dims, node, strict=True))
        return climbed / sum(d.weight for d in dims)

    def _diverse(self, node: Node, codes: list[Codes], kept: Codes) -> Codes:
        """Rows whose class (non-sensitive dimensions) has ≥ ℓ values of each sensitive one."""
        dims = self.table.dimensions
        levels = list(zip(dims, node, codes, strict=True))
        quasi = [(d, lv, c) for d, lv, c in levels if not d.dimension.sensitive]
        sensitive = [
            (d, lv, c)
            for d, lv, c in levels
            if d.dimension.sensitive and lv < d.dimension.height  # the top level withholds it
        ]
        qi, qi_count = combine(
            [c for _, _, c in quasi], [d.cardinalities[lv] for d, lv, _ in quasi]
        )
        ok = np.ones(qi_count, dtype=bool)
        for d, lv, c in sensitive:
            cardinality = d.cardinalities[lv]
            pairs = np.unique(qi[kept] * cardinality + c[kept])
            distinct = np.bincount(pairs // cardinality, minlength=qi_count)
            ok &= distinct >= self.policy.l
        return ok[qi]

    def _successors(self, node: Node) -> list[Node]:
        return [
            (*node[:i], level + 1, *node[i + 1 :])
            for i, level in enumerate(node)
            if level < self.heights[i]
        ]

    def _neighbours(self, node: Node) -> list[Node]:
        down = [(*node[:i], lv - 1, *node[i + 1 :]) for i, lv in enumerate(node) if lv > 0]
        swaps = [
            (*n[:j], n[j] + 1, *n[j + 1 :])
            for n in down
            for j in range(len(node))
            if n[j] < self.heights[j] and n[j] == node[j] and j != self._lowered(node, n)
        ]
        return down + swaps

    @staticmethod
    def _lowered(node: Node, lower: Node) -> int:
        return next(i for i, (a, b) in enumerate(zip(node, lower, strict=True)) if a != b)

    def _best_neighbour(self, best: Evaluation) -> Evaluation | None:
        candidates = []
        for node in self._neighbours(best.node):
            if len(self.cache) >= self.budget:
                break
            evaluation = self.evaluate(node)
            if evaluation.passes and evaluation.loss < best.loss:
                candidates.append(evaluation)
        return min(candidates, key=lambda e: e.loss) if candidates else None

    def _report(self, progress: Progress | None) -> None:
        if progress is not None:
            progress("searching the generalisation lattice", len(self.cache), self.budget)
