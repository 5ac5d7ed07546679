"""Whether a map hangs together: claims nothing uses and a missing main conclusion, found once
for both the native reader (which shows them beside a map's errors) and lint."""

from __future__ import annotations

from typing import Iterator

from .errors import Diagnostic
from .model import ArgumentMap, Position

UNCONNECTED = "a claim nothing uses: no reason names it and it is not a main conclusion"
NO_MAIN = "the map names no main conclusion"


def unconnected(amap: ArgumentMap) -> Iterator[tuple[str, Position | None]]:
    """The lint rule 'unconnected': (message, where) for each claim nothing uses."""
    used = set(amap.main)
    for reason in amap.reasons.values():
        used.add(reason.conclusion)
        used.update(reason.premises)
    for claim in amap.claims.values():
        if claim.id not in used:
            yield (
                f"claim '{claim.id}' is not connected: no reason uses it and it is not a"
                " main conclusion",
                claim.pos,
            )


def no_main(amap: ArgumentMap) -> Iterator[tuple[str, Position | None]]:
    """The lint rule 'no-main'."""
    if not amap.main and amap.claims:
        yield "the map names no main conclusion ('main: [claim-id]')", None


def warning(amap: ArgumentMap, rule: str, message: str, pos: Position | None) -> Diagnostic:
    """A rule's finding as a warning; one without a place points at the map's first line."""
    line, column = (pos.line, pos.column) if pos else (1, 1)
    file = pos.file if pos else (amap.path or "<map>")
    return Diagnostic(message, file, line, column, "warning", rule)


RULES = frozenset({"unconnected", "no-main"})


def connection_warnings(amap: ArgumentMap) -> list[Diagnostic]:
    """Both rules' warnings, as lint reports them."""
    return [
        warning(amap, name, message, pos)
        for name, check in (("unconnected", unconnected), ("no-main", no_main))
        for message, pos in check(amap)
    ]
