"""The argument as a nested outline (main conclusion → reasons → premises) for the no-JavaScript view.

A chain of 10,000 claims is a legal map, so nothing here recurses on the map's depth: the
tree is built and written out with explicit stacks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape

from ..model import ArgumentMap


@dataclass
class OutlineReason:
    id: str
    type: str
    label: str | None
    undercut: bool = False  # objects to a reason's inference, not to a claim
    premises: list["OutlineClaim"] = field(default_factory=list)
    objections: list["OutlineReason"] = field(default_factory=list)


@dataclass
class OutlineClaim:
    id: str
    text: str
    implicit: bool
    quote: str | None = None  # the passage of the source it reconstructs
    tags: tuple[str, ...] = ()
    repeat: bool = False  # already shown higher up: link to it rather than repeat the subtree
    reasons: list[OutlineReason] = field(default_factory=list)


def build_outline(amap: ArgumentMap) -> list[OutlineClaim]:
    """One tree per main conclusion, then any claims not reached from one.

    Each claim is expanded once (a reason hangs under its one conclusion, so reasons
    follow); later mentions are marked `repeat`, which also ends objection cycles.
    Claims are expanded in depth-first pre-order, so "expanded once" means: at the
    first mention in reading order.
    """
    by_conclusion: dict[str, list] = {}
    for reason in amap.reasons.values():
        by_conclusion.setdefault(reason.conclusion, []).append(reason)
    shown: set[str] = set()

    def expand(root_id: str) -> OutlineClaim:
        # work items: (claim id or reason, the list its node is appended to); popped in
        # reading order, so `shown` is filled exactly as a recursive walk would fill it
        root: list[OutlineClaim] = []
        stack: list[tuple[Any, list]] = [(root_id, root)]
        while stack:
            item, siblings = stack.pop()
            if isinstance(item, str):
                claim = amap.claims[item]
                if item in shown:
                    siblings.append(OutlineClaim(item, claim.text, claim.implicit, repeat=True))
                    continue
                shown.add(item)
                node = OutlineClaim(
                    item, claim.text, claim.implicit, claim.quote, tuple(claim.tags)
                )
                siblings.append(node)
                # supports first, then objections, each in file order
                ordered = sorted(by_conclusion.get(item, []), key=lambda r: r.type != "support")
                stack.extend((r, node.reasons) for r in reversed(ordered))
            else:
                reason = OutlineReason(
                    item.id, item.type, item.label, item.conclusion in amap.reasons
                )
                siblings.append(reason)
                stack.extend(
                    (o, reason.objections) for o in reversed(by_conclusion.get(item.id, []))
                )
                stack.extend((p, reason.premises) for p in reversed(item.premises))
        return root[0]

    roots = [expand(m) for m in amap.main]
    concluded = {r.conclusion for r in amap.reasons.values()}
    premises = {p for r in amap.reasons.values() for p in r.premises}
    # claims the main trees never reach: top-most first (those that support nothing)
    for claim_id in amap.claims:
        if claim_id not in shown and (claim_id not in premises or claim_id in concluded):
            roots.append(expand(claim_id))
    roots += [expand(c) for c in amap.claims if c not in shown]
    return roots


def _claim_open(claim: OutlineClaim) -> str:
    implicit = " argmap-o-implicit" if claim.implicit else ""
    head = f'<li class="argmap-o-claim{implicit}" data-id="{escape(claim.id)}">\n'
    if claim.repeat:
        return (
            head + f'  <a href="#argmap-o-{escape(claim.id)}">{escape(claim.text)}</a> '
            '<span class="argmap-o-note">(see above)</span>\n'
        )
    head += f'  <span id="argmap-o-{escape(claim.id)}">{escape(claim.text)}</span>'
    if claim.implicit:
        head += ' <span class="argmap-o-note">(implicit: added by the map-maker)</span>'
    if claim.tags:
        head += " " + " ".join(
            f'<span class="argmap-o-tag">#{escape(tag)}</span>' for tag in claim.tags
        )
    if claim.quote:
        head += f'\n  <q class="argmap-o-quote">{escape(claim.quote)}</q>'
    return head + ("  <ul>\n" if claim.reasons else "")


# how the outline (and the Sphinx outline) introduces a reason under its conclusion
REASON_WORDS = {"support": "Because", "objection": "Objection", "contradiction": "Contradicted by"}


def _reason_open(reason: OutlineReason) -> str:
    word = (
        "Objection to the inference"
        if reason.undercut and reason.type == "objection"
        else REASON_WORDS.get(reason.type, "Because")
    )
    label = f" ({escape(reason.label)})" if reason.label else ""
    together = ", together" if len(reason.premises) > 1 else ""
    return (
        f'<li class="argmap-o-reason argmap-o-{escape(reason.type)}" '
        f'data-id="{escape(reason.id)}">\n'
        f'  <span class="argmap-o-type">{word}{label}{together}:</span>\n  <ul>\n'
    )


def outline_html(roots: list[OutlineClaim]) -> Markup:
    """The outline as nested <ul> lists; every map text escaped, so it stays text.

    Written out with an explicit stack: a string on the stack is a closing tag, put
    there when its element opened, so it comes out after everything nested inside."""
    parts = ['<ul class="argmap-o-root">\n']
    stack: list[OutlineClaim | OutlineReason | str] = list(reversed(roots))
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            parts.append(item)
        elif isinstance(item, OutlineClaim):
            parts.append(_claim_open(item))
            has_list = item.reasons and not item.repeat
            stack.append("  </ul>\n</li>\n" if has_list else "</li>\n")
            if has_list:
                stack.extend(reversed(item.reasons))
        else:
            parts.append(_reason_open(item))
            stack.append("  </ul>\n</li>\n")
            stack.extend(reversed(item.objections))
            stack.extend(reversed(item.premises))
    parts.append("</ul>\n")
    return Markup("".join(parts))
