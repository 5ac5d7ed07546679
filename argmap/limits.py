"""Budgets that keep hostile or runaway input from exhausting time or memory: one place for each limit."""

from __future__ import annotations

import re
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

# K, M, G: powers of 1024 for a size in bytes, of 1000 for a count
_AMOUNT = re.compile(r"([0-9][0-9_]*)([KMG]?)", re.IGNORECASE)
_POWER = {"": 0, "k": 1, "m": 2, "g": 3}


def option_name(name: str) -> str:
    """How the CLI spells a limit: 'file_bytes' -> 'file-bytes'."""
    return name.replace("_", "-")


def how_to_raise(name: str, value: int) -> str:
    """'(limit depth: 100; raise it with --limit depth=N)': the end of every over-limit message."""
    return f"(limit {option_name(name)}: {value:,}; raise it with --limit {option_name(name)}=N)"


def parse_limit(assignment: str) -> tuple[str, int]:
    """'file-bytes=200M' -> ('file_bytes', 209715200); ValueError naming the valid names."""
    valid = ", ".join(option_name(n) for n in LIMIT_NAMES)
    name, equals, amount = assignment.partition("=")
    field = name.strip().lower().replace("-", "_")
    if not equals or field not in LIMIT_NAMES:
        shown = f"unknown limit '{name.strip()}'" if equals else f"'{assignment}' is not NAME=VALUE"
        raise ValueError(f"{shown} (valid names: {valid})")
    found = _AMOUNT.fullmatch(amount.strip())
    if not found or int(found.group(1)) == 0:
        raise ValueError(
            f"limit {option_name(field)} needs a whole number above 0, optionally "
            f"with K, M or G (e.g. {option_name(field)}=200K), not '{amount}'"
        )
    base = 1024 if field.endswith("_bytes") else 1000
    return field, int(found.group(1)) * base ** _POWER[found.group(2).lower()]


def limits_from_options(
    assignments=(), source_root: Path | None = None, base: Limits = DEFAULT_LIMITS
) -> Limits:
    """The limits the CLI's --limit NAME=VALUE (repeatable) and --source-root DIR ask for."""
    changes: dict = dict(parse_limit(a) for a in assignments)
    if source_root is not None:
        changes["source_root"] = Path(source_root)
    return base.with_values(**changes)
