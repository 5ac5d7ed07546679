"""Write a map as Graphviz DOT by hand: boxes filled as on the page, support solid, objection dashed, implicit claims dashed."""

from __future__ import annotations

from ..drawing.colour_by import box_colours
from ..drawing.layout import BOX_MARGIN, BOX_MAX_WIDTH, text_width
from ..graph import build_graph, main_conclusions
from ..drawing.style import SIGN_COLOUR, border_colour, border_width, reason_colour, reason_sign
from ..model import ArgumentMap


def quote(text: str) -> str:
    """A DOT double-quoted string: backslashes and quotes escaped, line breaks as \\n."""
    text = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n") + '"'


def box_label(text: str) -> str:
    """A claim's text in lines about as wide as the page's boxes, broken between words only
    (and where the text breaks): Graphviz never wraps a label, and one line per claim drew the
    essay 6,000 px wide."""
    lines: list[str] = []
    for given in text.splitlines() or [""]:
        start = len(lines)
        for word in given.split():
            joined = f"{lines[-1]} {word}" if len(lines) > start else word
            if len(lines) > start and text_width(joined) <= BOX_MAX_WIDTH - 2 * BOX_MARGIN:
                lines[-1] = joined
            else:
                lines.append(word)
        if len(lines) == start:
            lines.append("")  # an empty line of the text stays
    return "\n".join(lines)


def _attrs(pairs) -> str:
    return "[" + ", ".join(f"{key}={value}" for key, value in pairs) + "]"


def map_to_dot(amap: ArgumentMap, color_by: str = "kind") -> str:
    """The map as a DOT digraph, claim boxes filled by `color_by` (colour_by.COLOR_BY) and
    bordered as on the page: what `dot -Tsvg` draws reads as argmap's own pictures."""
    colours, _ = box_colours(amap, color_by)
    font = ("fontname", quote("sans-serif"))
    graph = _attrs([("label", quote(amap.title)), ("labelloc", "t"), ("rankdir", "BT")])
    node = _attrs([("shape", "box"), ("style", quote("rounded")), font])
    lines = [
        "digraph argmap {",
        f"  graph {graph};",
        f"  node {node};",
        f"  edge {_attrs([font])};",
    ]
    main = set(main_conclusions(build_graph(amap)))  # declared, or what supports nothing
    for claim in amap.claims.values():
        style = "rounded,filled,dashed" if claim.implicit else "rounded,filled"
        attrs = [
            ("label", quote(box_label(claim.text))),
            ("style", quote(style)),
            ("fillcolor", quote(colours[claim.id])),
            ("color", quote(border_colour(claim.id in main))),
            ("penwidth", str(border_width(claim.id in main))),
        ]
        lines.append(f"  {quote(claim.id)} {_attrs(attrs)};")
    undercut = {r.conclusion for r in amap.reasons.values()}
    # a contradiction nothing undercuts is one line between its claims, arrows at both ends
    direct = {r.id for r in amap.reasons.values() if r.is_contradiction and r.id not in undercut}
    for reason in amap.reasons.values():
        if reason.id in direct:
            continue
        colour = reason_colour(reason.is_objection)
        attrs = [
            ("label", quote(reason_sign(reason.type))),
            ("shape", "circle"),
            ("style", "filled"),
            ("fillcolor", quote(colour)),
            ("fontcolor", quote(SIGN_COLOUR)),
            ("tooltip", quote(reason.label or reason.type)),
        ]
        lines.append(f"  {quote(reason.id)} {_attrs(attrs)};")
    for reason in amap.reasons.values():
        colour = quote(reason_colour(reason.is_objection))
        style = "dashed" if reason.is_objection else "solid"
        label = ("label", quote(reason.label or reason.type))
        if reason.id in direct:
            lines.append(
                f"  {quote(reason.premises[0])} -> {quote(reason.conclusion)} "
                f"{_attrs([('style', style), ('color', colour), ('dir', 'both'), label])};"
            )
            continue
        # the premise end of a contradiction is attacked too: an arrow there (dir=back)
        tail = "back" if reason.is_contradiction else "none"
        for premise in reason.premises:
            head = [("dir", tail)] if tail == "back" else [("arrowhead", "none")]
            lines.append(
                f"  {quote(premise)} -> {quote(reason.id)} "
                f"{_attrs([('style', style), ('color', colour), *head])};"
            )
        attrs = [("style", style), ("color", colour), label]
        lines.append(f"  {quote(reason.id)} -> {quote(reason.conclusion)} {_attrs(attrs)};")
    lines.append("}")
    return "\n".join(lines) + "\n"
