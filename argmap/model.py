"""The argument map as plain dataclasses: claims, reasons, groups, source; no I/O."""
from __future__ import annotations

from dataclasses import dataclass, field

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

    def _repr_html_(self) -> str:
        """Jupyter's inline view: the full page in a sandboxed iframe, so its scripts run
        isolated from the notebook (allow-scripts without allow-same-origin)."""
        from html import escape

        from .page.render import render_page  # lazy: the model stays free of rendering imports

        return (f'<iframe srcdoc="{escape(render_page(self), quote=True)}" '
                f'sandbox="allow-scripts" title="{escape(self.title, quote=True)}" '
                'style="width:100%;height:640px;border:1px solid #d1d5db"></iframe>')
