"""The map as a standalone SVG with real <text>: the same layout as the page, for print, RSS, e-mail, PDF."""

from __future__ import annotations

import xml.etree.ElementTree as ET

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

    svg = ET.Element(
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
    ET.SubElement(svg, "title").text = amap.title
    contradictions = (
        "dotted red lines marked × with arrows at both ends join claims that "
        "contradict each other, "
        if any(r.is_contradiction for r in amap.reasons.values())
        else ""
    )
    ET.SubElement(svg, "desc").text = (
        f"Argument map: {len(amap.claims)} claims, {len(amap.reasons)} reasons. Solid green "
        f"lines marked + are support, dotted red lines marked − are objections, {contradictions}"
        "dashed boxes are implicit premises added by the map-maker."
        + (_legend_words(color_by, legend) if color_by != "kind" else "")
    )
    defs = ET.SubElement(svg, "defs")
    for name, colour in (("support", reason_colour(False)), ("objection", reason_colour(True))):
        marker = ET.SubElement(
            defs,
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
        ET.SubElement(marker, "path", {"d": "M 0 0 L 10 5 L 0 10 z", "fill": colour})
    ET.SubElement(
        svg,
        "rect",
        {
            "x": _num(left),
            "y": _num(top),
            "width": _num(width),
            "height": _num(height),
            "fill": BACKGROUND_COLOUR,
        },
    )
    heading = ET.SubElement(
        svg,
        "text",
        {
            "x": _num(left + MARGIN),
            "y": _num(top + MARGIN + 4),
            "font-size": "18",
            "font-weight": "bold",
            "fill": TEXT_COLOUR,
        },
    )
    heading.text = amap.title
    if color_by != "kind":
        _draw_legend(svg, legend, left + MARGIN, top + MARGIN + HEADER_PX - 8)

    edges = ET.SubElement(svg, "g", {"class": "edges", "fill": "none"})
    for source, target, data in graph.edges(data=True):
        reason_id = edge_reason(source, target, data)
        objection = amap.reasons[reason_id].is_objection
        low, high = boxes[source], boxes[target]
        x1, y1 = low.x, low.y - low.height / 2
        x2, y2 = high.x, high.y + high.height / 2
        middle = (y1 + y2) / 2
        attributes = {
            "d": f"M {_num(x1)} {_num(y1)} C {_num(x1)} {_num(middle)} {_num(x2)} {_num(middle)} "
            f"{_num(x2)} {_num(y2)}",
            "stroke": reason_colour(objection),
            "stroke-width": "1.5" if data["role"] == "premise" else "2",
        }
        if objection:
            attributes["stroke-dasharray"] = _dashes(OBJECTION_DASHES)
        arrow = f"url(#argmap-arrow-{'objection' if objection else 'support'})"
        if data["role"] != "premise":
            attributes["marker-end"] = arrow
        elif amap.reasons[reason_id].is_contradiction:
            attributes["marker-start"] = arrow  # the contradicting claim is attacked too
            attributes["stroke-width"] = "2"
        ET.SubElement(edges, "path", attributes)

    nodes = ET.SubElement(svg, "g", {"class": "nodes"})
    for node_id in graph:
        box = boxes[node_id]
        group = ET.SubElement(nodes, "g", {"id": node_id})
        if graph.nodes[node_id]["node"] == REASON:
            reason = amap.reasons[node_id]
            objection = reason.is_objection
            ET.SubElement(
                group,
                "circle",
                {"cx": _num(box.x), "cy": _num(box.y), "r": "10", "fill": reason_colour(objection)},
            )
            sign = ET.SubElement(
                group,
                "text",
                {
                    "x": _num(box.x),
                    "y": _num(box.y + 5),
                    "text-anchor": "middle",
                    "fill": SIGN_COLOUR,
                    "font-size": "14",
                },
            )
            sign.text = reason_sign(reason.type)
            continue
        claim = amap.claims[node_id]
        rect = {
            "x": _num(box.x - box.width / 2),
            "y": _num(box.y - box.height / 2),
            "width": _num(box.width),
            "height": _num(box.height),
            "rx": "5",
            "fill": fills[node_id],
            "stroke": border_colour(node_id in mains),
            "stroke-width": str(border_width(node_id in mains)),
        }
        if claim.implicit:
            rect["stroke-dasharray"] = _dashes(IMPLICIT_DASHES)
        ET.SubElement(group, "rect", rect)
        lines = [line for line, _ in wrap_lines(claim.text)]
        first = box.y - (len(lines) - 1) * LINE_PX / 2 + FONT_PX * 0.35
        text = ET.SubElement(group, "text", {"text-anchor": "middle", "fill": TEXT_COLOUR})
        for i, line in enumerate(lines):
            span = ET.SubElement(text, "tspan", {"x": _num(box.x), "y": _num(first + i * LINE_PX)})
            span.text = line
    ET.indent(svg)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(svg, encoding="unicode") + "\n"


def _legend_words(color_by: str, legend: list[tuple[str, str]]) -> str:
    names = ", ".join(label for label, _ in legend)
    return f" Box colours show each claim's {color_by}, as the legend names them: {names}."


def _draw_legend(svg, legend: list[tuple[str, str]], x: float, y: float) -> None:
    """A row of colour swatches and their labels, from (x, y) its top left."""
    row = ET.SubElement(svg, "g", {"class": "legend", "font-size": "12", "fill": TEXT_COLOUR})
    for label, colour in legend:
        ET.SubElement(
            row,
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
        text = ET.SubElement(row, "text", {"x": _num(x + SWATCH_PX + 4), "y": _num(y + 10)})
        text.text = label
        x += _legend_step((label, colour))


def _legend_step(entry: tuple[str, str]) -> float:
    """The width of one legend entry and the gap after it: its label measured as the layout
    measures box text, at the legend's 12 px."""
    return SWATCH_PX + 4 + text_width(entry[0]) * 12 / FONT_PX + 16
