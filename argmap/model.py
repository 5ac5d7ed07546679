"""The argument map as plain dataclasses: claims, reasons, groups, source; no I/O."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

FORMAT_VERSION = 1
KINDS = ("fact", "value", "interpretation", "prediction", "policy")
# a contradiction is symmetric: its conclusion and its one premise attack each other
REASON_TYPES = ("support", "objection", "contradiction")


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
    field_pos: dict[str, tuple[int, int]] = field(default_factory=dict, compare=False, repr=False)


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
    field_pos: dict[str, tuple[int, int]] = field(default_factory=dict, compare=False, repr=False)

    @property
    def is_objection(self) -> bool:
        """An attack: an objection, or a contradiction (which also attacks the other way)."""
        return self.type in ("objection", "contradiction")

    @property
    def is_contradiction(self) -> bool:
        return self.type == "contradiction"


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

    def add_claim(self, id: str, text: str, **fields) -> Claim:
        """Add a claim (fields as Claim's: kind, quote, implicit, group, tags, note) and return
        it; checked when the map is validated, rendered, exported or analysed."""
        _check_new(self, id, fields, _CLAIM_KEYS, "claim")
        claim = Claim(id, text, **fields)
        self.claims[id] = claim
        return claim

    def add_reason(self, id: str, conclusion: str, premises: list[str], **fields) -> Reason:
        """Add a reason (fields as Reason's: type, label, note) and return it; checked as
        add_claim's claims are."""
        _check_new(self, id, fields, _REASON_KEYS, "reason")
        reason = Reason(id, conclusion, list(premises), **fields)
        self.reasons[id] = reason
        return reason

    def _repr_html_(self) -> str | None:
        """Jupyter's inline view of a map left as a cell's value (see set_html_view)."""
        return None if _html_view is None else _html_view(self)


# the keys add_claim and add_reason take besides their positional ones, as the YAML names them
_CLAIM_KEYS = ("quote", "kind", "implicit", "group", "tags", "note")
_REASON_KEYS = ("type", "label", "note")
BUILT_MAP = "<map>"  # the file named by diagnostics about a map held in memory


def _check_new(amap: ArgumentMap, ident: str, fields: dict, valid: tuple, what: str) -> None:
    """An id already taken, or a key a claim/reason has not, fails here as it would in a file
    (a dict would silently replace the earlier entry; a dataclass would raise TypeError)."""
    from .errors import MapError, did_you_mean

    for key in fields:
        if key not in valid:
            raise MapError.at(
                f"unknown key '{key}' in {what} '{ident}'{did_you_mean(key, valid)}"
                f" (valid keys: {', '.join(valid)})",
                BUILT_MAP,
            )
    if ident in amap.claims or ident in amap.reasons:
        taken = "claim" if ident in amap.claims else "reason"
        raise MapError.at(f"duplicate id '{ident}': already used by a {taken}", BUILT_MAP)


# Jupyter's view of a map is the page stage's job; argmap/__init__.py installs it (the
# notebook's sandboxed iframe) so that this module imports nothing above the core.
_html_view: Callable[[ArgumentMap], str] | None = None


def set_html_view(view: Callable[[ArgumentMap], str] | None) -> None:
    """Make `view(amap)` the HTML a notebook shows for a map (None: the plain repr)."""
    global _html_view
    _html_view = view
