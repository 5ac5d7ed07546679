"""Budgets that keep hostile or runaway input from exhausting time or memory: one place for each limit."""
from __future__ import annotations

from dataclasses import dataclass, fields, replace
from pathlib import Path

MIB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """What argmap reads at most; each default is documented in docs/security.md.

    A real user who needs more raises one with the CLI's `--limit NAME=VALUE`
    (names as below, with '-' for '_'), or `source_root` with `--source-root DIR`.
    """

    # bytes of one map file, and of one source text a map names
    file_bytes: int = 64 * MIB
    source_bytes: int = 16 * MIB
    # characters of one text field (claim text, quote, note, title...)
    text_chars: int = 100_000
    # nesting of lists/mappings (YAML, JSON) and of Argdown's {…} data
    depth: int = 100
    # values built through YAML aliases (the "billion laughs" budget)
    alias_nodes: int = 100_000
    # digits of one integer (CPython refuses more than 4,300 when parsing)
    int_digits: int = 4_300
    # the folder tree a map's source text may come from (None: the map's own folder)
    source_root: Path | None = None

    def with_values(self, **changes) -> "Limits":
        return replace(self, **changes)


DEFAULT_LIMITS = Limits()
LIMIT_NAMES = [f.name for f in fields(Limits) if f.name != "source_root"]
