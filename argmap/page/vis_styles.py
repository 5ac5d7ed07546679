"""vis-network items for the page: each style built once with pyvis and sent once, items as rows.

Every node and edge used to carry its full options (font, colours, shape, sizes), the same few
hundred bytes on thousands of items: 7.6 MB of a 10,000-claim page. A style is decided by a few
facts (a claim's colour, whether it is a main conclusion, whether it is implicit; a reason's
type; a line's reason and end), so pyvis's Node and Edge build it once per distinct set of
facts, and the page gets numbered styles (`vis.styles`) and rows carrying only what the page
data does not say already: a node is `[style, x, y]` in whole pixels (a fourth element 1: it
starts hidden), in the order of the claims, then the reasons, whose ids it takes; the edges are
the reasons' own (each premise into its reason, the reason into its conclusion), so a reason
sends only the styles of its two kinds of line, `[premise style, conclusion style]`. A claim's
label is its text, which the outline carries. viewer.js (`expandStyles`) rebuilds the full
items at load, so everything that restyles nodes in the browser sees what it always saw.
`vis_items` gives those full items in Python (one per node and edge, as pyvis builds them).
"""

from __future__ import annotations

from ..drawing.layout import BOX_MAX_WIDTH, FONT_PX
from ..drawing.style import (
    FONT_FACE,
    IMPLICIT_DASHES,
    OBJECTION_DASHES,
    SIGN_COLOUR,
    TEXT_COLOUR,
    border_colour,
    border_width,
    kind_colour,
    reason_colour,
    reason_sign,
)
from ..graph import main_conclusions
from ..model import ArgumentMap


def _pyvis():
    # pyvis's Node and Edge, loaded without pyvis/__init__ (which imports IPython): vis_nodes.py
    from .vis_nodes import edge_class, node_class

    return node_class(), edge_class()


def _reason_node(Node, reason_id: str, objection: bool, sign: str) -> dict:
    colour = reason_colour(objection)
    return Node(
        reason_id,
        "circle",
        sign,
        size=9,
        color={"background": colour, "border": colour},
        font={"size": 13, "color": SIGN_COLOUR, "face": FONT_FACE},
        widthConstraint={"minimum": 18, "maximum": 18},
    ).options


def _claim_node(Node, claim_id: str, text: str, colour: str, main: bool, implicit: bool) -> dict:
    return Node(
        claim_id,
        "box",
        text,
        margin=12,
        widthConstraint={"maximum": BOX_MAX_WIDTH},
        color={"background": colour, "border": border_colour(main)},
        borderWidth=border_width(main),
        font={"size": FONT_PX, "face": FONT_FACE, "color": TEXT_COLOUR, "bold": {"size": FONT_PX}},
        shapeProperties={"borderDashes": IMPLICIT_DASHES if implicit else False},
    ).options


def _edge(Edge, source: str, target: str, objection: bool, into: bool, contradiction: bool) -> dict:
    """A line of a reason: `into` the reason from a premise, or out of it into its conclusion.
    A contradiction is one line between the two claims, through the reason's ×, marked at
    both ends."""
    options: dict = dict(
        color={"color": reason_colour(objection)},
        dashes=OBJECTION_DASHES if objection else False,
        width=1.5 if into else 2,
    )
    if not into:
        options["arrows"] = {"to": {"enabled": True, "scaleFactor": 0.7}}
    elif contradiction:
        options["arrows"] = {"from": {"enabled": True, "scaleFactor": 0.7}}
        options["width"] = 2
    return Edge(source, target, False, **options).options


class _Styles:
    """Each distinct style once, numbered in the order first met; built once per set of facts."""

    def __init__(self) -> None:
        self.table: list[dict] = []
        self._by_facts: dict[tuple, int] = {}
        self._by_style: dict[str, int] = {}

    def number(self, build, *facts) -> int:
        """The number of the style `build(*facts)` gives."""
        key = (build, facts)
        number = self._by_facts.get(key)
        if number is None:
            style = build(*facts)
            # two sets of facts may come to the same style (two kinds of one colour)
            number = self._by_style.setdefault(repr(sorted(style.items())), len(self.table))
            if number == len(self.table):
                self.table.append(style)
            self._by_facts[key] = number
        return number


def _claim_facts(amap: ArgumentMap, graph, colours: dict[str, str] | None):
    """(claim, colour, main, implicit) for every claim, in map order."""
    mains = set(main_conclusions(graph))
    for claim in amap.claims.values():
        colour = colours[claim.id] if colours else kind_colour(claim.kind)
        yield claim, colour, claim.id in mains, claim.implicit


def _shared(item: dict, own=("id", "x", "y", "hidden", "from", "to")) -> dict:
    """An item's style: its options less what the page data says (ids, positions, ends)."""
    return {k: v for k, v in item.items() if k not in own}


def vis_rows(
    amap: ArgumentMap, graph, boxes, hidden=frozenset(), colours: dict[str, str] | None = None
) -> dict:
    """{"nodes", "edges", "styles": {"nodes", "edges"}} for the page: see the module docstring.
    `boxes` is the layout, `hidden` the nodes a folded big map opens without, `colours` each
    claim's background (colour_by.box_colours), by kind when not given."""
    Node, Edge = _pyvis()

    def claim_style(colour: str, main: bool, implicit: bool) -> dict:
        # a claim's label is its text, which the outline carries
        return _shared(_claim_node(Node, "", "", colour, main, implicit), ("id", "label"))

    def reason_style(objection: bool, sign: str) -> dict:
        return _shared(_reason_node(Node, "", objection, sign))

    def edge_style(objection: bool, into: bool, contradiction: bool) -> dict:
        return _shared(_edge(Edge, "", "", objection, into, contradiction))

    node_styles, edge_styles = _Styles(), _Styles()
    nodes: list[list[int]] = []

    def row(node_id: str, style: int) -> None:
        box = boxes[node_id]
        nodes.append([style, round(box.x), round(box.y), *((1,) if node_id in hidden else ())])

    for claim, colour, main, implicit in _claim_facts(amap, graph, colours):
        row(claim.id, node_styles.number(claim_style, colour, main, implicit))
    edges = []
    for reason in amap.reasons.values():
        objection = reason.is_objection
        row(reason.id, node_styles.number(reason_style, objection, reason_sign(reason.type)))
        into, out = (
            edge_styles.number(edge_style, objection, end, reason.is_contradiction)
            for end in (True, False)
        )
        edges.append([into if reason.premises else out, out])  # two numbers, premises or not
    return {
        "nodes": nodes,
        "edges": edges,
        "styles": {"nodes": node_styles.table, "edges": edge_styles.table},
    }


def vis_items(
    amap: ArgumentMap,
    graph=None,
    boxes=None,
    hidden=frozenset(),
    colours: dict[str, str] | None = None,
) -> tuple[list[dict], list[dict]]:
    """Every vis-network node and edge whole, one pyvis Node or Edge each, positioned in
    Python: what the page's rows expand to (viewer.js expandStyles). Arguments as vis_rows;
    the graph and the layout are made when not given."""
    from ..drawing.layout import layered_layout
    from ..graph import build_graph

    graph = graph if graph is not None else build_graph(amap)
    if boxes is None:
        boxes = layered_layout(graph, {c.id: c.text for c in amap.claims.values()})
    Node, Edge = _pyvis()
    nodes = []
    for claim, colour, main, implicit in _claim_facts(amap, graph, colours):
        nodes.append(_claim_node(Node, claim.id, claim.text, colour, main, implicit))
    for reason in amap.reasons.values():
        nodes.append(_reason_node(Node, reason.id, reason.is_objection, reason_sign(reason.type)))
    for node in nodes:
        box = boxes[node["id"]]
        node["x"], node["y"] = box.x, box.y
        if node["id"] in hidden:
            node["hidden"] = True
    # each reason's lines in turn, premises first: the order viewer.js rebuilds them in
    edges = []
    for reason in amap.reasons.values():
        kind = (reason.is_objection, reason.is_contradiction)
        for premise in reason.premises:
            edges.append(_edge(Edge, premise, reason.id, kind[0], True, kind[1]))
        edges.append(_edge(Edge, reason.id, reason.conclusion, kind[0], False, kind[1]))
    return nodes, edges
