"""Page weight: each vis-network style sent once, each node and edge only what the page lacks.

vis_data gives every node and edge its full options (font, colours, shape, sizes), the same
few hundred bytes on thousands of items: 7.6 MB of a 10,000-claim page. Here the shared part
becomes a numbered style (`vis.styles`), and what is left is what the page data does not say
already: a node is a row `[style, x, y]` in whole pixels (a fourth element 1: it starts
hidden), in the order of the claims, then the reasons, whose ids it takes; the edges are the reasons' own (each
premise into its reason, the reason into its conclusion), so a reason sends only the styles of
its two kinds of line, `[premise style, conclusion style]`. A claim's label is its text, which
the outline carries. viewer.js (`expandStyles`) rebuilds the full items at load, so everything
that restyles nodes in the browser sees what it always saw.
"""

from __future__ import annotations

from collections.abc import Sequence


def _pixel(value: float) -> int:
    """A coordinate to the whole pixel: tenths are invisible, and a fifth of a big page's nodes."""
    return round(value)


class _Styles:
    """Each distinct style once, numbered in the order first met."""

    def __init__(self) -> None:
        self.table: list[dict] = []
        self._numbers: dict[str, int] = {}

    def number(self, style: dict) -> int:
        # repr, not sorted JSON: 3x cheaper, and vis_data builds every item's keys in one
        # order (were two equal styles spelled in two orders, they would only cost one more)
        key = repr(style)
        number = self._numbers.get(key)
        if number is None:
            number = self._numbers[key] = len(self.table)
            self.table.append(style)
        return number


def _node_rows(nodes: list[dict], order: Sequence[str], texts: dict[str, str]) -> tuple:
    if [node["id"] for node in nodes] != list(order):
        raise ValueError("vis nodes must come in page-data order: claims, then reasons")
    styles = _Styles()
    rows = []
    for node in nodes:
        shared = {
            key: value
            for key, value in node.items()
            if key not in ("id", "x", "y", "hidden")
            and not (key == "label" and texts.get(str(node["id"])) == value)
        }
        row = [styles.number(shared), _pixel(node["x"]), _pixel(node["y"])]
        if node.get("hidden"):
            row.append(1)
        rows.append(row)
    return rows, styles.table


def _edge_rows(edges: list[dict], reasons: Sequence[tuple[str, str, Sequence[str]]]) -> tuple:
    by_ends = {(edge["from"], edge["to"]): edge for edge in edges}
    styles = _Styles()
    rows, derived = [], 0

    def style_of(source: str, target: str) -> int:
        edge = by_ends[(source, target)]
        return styles.number({k: v for k, v in edge.items() if k not in ("from", "to")})

    for reason_id, conclusion, premises in reasons:
        premise_styles = {style_of(p, reason_id) for p in premises}
        if len(premise_styles) > 1:
            raise ValueError(f"the premises of reason '{reason_id}' are drawn in different styles")
        conclusion_style = style_of(reason_id, conclusion)
        rows.append(
            [premise_styles.pop() if premise_styles else conclusion_style, conclusion_style]
        )
        derived += len(premises) + 1
    if derived != len(edges):
        raise ValueError("vis edges must be exactly the reasons' own")
    return rows, styles.table


def compact_vis(
    nodes: list[dict],
    edges: list[dict],
    claim_texts: dict[str, str],
    reasons: Sequence[tuple[str, str, Sequence[str]]],
) -> dict:
    """{"nodes", "edges", "styles": {"nodes", "edges"}}. `claim_texts` in page-data order;
    `reasons` as (id, conclusion, premises) in page-data order."""
    order = [*claim_texts, *(reason[0] for reason in reasons)]
    node_rows, node_styles = _node_rows(nodes, order, claim_texts)
    edge_rows, edge_styles = _edge_rows(edges, reasons)
    return {
        "nodes": node_rows,
        "edges": edge_rows,
        "styles": {"nodes": node_styles, "edges": edge_styles},
    }
