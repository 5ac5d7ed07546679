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
