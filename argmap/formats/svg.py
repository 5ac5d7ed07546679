"""The map as a standalone SVG with real <text>: the same layout as the page, for print, RSS, e-mail, PDF."""

from __future__ import annotations

from .._gc import paused_gc
from ..graph import REASON, build_graph, edge_reason, main_conclusions
from ..drawing.colour_by import box_colours
from ..drawing.layout import FONT_PX, LINE_PX, layered_layout, text_width, wrap_lines
from ..model import ArgumentMap
from ..drawing.style import (
    BACKGROUND_COLOUR,
    FONT_FACE,
    IMPLICIT_DASHES,
    OBJECTION_DASHES,
    SIGN_COLOUR,
    TEXT_COLOUR,
    border_colour,
    border_width,
    reason_colour,
    reason_sign,
)

MARGIN = 24
HEADER_PX = 40
LEGEND_PX = 24  # a legend row under the title, when box colours mean something other than kind
SWATCH_PX = 12
SVG_NS = "http://www.w3.org/2000/svg"


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _dashes(pattern) -> str:
    return " ".join(str(n) for n in pattern)


def _attribute(value: str) -> str:
    """An attribute value escaped as ElementTree escapes it (line breaks kept as references)."""
    if "&" in value:
        value = value.replace("&", "&amp;")
    if "<" in value:
        value = value.replace("<", "&lt;")
    if ">" in value:
        value = value.replace(">", "&gt;")
    if '"' in value:
        value = value.replace('"', "&quot;")
    return value.replace("\r", "&#13;").replace("\n", "&#10;").replace("\t", "&#09;")


def _attributes(attributes: dict[str, str]) -> str:
    return "".join(f' {name}="{_attribute(value)}"' for name, value in attributes.items())


def _text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class _Writer:
    """SVG text, one element per line, indented two spaces a level: the shape ElementTree's
    indent and tostring gave it, written directly (serialising a tree was most of a big
    map's export)."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def leaf(self, level: int, tag: str, attributes: dict[str, str], text: str = "") -> None:
        attrs = _attributes(attributes)
        if text:
            self.parts.append(f"{'  ' * level}<{tag}{attrs}>{_text(text)}</{tag}>\n")
        else:
            self.parts.append(f"{'  ' * level}<{tag}{attrs} />\n")

    def open(self, level: int, tag: str, attributes: dict[str, str]) -> int:
        """Open a container; the position to pass to close."""
        self.parts.append(f"{'  ' * level}<{tag}{_attributes(attributes)}>\n")
        return len(self.parts)

    def close(self, level: int, tag: str, opened: int) -> None:
        if len(self.parts) == opened:  # nothing inside: an empty element
            self.parts[-1] = self.parts[-1][:-2] + " />\n"
        else:
            self.parts.append(f"{'  ' * level}</{tag}>\n")


@paused_gc()  # the layout and every element's attributes, none garbage: see _gc.py
def render_svg(amap: ArgumentMap, color_by: str = "kind") -> str:
    """The map as SVG text; `color_by` (drawing.colour_by.COLOR_BY) says what box colours mean,
    with a legend under the title when it is not the kind."""
    graph = build_graph(amap)
    boxes = layered_layout(graph, {c.id: c.text for c in amap.claims.values()})
    mains = set(main_conclusions(graph))
    fills, legend = box_colours(amap, color_by)
    header = HEADER_PX + (LEGEND_PX if color_by != "kind" else 0)
    left = min((b.x - b.width / 2 for b in boxes.values()), default=0) - MARGIN
    top = min((b.y - b.height / 2 for b in boxes.values()), default=0) - MARGIN - header
    right = max((b.x + b.width / 2 for b in boxes.values()), default=0) + MARGIN
    if color_by != "kind":  # the legend row fits
        right = max(right, left + MARGIN + sum(map(_legend_step, legend)) + MARGIN)
    bottom = max((b.y + b.height / 2 for b in boxes.values()), default=0) + MARGIN
    width, height = right - left, bottom - top

    out = _Writer()
    svg = out.open(
        0,
        "svg",
        {
            "xmlns": SVG_NS,
            "version": "1.1",
            "role": "img",
            "viewBox": f"{_num(left)} {_num(top)} {_num(width)} {_num(height)}",
            "width": _num(width),
            "height": _num(height),
            "font-family": FONT_FACE,
            "font-size": str(FONT_PX),
        },
    )
    out.leaf(1, "title", {}, amap.title)
    contradictions = (
        "dotted red lines marked × with arrows at both ends join claims that "
        "contradict each other, "
        if any(r.is_contradiction for r in amap.reasons.values())
        else ""
    )
    out.leaf(
        1,
        "desc",
        {},
        f"Argument map: {len(amap.claims)} claims, {len(amap.reasons)} reasons. Solid green "
        f"lines marked + are support, dotted red lines marked − are objections, {contradictions}"
        "dashed boxes are implicit premises added by the map-maker."
        + (_legend_words(color_by, legend) if color_by != "kind" else ""),
    )
    defs = out.open(1, "defs", {})
    for name, colour in (("support", reason_colour(False)), ("objection", reason_colour(True))):
        marker = out.open(
            2,
            "marker",
            {
                "id": f"argmap-arrow-{name}",
                "viewBox": "0 0 10 10",
                "refX": "10",
                "refY": "5",
                "markerWidth": "7",
                "markerHeight": "7",
                "orient": "auto-start-reverse",
            },
        )
        out.leaf(3, "path", {"d": "M 0 0 L 10 5 L 0 10 z", "fill": colour})
        out.close(2, "marker", marker)
    out.close(1, "defs", defs)
    out.leaf(
        1,
        "rect",
        {
            "x": _num(left),
            "y": _num(top),
            "width": _num(width),
            "height": _num(height),
            "fill": BACKGROUND_COLOUR,
        },
    )
    out.leaf(
        1,
        "text",
        {
            "x": _num(left + MARGIN),
            "y": _num(top + MARGIN + 4),
            "font-size": "18",
            "font-weight": "bold",
            "fill": TEXT_COLOUR,
        },
        amap.title,
    )
    if color_by != "kind":
        _draw_legend(out, legend, left + MARGIN, top + MARGIN + HEADER_PX - 8)

    # the edges and nodes, thousands of them, are written as text in the writer's shape: only
    # ids and claim texts need escaping (numbers and colours never do)
    # each box's centre x, top and bottom as written: every line ends at two of them
    xs = {n: _num(b.x) for n, b in boxes.items()}
    tops = {n: _num(b.y - b.height / 2) for n, b in boxes.items()}
    bottoms = {n: _num(b.y + b.height / 2) for n, b in boxes.items()}
    edges = out.open(1, "g", {"class": "edges", "fill": "none"})
    dashes = f' stroke-dasharray="{_dashes(OBJECTION_DASHES)}"'
    for source, target, data in graph.edges(data=True):
        reason = amap.reasons[edge_reason(source, target, data)]
        objection = reason.is_objection
        low, high = boxes[source], boxes[target]
        x1, y1, x2, y2 = xs[source], tops[source], xs[target], bottoms[target]
        middle = _num(((low.y - low.height / 2) + (high.y + high.height / 2)) / 2)
        arrow = f"url(#argmap-arrow-{'objection' if objection else 'support'})"
        if data["role"] != "premise":
            stroke_width, ends = "2", f' marker-end="{arrow}"'
        elif reason.is_contradiction:  # the contradicting claim is attacked too
            stroke_width, ends = "2", f' marker-start="{arrow}"'
        else:
            stroke_width, ends = "1.5", ""
        out.parts.append(
            f'    <path d="M {x1} {y1} C {x1} {middle} {x2} {middle} {x2} {y2}" '
            f'stroke="{reason_colour(objection)}" stroke-width="{stroke_width}"'
            f"{dashes if objection else ''}{ends} />\n"
        )
    out.close(1, "g", edges)

    nodes = out.open(1, "g", {"class": "nodes"})
    implicit_dashes = f' stroke-dasharray="{_dashes(IMPLICIT_DASHES)}"'
    parts = out.parts
    for node_id in graph:
        box = boxes[node_id]
        x, y = xs[node_id], box.y
        if graph.nodes[node_id]["node"] == REASON:
            reason = amap.reasons[node_id]
            parts.append(
                f'    <g id="{_attribute(node_id)}">\n'
                f'      <circle cx="{x}" cy="{_num(y)}" r="10" '
                f'fill="{reason_colour(reason.is_objection)}" />\n'
                f'      <text x="{x}" y="{_num(y + 5)}" text-anchor="middle" fill="{SIGN_COLOUR}" '
                f'font-size="14">{_text(reason_sign(reason.type))}</text>\n'
                "    </g>\n"
            )
            continue
        claim = amap.claims[node_id]
        main = node_id in mains
        parts.append(
            f'    <g id="{_attribute(node_id)}">\n'
            f'      <rect x="{_num(box.x - box.width / 2)}" y="{tops[node_id]}" '
            f'width="{_num(box.width)}" height="{_num(box.height)}" rx="5" '
            f'fill="{fills[node_id]}" stroke="{border_colour(main)}" '
            f'stroke-width="{border_width(main)}"{implicit_dashes if claim.implicit else ""} />\n'
            f'      <text text-anchor="middle" fill="{TEXT_COLOUR}">\n'
        )
        text = claim.text
        escape = "&" in text or "<" in text or ">" in text  # else no line needs escaping
        lines = wrap_lines(text)
        first = y - (len(lines) - 1) * LINE_PX / 2 + FONT_PX * 0.35
        for i, (line, _) in enumerate(lines):
            at = f'        <tspan x="{x}" y="{_num(first + i * LINE_PX)}"'
            if not line:
                parts.append(f"{at} />\n")
            else:
                parts.append(f"{at}>{_text(line) if escape else line}</tspan>\n")
        parts.append("      </text>\n    </g>\n")
    out.close(1, "g", nodes)
    out.close(0, "svg", svg)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + "".join(out.parts)


def _legend_words(color_by: str, legend: list[tuple[str, str]]) -> str:
    names = ", ".join(label for label, _ in legend)
    return f" Box colours show each claim's {color_by}, as the legend names them: {names}."


def _draw_legend(out: _Writer, legend: list[tuple[str, str]], x: float, y: float) -> None:
    """A row of colour swatches and their labels, from (x, y) its top left."""
    row = out.open(1, "g", {"class": "legend", "font-size": "12", "fill": TEXT_COLOUR})
    for label, colour in legend:
        out.leaf(
            2,
            "rect",
            {
                "x": _num(x),
                "y": _num(y),
                "width": str(SWATCH_PX),
                "height": str(SWATCH_PX),
                "rx": "2",
                "fill": colour,
                "stroke": TEXT_COLOUR,
                "stroke-width": "0.5",
            },
        )
        out.leaf(2, "text", {"x": _num(x + SWATCH_PX + 4), "y": _num(y + 10)}, label)
        x += _legend_step((label, colour))
    out.close(1, "g", row)


def _legend_step(entry: tuple[str, str]) -> float:
    """The width of one legend entry and the gap after it: its label measured as the layout
    measures box text, at the legend's 12 px."""
    return SWATCH_PX + 4 + text_width(entry[0]) * 12 / FONT_PX + 16
