"""Make an imported map valid like a native one: drop what closes a support cycle, warn on loose ends."""

from __future__ import annotations

from ..errors import Diagnostic
from ..model import ArgumentMap, Reason


def _where(reason: Reason, file: str) -> tuple[str, int, int]:
    pos = reason.pos
    return (pos.file, pos.line, pos.column) if pos else (file, 1, 1)


class _SupportOrder:
    """Support edges kept free of circles as they are added, with a topological order of the
    claims (Pearce and Kelly's algorithm): a check walks only the claims whose place lies
    between the two ends, not everything reachable (a dense AIF graph took minutes)."""

    def __init__(self):
        self.place: dict[str, int] = {}  # claim -> its place; every edge goes to a later one
        self.after: dict[str, set[str]] = {}  # premise -> the claims it supports
        self.before: dict[str, set[str]] = {}  # conclusion -> the claims supporting it

    def _place(self, claim: str) -> int:
        return self.place.setdefault(claim, len(self.place))

    def closes_circle(self, conclusion: str, premises) -> bool:
        """Is any of `premises` reachable from `conclusion` along the support edges?"""
        last = max((self._place(p) for p in premises), default=-1)
        if self._place(conclusion) > last:  # every path goes to later places: none reaches back
            return False
        goal = set(premises)
        seen, stack = {conclusion}, [conclusion]
        while stack:
            claim = stack.pop()
            if claim in goal:
                return True
            for nxt in self.after.get(claim, ()):
                if nxt not in seen and self.place[nxt] <= last:
                    seen.add(nxt)
                    stack.append(nxt)
        return False

    def add(self, premise: str, conclusion: str) -> None:
        """Add premise -> conclusion, which must not close a circle; keep the order valid."""
        self.after.setdefault(premise, set()).add(conclusion)
        self.before.setdefault(conclusion, set()).add(premise)
        low, high = self._place(conclusion), self._place(premise)
        if low > high:
            return
        # what the conclusion reaches before the premise's place must move after what
        # reaches the premise from after the conclusion's place: both keep their own order
        later = self._walk(conclusion, self.after, lambda place: place < high)
        earlier = self._walk(premise, self.before, lambda place: place > low)
        moved = sorted(earlier, key=self.place.__getitem__) + sorted(
            later, key=self.place.__getitem__
        )
        for claim, place in zip(moved, sorted(self.place[c] for c in moved)):
            self.place[claim] = place

    def _walk(self, start: str, edges: dict, inside) -> list[str]:
        seen, stack = {start}, [start]
        while stack:
            for nxt in edges.get(stack.pop(), ()):
                if nxt not in seen and inside(self.place[nxt]):
                    seen.add(nxt)
                    stack.append(nxt)
        return list(seen)


def finish_import(
    amap: ArgumentMap, diagnostics: list[Diagnostic], warn_unconnected: bool = True
) -> ArgumentMap:
    """Drop reasons the native loader would reject, each with a warning; keep the rest in order."""
    file = amap.path or "<map>"
    warnings = list(diagnostics)

    def drop(reason: Reason, why: str) -> None:
        where = _where(reason, file)
        warnings.append(
            Diagnostic(
                f"reason '{reason.id}' dropped: {why}",
                *where,
                severity="warning",
                rule="import-dropped",
            )
        )

    supports = _SupportOrder()
    kept: dict[str, Reason] = {}
    for reason in amap.reasons.values():
        if reason.conclusion in reason.premises:
            drop(reason, f"it uses its own conclusion '{reason.conclusion}' as a premise")
            continue
        if not reason.is_objection:
            # file order decides: the reason that would close a support cycle goes
            if supports.closes_circle(reason.conclusion, reason.premises):
                drop(
                    reason,
                    f"it would close a circle of support through "
                    f"'{reason.conclusion}' (a claim cannot support itself)",
                )
                continue
            for premise in reason.premises:
                supports.add(premise, reason.conclusion)
        kept[reason.id] = reason
    # an objection to a dropped reason has nothing left to object to, nor one to it, and so on
    objections_to: dict[str, list[Reason]] = {}
    for reason in kept.values():
        objections_to.setdefault(reason.conclusion, []).append(reason)
    gone = [
        r for r in kept.values() if r.conclusion not in amap.claims and r.conclusion not in kept
    ]
    while gone:
        batch, gone = gone, []
        for reason in batch:
            if reason.id in kept:
                drop(reason, f"the reason '{reason.conclusion}' it objects to was dropped")
                del kept[reason.id]
                gone.extend(
                    r for r in objections_to.get(reason.id, ()) if r.conclusion not in amap.claims
                )
    amap.reasons = kept
    amap.main = [c for c in amap.main if c in amap.claims]
    if warn_unconnected:
        used = set(amap.main)
        for reason in kept.values():
            used.add(reason.conclusion)
            used.update(reason.premises)
        for claim in amap.claims.values():
            if claim.id not in used:
                pos = claim.pos
                warnings.append(
                    Diagnostic(
                        f"claim '{claim.id}' is not connected: no reason uses it",
                        pos.file if pos else file,
                        pos.line if pos else 1,
                        pos.column if pos else 1,
                        "warning",
                        "unconnected",
                    )
                )
    warnings.sort(key=lambda d: (d.file, d.line, d.column))
    amap.warnings = warnings
    return amap
