"""The model as AIF: AIFdb's shape {nodes, edges, locutions} and OVA's xAIF; see docs/aif.md."""

from __future__ import annotations

import json

from ..model import ArgumentMap


# a contradiction's second CA node: '~' is in no argmap id, so this id is always free
REVERSE_SUFFIX = "~"


def map_to_aif(amap: ArgumentMap) -> dict:
    """The map in the AIFdb shape: I-nodes for claims, RA/CA nodes for reasons, edges between;
    a claim's quote is a locution (L-node) asserting it through a YA-node."""
    nodes, edges = [], []
    for claim in amap.claims.values():
        nodes.append({"nodeID": claim.id, "text": claim.text, "type": "I"})
    for reason in amap.reasons.values():
        kind = "CA" if reason.is_objection else "RA"
        ids = [reason.id] + ([reason.id + REVERSE_SUFFIX] if reason.is_contradiction else [])
        for node_id in ids:  # a contradiction is a CA pair, one in each direction
            node = {"nodeID": node_id, "text": reason.label or kind, "type": kind}
            if reason.label:
                node["scheme"] = reason.label
            nodes.append(node)
    for reason in amap.reasons.values():
        for premise in reason.premises:
            edges.append((premise, reason.id))
        edges.append((reason.id, reason.conclusion))
        if reason.is_contradiction:
            edges.append((reason.conclusion, reason.id + REVERSE_SUFFIX))
            edges.append((reason.id + REVERSE_SUFFIX, reason.premises[0]))
    locutions = []
    for claim in amap.claims.values():
        if claim.quote:
            said, asserting = claim.id + LOCUTION_SUFFIX, claim.id + ASSERTING_SUFFIX
            nodes += [
                {"nodeID": said, "text": claim.quote, "type": "L"},
                {"nodeID": asserting, "text": "Asserting", "type": "YA"},
            ]
            edges += [(said, asserting), (asserting, claim.id)]
            locutions.append({"nodeID": said})
    return {
        "nodes": nodes,
        "edges": [{"edgeID": str(i), "fromID": a, "toID": b} for i, (a, b) in enumerate(edges, 1)],
        "locutions": locutions,
    }


# the nodes of a claim's quote: '~' is in no argmap id, so these ids are always free
LOCUTION_SUFFIX, ASSERTING_SUFFIX = "~L", "~YA"


def write_aif(amap: ArgumentMap) -> str:
    return json.dumps(map_to_aif(amap), ensure_ascii=False, indent=2) + "\n"


def map_to_xaif(amap: ArgumentMap) -> dict:
    """The map as OVA's xAIF: the AIF graph under "AIF" (with the keys OVA expects) and, under
    "OVA", where each node sits, from argmap's own layout, so OVA opens it laid out."""
    from ..drawing.layout import layered_layout
    from ..graph import build_graph

    aif = map_to_aif(amap)
    graph = build_graph(amap)
    boxes = layered_layout(graph, {c.id: c.text for c in amap.claims.values()})
    left = min((b.x - b.width / 2 for b in boxes.values()), default=0)
    top = min((b.y - b.height / 2 for b in boxes.values()), default=0)
    placed, taken = [], set()
    for node in aif["nodes"]:
        # a contradiction's second node and a quote's nodes sit beside what they belong to,
        # moved down until no other node is there
        owner, _, extra = node["nodeID"].partition("~")
        box = boxes.get(owner)
        x, y = (box.x - left, box.y - top) if box else (0.0, 0.0)
        x, y = round(x + {"": 0, "L": 320, "YA": 160}.get(extra, 40)), round(y)
        while (x, y) in taken:
            y += 30
        taken.add((x, y))
        placed.append({"nodeID": node["nodeID"], "visible": True, "x": x, "y": y, "timestamp": ""})
    return {
        "AIF": {
            "nodes": aif["nodes"],
            "edges": aif["edges"],
            "locutions": aif["locutions"],
            "participants": [],
            "schemefulfillments": [],
            "descriptorfulfillments": [],
        },
        "text": "",
        "OVA": {
            "firstname": "",
            "surname": "",
            "url": "",
            "nodes": placed,
            "edges": [
                {"fromID": e["fromID"], "toID": e["toID"], "visible": True} for e in aif["edges"]
            ],
        },
    }


def write_xaif(amap: ArgumentMap) -> str:
    return json.dumps(map_to_xaif(amap), ensure_ascii=False, indent=2) + "\n"
