"""Read Argdown: its statements become claims, its arguments and relations become reasons (docs/argdown.md)."""

from __future__ import annotations

import heapq
from pathlib import Path

from ..errors import Diagnostic, MapError, one_of
from ..limits import DEFAULT_LIMITS, Limits
from ..model import KINDS, ArgumentMap, Claim, Group, Position, Reason, Source
from .argdown_syntax import Argument, ArgdownDocument, EquivalenceClass, parse_argdown
from ._ids import IdMaker, slugify, words_slug
from ._import_repair import finish_import

SUPPORTING = {
    "support": "support",
    "entails": "support",
    "attack": "objection",
    "contrary": "objection",
    "contradictory": "objection",
    "undercut": "objection",
}
VERBS = {
    "support": "supports",
    "entails": "entails",
    "attack": "attacks",
    "contrary": "contrary-to",
    "contradictory": "contradicts",
    "undercut": "undercuts",
}
# Argdown's own names for relations our model has no word for; kept as reason labels
LABELS = {"entails": "entails", "contrary": "contrary", "contradictory": "contradictory"}
CLAIM_DATA = ("kind", "implicit", "quote", "note", "main")
ARGUMENT_DATA = ("label", "note")
SOURCE_FIELDS = ("title", "date", "text", "url", "author")


def read_argdown(path: Path, display: str, limits: Limits = DEFAULT_LIMITS) -> ArgumentMap:
    from .native_read import read_text

    return argdown_to_map(
        parse_argdown(read_text(path, display, limits), display, limits=limits),
        default_title=Path(display).stem,
        base_dir=path.parent,
        limits=limits,
    )


def argdown_to_map(
    doc: ArgdownDocument,
    default_title: str = "Argdown map",
    base_dir: Path | None = None,
    *,
    limits: Limits = DEFAULT_LIMITS,
) -> ArgumentMap:
    """The argument map of an Argdown document; raise MapError if the file says nothing at all
    or broke a rule no map may break (a forbidden character, a budget)."""
    if any(d.severity == "error" for d in doc.diagnostics):
        raise MapError(sorted(doc.diagnostics, key=lambda d: (d.line, d.column)))
    says_something = doc.sections or doc.front_matter or doc.diagnostics
    if not doc.statements and not doc.arguments and not says_something:
        raise MapError.at("empty Argdown file: no statements or arguments to map", doc.file)
    builder = _Builder(doc, base_dir, limits)
    if not doc.statements and not doc.arguments:
        # headings or a title alone are a document Argdown shows as an empty map: so do we
        builder.warn("no statements or arguments found: the map is empty", 1)
    return builder.build(default_title)


def _unique(items) -> list:
    """The items in order, each once (a dict, not a list scan: members may be thousands)."""
    return list(dict.fromkeys(items))


def _member_tags(members) -> list[str]:
    tags: dict[str, None] = {}  # in order, each once
    for member in members:
        tags.update(dict.fromkeys(member.tags))
    return list(tags)


class _Builder:
    def __init__(
        self, doc: ArgdownDocument, base_dir: Path | None = None, limits: Limits = DEFAULT_LIMITS
    ):
        self.doc = doc
        self.base_dir = base_dir
        self.limits = limits
        self.file = doc.file
        self.ids = IdMaker()
        self.diagnostics: list[Diagnostic] = list(doc.diagnostics)
        self.claims: dict[str, Claim] = {}
        self.reasons: dict[str, Reason] = {}
        self.main: dict[str, None] = {}  # main conclusions in order, each once
        self.claim_of: dict[str, str] = {}  # statement key -> claim id
        self.handle: dict[str, str] = {}  # argument key -> its claim (gist or main conclusion)
        self.final_reason: dict[str, str] = {}  # reconstructed argument key -> last reason
        self.hub_premises: dict[str, list[str]] = {}  # premises of a bare argument
        self.hub_reasons: dict[str, list[str]] = {}
        self.groups: dict[str, Group] = {}
        self.group_ids = IdMaker()  # groups have ids of their own, apart from claims'
        self.single_premise: dict[str, list[str]] = {}  # claim -> reasons it alone supports
        self.woken: list[tuple] = []  # what relations may wait for and now exists (_relations)
        self.group_of_section: dict[int, str | None] = {}
        self.argument_data: dict[str, tuple] = {}
        self.contradicted: set[frozenset] = set()  # pairs of claims already contradicting

    def warn(self, message: str, line: int, column: int = 1, rule: str = "argdown-import"):
        self.diagnostics.append(Diagnostic(message, self.file, line, column, "warning", rule))

    def error(self, message: str, line: int, column: int = 1):
        self.diagnostics.append(Diagnostic(message, self.file, line, column))

    # ---- build ------------------------------------------------------------------------------
    def build(self, default_title: str) -> ArgumentMap:
        doc = self.doc
        self._assign_ids()
        for ec in doc.statements.values():
            self._claim(ec)
        for argument in doc.arguments.values():
            if argument.steps:
                self._reconstructed(argument)
            elif argument.key not in self.hub_premises:
                self._gist(argument)
        self._relations()
        groups = dict(
            sorted(self.groups.items(), key=lambda item: item[1].pos.line if item[1].pos else 0)
        )
        source = self._source()
        if any(d.severity == "error" for d in self.diagnostics):
            raise MapError(sorted(self.diagnostics, key=lambda d: (d.line, d.column)))
        amap = ArgumentMap(
            title=doc.title or default_title,
            claims=self.claims,
            reasons=self.reasons,
            main=list(self.main),
            groups=groups,
            source=source,
            path=self.file,
        )
        return finish_import(amap, self.diagnostics)

    def _source(self) -> Source | None:
        raw = self.doc.front_matter.get("source")
        if not isinstance(raw, dict):
            return None
        fields = {k: str(raw[k]) for k in SOURCE_FIELDS if raw.get(k) is not None}
        source = Source(**fields)
        if source.text and self.base_dir is not None:
            from ..source_text import SourceRefused, read_source_text

            try:  # like a native map, the source text is read (confined) for quote contexts
                source.body = read_source_text(source.text, self.base_dir, self.limits)
            except SourceRefused as refused:
                if refused.breaks_rule:  # confinement is not a matter of taste: an error
                    self.error(str(refused), 1)
                else:  # a missing source only costs the quotes their context
                    self.warn(
                        f"{refused}; quotes are shown without their context",
                        1,
                        rule="argdown-source",
                    )
        return source if fields else None

    def _assign_ids(self) -> None:
        """Titled things keep their titles as ids (the identity on valid ids), file order wins."""
        doc = self.doc
        self._find_hubs()
        self.id_of: dict[str, str] = {}
        for ec in doc.statements.values():
            if ec.title is not None:
                self.id_of[ec.key] = self.ids.make(slugify(ec.title, "s"))
        for argument in doc.arguments.values():
            if argument.title is not None:
                self.id_of[argument.key] = self.ids.make(slugify(argument.title, "a"))
        for ec in doc.statements.values():
            if ec.title is None:
                self.id_of[ec.key] = self.ids.make(words_slug(ec.text, fallback="statement"))
        number = 0
        for argument in doc.arguments.values():
            if argument.title is None:
                number += 1
                self.id_of[argument.key] = self.ids.make(f"argument-{number}")

    def _find_hubs(self) -> None:
        """A bare argument (no description, no reconstruction) is made of what supports it."""
        supporters_of: dict[str, list[str]] = {}
        for r in self.doc.relations:
            if r.type == "support":
                supporters_of.setdefault(r.target, []).append(r.source)
        sources = {r.source for r in self.doc.relations}
        for argument in self.doc.arguments.values():
            if argument.steps or argument.description:
                continue
            supporters = supporters_of.get(argument.key, [])
            # statements that support an argument are its premises (Argdown's own reading);
            # one supported by an argument keeps its node, as Argdown draws it (a gist claim)
            if (
                supporters
                and argument.key in sources
                and all(key in self.doc.statements for key in supporters)
            ):
                self.hub_premises[argument.key] = supporters
                self.hub_reasons[argument.key] = []

    # ---- claims -----------------------------------------------------------------------------
    def _group(self, section) -> str | None:
        while section is not None and not section.is_group:
            section = section.parent
        if section is None:
            return None
        if id(section) not in self.group_of_section:
            wanted = section.data.get("id")
            if not (isinstance(wanted, str) and slugify(wanted) == wanted):
                wanted = slugify(section.title, "group")
            gid = self.group_ids.make(wanted)
            self.groups[gid] = Group(
                gid, section.title or gid, Position(self.file, section.line, section.column)
            )
            self.group_of_section[id(section)] = gid
        return self.group_of_section[id(section)]

    def _claim(self, ec: EquivalenceClass) -> None:
        cid = self.id_of[ec.key]
        texts = _unique(member.text for member in ec.members if member.text)
        text = texts[0] if texts else (ec.title or "(no text)")
        notes = [f"Also stated as: {t}" for t in texts[1:]]
        claim = Claim(
            cid,
            text,
            tags=_member_tags(ec.members),
            group=self._group(ec.section),
            pos=Position(self.file, ec.line, ec.column),
        )
        self._claim_data(claim, ec, notes)
        claim.note = "\n".join(notes) or None
        self.claims[cid] = claim
        self.claim_of[ec.key] = cid

    def _claim_data(self, claim: Claim, ec: EquivalenceClass, notes: list[str]) -> None:
        for member in ec.members:
            for key, value in member.data.items():
                where = (member.line, member.column)
                if key == "kind" and value in KINDS:
                    claim.kind = value
                elif key == "kind":
                    self.warn(
                        f"unknown kind {value!r} of statement [{ec.title}] ({one_of(KINDS)});"
                        " ignored",
                        *where,
                        rule="argdown-data",
                    )
                elif key == "implicit" and isinstance(value, bool):
                    claim.implicit = value
                elif key == "quote" and isinstance(value, str):
                    claim.quote = value
                elif key == "note" and isinstance(value, str):
                    notes.insert(0, value)
                elif key == "main" and value is True:
                    self.main[claim.id] = None
                else:
                    self._ignored_data(key, CLAIM_DATA, where)

    def _ignored_data(self, key, used, where: tuple[int, int]) -> None:
        self.warn(
            f"inline data '{key}' is ignored (argmap reads {', '.join(used)})",
            *where,
            rule="argdown-data",
        )

    def _argument_data(self, argument: Argument) -> tuple[str | None, str | None]:
        if argument.key not in self.argument_data:
            self.argument_data[argument.key] = self._read_argument_data(argument)
        return self.argument_data[argument.key]

    def _read_argument_data(self, argument: Argument) -> tuple[str | None, str | None]:
        label = note = None
        for member in argument.members:
            for key, value in member.data.items():
                if key == "label" and isinstance(value, str):
                    label = value
                elif key == "note" and isinstance(value, str):
                    note = value
                else:
                    self._ignored_data(key, ARGUMENT_DATA, (member.line, member.column))
        return label, note

    def _gist(self, argument: Argument) -> None:
        """An argument known only by its description stands in the map as a claim saying it."""
        cid = self.id_of[argument.key]
        texts = _unique(member.text for member in argument.members if member.text)
        label, note = self._argument_data(argument)
        notes = ([note] if note else []) + [f"Also described as: {t}" for t in texts[1:]]
        self.claims[cid] = Claim(
            cid,
            texts[0] if texts else (argument.title or cid),
            tags=_member_tags(argument.members),
            group=self._group(argument.section),
            note="\n".join(notes) or None,
            pos=Position(self.file, argument.line, argument.column),
        )
        self.handle[argument.key] = cid

    # ---- reconstructed arguments --------------------------------------------------------------
    def _reconstructed(self, argument: Argument) -> None:
        """Each inference of a premise–conclusion structure is one linked reason."""
        base = self.id_of[argument.key]
        label, note = self._argument_data(argument)
        description = argument.description
        last = len(argument.steps) - 1
        for i, step in enumerate(argument.steps):
            for key in step.inference.data:
                self.warn(
                    f"inline data '{key}' of an inference is ignored (argmap links every "
                    "premise since the previous conclusion)",
                    step.inference.line,
                    step.inference.column,
                    rule="argdown-data",
                )
            conclusion = self.claim_of[step.conclusion]
            premises = _unique(
                cid for cid in map(self.claim_of.__getitem__, step.premises) if cid != conclusion
            )
            rid = base if i == last else self.ids.make(f"{base}-step-{i + 1}")
            notes = [
                n for n in (description if i == last else None, note if i == last else None) if n
            ]
            if premises:
                self._add_reason(
                    Reason(
                        rid,
                        conclusion,
                        premises,
                        "support",
                        label=step.inference.rule or (label if i == last else None),
                        note="\n".join(notes) or None,
                        pos=Position(self.file, step.inference.line, step.inference.column),
                    )
                )
            else:
                self.warn(
                    f"inference of <{argument.title or base}> concludes one of its own "
                    "premises; ignored",
                    step.inference.line,
                    step.inference.column,
                )
        assert argument.conclusion is not None  # a reconstructed argument has its conclusion
        self.handle[argument.key] = self.claim_of[argument.conclusion]
        if base in self.reasons:
            self.final_reason[argument.key] = base

    # ---- relations --------------------------------------------------------------------------
    def _relations(self) -> None:
        """Relations become reasons; those aimed at reasons wait until their targets exist."""
        pending = [
            r
            for r in self.doc.relations
            if not (r.target in self.hub_premises and r.type == "support")
        ]
        # Rounds over the relations in file order, until one makes no progress; then a last
        # chance for those still waiting. A relation that waits is only tried again once the
        # reason it waits for exists (a heap of (round, index) keeps the order of the rounds),
        # so a long chain of relations waiting on each other costs no round per link.
        queue = [(0, i) for i in range(len(pending))]
        waiting: dict[tuple, list[int]] = {}  # what a relation waits for -> its indexes
        self.woken = []
        while queue:
            round_, i = heapq.heappop(queue)
            wait_for = self._relation(pending[i])
            if wait_for is not None:
                waiting.setdefault(wait_for, []).append(i)
                continue
            for key in self.woken:
                for j in waiting.pop(key, ()):
                    heapq.heappush(queue, (round_ if j > i else round_ + 1, j))
            self.woken.clear()
        for i in sorted(i for indexes in waiting.values() for i in indexes):
            self._relation(pending[i], last_chance=True)

    def _sources(self, relation) -> list[str] | None:
        key = relation.source
        if key in self.claim_of:
            return [self.claim_of[key]]
        if key in self.hub_premises:
            return self._hub_premises(key)
        return [self.handle[key]] if key in self.handle else None

    def _hub_premises(self, key: str) -> list[str] | None:
        # a bare argument supporting another has no claim to lend
        premises = _unique(
            self.claim_of.get(source) or self.handle.get(source)
            for source in self.hub_premises[key]
            if source not in self.hub_premises
        )
        return [cid for cid in premises if cid] or None

    def _title(self, key: str) -> str:
        thing = self.doc.statements.get(key) or self.doc.arguments.get(key)
        title = thing.title if thing is not None else None
        if key.startswith("a:"):
            return f"<{title}>" if title else "an untitled argument"
        return f"[{title}]" if title else "an untitled statement"

    def _relation(self, relation, last_chance: bool = False) -> tuple | None:
        """Add the reasons of one relation; if its target reason does not exist yet, what it
        waits for: ('hub', argument key) or ('out', claim id), () if nothing will come."""
        rtype = SUPPORTING[relation.type]
        premises = self._sources(relation)
        where = (relation.line, relation.column)
        if (
            relation.type == "contradictory"
            and relation.source in self.claim_of
            and relation.target in self.claim_of
        ):
            self._contradiction(
                self.claim_of[relation.source], self.claim_of[relation.target], where
            )
            return None
        if premises is None:
            self.warn(
                f"relation from {self._title(relation.source)} has no claim to start from; ignored",
                *where,
            )
            return None
        note: str | None = None
        wait_for: tuple = ()
        target = relation.target
        if target in self.claim_of:
            targets = [self.claim_of[target]]
        elif target in self.hub_premises:
            targets = self.hub_reasons[target]  # the argument is its reason: nothing lost
            wait_for = ("hub", target)
        elif target in self.final_reason and rtype == "objection":
            targets = [self.final_reason[target]]
            if relation.type != "undercut":  # an undercut aims at the inference anyway
                note = (
                    f"Argdown: {VERBS[relation.type]} the argument {self._title(target)}; "
                    "aimed at its inference"
                )
        elif target in self.final_reason or (target in self.handle and rtype == "support"):
            targets = [self.handle[target]]
            if target in self.final_reason:
                note = (
                    f"Argdown: supports the argument {self._title(target)} without naming "
                    "the premise it supports; drawn as support for its conclusion"
                )
        elif target in self.handle and relation.type != "undercut":
            targets = [self.handle[target]]
        elif target in self.handle:  # undercutting an argument known by its gist
            targets = self._outgoing(self.handle[target])
            wait_for = ("out", self.handle[target])
            note = f"Argdown: undercuts the argument {self._title(target)}"
        else:
            targets = []
        if not targets:
            if not last_chance:
                return wait_for
            fallback = self.handle.get(target)
            if fallback is None:
                self.warn(
                    f"{relation.type} relation to {self._title(target)} has nothing to aim "
                    "at; ignored",
                    *where,
                )
                return None
            self.warn(
                f"{relation.type} relation to {self._title(target)}: the argument has no "
                "inference to undercut; read as an objection to it",
                *where,
            )
            targets = [fallback]
        source_id = (
            self.id_of[relation.source] if relation.source in self.hub_premises else premises[0]
        )
        for target_id in targets:
            if relation.source in self.hub_premises:
                # the argument's own id for its first reason, as a reconstruction's last one
                rid = (
                    source_id if not self.hub_reasons[relation.source] else self.ids.make(source_id)
                )
                self.hub_reasons[relation.source].append(rid)
                self.woken.append(("hub", relation.source))
            else:
                rid = self.ids.make(f"{source_id}-{VERBS[relation.type]}-{target_id}")
            label, hub_note = (
                self._argument_data(self.doc.arguments[relation.source])
                if relation.source in self.hub_premises
                else (None, None)
            )
            notes = [n for n in (note, hub_note) if n]
            self._add_reason(
                Reason(
                    rid,
                    target_id,
                    list(premises),
                    rtype,
                    label=label or LABELS.get(relation.type),
                    note="\n".join(notes) or None,
                    pos=Position(self.file, *where),
                )
            )
        return None

    def _contradiction(self, one: str, other: str, where) -> None:
        """Statements that contradict each other (`><`): one symmetric reason per pair, however
        often and from whichever side the document says it."""
        pair = frozenset((one, other))
        if one == other or pair in self.contradicted:
            return
        self.contradicted.add(pair)
        rid = self.ids.make(f"{one}-contradicts-{other}")
        # the statement the relation is written under is the one attacked first: its
        # conclusion, as `+`/`-` under a statement make it the conclusion
        self._add_reason(
            Reason(rid, other, [one], "contradiction", pos=Position(self.file, *where))
        )

    def _outgoing(self, claim_id: str) -> list[str]:
        return [rid for rid in self.single_premise.get(claim_id, ()) if rid in self.reasons]

    def _add_reason(self, reason: Reason) -> None:
        self.reasons[reason.id] = reason
        if len(reason.premises) == 1:
            self.single_premise.setdefault(reason.premises[0], []).append(reason.id)
            self.woken.append(("out", reason.premises[0]))
