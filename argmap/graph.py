"""The map as a directed graph of claims and reasons, and the questions rendering asks of it.

Edges run in the direction of support: premise → reason → conclusion. A reason is a
node of its own, so linked premises share one reason and an objection can target the
inference (the reason node) rather than its conclusion.
"""

from __future__ import annotations

from typing import Iterator

from .model import ArgumentMap

CLAIM, REASON = "claim", "reason"


class _Nodes(dict):
    """Node -> its attributes; called as `nodes(data=True)` it gives (node, attributes) pairs."""

    def __call__(self, data: bool = False):
        return self.items() if data else self.keys()


class _Edges:
    """The edges in node order, each node's in the order they were added: (source, target)
    pairs; `edges(data=True)` adds the attributes, `edges[source, target]` looks them up."""

    def __init__(self, succ: dict[str, dict[str, dict]]):
        self._succ = succ

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return ((u, v) for u, targets in self._succ.items() for v in targets)

    def __len__(self) -> int:
        return sum(map(len, self._succ.values()))

    def __getitem__(self, edge: tuple[str, str]) -> dict:
        return self._succ[edge[0]][edge[1]]

    def __call__(self, data: bool = False):
        if not data:
            return iter(self)
        return ((u, v, d) for u, targets in self._succ.items() for v, d in targets.items())


class MapGraph:
    """A directed graph as dicts, with the part of networkx's DiGraph interface argmap uses
    (nodes, edges, succ, pred, predecessors, successors, degrees, the `graph` attributes).

    Every render builds one; importing networkx alone costs more than a small map's whole
    render (~0.1 s), so networkx is left to the one export that writes its format (GraphML).
    Iteration order is insertion order, as networkx's, so layouts stay byte-identical."""

    __slots__ = ("graph", "nodes", "succ", "pred", "edges")

    def __init__(self, **attributes):
        self.graph: dict = dict(attributes)
        self.nodes = _Nodes()
        self.succ: dict[str, dict[str, dict]] = {}
        self.pred: dict[str, dict[str, dict]] = {}
        self.edges = _Edges(self.succ)

    def __iter__(self) -> Iterator[str]:
        return iter(self.nodes)

    def __contains__(self, node) -> bool:
        return node in self.nodes

    def __len__(self) -> int:
        return len(self.nodes)

    def add_node(self, name: str, /, **attributes) -> None:
        """A node, or new attributes for one (positional-only: `node` is an attribute here)."""
        if name in self.nodes:
            self.nodes[name].update(attributes)
            return
        self.nodes[name] = attributes
        self.succ[name] = {}
        self.pred[name] = {}

    def add_edge(self, source: str, target: str, /, **attributes) -> None:
        """An edge, its ends added as nodes when new; given again, its attributes are updated."""
        for end in (source, target):
            if end not in self.nodes:
                self.add_node(end)
        data = self.succ[source].get(target)
        if data is None:
            data = self.succ[source][target] = self.pred[target][source] = {}
        data.update(attributes)

    def add_nodes_from(self, nodes) -> None:
        """(node, attributes) pairs."""
        for node, attributes in nodes:
            self.add_node(node, **attributes)

    def add_edges_from(self, edges) -> None:
        """(source, target, attributes) triples."""
        for source, target, attributes in edges:
            self.add_edge(source, target, **attributes)

    def predecessors(self, node: str) -> Iterator[str]:
        return iter(self.pred[node])

    def successors(self, node: str) -> Iterator[str]:
        return iter(self.succ[node])

    def in_degree(self, node: str) -> int:
        return len(self.pred[node])

    def out_degree(self, node: str) -> int:
        return len(self.succ[node])


def build_graph(amap: ArgumentMap) -> MapGraph:
    """Claims and reasons as nodes (attribute `node`), in file order."""
    graph = MapGraph(title=amap.title, main=list(amap.main))
    # the dicts are written directly where nothing is there yet: add_node's and add_edge's
    # generality was a third of the time (a 50,000-claim map: 145,000 edges)
    nodes, succ, pred = graph.nodes, graph.succ, graph.pred
    for claim in amap.claims.values():
        nodes[claim.id] = {"node": CLAIM, "implicit": claim.implicit, "kind": claim.kind}
        succ[claim.id], pred[claim.id] = {}, {}
    for reason in amap.reasons.values():
        graph.add_node(reason.id, node=REASON, type=reason.type)  # an id may repeat, unchecked
    for reason in amap.reasons.values():
        rid = reason.id
        for premise in reason.premises:
            if premise in succ and rid not in succ[premise]:
                succ[premise][rid] = pred[rid][premise] = {"role": "premise"}
            else:  # a premise named twice, or unknown (a map not validated)
                graph.add_edge(premise, rid, role="premise")
        graph.add_edge(rid, reason.conclusion, role=reason.type)
    return graph


def is_claim(graph: MapGraph, node: str) -> bool:
    return graph.nodes[node]["node"] == CLAIM


def edge_reason(source: str, target: str, data: dict) -> str:
    """The reason an edge belongs to: premise -> reason, or reason -> its conclusion."""
    return target if data["role"] == "premise" else source


def main_conclusions(graph: MapGraph) -> list[str]:
    """The map's declared main conclusions, or else the claims that support nothing."""
    declared = [c for c in graph.graph.get("main", []) if c in graph]
    if declared:
        return declared
    return [
        n
        for n in graph
        if is_claim(graph, n) and graph.out_degree(n) == 0 and graph.in_degree(n) > 0
    ]


def basic_premises(graph: MapGraph) -> list[str]:
    """Claims no reason concludes: where the argument starts."""
    return [
        n
        for n in graph
        if is_claim(graph, n)
        and graph.out_degree(n) > 0
        and not any(graph.nodes[r]["type"] == "support" for r in graph.predecessors(n))
    ]


def _skeleton_edges(graph: MapGraph) -> tuple[dict[str, list[str]], list[str]]:
    """Depth-first from the top, down through premises: for each node the premises (and
    undercutting objections) whose edge into it is kept, and the nodes in finishing order.

    An edge whose premise is still on the search stack closes a cycle and is left out;
    every kept edge runs from a node that finishes earlier to one that finishes later.
    Plain dicts rather than a second DiGraph: this runs on every render (10,000 claims).
    """
    order = {n: i for i, n in enumerate(graph)}
    # each node's premises in file order (most nodes have one or none: nothing to sort)
    below_of = {
        n: sorted(below, key=order.__getitem__) if len(below) > 1 else below
        for n, below in graph.pred.items()
    }
    tops = main_conclusions(graph) + [n for n in graph if graph.out_degree(n) == 0]
    tops += list(graph)  # nodes only on cycles are reached last
    kept: dict[str, list[str]] = {n: [] for n in graph}
    finished: list[str] = []
    state: dict[str, int] = {}  # 1 on the DFS stack, 2 finished
    for top in tops:
        if top in state:
            continue
        state[top] = 1
        stack = [(top, iter(below_of[top]))]
        while stack:
            node, below = stack[-1]
            for child in below:
                if state.get(child) == 1:
                    continue  # child → node closes a cycle: leave it out
                kept[node].append(child)
                if child not in state:
                    state[child] = 1
                    stack.append((child, iter(below_of[child])))
                    break
            else:
                state[node] = 2
                finished.append(node)
                stack.pop()
    return kept, finished


def levels(graph: MapGraph) -> dict[str, int]:
    """Row of every node: 0 for conclusions on top, each premise below all it supports."""
    kept, finished = _skeleton_edges(graph)
    level = dict.fromkeys(graph, 0)
    for node in reversed(finished):  # a node before the premises beneath it
        below = level[node] + 1
        for child in kept[node]:
            if level[child] < below:
                level[child] = below
    return level
