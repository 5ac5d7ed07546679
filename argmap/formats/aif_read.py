"""AIF (AIFdb {nodes, edges, locutions} and OVA/xAIF {"AIF": …}) to the model; see docs/aif.md."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from ..errors import Diagnostic, MapError
from ..limits import DEFAULT_LIMITS, Limits
from ..model import ArgumentMap, Claim, Position, Reason
from .json_positions import parse as parse_json
from .aif_write import REVERSE_SUFFIX
from ._ids import IdMaker, slugify
from ._import_repair import finish_import

REASON_NODES = {"RA": "support", "CA": "objection"}
SKIPPED_NODES = {"L": "locution", "YA": "illocution", "TA": "transition", "PA": "preference"}
TYPE_NAMES = {"RA", "CA", ""}  # S-node texts that name the node type, not a scheme


def read_aif(path: Path, display: str, limits: Limits = DEFAULT_LIMITS) -> ArgumentMap:
    from .native_read import read_text

    tree = parse_json(read_text(path, display, limits), display, limits)
    return aif_to_map(tree, display, Path(display).stem)


def is_aif(data) -> bool:
    return isinstance(data, dict) and (isinstance(data.get("AIF"), dict) or "nodes" in data)


def aif_to_map(tree, display: str, title: str) -> ArgumentMap:
    """The map of an AIF graph read by json_positions; raise MapError (with file:line:col) if its
    shape is wrong."""
    if isinstance(tree, dict) and isinstance(tree.get("AIF"), dict):
        tree = tree["AIF"]
    if not isinstance(tree, dict) or "nodes" not in tree:
        found = (
            f"an object with keys {', '.join(sorted(map(str, tree)))}"
            if isinstance(tree, dict)
            else f"a JSON {type(tree).__name__}"
        )
        where = getattr(tree, "where", (1, 1))
        raise MapError.at(
            "not AIF: expected an object with 'nodes' and 'edges' (AIFdb) or "
            f"with 'AIF' holding them (OVA/xAIF); found {found}",
            display,
            *where,
        )
    return _Reader(tree, display).read(title)


def _where_in(tree, key: str) -> tuple[int, int]:
    """Where the value of `key` is; a flat object (json_positions) knows only its own place."""
    value_at = getattr(tree, "value_at", None)
    return value_at[key] if value_at and key in value_at else getattr(tree, "where", (1, 1))


class _Reader:
    def __init__(self, tree: dict, display: str):
        self.data, self.file = tree, display
        self.errors: list[Diagnostic] = []
        self.warnings: list[Diagnostic] = []

    def error(self, message: str, where) -> None:
        self.errors.append(Diagnostic(message, self.file, *where))

    def warn(self, message: str, where: tuple[int, int], rule: str = "aif-import") -> None:
        self.warnings.append(Diagnostic(message, self.file, *where, severity="warning", rule=rule))

    def _list(self, key: str) -> list[tuple[dict, tuple]]:
        """(item, where) for each object in a top-level list; errors for the rest."""
        raw = self.data.get(key, [])
        where_list = _where_in(self.data, key)
        if not isinstance(raw, list):
            self.error(f"'{key}' must be a list, not {type(raw).__name__}", where_list)
            return []
        # a flat list holds no object: each item is an error, shown where the list is
        item_at = getattr(raw, "item_at", None) or [where_list] * len(raw)
        out = []
        for item, where in zip(raw, item_at):
            if isinstance(item, dict):
                out.append((item, where))
            else:
                self.error(
                    f"each entry of '{key}' must be an object, not {json.dumps(item)}", where
                )
        return out

    def read(self, title: str) -> ArgumentMap:
        nodes = self._nodes()
        edges = self._edges(nodes)
        if self.errors:
            raise MapError(self.errors)
        ids = IdMaker()
        claims: dict[str, Claim] = {}
        id_of: dict[str, str] = {}
        skipped: Counter = Counter()
        for node_id, (node, where) in nodes.items():
            kind = node["type"]
            if kind == "I":
                cid = id_of[node_id] = ids.make(slugify(node_id, "i"))
                text = " ".join(str(node.get("text") or "").split()) or f"(I-node {node_id})"
                claims[cid] = Claim(cid, text, pos=Position(self.file, *where))
            elif kind in REASON_NODES:
                id_of[node_id] = ids.make(slugify(node_id, kind.lower()))
            elif kind != "MA":
                skipped[kind] += 1
        incoming: dict[str, list[str]] = {n: [] for n in nodes}
        outgoing: dict[str, list[str]] = {n: [] for n in nodes}
        for source, target in edges:
            outgoing[source].append(target)
            incoming[target].append(source)
        reasons = self._reasons(nodes, incoming, outgoing, id_of, claims)
        self._rephrases(nodes, incoming, outgoing, id_of, claims)
        self._quotes(nodes, incoming, outgoing, id_of, claims)
        if skipped:
            counts = ", ".join(
                f"{n} {k} ({SKIPPED_NODES.get(k, 'unknown type')})"
                for k, n in sorted(skipped.items())
            )
            self.warn(
                f"skipped nodes that are not argument structure: {counts}",
                (1, 1),
                rule="aif-skipped",
            )
        amap = ArgumentMap(
            title=title, claims=claims, reasons=reasons, path=self.file, main=_tops(claims, reasons)
        )
        return finish_import(amap, self.warnings)

    def _nodes(self) -> dict[str, tuple[dict, tuple]]:
        nodes: dict[str, tuple[dict, tuple]] = {}
        for node, where in self._list("nodes"):
            node_id, kind = node.get("nodeID"), node.get("type")
            if not isinstance(node_id, (str, int)) or isinstance(node_id, bool):
                self.error(f"node without a usable 'nodeID' (found {json.dumps(node_id)})", where)
                continue
            if not isinstance(kind, str):
                self.error(f"node '{node_id}' has no 'type' (I, RA, CA, MA, L, YA, TA, PA)", where)
                continue
            key = str(node_id)
            if key in nodes:
                self.warn(f"node '{key}' appears twice; the first is kept", where)
                continue
            nodes[key] = (node, where)
        return nodes

    def _edges(self, nodes) -> list[tuple[str, str]]:
        edges: dict[tuple[str, str], None] = {}  # in file order, each pair once
        for edge, where in self._list("edges"):
            source, target = edge.get("fromID"), edge.get("toID")
            if source is None or target is None:
                self.error("edge without 'fromID' and 'toID'", where)
                continue
            missing = [str(n) for n in (source, target) if str(n) not in nodes]
            if missing:
                self.warn(
                    f"edge {edge.get('edgeID', '')} names unknown node '{missing[0]}'; ignored",
                    where,
                )
                continue
            edges[str(source), str(target)] = None
        return list(edges)

    def _reasons(self, nodes, incoming, outgoing, id_of, claims) -> dict[str, Reason]:
        reasons: dict[str, Reason] = {}
        for node_id, (node, where) in nodes.items():
            kind = node["type"]
            if kind not in REASON_NODES:
                continue
            premises = [id_of[n] for n in incoming[node_id] if nodes[n][0]["type"] == "I"]
            targets = [
                n
                for n in outgoing[node_id]
                if nodes[n][0]["type"] == "I" or nodes[n][0]["type"] in REASON_NODES
            ]
            if not premises or not targets:
                missing = (
                    "premise (an I-node pointing to it)"
                    if not premises
                    else "conclusion (a node it points to)"
                )
                self.warn(f"{kind} node '{node_id}' has no {missing}; skipped", where)
                continue
            if len(targets) > 1:
                self.warn(
                    f"{kind} node '{node_id}' points to {len(targets)} nodes; only the first "
                    "is its conclusion",
                    where,
                )
            target = targets[0]
            if nodes[target][0]["type"] != "I" and kind == "RA":
                self.warn(
                    f"RA node '{node_id}' supports an inference or conflict ('{target}'); "
                    "argmap can only object to those, so it is skipped",
                    where,
                )
                continue
            rid = id_of[node_id]
            reasons[rid] = Reason(
                rid,
                id_of[target],
                premises,
                REASON_NODES[kind],
                label=self._scheme(node),
                pos=Position(self.file, *where),
            )
        return _contradictions(reasons, {rid: node for node, rid in id_of.items()})

    @staticmethod
    def _scheme(node: dict) -> str | None:
        scheme = node.get("scheme")
        if isinstance(scheme, str) and scheme.strip():
            return scheme.strip()
        text = str(node.get("text") or "").strip()
        return None if text in TYPE_NAMES else text

    def _quotes(self, nodes, incoming, outgoing, id_of, claims) -> None:
        """A locution (L-node) that asserts an I-node through a YA-node is what was said: the
        claim's quote, less the speaker's name OVA puts before it ("Participant Rachel: A")."""
        speakers = self._speakers()
        for node_id, (node, _) in nodes.items():
            if node["type"] != "I" or claims[id_of[node_id]].quote is not None:
                continue
            for ya in incoming[node_id]:
                said = [
                    n
                    for n in incoming[ya]
                    if nodes[ya][0]["type"] == "YA" and nodes[n][0]["type"] == "L"
                ]
                if said:
                    text = " ".join(str(nodes[said[0]][0].get("text") or "").split())
                    text = _without_speaker(text, speakers.get(said[0], ()))
                    if text:
                        claims[id_of[node_id]].quote = text
                    break

    def _speakers(self) -> dict[str, tuple[str, ...]]:
        """For each locution, the names its text may start with ("First Last: ...")."""
        people: dict[str, str] = {}
        for person, _ in self._list("participants") if "participants" in self.data else []:
            full = " ".join(str(person.get(k) or "") for k in ("firstname", "surname")).strip()
            if full:
                people[str(person.get("participantID"))] = full
        speakers: dict[str, tuple[str, ...]] = {}
        for locution, _ in self._list("locutions") if "locutions" in self.data else []:
            name = people.get(str(locution.get("personID")))
            if name:
                speakers[str(locution.get("nodeID"))] = (name,)
        return speakers

    def _rephrases(self, nodes, incoming, outgoing, id_of, claims) -> None:
        """MA (rephrase) nodes add a note to the rephrasing claim; the map keeps both claims."""
        notes: dict[str, list[str]] = {}  # joined once: many MA nodes on one claim stay linear
        for node_id, (node, where) in nodes.items():
            if node["type"] != "MA":
                continue
            sources = [n for n in incoming[node_id] if nodes[n][0]["type"] == "I"]
            targets = [n for n in outgoing[node_id] if nodes[n][0]["type"] == "I"]
            if not sources or not targets:
                self.warn(f"MA node '{node_id}' does not link two I-nodes; skipped", where)
                continue
            for target in targets:
                claim = claims[id_of[target]]
                lines = notes.setdefault(claim.id, [claim.note] if claim.note else [])
                for source in sources:
                    original = claims[id_of[source]]
                    lines.append(f"Rephrases '{original.id}': {original.text}")
        for cid, lines in notes.items():
            claims[cid].note = "\n".join(lines)


def _without_speaker(text: str, names) -> str:
    for name in names:
        if text.startswith(name + ":"):
            return text[len(name) + 1 :].strip()
    return text


def _tops(claims: dict[str, Claim], reasons: dict[str, Reason]) -> list[str]:
    """The main conclusions: claims some reason concludes that are no reason's premise."""
    premises = {p for r in reasons.values() for p in r.premises}
    concluded = dict.fromkeys(r.conclusion for r in reasons.values() if r.conclusion in claims)
    return [c for c in concluded if c not in premises]


def _contradictions(reasons: dict[str, Reason], node_of: dict[str, str]) -> dict[str, Reason]:
    """Two CA nodes in opposite directions between the same two claims are one symmetric
    contradiction: the first of the two (its id and scheme), or the one an undercut attacks.
    If both are attacked, each stays an objection, so every undercut keeps its own target.
    Our own pair (nodes `x` and `x~`) is matched first, so a plain objection beside it stays."""
    targeted = {r.conclusion for r in reasons.values()}
    between: dict[tuple, list[Reason]] = {}  # (attacker, attacked) -> CA reasons, in order
    for reason in reasons.values():
        if (
            reason.type == "objection"
            and len(reason.premises) == 1
            and reason.conclusion not in reasons
        ):
            between.setdefault((reason.premises[0], reason.conclusion), []).append(reason)

    def ours(one: Reason, other: Reason) -> bool:
        return node_of.get(other.id) == f"{node_of.get(one.id)}{REVERSE_SUFFIX}"

    used: set[str] = set()
    dropped: set[str] = set()
    for prefer_ours in (True, False):
        for (attacker, attacked), group in between.items():
            for reason in group:
                if reason.id in used:
                    continue
                free = [
                    r
                    for r in between.get((attacked, attacker), ())
                    if r.id not in used
                    and r is not reason
                    and not (r.id in targeted and reason.id in targeted)
                ]
                if prefer_ours:
                    free = [r for r in free if ours(reason, r) or ours(r, reason)]
                if not free:
                    continue
                reverse = free[0]
                kept, gone = (reverse, reason) if reverse.id in targeted else (reason, reverse)
                if ours(gone, kept) and gone.id not in targeted:  # `x~` came first: keep `x`
                    kept, gone = gone, kept
                kept.type = "contradiction"
                used.update((kept.id, gone.id))
                dropped.add(gone.id)
    return {rid: r for rid, r in reasons.items() if rid not in dropped}
