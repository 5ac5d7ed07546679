"""Plain pyvis on the same graph as `argmap render`: Network.from_nx + write_html, pyvis's defaults.

`python benchmarks/pyvis_page.py MAP.yaml OUT.html` — the comparison point for benchmarks/run.py.
The graph is argmap's own (claims and reasons as nodes, edges premise → reason → conclusion),
labelled with the claim texts, without argmap's layout or styling.
"""

from __future__ import annotations

import sys


def pyvis_graph(path: str):
    import networkx as nx

    from argmap.graph import build_graph
    from argmap.formats.native_read import load_map

    amap = load_map(path)
    graph = build_graph(amap)
    plain = nx.DiGraph()
    for node, data in graph.nodes(data=True):
        if data["node"] == "claim":
            plain.add_node(node, label=amap.claims[node].text)
        else:
            plain.add_node(node, label="−" if amap.reasons[node].is_objection else "+")
    plain.add_edges_from(graph.edges())
    return plain


def main(argv: list[str]) -> int:
    from pyvis.network import Network

    source, output = argv
    net = Network(cdn_resources="in_line")  # everything else as pyvis ships it
    net.from_nx(pyvis_graph(source))
    net.write_html(output)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
