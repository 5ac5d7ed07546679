"""The map as a networkx DiGraph of claims and reasons, and the questions rendering asks of it.

Edges run in the direction of support: premise → reason → conclusion. A reason is a
node of its own, so linked premises share one reason and an objection can target the
inference (the reason node) rather than its conclusion.
"""

from __future__ import annotations

import networkx as nx

from .model import ArgumentMap

CLAIM, REASON = "claim", "reason"


def build_graph(amap: ArgumentMap) -> nx.DiGraph:
    """Claims and reasons as nodes (attribute `node`), in file order."""
    graph = nx.DiGraph(title=amap.title, main=list(amap.main))
    for claim in amap.claims.values():
        graph.add_node(claim.id, node=CLAIM, implicit=claim.implicit, kind=claim.kind)
    for reason in amap.reasons.values():
        graph.add_node(reason.id, node=REASON, type=reason.type)
    for reason in amap.reasons.values():
        for premise in reason.premises:
            graph.add_edge(premise, reason.id, role="premise")
        graph.add_edge(reason.id, reason.conclusion, role=reason.type)
    return graph


def is_claim(graph: nx.DiGraph, node: str) -> bool:
    return graph.nodes[node]["node"] == CLAIM


def edge_reason(source: str, target: str, data: dict) -> str:
    """The reason an edge belongs to: premise -> reason, or reason -> its conclusion."""
    return target if data["role"] == "premise" else source


def main_conclusions(graph: nx.DiGraph) -> list[str]:
    """The map's declared main conclusions, or else the claims that support nothing."""
    declared = [c for c in graph.graph.get("main", []) if c in graph]
    if declared:
        return declared
    return [
        n
        for n in graph
        if is_claim(graph, n) and graph.out_degree(n) == 0 and graph.in_degree(n) > 0
    ]


def basic_premises(graph: nx.DiGraph) -> list[str]:
    """Claims no reason concludes: where the argument starts."""
    return [
        n
        for n in graph
        if is_claim(graph, n)
        and graph.out_degree(n) > 0
        and not any(graph.nodes[r]["type"] == "support" for r in graph.predecessors(n))
    ]


def _skeleton_edges(graph: nx.DiGraph) -> tuple[dict[str, list[str]], list[str]]:
    """Depth-first from the top, down through premises: for each node the premises (and
    undercutting objections) whose edge into it is kept, and the nodes in finishing order.

    An edge whose premise is still on the search stack closes a cycle and is left out;
    every kept edge runs from a node that finishes earlier to one that finishes later.
    Plain dicts rather than a second DiGraph: this runs on every render (10,000 claims).
    """
    order = {n: i for i, n in enumerate(graph)}
    below_of = graph.pred
    tops = main_conclusions(graph) + [n for n in graph if graph.out_degree(n) == 0]
    tops += list(graph)  # nodes only on cycles are reached last
    kept: dict[str, list[str]] = {n: [] for n in graph}
    finished: list[str] = []
    state: dict[str, int] = {}  # 1 on the DFS stack, 2 finished
    for top in tops:
        if top in state:
            continue
        state[top] = 1
        stack = [(top, iter(sorted(below_of[top], key=order.__getitem__)))]
        while stack:
            node, below = stack[-1]
            for child in below:
                if state.get(child) == 1:
                    continue  # child → node closes a cycle: leave it out
                kept[node].append(child)
                if child not in state:
                    state[child] = 1
                    stack.append((child, iter(sorted(below_of[child], key=order.__getitem__))))
                    break
            else:
                state[node] = 2
                finished.append(node)
                stack.pop()
    return kept, finished


def levels(graph: nx.DiGraph) -> dict[str, int]:
    """Row of every node: 0 for conclusions on top, each premise below all it supports."""
    kept, finished = _skeleton_edges(graph)
    level = dict.fromkeys(graph, 0)
    for node in reversed(finished):  # a node before the premises beneath it
        below = level[node] + 1
        for child in kept[node]:
            if level[child] < below:
                level[child] = below
    return level
