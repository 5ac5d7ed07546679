"""Write a map as GraphML (networkx): claims and reasons as nodes, every attribute a string."""

from __future__ import annotations

import io

from ..model import ArgumentMap


def _strings(pairs) -> dict[str, str]:
    """GraphML keys need one type each: strings throughout, unset values left out."""
    out = {}
    for key, value in pairs:
        if value is None or value == [] or value is False and key != "implicit":
            continue
        if isinstance(value, bool):
            value = "true" if value else "false"
        elif isinstance(value, list):
            value = ", ".join(value)
        out[key] = str(value)
    return out


def map_to_graphml(amap: ArgumentMap) -> str:
    import networkx as nx  # local: only this export needs it

    graph = nx.DiGraph(title=amap.title, main=", ".join(amap.main))
    groups = {g.id: g.title for g in amap.groups.values()}
    for claim in amap.claims.values():
        graph.add_node(
            claim.id,
            **_strings(
                [
                    ("node", "claim"),
                    ("text", claim.text),
                    ("kind", claim.kind),
                    ("implicit", claim.implicit),
                    ("group", claim.group),
                    ("group_title", groups.get(claim.group) if claim.group else None),
                    ("tags", claim.tags),
                    ("quote", claim.quote),
                    ("note", claim.note),
                ]
            ),
        )
    for reason in amap.reasons.values():
        graph.add_node(
            reason.id,
            **_strings(
                [
                    ("node", "reason"),
                    ("type", reason.type),
                    ("label", reason.label),
                    ("note", reason.note),
                ]
            ),
        )
    for reason in amap.reasons.values():
        for premise in reason.premises:
            graph.add_edge(premise, reason.id, role="premise", type=reason.type)
        graph.add_edge(reason.id, reason.conclusion, role="conclusion", type=reason.type)
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue().decode("utf-8")
