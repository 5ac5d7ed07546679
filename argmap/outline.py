"""The argument as a nested outline (main conclusion → reasons → premises) for the no-JavaScript view."""
from __future__ import annotations

from dataclasses import dataclass, field

from .model import ArgumentMap


@dataclass
class OutlineReason:
    id: str
    type: str
    label: str | None
    premises: list["OutlineClaim"] = field(default_factory=list)
    objections: list["OutlineReason"] = field(default_factory=list)


@dataclass
class OutlineClaim:
    id: str
    text: str
    implicit: bool
    repeat: bool = False  # already shown higher up: link to it rather than repeat the subtree
    reasons: list[OutlineReason] = field(default_factory=list)


def build_outline(amap: ArgumentMap) -> list[OutlineClaim]:
    """One tree per main conclusion, then any claims not reached from one.

    Each claim is expanded once (a reason hangs under its one conclusion, so reasons
    follow); later mentions are marked `repeat`, which also ends objection cycles.
    """
    by_conclusion: dict[str, list] = {}
    for reason in amap.reasons.values():
        by_conclusion.setdefault(reason.conclusion, []).append(reason)
    shown: set[str] = set()

    def reason_node(reason) -> OutlineReason:
        node = OutlineReason(reason.id, reason.type, reason.label)
        node.premises = [claim_node(p) for p in reason.premises]
        node.objections = [reason_node(o) for o in by_conclusion.get(reason.id, [])]
        return node

    def claim_node(claim_id: str) -> OutlineClaim:
        claim = amap.claims[claim_id]
        if claim_id in shown:
            return OutlineClaim(claim_id, claim.text, claim.implicit, repeat=True)
        shown.add(claim_id)
        node = OutlineClaim(claim_id, claim.text, claim.implicit)
        # supports first, then objections, each in file order
        ordered = sorted(by_conclusion.get(claim_id, []), key=lambda r: r.type != "support")
        node.reasons = [reason_node(r) for r in ordered]
        return node

    roots = [claim_node(m) for m in amap.main]
    concluded = {r.conclusion for r in amap.reasons.values()}
    premises = {p for r in amap.reasons.values() for p in r.premises}
    # claims the main trees never reach: top-most first (those that support nothing)
    for claim_id in amap.claims:
        if claim_id not in shown and (claim_id not in premises or claim_id in concluded):
            roots.append(claim_node(claim_id))
    roots += [claim_node(c) for c in amap.claims if c not in shown]
    return roots
