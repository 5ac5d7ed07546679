"""Make an imported map valid like a native one: drop what closes a support cycle, warn on loose ends."""
from __future__ import annotations

from ..errors import Diagnostic
from ..model import ArgumentMap, Reason


def _where(reason: Reason, file: str) -> tuple[str, int, int]:
    pos = reason.pos
    return (pos.file, pos.line, pos.column) if pos else (file, 1, 1)


def _reaches(supports: dict[str, set[str]], start: str, goal: set[str]) -> bool:
    """Is any claim of `goal` reachable from `start` along support edges?"""
    seen, stack = set(), [start]
    while stack:
        node = stack.pop()
        if node in goal:
            return True
        if node not in seen:
            seen.add(node)
            stack.extend(supports.get(node, ()))
    return False


def finish_import(amap: ArgumentMap, diagnostics: list[Diagnostic],
                  warn_unconnected: bool = True) -> ArgumentMap:
    """Drop reasons the native loader would reject, each with a warning; keep the rest in order."""
    file = amap.path or "<map>"
    warnings = list(diagnostics)

    def drop(reason: Reason, why: str) -> None:
        where = _where(reason, file)
        warnings.append(Diagnostic(f"reason '{reason.id}' dropped: {why}", *where,
                                   severity="warning", rule="import-dropped"))

    supports: dict[str, set[str]] = {}  # premise -> conclusions, for the cycle check
    supported: set[str] = set()  # conclusions of kept supports: only they can be reached
    kept: dict[str, Reason] = {}
    for reason in amap.reasons.values():
        if reason.conclusion in reason.premises:
            drop(reason, f"it uses its own conclusion '{reason.conclusion}' as a premise")
            continue
        if not reason.is_objection:
            # file order decides: the reason that would close a support cycle goes
            # a premise nothing supports yet cannot close a circle: no walk (a chain written
            # from its top down would otherwise walk the whole chain for every link)
            if not supported.isdisjoint(reason.premises) and \
                    _reaches(supports, reason.conclusion, set(reason.premises)):
                drop(reason, f"it would close a circle of support through "
                     f"'{reason.conclusion}' (a claim cannot support itself)")
                continue
            for premise in reason.premises:
                supports.setdefault(premise, set()).add(reason.conclusion)
            supported.add(reason.conclusion)
        kept[reason.id] = reason
    # an objection to a dropped reason has nothing left to object to, nor one to it, and so on
    objections_to: dict[str, list[Reason]] = {}
    for reason in kept.values():
        objections_to.setdefault(reason.conclusion, []).append(reason)
    gone = [r for r in kept.values() if r.conclusion not in amap.claims and
            r.conclusion not in kept]
    while gone:
        batch, gone = gone, []
        for reason in batch:
            if reason.id in kept:
                drop(reason, f"the reason '{reason.conclusion}' it objects to was dropped")
                del kept[reason.id]
                gone.extend(r for r in objections_to.get(reason.id, ())
                            if r.conclusion not in amap.claims)
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
                warnings.append(Diagnostic(
                    f"claim '{claim.id}' is not connected: no reason uses it",
                    pos.file if pos else file, pos.line if pos else 1,
                    pos.column if pos else 1, "warning", "unconnected"))
    warnings.sort(key=lambda d: (d.file, d.line, d.column))
    amap.warnings = warnings
    return amap
