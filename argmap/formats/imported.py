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
    kept: dict[str, Reason] = {}
    for reason in amap.reasons.values():
        if reason.conclusion in reason.premises:
            drop(reason, f"it uses its own conclusion '{reason.conclusion}' as a premise")
            continue
        if not reason.is_objection:
            # file order decides: the reason that would close a support cycle goes
            if _reaches(supports, reason.conclusion, set(reason.premises)):
                drop(reason, f"it would close a circle of support through "
                     f"'{reason.conclusion}' (a claim cannot support itself)")
                continue
            for premise in reason.premises:
                supports.setdefault(premise, set()).add(reason.conclusion)
        kept[reason.id] = reason
    changed = True
    while changed:  # an objection to a dropped reason has nothing left to object to
        changed = False
        for reason in list(kept.values()):
            target = reason.conclusion
            if target not in amap.claims and target not in kept:
                drop(reason, f"the reason '{target}' it objects to was dropped")
                del kept[reason.id]
                changed = True
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
