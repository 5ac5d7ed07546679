"""The argument map as plain dataclasses: claims, reasons, groups, source; no I/O."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

FORMAT_VERSION = 1
KINDS = ("fact", "value", "interpretation", "prediction", "policy")
REASON_TYPES = ("support", "objection")


@dataclass(frozen=True)
class Position:
    """Where something was written: 1-based line and column in a file."""

    file: str
    line: int = 1
    column: int = 1


@dataclass
class Source:
    """The text the map reconstructs."""

    title: str | None = None
    date: str | None = None
    text: str | None = None  # path of the source text, relative to the map file
    url: str | None = None
    author: str | None = None
    body: str | None = None  # the source text itself, once read


@dataclass
class Group:
    id: str
    title: str
    pos: Position | None = field(default=None, compare=False, repr=False)


@dataclass
class Claim:
    id: str
    text: str
    quote: str | None = None
    kind: str | None = None
    implicit: bool = False
    group: str | None = None
    tags: list[str] = field(default_factory=list)
    note: str | None = None
    pos: Position | None = field(default=None, compare=False, repr=False)
    # (line, column) of each field's value in pos.file, for messages about one field (may be
    # empty: not every reader knows)
    field_pos: dict[str, tuple[int, int]] = field(default_factory=dict, compare=False,
                                                  repr=False)


@dataclass
class Reason:
    """Premises that together support (or object to) a conclusion.

    The conclusion is a claim id, or a reason id for an objection that
    undercuts an inference.
    """

    id: str
    conclusion: str
    premises: list[str]
    type: str = "support"
    label: str | None = None
    note: str | None = None
    pos: Position | None = field(default=None, compare=False, repr=False)
    field_pos: dict[str, tuple[int, int]] = field(default_factory=dict, compare=False,
                                                  repr=False)

    @property
    def is_objection(self) -> bool:
        return self.type == "objection"


@dataclass
class ArgumentMap:
    title: str
    claims: dict[str, Claim]
    reasons: dict[str, Reason]
    main: list[str] = field(default_factory=list)
    groups: dict[str, Group] = field(default_factory=dict)
    source: Source | None = None
    path: str | None = None  # the file the map was read from
    warnings: list = field(default_factory=list, compare=False, repr=False)
    # lint rules the reader already ran: their warnings are in `warnings`, lint skips them
    linted: frozenset[str] = field(default=frozenset(), compare=False, repr=False)

    def _repr_html_(self) -> str | None:
        """Jupyter's inline view of a map left as a cell's value (see set_html_view)."""
        return None if _html_view is None else _html_view(self)


# Jupyter's view of a map is the page stage's job; argmap/__init__.py installs it (the
# notebook's sandboxed iframe) so that this module imports nothing above the core.
_html_view: Callable[[ArgumentMap], str] | None = None


def set_html_view(view: Callable[[ArgumentMap], str] | None) -> None:
    """Make `view(amap)` the HTML a notebook shows for a map (None: the plain repr)."""
    global _html_view
    _html_view = view
