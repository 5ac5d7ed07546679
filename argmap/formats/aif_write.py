"""The model as AIF in the AIFdb shape {nodes, edges, locutions}; see docs/aif.md."""
from __future__ import annotations

import json

from ..model import ArgumentMap


def map_to_aif(amap: ArgumentMap) -> dict:
    """The map in the AIFdb shape: I-nodes for claims, RA/CA nodes for reasons, edges between."""
    nodes, edges = [], []
    for claim in amap.claims.values():
        nodes.append({"nodeID": claim.id, "text": claim.text, "type": "I"})
    for reason in amap.reasons.values():
        kind = "CA" if reason.is_objection else "RA"
        node = {"nodeID": reason.id, "text": reason.label or kind, "type": kind}
        if reason.label:
            node["scheme"] = reason.label
        nodes.append(node)
    for reason in amap.reasons.values():
        for premise in reason.premises:
            edges.append((premise, reason.id))
        edges.append((reason.id, reason.conclusion))
    return {"nodes": nodes,
            "edges": [{"edgeID": str(i), "fromID": a, "toID": b}
                      for i, (a, b) in enumerate(edges, 1)],
            "locutions": []}


def write_aif(amap: ArgumentMap) -> str:
    return json.dumps(map_to_aif(amap), ensure_ascii=False, indent=2) + "\n"
