"""The graph holds claims and reasons as nodes and answers what rendering asks of it."""

from __future__ import annotations

from argmap.graph import basic_premises, build_graph, levels, main_conclusions
from argmap.formats.native_read import load_map


def small(maps_dir):
    return build_graph(load_map(maps_dir / "small.yaml"))


def test_claims_and_reasons_are_nodes_with_linked_premises(maps_dir):
    graph = small(maps_dir)
    assert graph.nodes["r-rents"]["node"] == "reason"
    assert sorted(graph.predecessors("r-rents")) == [
        "affordability-matters",
        "rents-doubled",
        "shortage-raises-prices",
    ]
    assert list(graph.successors("r-rents")) == ["build-more"]
    # an undercut: the objection's edge ends at the reason it attacks
    assert graph.edges["o-transit", "o-congestion"]["role"] == "objection"


def test_main_conclusions_and_basic_premises(maps_dir):
    graph = small(maps_dir)
    assert main_conclusions(graph) == ["build-more"]
    assert basic_premises(graph) == [
        "rents-doubled",
        "shortage-raises-prices",
        "affordability-matters",
        "zoning",
        "congestion",
        "transit",
    ]


def test_levels_put_each_premise_below_what_it_supports(maps_dir):
    graph = small(maps_dir)
    level = levels(graph)
    assert level["build-more"] == 0
    for source, target in graph.edges:
        assert level[source] > level[target], (source, target)


def test_levels_are_defined_on_objection_cycles(maps_dir):
    graph = build_graph(load_map(maps_dir / "objection-cycle.yaml"))
    level = levels(graph)
    assert set(level) == set(graph) and level["a"] == 0


def test_map_graph_keeps_insertion_order_and_shares_edge_attributes():
    from argmap.graph import MapGraph

    graph = MapGraph(title="T")
    graph.add_node("b", node="claim")
    graph.add_edge("a", "b", role="premise")  # a new end becomes a node, after b
    graph.add_edge("b", "c", role="support")
    graph.add_edge("a", "c", role="premise")
    graph.add_edge("a", "b", weight=2)  # again: attributes updated, not a second edge
    assert list(graph) == ["b", "a", "c"] and len(graph) == 3 and "a" in graph
    assert list(graph.edges) == [("b", "c"), ("a", "b"), ("a", "c")]
    assert list(graph.edges(data=True))[1] == ("a", "b", {"role": "premise", "weight": 2})
    assert graph.edges["a", "b"] is graph.pred["b"]["a"] is graph.succ["a"]["b"]
    assert dict(graph.nodes(data=True)) == {"b": {"node": "claim"}, "a": {}, "c": {}}
    assert (graph.in_degree("c"), graph.out_degree("a"), graph.out_degree("c")) == (2, 2, 0)
    assert list(graph.predecessors("c")) == ["b", "a"] and list(graph.successors("b")) == ["c"]
    assert graph.graph == {"title": "T"}


def test_the_graph_matches_networkx_on_every_test_map(maps_dir):
    # the questions rendering asks were answered by a networkx DiGraph before: same answers
    import networkx as nx

    from argmap.errors import MapError
    from argmap.formats.native_read import load_map

    for path in sorted(maps_dir.glob("*.yaml")):
        try:
            amap = load_map(path)
        except MapError:
            continue  # a broken map kept for the error tests
        ours = build_graph(amap)
        theirs = nx.DiGraph()
        theirs.add_nodes_from(ours.nodes(data=True))
        for reason in amap.reasons.values():
            for premise in reason.premises:
                theirs.add_edge(premise, reason.id, role="premise")
            theirs.add_edge(reason.id, reason.conclusion, role=reason.type)
        assert list(ours) == list(theirs), path.name
        assert list(ours.edges(data=True)) == list(theirs.edges(data=True)), path.name
        assert all(list(ours.predecessors(n)) == list(theirs.predecessors(n)) for n in ours), (
            path.name
        )
