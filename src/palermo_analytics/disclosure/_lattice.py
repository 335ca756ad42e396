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

from palermo_analytics.disclosure._encoding import Codes, EncodedTable, combine, narrow
from palermo_analytics.disclosure._keys import digit, diverse_classes, group, key_layout, pack

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
            self._keep_classes(current.node)  # all its successors start from it
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
                return Evaluation(node, False, persons, persons, 0, float("inf"), 1.0)
        return None

    def _measure(self, node: Node) -> Evaluation:
        """k and ℓ from the node's equivalence classes, merged from a finer node's classes."""
        classes, kept = self._released(node, decoded=False)
        weights, persons = classes.weights, self.table.persons
        released = weights[kept]
        suppressed = persons - int(released.sum())
        passes = suppressed <= self.policy.suppress_max * persons and suppressed < persons
        discernibility = float((released.astype(np.float64) ** 2).sum()) + suppressed * float(
            persons
        )
        return Evaluation(
            node,
            passes,
            persons,
            suppressed,
            int(kept.sum()),
            discernibility,
            self._generalisation(node),
        )

    def released_classes(self, node: Node) -> tuple["ClassTable", Codes]:
        """The node's equivalence classes and which of them are released."""
        return self._released(node, decoded=True)

    def _released(self, node: Node, decoded: bool) -> tuple["ClassTable", Codes]:
        """Each class of the node and whether it is released: ≥ k persons, in a group of the
        non-sensitive dimensions with ≥ ℓ distinct values of each sensitive one released.

        The classes come from one sort of packed keys (`_keys`); a class table's codes are
        decoded from the keys only when asked for or worth keeping for coarser nodes.
        """
        finer, codes = self._lifted(node)
        dims = self.table.dimensions
        layout = key_layout(
            [d.cardinalities[lv] for d, lv in zip(dims, node, strict=True)],
            [d.dimension.sensitive for d in dims],
        )
        if layout is None:  # too many combinations for one int64 key: hash them instead
            classes = self._merged(node, finer, codes)
            kept = classes.weights >= self.policy.k
            return classes, kept & self._diverse(node, classes.codes, kept)
        keys, weights = group(pack(codes, layout), finer.weights, layout.span)
        kept = diverse_classes(
            keys, weights >= self.policy.k, layout, self._sensitive_released(node), self.policy.l
        )
        keep = len(keys) < 0.5 * len(finer.weights)  # worth keeping as a start for others
        class_codes = (
            [narrow(digit(keys, layout, i), b) for i, b in enumerate(layout.cardinalities)]
            if decoded or keep
            else []
        )
        classes = ClassTable(class_codes, weights)
        if keep:
            self.classes[node] = classes
        return classes, kept

    def _keep_classes(self, node: Node) -> None:
        if node not in self.classes:
            self.classes[node] = self._released(node, decoded=True)[0]

    def _sensitive_released(self, node: Node) -> list[int]:
        """The sensitive dimensions not withheld at this node (withheld discloses nothing)."""
        return [
            i
            for i, (d, lv) in enumerate(zip(self.table.dimensions, node, strict=True))
            if d.dimension.sensitive and lv < d.dimension.height
        ]

    def _lifted(self, node: Node) -> tuple["ClassTable", list[Codes]]:
        """The smallest known finer node's classes, with their codes lifted to this node."""
        finer = min(
            (n for n in self.classes if all(a <= b for a, b in zip(n, node, strict=True))),
            key=lambda n: len(self.classes[n].weights),
        )
        source, codes = self.classes[finer], []
        if not any(finer):  # the table itself: every level's codes are already at hand
            return source, [d.codes[lv] for d, lv in zip(self.table.dimensions, node, strict=True)]
        for d, codes_at, start, stop in zip(
            self.table.dimensions, source.codes, finer, node, strict=True
        ):
            for level in range(start, stop):
                codes_at = d.up[level][codes_at]
            codes.append(codes_at)
        return source, codes

    def _merged(self, node: Node, source: "ClassTable", codes: list[Codes]) -> "ClassTable":
        """The node's classes by hashing (the fallback when keys would overflow int64)."""
        dims = self.table.dimensions
        full, count = combine(
            codes, [d.cardinalities[lv] for d, lv in zip(dims, node, strict=True)]
        )
        first = np.full(count, -1, dtype=np.int64)
        first[full[::-1]] = np.arange(len(full))[::-1]
        weights = np.bincount(full, weights=source.weights, minlength=count).astype(np.int64)
        merged = ClassTable([c[first] for c in codes], weights)
        if count < 0.5 * len(source.weights):
            self.classes[node] = merged
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
            if not self._may_improve(node, best):
                continue
            evaluation = self.evaluate(node)
            if evaluation.passes and evaluation.loss < best.loss:
                candidates.append(evaluation)
        return min(candidates, key=lambda e: e.loss) if candidates else None

    def _may_improve(self, node: Node, best: Evaluation) -> bool:
        """A node's loss is at least its generalisation (suppressed rows only add to it), so a
        node generalised as much as the best loss cannot beat it: not worth its group-by."""
        return self._generalisation(node) < best.loss

    def _report(self, progress: Progress | None) -> None:
        if progress is not None:
            progress("searching the generalisation lattice", len(self.cache), self.budget)
