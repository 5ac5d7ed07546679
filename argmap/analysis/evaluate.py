"""Label every claim accepted, rejected or undecided: grounded semantics over claims and reasons.

The rules (docs/evaluation.md explains them, with sources and worked examples):

- a claim the reader marks rejected (accepted) is rejected (accepted);
- a reason holds when all its premises are accepted and no undercutting objection holds;
  it fails when a premise is rejected or an undercutting objection holds;
- any other claim is accepted when it has no support reason or one of them holds
  (convergent), and none of its rebutting objections holds; it is rejected when it has
  support reasons and all fail, or when a rebutting objection holds;
- what these rules leave open is undecided: the least fixed point (grounded labelling).

No I/O: this module works on the model only, so the CLI, the analysis and tests share it.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from ..errors import UsageError, did_you_mean
from ..model import ArgumentMap

ACCEPTED, REJECTED, UNDECIDED = "accepted", "rejected", "undecided"
HOLDS, FAILS = "holds", "fails"
CLAIM_LABELS = (ACCEPTED, REJECTED, UNDECIDED)

# Three-valued truth: True (in), False (out), None (undecided).
_CLAIM_WORD = {True: ACCEPTED, False: REJECTED, None: UNDECIDED}
_REASON_WORD = {True: HOLDS, False: FAILS, None: UNDECIDED}
_TWIN = "\x00twin"  # a contradiction's second direction: no map id can hold NUL
_CLAIM_VALUE = {word: value for value, word in _CLAIM_WORD.items()}
_REASON_VALUE = {word: value for value, word in _REASON_WORD.items()}


@dataclass(frozen=True)
class Labelling:
    """The label of every claim and every reason, in the map's order."""

    claims: dict[str, str]
    reasons: dict[str, str]

    def accepted(self) -> list[str]:
        return [c for c, label in self.claims.items() if label == ACCEPTED]

    def counts(self) -> dict[str, int]:
        return {label: sum(v == label for v in self.claims.values()) for label in CLAIM_LABELS}


def _all(values) -> bool | None:
    """Kleene conjunction: False if any is False, True if all are True, else None."""
    result: bool | None = True
    for value in values:
        if value is False:
            return False
        if value is None:
            result = None
    return result


def _any(values) -> bool | None:
    """Kleene disjunction: True if any is True, False if all are False, else None."""
    result: bool | None = False
    for value in values:
        if value is True:
            return True
        if value is None:
            result = None
    return result


def _not(value: bool | None) -> bool | None:
    return None if value is None else not value


class Evaluator:
    """A map compiled once for many evaluations (what-if questions ask hundreds).

    One evaluator serves one thread: changed_labels borrows and restores a shared table."""

    def __init__(self, amap: ArgumentMap):
        self.claim_ids = list(amap.claims)
        self.reason_ids = list(amap.reasons)
        self.premises = {r.id: list(r.premises) for r in amap.reasons.values()}
        self.supports: dict[str, list[str]] = {c: [] for c in self.claim_ids}
        self.objections: dict[str, list[str]] = {n: [] for n in self.claim_ids + self.reason_ids}
        # who must be looked at again when a node's label changes
        self.dependents: dict[str, list[str]] = {n: [] for n in self.claim_ids + self.reason_ids}
        # a contradiction between claims a and b is a mutual attack: the reason itself is b's
        # attack on a, its twin (an id no map can hold) a's attack on b; an undercut of the
        # contradiction undercuts both (the twin shares the reason's list of objections)
        self.twin: dict[str, str] = {}
        for reason in amap.reasons.values():
            if reason.is_contradiction and reason.conclusion in self.supports:
                twin = self.twin[reason.id] = reason.id + _TWIN
                self.premises[twin] = [reason.conclusion]
                self.objections[twin] = self.objections[reason.id]
                self.dependents[twin] = []
        for reason in amap.reasons.values():
            self._add_reason(reason.id, reason.conclusion, reason.is_objection)
            if reason.id in self.twin and reason.premises:
                self._add_reason(self.twin[reason.id], reason.premises[0], True)
        for reason_id, twin in self.twin.items():
            for undercut in self.objections[reason_id]:
                self.dependents[undercut].append(twin)
        self.order = self._dependencies_first()
        self.position = {node: i for i, node in enumerate(self.order)}
        self._base: Labelling | None = None  # the labelling _base_values holds (see _values_of)
        self._base_values: dict[str, bool | None] = {}

    def _add_reason(self, reason: str, target: str, objection: bool) -> None:
        if target not in self.objections:
            return  # a dangling reference; the loader reports it, evaluation ignores it
        if objection:
            self.objections[target].append(reason)
        elif target in self.supports:
            self.supports[target].append(reason)
        else:
            return  # support for a reason: the loader forbids it
        self.dependents[reason].append(target)
        for premise in self.premises[reason]:
            if premise in self.dependents:
                self.dependents[premise].append(reason)

    def _reason_word(self, reason: str, value: dict) -> str:
        """A reason's label; a contradiction holds when either side's attack holds."""
        if reason in self.twin:
            return _REASON_WORD[_any((value[reason], value[self.twin[reason]]))]
        return _REASON_WORD[value[reason]]

    def _dependencies_first(self) -> list[str]:
        """Every node after what it depends on (cycles aside): one sweep then decides most."""
        depends_on: dict[str, list[str]] = {n: [] for n in self.dependents}
        for node, dependents in self.dependents.items():
            for dependent in dependents:
                depends_on[dependent].append(node)
        order, seen = [], set()
        for start in self.claim_ids + self.reason_ids + list(self.twin.values()):
            if start in seen:
                continue
            seen.add(start)
            stack = [(start, iter(depends_on[start]))]
            while stack:
                node, below = stack[-1]
                for child in below:
                    if child not in seen:
                        seen.add(child)
                        stack.append((child, iter(depends_on[child])))
                        break
                else:
                    order.append(node)
                    stack.pop()
        return order

    def check_marks(self, rejected, accepted) -> tuple[frozenset, frozenset]:
        """The marks as sets of claim ids; UsageError naming a bad id and the valid ones."""
        claims = set(self.claim_ids)
        for what, ids in (("reject", rejected), ("accept", accepted)):
            for ident in ids:
                if ident in claims:
                    continue
                if ident in self.premises:
                    raise UsageError(
                        f"cannot {what} '{ident}': it is a reason, and only claims "
                        f"can be marked; reject one of its premises "
                        f"({', '.join(self.premises[ident])}) instead"
                    )
                raise UsageError(
                    f"cannot {what} '{ident}': no claim has that id"
                    f"{did_you_mean(ident, self.claim_ids)} "
                    f"(claim ids: {', '.join(sorted(claims))})"
                )
        both = sorted(set(rejected) & set(accepted))
        if both:
            raise UsageError(
                f"claim '{both[0]}' is marked both rejected and accepted; mark it one way"
            )
        return frozenset(rejected), frozenset(accepted)

    def _claim_value(self, claim: str, value: dict, rejected, accepted) -> bool | None:
        if claim in rejected:
            return False
        if claim in accepted:
            return True
        supports = self.supports[claim]
        supported = _any(value[r] for r in supports) if supports else True
        rebutted = _any(value[o] for o in self.objections[claim])
        return _all((supported, _not(rebutted)))

    def _reason_value(self, reason: str, value: dict) -> bool | None:
        premises = _all(value.get(p, False) for p in self.premises[reason])
        undercut = _any(value[o] for o in self.objections[reason])
        return _all((premises, _not(undercut)))

    def run(self, rejected=(), accepted=()) -> Labelling:
        """The grounded labelling under the reader's marks (validated by check_marks first)."""
        value: dict[str, bool | None] = dict.fromkeys(self.dependents)
        self._propagate(value, frozenset(rejected), frozenset(accepted), self.order)
        return Labelling(
            {c: _CLAIM_WORD[value[c]] for c in self.claim_ids},
            {r: self._reason_word(r, value) for r in self.reason_ids},
        )

    def rerun(self, base: Labelling, rejected, accepted, changed) -> Labelling:
        """The labelling after the marks of the claims in `changed` changed from those of `base`."""
        changes = self.changed_labels(base, rejected, accepted, changed)
        return Labelling({**base.claims, **changes.claims}, {**base.reasons, **changes.reasons})

    def changed_labels(self, base: Labelling, rejected, accepted, changed) -> Labelling:
        """The labels, after the marks of the claims in `changed` changed from those of `base`,
        of just the nodes that depend on a changed claim (in no particular order).

        Only those can change: everything else depends on nodes whose rules and marks are as
        they were, so it keeps its label in the least fixed point. The work is proportional
        to what depends on `changed`, not to the map: analyse asks this once per premise.
        """
        downstream, todo = set(changed), list(changed)
        while todo:
            for dependent in self.dependents[todo.pop()]:
                if dependent not in downstream:
                    downstream.add(dependent)
                    todo.append(dependent)
        value = self._values_of(base)
        saved = {node: value[node] for node in downstream}
        for node in downstream:
            value[node] = None
        try:
            self._propagate(
                value,
                frozenset(rejected),
                frozenset(accepted),
                sorted(downstream, key=self.position.__getitem__),
            )
            # a contradiction's label reads its twin's value too: both or neither changed
            reasons = {n.removesuffix(_TWIN) for n in downstream if n not in self.supports}
            return Labelling(
                {n: _CLAIM_WORD[value[n]] for n in downstream if n in self.supports},
                {n: self._reason_word(n, value) for n in reasons},
            )
        finally:
            value.update(saved)  # the shared values are base's again

    def _values_of(self, base: Labelling) -> dict[str, bool | None]:
        """base as truth values: one dict, built once per base and restored after each use."""
        if self._base is not base:
            self._base = base
            values = {
                **{c: _CLAIM_VALUE[w] for c, w in base.claims.items()},
                **{r: _REASON_VALUE[w] for r, w in base.reasons.items()},
            }
            # a contradiction's label joins its two directions: each is its rule at the fixed
            # point, so both are computed again from their neighbours' labels
            for reason, twin in self.twin.items():
                values[reason] = self._reason_value(reason, values)
                values[twin] = self._reason_value(twin, values)
            self._base_values = values
        return self._base_values

    def _propagate(self, value: dict, rejected, accepted, todo) -> None:
        """Label the nodes of `todo` (and what depends on them) whose value is None, in place.

        Kleene iteration from undecided: a node only ever moves from None to True/False,
        and each change re-examines its dependents, so this reaches the least fixed point."""
        queue = deque(todo)
        queued = set(queue)
        while queue:
            node = queue.popleft()
            queued.discard(node)
            if value[node] is not None:
                continue
            if node in self.supports:
                new = self._claim_value(node, value, rejected, accepted)
            else:
                new = self._reason_value(node, value)
            if new is None:
                continue
            value[node] = new
            for dependent in self.dependents[node]:
                if dependent not in queued and value[dependent] is None:
                    queue.append(dependent)
                    queued.add(dependent)


def evaluate(amap: ArgumentMap, rejected=(), accepted=()) -> Labelling:
    """Label every claim and reason of `amap` with the reader's rejected/accepted claim ids."""
    evaluator = Evaluator(amap)
    return evaluator.run(*evaluator.check_marks(rejected, accepted))
