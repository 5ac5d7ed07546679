"""Read a native YAML map, validate it, and build the model; every problem gets file:line:col."""

from __future__ import annotations

import json
import re
from pathlib import Path

from .. import quotes
from .._gc import paused_gc
from .yaml_positions import YamlProblem
from .yaml_positions import parse as parse_yaml
from ..bounded_read import ReadRefused, TooBig, read_regular
from ..charset import shown
from ..connections import RULES as CONNECTION_RULES
from ..connections import connection_warnings
from ..errors import Diagnostic, MapError, did_you_mean, one_of
from ..limits import DEFAULT_LIMITS, Limits, how_to_raise
from ..model import (
    BUILT_MAP,
    FORMAT_VERSION,
    KINDS,
    REASON_TYPES,
    ArgumentMap,
    Claim,
    Group,
    Position,
    Reason,
    Source,
)
from ..source_text import SourceRefused, read_source_text
from .yaml_positions import Mapping, Sequence

# \Z, not $: '$' also matches before a final newline, and "a\n" is not an id
ID_PATTERN = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]*\Z")

# field name -> (allowed Python types, human name, required)
_STR = ((str,), "text")
_LIST = ((list,), "a list")
_MAP = ((dict,), "a mapping")
_BOOL = ((bool,), "true or false")
_INT = ((int,), "a number")

TOP_FIELDS = {
    "argmap": (_INT, True),
    "title": (_STR, True),
    "source": (_MAP, False),
    "main": (_LIST, False),
    "groups": (_LIST, False),
    "claims": (_LIST, True),
    "reasons": (_LIST, False),
}
SOURCE_FIELDS = {
    "title": (_STR, False),
    "date": (_STR, False),
    "text": (_STR, False),
    "url": (_STR, False),
    "author": (_STR, False),
}
GROUP_FIELDS = {"id": (_STR, True), "title": (_STR, True)}
CLAIM_FIELDS = {
    "id": (_STR, True),
    "text": (_STR, True),
    "quote": (_STR, False),
    "kind": (_STR, False),
    "implicit": (_BOOL, False),
    "group": (_STR, False),
    "tags": (_LIST, False),
    "note": (_STR, False),
}
REASON_FIELDS = {
    "id": (_STR, True),
    "conclusion": (_STR, True),
    "premises": (_LIST, True),
    "type": (_STR, False),
    "label": (_STR, False),
    "note": (_STR, False),
}


class _Checker:
    """Collects diagnostics for one file; every raise site passes only a message and a place."""

    def __init__(self, file: str):
        self.file = file
        self.diagnostics: list[Diagnostic] = []
        self.hint_budget = _HINT_BUDGET

    def error(self, message: str, where=(1, 1)) -> None:
        self.diagnostics.append(Diagnostic(message, self.file, where[0], where[1]))

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    def fields(self, data, spec: dict, what: str, where) -> dict | None:
        """Check a mapping against its field spec; return the well-typed fields."""
        if not isinstance(data, Mapping):
            self.error(f"{what} must be a mapping of fields, not {_describe(data)}", where)
            return None
        good = {}
        for key, value in data.items():
            entry = spec.get(key)
            if entry is None:
                self.error(
                    f"unknown key '{shown(str(key))}' in {what}{did_you_mean(key, spec)}"
                    f" (valid keys: {', '.join(spec)})",
                    data.key_at[key],
                )
                continue
            (types, type_name), _ = entry
            if type(value) in types:  # the usual case, and never a bool where none is allowed
                good[key] = value
                continue
            # bool is a subclass of int in Python, but `argmap: true` is not a version
            wrong_bool = isinstance(value, bool) and bool not in types
            if not isinstance(value, types) or wrong_bool:
                self.error(
                    f"'{key}' of {what} must be {type_name}, not {_describe(value)}",
                    data.value_at[key],
                )
                continue
            good[key] = value
        for key, (_, required) in spec.items():
            if required and key not in data:
                self.error(f"{what} is missing required key '{key}'", data.where)
        return good

    def string_list(self, data: Mapping, key: str, what: str) -> list[str]:
        items = data.get(key)
        good: list[str] = []
        if not items:
            return good
        for i, item in enumerate(items):
            if isinstance(item, str) and item:
                good.append(item)
            else:
                self.error(
                    f"each entry of '{key}' of {what} must be text, not {_describe(item)}",
                    items.item_at[i],
                )  # a YAML list: positioned
        return good


def _describe(value) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    return f"'{shown(value)}'"


def read_text(path: Path, display: str, limits: Limits = DEFAULT_LIMITS) -> str:
    """A map file's text as UTF-8, or a MapError saying why it cannot be read.

    Only a regular file of at most `limits.file_bytes` is read: a FIFO or /dev/zero named as
    a map must fail at once, not hang or fill memory.
    """
    try:
        raw = read_regular(path, limits.file_bytes)
    except TooBig as exc:
        limit = how_to_raise("file_bytes", limits.file_bytes)
        raise MapError.at(f"cannot read file: {exc} {limit}", display) from None
    except ReadRefused as exc:
        raise MapError.at(f"cannot read file: {exc}", display) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise MapError.at(
            f"not UTF-8: byte 0x{raw[exc.start]:02x} cannot be decoded (save the file as UTF-8)",
            display,
            line,
            column,
        ) from None


def load_map(
    path: str | Path, display: str | None = None, *, limits: Limits = DEFAULT_LIMITS
) -> ArgumentMap:
    """Load and validate a native YAML map; raise MapError listing every error found.

    Warnings do not raise; they are kept on the returned map's `warnings`.
    """
    path = Path(path)
    display = display or str(path)
    return parse_map(read_text(path, display, limits), display, base_dir=path.parent, limits=limits)


@paused_gc(keep=True)  # a big map's model is ~10^5 containers, none garbage: see _gc.py
def parse_map(
    text: str,
    display: str = "<map>",
    base_dir: Path | None = None,
    *,
    limits: Limits = DEFAULT_LIMITS,
    source_body: str | None = None,
) -> ArgumentMap:
    """Validate the YAML text of a map and build the model.

    `source_body` is the source text itself when the caller already holds it (a map built in
    code): quotes are checked against it instead of a file read from `base_dir`."""
    check = _Checker(display)
    try:
        data = parse_yaml(text, limits)
    except YamlProblem as problem:
        raise MapError(
            [Diagnostic(p.message, display, p.line, p.column) for p in problem.all()]
        ) from None
    if data is None:
        raise MapError.at(
            "empty file: a map needs at least 'argmap: 1', 'title' and 'claims'", display
        )
    if not isinstance(data, Mapping) or "argmap" not in data:
        where = getattr(data, "where", (1, 1))
        found = _describe(data) if not isinstance(data, dict) else "a mapping without 'argmap'"
        raise MapError.at(
            f"not an argmap map: expected a mapping that starts with "
            f"'argmap: {FORMAT_VERSION}', found {found}",
            display,
            *where,
        )
    if data["argmap"] != FORMAT_VERSION or isinstance(data["argmap"], bool):
        raise MapError.at(
            f"unsupported format version {json.dumps(data['argmap'])} "
            f"(this argmap reads version {FORMAT_VERSION})",
            display,
            *data.value_at["argmap"],
        )

    top = check.fields(data, TOP_FIELDS, "the map", data.where)
    amap, raw_of = _build_model(check, data, top)
    _check_references(check, amap, data, raw_of)
    _check_circular_support(check, amap)
    if source_body is not None and amap.source is not None:
        amap.source.body = source_body
    _check_quotes(check, amap, data, raw_of, base_dir, limits)
    _check_connections(check, amap)
    check.diagnostics.sort(key=lambda d: (d.line, d.column))
    if check.errors:
        raise MapError(check.diagnostics)
    amap.warnings = check.diagnostics
    return amap


def validate_map(amap: ArgumentMap, *, limits: Limits = DEFAULT_LIMITS) -> ArgumentMap:
    """Check a map held in memory (built in code, or changed after loading) exactly as a file is
    checked; raise MapError naming every problem. Returns the map itself; one built in code
    gets the check's warnings, one read from a file keeps its file's (they say where)."""
    from .native_write import map_to_yaml

    body = amap.source.body if amap.source else None
    # the diagnostics' line:col are in the YAML that `export --to yaml` writes for the map
    checked = parse_map(map_to_yaml(amap), BUILT_MAP, limits=limits, source_body=body)
    if amap.path in (None, BUILT_MAP):
        amap.warnings = checked.warnings
    return amap


def _entries(check: _Checker, data: Mapping, key: str, noun: str):
    """Yield (entry, what, where) for each item of a top-level list; `what` names it in messages."""
    items = data.get(key)
    if not isinstance(items, Sequence):
        return
    for i, item in enumerate(items):
        ident = item.get("id") if isinstance(item, dict) else None
        what = f"{noun} '{shown(ident)}'" if isinstance(ident, str) else f"a {noun} (entry {i + 1})"
        yield item, what, items.item_at[i]


def _build_model(check, data, top) -> tuple[ArgumentMap, dict]:
    """The model, and for each claim and reason id the raw entry it was built from (the first
    one given: a later entry with the same id is reported, never used)."""
    file = check.file
    raw_of: dict[str, Mapping] = {}
    source = None
    if "source" in top:
        fields = check.fields(top["source"], SOURCE_FIELDS, "source", data.value_at["source"])
        source = Source(**fields)

    groups: dict[str, Group] = {}
    group_ids: dict[str, tuple] = {}
    for raw, what, where in _entries(check, top, "groups", "group"):
        fields = check.fields(raw, GROUP_FIELDS, what, where)
        if fields and "id" in fields and "title" in fields:
            if _register_id(check, group_ids, fields["id"], raw.value_at["id"], "group"):
                groups[fields["id"]] = Group(fields["id"], fields["title"], Position(file, *where))

    seen_ids: dict[str, tuple] = {}
    claims: dict[str, Claim] = {}
    for raw, what, where in _entries(check, top, "claims", "claim"):
        fields = check.fields(raw, CLAIM_FIELDS, what, where)
        # an id counts as taken even by an entry that is incomplete: a second copy is a duplicate
        if not fields or "id" not in fields:
            continue
        if (
            not _register_id(check, seen_ids, fields["id"], raw.value_at["id"], "claim")
            or "text" not in fields
        ):
            continue
        kind = fields.get("kind")
        if kind is not None and kind not in KINDS:
            check.error(
                f"unknown kind '{shown(kind)}' of claim '{fields['id']}' ({one_of(KINDS)})"
                f"{did_you_mean(kind, KINDS)}",
                raw.value_at["kind"],
            )
        if not fields["text"].strip():
            check.error(f"claim '{fields['id']}' has empty text", raw.value_at["text"])
        fields["tags"] = check.string_list(fields, "tags", f"claim '{fields['id']}'")
        claims[fields["id"]] = Claim(**fields, pos=Position(file, *where), field_pos=raw.value_at)
        raw_of[fields["id"]] = raw

    reasons: dict[str, Reason] = {}
    for raw, what, where in _entries(check, top, "reasons", "reason"):
        fields = check.fields(raw, REASON_FIELDS, what, where)
        if not fields or "id" not in fields:
            continue
        if (
            not _register_id(check, seen_ids, fields["id"], raw.value_at["id"], "reason")
            or "conclusion" not in fields
        ):
            continue
        kind = fields.setdefault("type", "support")
        if kind not in REASON_TYPES:
            check.error(
                f"unknown type '{shown(kind)}' of reason '{fields['id']}' "
                f"({one_of(REASON_TYPES)}){did_you_mean(kind, REASON_TYPES)}",
                raw.value_at["type"],
            )
        if "premises" in fields and not fields["premises"]:
            check.error(
                f"reason '{fields['id']}' has no premises (list at least one claim id)",
                raw.value_at["premises"],
            )
        fields["premises"] = check.string_list(fields, "premises", f"reason '{fields['id']}'")
        reasons[fields["id"]] = Reason(**fields, pos=Position(file, *where), field_pos=raw.value_at)
        raw_of[fields["id"]] = raw

    main = check.string_list(top, "main", "the map") if "main" in top else []
    amap = ArgumentMap(
        title=top.get("title", ""),
        claims=claims,
        reasons=reasons,
        main=main,
        groups=groups,
        source=source,
        path=file,
    )
    return amap, raw_of


def _register_id(check, seen: dict, ident: str, where, what: str) -> bool:
    """Record an id in `seen`; report a malformed or duplicate one. True if it is usable."""
    if not ID_PATTERN.match(ident):
        check.error(
            f"invalid {what} id '{shown(ident)}' (use letters, digits, '-', '_' or '.', "
            "starting with a letter)",
            where,
        )
        return False
    if ident in seen:
        first_what, first_where = seen[ident]
        check.error(
            f"duplicate id '{shown(ident)}': already used by the {first_what} on line "
            f"{first_where[0]}",
            where,
        )
        return False
    seen[ident] = (what, where)
    return True


# names compared for "did you mean" in one file: each lookup scans every id, so a map with
# thousands of bad references would otherwise take quadratic time for its hints
_HINT_BUDGET = 200_000


def _ref_hint(check, ref: str, valid, none_defined: str = "") -> str:
    if not valid and none_defined:
        return f" ({none_defined})"
    hint = ""
    if check.hint_budget >= len(valid):
        check.hint_budget -= len(valid)
        hint = did_you_mean(ref, valid)
    if not hint and 0 < len(valid) <= 12:
        hint = f" (known: {', '.join(sorted(valid))})"
    return hint


def _check_references(check, amap: ArgumentMap, data, raw_of: dict) -> None:
    for i, ref in enumerate(amap.main):
        if ref not in amap.claims:
            check.error(
                f"main conclusion '{shown(ref)}' is not a claim"
                f"{_ref_hint(check, ref, amap.claims)}",
                data["main"].item_at[i],
            )
    for claim in amap.claims.values():
        if claim.group is not None and claim.group not in amap.groups:
            where = raw_of[claim.id].value_at["group"]
            check.error(
                f"claim '{claim.id}' names unknown group '{shown(claim.group)}'"
                f"{_ref_hint(check, claim.group, amap.groups, 'the map defines no groups')}",
                where,
            )
    targets: list[str] = []  # what a conclusion may name: built once, when first needed
    for reason in amap.reasons.values():
        raw = raw_of[reason.id]
        target = reason.conclusion
        if reason.is_contradiction and len(reason.premises) != 1:
            check.error(
                f"reason '{reason.id}' is a contradiction between two claims: give "
                f"exactly one premise (the claim contradicting '{shown(target)}'), not "
                f"{len(reason.premises)}",
                raw.value_at.get("premises", raw.where),
            )
        if target in amap.reasons and reason.is_contradiction:
            check.error(
                f"reason '{reason.id}' is a contradiction, which is between two claims;"
                f" '{target}' is a reason (to attack an inference use type: objection)",
                raw.value_at["conclusion"],
            )
        elif target in amap.reasons:
            if not reason.is_objection:
                check.error(
                    f"reason '{reason.id}' supports reason '{target}': only an objection"
                    " can target a reason (an undercut); support a claim instead",
                    raw.value_at["conclusion"],
                )
            elif target == reason.id:
                check.error(f"reason '{reason.id}' objects to itself", raw.value_at["conclusion"])
        elif target not in amap.claims:
            targets = targets or [*amap.claims, *amap.reasons]
            check.error(
                f"reason '{reason.id}' concludes unknown claim '{shown(target)}'"
                f"{_ref_hint(check, target, targets)}",
                raw.value_at["conclusion"],
            )
        premises_at = raw["premises"].item_at if isinstance(raw.get("premises"), list) else []
        seen = set()
        for premise, where in zip(reason.premises, premises_at):
            if premise not in amap.claims:
                check.error(
                    f"reason '{reason.id}' has unknown premise '{shown(premise)}'"
                    f"{_ref_hint(check, premise, amap.claims)}",
                    where,
                )
            elif premise in seen:
                check.error(f"reason '{reason.id}' lists premise '{shown(premise)}' twice", where)
            elif premise == target:
                check.error(
                    f"reason '{reason.id}' uses its own conclusion '{premise}' as a"
                    " premise (circular support)",
                    where,
                )
            seen.add(premise)


def _check_circular_support(check, amap: ArgumentMap) -> None:
    """A claim may not support itself through a chain of support reasons."""
    supports: dict[str, list[tuple[str, Reason]]] = {}
    for reason in amap.reasons.values():
        if reason.is_objection or reason.conclusion not in amap.claims:
            continue
        for premise in reason.premises:
            if premise in amap.claims and premise != reason.conclusion:
                supports.setdefault(premise, []).append((reason.conclusion, reason))
    # one cycle per tangle (strongly connected set of claims), found from its least id: linear
    # time, where searching from every claim took quadratic time on a long chain
    for tangle in _tangles(amap.claims, supports):
        claims_on_cycle, closing = _find_cycle(min(tangle), supports, tangle)
        chain = " → ".join(claims_on_cycle + [claims_on_cycle[0]])
        check.error(
            f"circular support: {chain} (a claim cannot support itself; "
            "make one of these an objection or drop a reason)",
            (closing.pos.line, closing.pos.column),
        )


def _tangles(nodes, supports) -> list[set[str]]:
    """The strongly connected sets of more than one claim (Tarjan's algorithm, no recursion)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[set[str]] = []
    for root in nodes:
        if root in index:
            continue
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        work = [(root, iter(supports.get(root, ())))]
        while work:
            node, children = work[-1]
            for child, _ in children:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(supports.get(child, ()))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    members = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        members.add(member)
                        if member == node:
                            break
                    if len(members) > 1:
                        found.append(members)
    return found


def _find_cycle(start: str, supports, within: set[str]):
    """A support path from `start` back to itself through claims of `within` (depth-first,
    each claim entered once: a claim that did not lead back once never will)."""
    stack = [(start, iter(supports.get(start, ())))]
    path, visited = [start], {start}
    while stack:
        node, children = stack[-1]
        for child, reason in children:
            if child == start:
                return path[:], reason
            if child in within and child not in visited:
                visited.add(child)
                stack.append((child, iter(supports.get(child, ()))))
                path.append(child)
                break
        else:
            stack.pop()
            path.pop()
    raise AssertionError("a tangle always holds a cycle through each of its claims")


def _check_quotes(
    check, amap: ArgumentMap, data, raw_of: dict, base_dir: Path | None, limits: Limits
) -> None:
    source = amap.source
    raw_source = data.get("source") if isinstance(data.get("source"), Mapping) else None
    if source and source.text and base_dir is not None:
        try:
            source.body = read_source_text(source.text, base_dir, limits)
        except SourceRefused as refused:
            check.error(str(refused), raw_source.value_at["text"] if raw_source else (1, 1))
            return
    finder = quotes.QuoteFinder(source.body) if source and source.body is not None else None
    for claim in amap.claims.values():
        if claim.quote is None:
            continue
        where = raw_of[claim.id].value_at["quote"]
        if finder is None:
            continue  # the lint rule 'unchecked-quote' reports it, switchable
        assert source is not None and source.text is not None  # the finder reads its text
        if not finder.contains(claim.quote):
            closest = finder.closest(claim.quote)
            check.error(
                f"quote of claim '{claim.id}' is not in the source text "
                f"'{shown(source.text)}' (whitespace aside); closest passage: "
                f'"{closest}"',
                where,
            )


def _check_connections(check, amap: ArgumentMap) -> None:
    """The lint rules about connections, run here too so a map with errors still shows them."""
    check.diagnostics.extend(connection_warnings(amap))
    amap.linted = CONNECTION_RULES  # found once: check and the hosts take them from amap.warnings
