"""How a big map opens: which reasons start folded so the first view is readable, and cheap drawing options."""
from __future__ import annotations

FOLD_ABOVE_CLAIMS = 2000  # maps with more claims open folded
FIRST_VIEW_NODES = 300  # at most this many claims and reasons visible when a folded map opens
BIG_MAP_CLAIMS = 500  # from here on, drawing options trade curves for smooth pan and zoom

# Straight edges are several times cheaper to draw than curves; hiding edges while the reader
# drags or zooms keeps a map of thousands of nodes moving at once.
BIG_MAP_OPTIONS = {"edges": {"smooth": False},
                   "interaction": {"hideEdgesOnDrag": True, "hideEdgesOnZoom": True}}


def visible_nodes(graph, roots: list[str], folded: set[str]) -> set[str]:
    """Nodes reachable from the top rows going down to premises, not past a folded reason."""
    seen = set(roots)
    stack = list(roots)
    while stack:
        node = stack.pop()
        if node in folded:
            continue
        for below in graph.predecessors(node):
            if below not in seen:
                seen.add(below)
                stack.append(below)
    return seen


def initial_view(graph, boxes, claim_count: int) -> dict:
    """Page data for folding: {"roots", "folded"} plus vis `options` for big maps.

    roots are the top row (walking down from them reaches every node); folded lists the
    reasons that start folded: on maps above FOLD_ABOVE_CLAIMS, every reason from the
    deepest row that still keeps the first view within FIRST_VIEW_NODES. The viewer
    recomputes what is hidden the same way when the reader folds or unfolds a reason.
    """
    roots = [n for n in graph if boxes[n].level == 0]
    view: dict = {"roots": roots, "folded": []}
    if claim_count >= BIG_MAP_CLAIMS:
        view["options"] = BIG_MAP_OPTIONS
    if claim_count <= FOLD_ABOVE_CLAIMS:
        return view
    reasons = [n for n in graph if graph.nodes[n]["node"] == "reason"]
    rows = sorted({boxes[r].level for r in reasons})
    chosen = rows[:1]  # at least the conclusions' own reasons
    for row in rows[1:]:
        folded = {r for r in reasons if boxes[r].level >= row}
        if len(visible_nodes(graph, roots, folded)) > FIRST_VIEW_NODES:
            break
        chosen = [row]
    if not chosen:
        return view
    view["folded"] = [r for r in reasons if boxes[r].level >= chosen[0]]
    return view


def hidden_nodes(graph, view: dict) -> set[str]:
    """Nodes the first view hides: beneath the folded reasons and not reachable otherwise."""
    if not view["folded"]:
        return set()
    return set(graph) - visible_nodes(graph, view["roots"], set(view["folded"]))


def first_view_positions(graph, hidden: set[str], labels: dict[str, str]) -> dict[str, list[float]]:
    """x, y of the nodes a folded map opens with, laid out on their own.

    In the full layout the few top rows of a 10,000-claim map sit above thousands of
    premises and lie far apart; the first view gets a compact layout of just what it
    shows, and the viewer moves to the full layout when the reader first unfolds."""
    from .layout import layered_layout

    shown = graph.subgraph([n for n in graph if n not in hidden])
    boxes = layered_layout(shown, labels)
    return {n: [boxes[n].x, boxes[n].y] for n in shown}
