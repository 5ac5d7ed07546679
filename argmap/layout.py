"""Layered layout in Python: conclusions on top, premises below, no overlapping boxes.

The browser only draws; every x and y comes from here, so the picture is stable and
the same input always gives the same coordinates.
"""
from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from .graph import REASON, levels

BOX_MAX_WIDTH = 220  # px; vis-network wraps claim text at this width
FONT_PX = 14
CHAR_PX = 7.4  # average advance of the page's sans-serif at 14 px
LINE_PX = 19
BOX_PADDING = 12
REASON_SIZE = 26
H_GAP = 28
V_GAP = 70
SWEEPS = 6


@dataclass(frozen=True)
class Box:
    x: float  # centre
    y: float  # centre
    width: float
    height: float


def wrap_lines(text: str, max_px: float = BOX_MAX_WIDTH - 2 * BOX_PADDING) -> list[str]:
    """Greedy word wrap by estimated width, as vis-network wraps box labels."""
    max_chars = max(8, int(max_px / CHAR_PX))
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if len(candidate) <= max_chars or not line:
            line = candidate
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines or [""]


def box_size(label: str) -> tuple[float, float]:
    lines = wrap_lines(label)
    width = max(len(line) for line in lines) * CHAR_PX + 2 * BOX_PADDING
    return min(width, BOX_MAX_WIDTH), len(lines) * LINE_PX + 2 * BOX_PADDING


def layered_layout(graph: nx.DiGraph, labels: dict[str, str]) -> dict[str, Box]:
    """A Box for every node: rows by level, order within rows by barycenter sweeps."""
    level = levels(graph)
    rows: dict[int, list[str]] = {}
    for node in graph:  # file order is the starting order
        rows.setdefault(level[node], []).append(node)
    depth = max(rows, default=-1) + 1
    order = [rows.get(i, []) for i in range(depth)]
    size = {n: (REASON_SIZE, REASON_SIZE) if graph.nodes[n]["node"] == REASON
            else box_size(labels.get(n, n)) for n in graph}
    neighbours = {n: list(graph.predecessors(n)) + list(graph.successors(n)) for n in graph}

    for sweep in range(SWEEPS):
        rows_in_turn = range(1, depth) if sweep % 2 == 0 else range(depth - 2, -1, -1)
        for i in rows_in_turn:
            fixed = i - 1 if sweep % 2 == 0 else i + 1
            index = {n: k for k, n in enumerate(order[fixed])}
            current = {n: k for k, n in enumerate(order[i])}

            def barycenter(node):
                near = [index[m] for m in neighbours[node] if m in index]
                return (sum(near) / len(near), current[node]) if near else (current[node], 0)

            order[i] = sorted(order[i], key=barycenter)

    boxes: dict[str, Box] = {}
    y = 0.0
    for row in order:
        height = max((size[n][1] for n in row), default=0)
        total = sum(size[n][0] for n in row) + H_GAP * max(0, len(row) - 1)
        x = -total / 2
        for node in row:
            width, node_height = size[node]
            boxes[node] = Box(round(x + width / 2, 1), round(y + height / 2, 1), width, node_height)
            x += width + H_GAP
        y += height + V_GAP
    return boxes
