"""The argument as a nested outline (main conclusion → reasons → premises) for the no-JavaScript view.

A chain of 10,000 claims is a legal map, so nothing here recurses on the map's depth: the
tree is built and written out with explicit stacks. The page's outline nests only so deep
(PAGE_NEST_LEVELS): browsers cap a document's depth (Blink at 512 elements, after which the
lists would silently flatten) and lay deep nesting out slowly, so what hangs under an item at
that depth continues, linked both ways, in a list of its own after the tree.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape

from ..model import ArgumentMap


@dataclass(slots=True)
class OutlineReason:
    id: str
    type: str
    label: str | None
    undercut: bool = False  # objects to a reason's inference, not to a claim
    premises: list["OutlineClaim"] = field(default_factory=list)
    objections: list["OutlineReason"] = field(default_factory=list)
    # nested as deep as the outline goes: its objections are in a continuation
    continues: bool = False
    # a continuation: the objections to a reason shown higher up, `step` its first premise
    continued_from: bool = False
    step: str = ""


@dataclass(slots=True)
class OutlineClaim:
    id: str
    text: str
    implicit: bool
    quote: str | None = None  # the passage of the source it reconstructs
    tags: tuple[str, ...] = ()
    repeat: bool = False  # already shown higher up: link to it rather than repeat the subtree
    reasons: list[OutlineReason] = field(default_factory=list)
    # nested as deep as the outline goes: its reasons are in a continuation
    continues: bool = False
    continued_from: bool = False  # a continuation: the reasons of a claim shown higher up


# items (claims and reasons) the page's outline nests before continuing in a list of its own:
# 24 claim levels of an ordinary tree, far below the browsers' limit; each continuation costs
# bytes (two links), so fewer, longer pieces (a 10,000-claim DAG: 386 at 48, 1,696 at 24)
PAGE_NEST_LEVELS = 48

# a repeated claim is a link to where it is shown in full: its text shortened to about this
REPEAT_CHARS = 30


def build_outline(
    amap: ArgumentMap, nest_levels: int | None = None
) -> list[OutlineClaim | OutlineReason]:
    """One tree per main conclusion, then any claims not reached from one.

    Each claim is expanded once (a reason hangs under its one conclusion, so reasons
    follow); later mentions are marked `repeat`, which also ends objection cycles.
    Claims are expanded in depth-first pre-order, so "expanded once" means: at the
    first mention in reading order. With `nest_levels`, an item that deep `continues`:
    a claim's reasons, or a reason's objections, become a root of their own
    (`continued_from`), placed after the tree they belong to, in the order the reading
    meets them; a reason's premises stay with it.
    """
    by_conclusion: dict[str, list] = {}
    for reason in amap.reasons.values():
        by_conclusion.setdefault(reason.conclusion, []).append(reason)
    # a claim's reasons as the outline lists them: supports first, then objections, each in
    # file order (a reason's objections stay in file order)
    claim_reasons = {
        conclusion: sorted(reasons, key=lambda r: r.type != "support")
        if len(reasons) > 1
        else reasons
        for conclusion, reasons in by_conclusion.items()
    }
    shown: set[str] = set()
    cut: deque[OutlineClaim | OutlineReason] = deque()  # items whose children wait

    def too_deep(level: int) -> bool:
        return nest_levels is not None and level >= nest_levels

    def expand(root: OutlineClaim | OutlineReason) -> OutlineClaim | OutlineReason:
        # work items: (claim id or reason, the list its node goes in, the node's level);
        # popped in reading order, so `shown` is filled exactly as a recursive walk would
        top: list = []
        stack: list[tuple[Any, list, int]] = []

        def hang(node, children: list | None, into: list, level: int) -> None:
            # a claim's reasons, or a reason's objections, under `node` at `level`; past the
            # nesting limit they wait in `cut` for a continuation of their own
            if not children:
                return
            if too_deep(level):
                node.continues = True
                cut.append(node)
                return
            stack.extend([(child, into, level + 1) for child in reversed(children)])

        def add_reasons(node: OutlineClaim, level: int) -> None:
            hang(node, claim_reasons.get(node.id), node.reasons, level)

        def add_objections(node: OutlineReason, level: int) -> None:
            hang(node, by_conclusion.get(node.id), node.objections, level)

        if isinstance(root, OutlineReason):
            top.append(root)
            add_objections(root, 0)
        elif root.continued_from:
            top.append(root)
            add_reasons(root, 0)
        else:
            stack.append((root.id, top, 1))
        while stack:
            item, siblings, level = stack.pop()
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
                add_reasons(node, level)
            else:
                reason = OutlineReason(
                    item.id, item.type, item.label, item.conclusion in amap.reasons
                )
                siblings.append(reason)
                add_objections(reason, level)
                stack.extend([(p, reason.premises, level + 1) for p in reversed(item.premises)])
        return top[0]

    def continuation(head: OutlineClaim | OutlineReason) -> OutlineClaim | OutlineReason:
        if isinstance(head, OutlineClaim):
            return OutlineClaim(head.id, head.text, head.implicit, continued_from=True)
        first = amap.claims[amap.reasons[head.id].premises[0]].text
        return OutlineReason(
            head.id, head.type, head.label, head.undercut, continued_from=True, step=first
        )

    def tree(claim_id: str) -> list[OutlineClaim | OutlineReason]:
        # the tree, then its continuations (which may cut again), before anything else is
        # expanded: what they show counts as shown for the claims that come later
        claim = amap.claims[claim_id]
        trees = [expand(OutlineClaim(claim_id, claim.text, claim.implicit))]
        while cut:
            trees.append(expand(continuation(cut.popleft())))
        return trees

    roots = [root for m in amap.main for root in tree(m)]
    concluded = {r.conclusion for r in amap.reasons.values()}
    premises = {p for r in amap.reasons.values() for p in r.premises}
    # claims the main trees never reach: top-most first (those that support nothing)
    for claim_id in amap.claims:
        if claim_id not in shown and (claim_id not in premises or claim_id in concluded):
            roots += tree(claim_id)
    for claim_id in amap.claims:
        if claim_id not in shown:
            roots += tree(claim_id)
    return roots


# what an outline (the page's, Sphinx's) says of an implicit claim, and where it continues in
# a list of its own
IMPLICIT_NOTE = "(implicit: added by the map-maker)"
REASONS_CONTINUE = "(its reasons continue below)"
OBJECTIONS_CONTINUE = "(its objections continue below)"
CONTINUED = "(continued)"
OBJECTIONS_CONTINUED = "(its objections, continued)"


def step_from(reason: OutlineReason) -> str:
    """How a continuation names the reason whose objections it holds: by its first premise."""
    return f"The step from \u201c{shortened(reason.step)}\u201d"


def shortened(text: str) -> str:
    """A repeated claim's link text: the start of its text, cut at a word, when it is long."""
    if len(text) <= REPEAT_CHARS:
        return text
    cut = text.rfind(" ", 0, REPEAT_CHARS)
    return text[: cut if cut > 0 else REPEAT_CHARS].rstrip() + "\u2026"


def _claim_open(claim: OutlineClaim) -> str:
    # one line per item, no indentation, no class a claim's item does not need (it is the item
    # whose span has an id): the outline is the biggest part of a big page
    ident = escape(claim.id)
    if claim.continued_from:
        return (
            f'<li class="argmap-o-continued" id="argmap-o-more-{ident}">'
            f'<a href="#argmap-o-{ident}">{escape(shortened(claim.text))}</a> '
            f'<span class="argmap-o-note">{CONTINUED}</span><ul>\n'
        )
    if claim.repeat:
        # a big map repeats claims by the thousand: the item is the link alone, its text
        # shortened (viewer.css adds "(see above)")
        return (
            f'<li data-id="{ident}"><a href="#argmap-o-{ident}">{escape(shortened(claim.text))}</a>'
        )

    implicit = ' class="argmap-o-implicit"' if claim.implicit else ""
    head = (
        f'<li{implicit} data-id="{ident}"><span id="argmap-o-{ident}">{escape(claim.text)}</span>'
    )
    if claim.implicit:
        head += f' <span class="argmap-o-note">{IMPLICIT_NOTE}</span>'
    if claim.tags:
        head += " " + " ".join(
            f'<span class="argmap-o-tag">#{escape(tag)}</span>' for tag in claim.tags
        )
    if claim.quote:
        head += f'<q class="argmap-o-quote">{escape(claim.quote)}</q>'
    if claim.continues:
        # inside a note: a link straight under the item is how the viewer finds repeats
        head += (
            f' <span class="argmap-o-note"><a href="#argmap-o-more-{ident}">'
            f"{REASONS_CONTINUE}</a></span>"
        )
    return head + ("<ul>\n" if claim.reasons else "")


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
    ident = escape(reason.id)
    if reason.continued_from:
        return (
            f'<li class="argmap-o-continued" id="argmap-o-more-{ident}">'
            f'<a href="#argmap-o-{ident}">{escape(step_from(reason))}</a> '
            f'<span class="argmap-o-note">{OBJECTIONS_CONTINUED}</span><ul>\n'
        )
    # a support is the usual reason: its item has no class (viewer.css colours others by theirs)
    kind = "" if reason.type == "support" else f' class="argmap-o-{escape(reason.type)}"'
    # the anchor its continuation links back to
    anchor = f' id="argmap-o-{ident}"' if reason.continues else ""
    more = (
        f' <span class="argmap-o-note"><a href="#argmap-o-more-{ident}">'
        f"{OBJECTIONS_CONTINUE}</a></span>"
        if reason.continues
        else ""
    )
    return f'<li{kind}{anchor} data-id="{ident}"><b>{word}{label}{together}:</b>{more}<ul>\n'


def outline_html(roots: list[OutlineClaim | OutlineReason]) -> Markup:
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
            stack.append("</ul></li>\n" if has_list else "</li>\n")
            if has_list:
                stack.extend(reversed(item.reasons))
        else:
            parts.append(_reason_open(item))
            stack.append("</ul></li>\n")
            stack.extend(reversed(item.objections))
            stack.extend(reversed(item.premises))  # none in a continuation
    parts.append("</ul>\n")
    return Markup("".join(parts))
