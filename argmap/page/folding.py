"""How a map opens: layouts for narrow boxes, which reasons of a big map start folded so the
first view is readable, and cheap drawing options."""

from __future__ import annotations

from ..drawing.layout import BOX_MAX_WIDTH

FOLD_ABOVE_CLAIMS = 2000  # maps with more claims open folded
FIRST_VIEW_NODES = 300  # at most this many claims and reasons visible when a folded map opens
NARROW_LAYOUT_CLAIMS = 200  # maps up to this size also carry layouts for narrow boxes
# (layout width, box width) in canvas px: a 720 px article column holds about 860 at the
# readable scale (11 px text, scale 0.8), a 360 px phone about 380, where two boxes of 140
# still fit side by side
NARROW_LAYOUTS = ((860.0, BOX_MAX_WIDTH), (380.0, 140.0))
# rows wrapped to the layout width can still spread wider (boxes pulled under their
# neighbours): tighter row widths are tried, as fractions of it, until the layout fits
_TIGHTER = (1.0, 0.9, 0.8, 0.7, 0.6)
BIG_MAP_CLAIMS = 500  # from here on, drawing options trade curves for smooth pan and zoom

# Straight edges are several times cheaper to draw than curves; hiding edges while the reader
# drags or zooms keeps a map of thousands of nodes moving at once.
BIG_MAP_OPTIONS = {
    "edges": {"smooth": False},
    "interaction": {"hideEdgesOnDrag": True, "hideEdgesOnZoom": True},
}


def visible_nodes(graph, roots: list[str], folded) -> set[str]:
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


class _FoldedFrom:
    """The reasons on `row` and below, as a container for visible_nodes: a deep map tries
    hundreds of rows, and a set of its thousands of reasons for each would cost more than
    the walk it serves."""

    def __init__(self, reason_level: dict[str, int], row: int):
        self._reason_level, self._row = reason_level, row

    def __contains__(self, node: str) -> bool:
        level = self._reason_level.get(node)
        return level is not None and level >= self._row


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
    reason_level = {r: boxes[r].level for r in reasons}
    rows = sorted(set(reason_level.values()))
    chosen = rows[:1]  # at least the conclusions' own reasons
    for row in rows[1:]:
        if len(visible_nodes(graph, roots, _FoldedFrom(reason_level, row))) > FIRST_VIEW_NODES:
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
    from ..drawing.layout import layered_layout
    from ..graph import MapGraph

    # a new graph in the map's order: networkx's subgraph view of a small part iterates the
    # set of kept nodes, whose order changes with Python's string hashing from run to run
    shown = MapGraph()
    shown.add_nodes_from((n, data) for n, data in graph.nodes(data=True) if n not in hidden)
    shown.add_edges_from(
        (a, b, data) for a, b, data in graph.edges(data=True) if a not in hidden and b not in hidden
    )
    boxes = layered_layout(shown, labels)
    return {n: [boxes[n].x, boxes[n].y] for n in shown}


def _extent(boxes) -> tuple[float, float]:
    left = min(b.x - b.width / 2 for b in boxes.values())
    right = max(b.x + b.width / 2 for b in boxes.values())
    top = min(b.y - b.height / 2 for b in boxes.values())
    bottom = max(b.y + b.height / 2 for b in boxes.values())
    return round(right - left, 1), round(bottom - top, 1)


def narrow_layouts(graph, labels: dict[str, str], boxes, claim_count: int) -> list[dict]:
    """Layouts of a small map for narrow containers, each narrower than the one before:
    [{"box": widthConstraint.maximum, "width", "height": the extent, "at": {id: [x, y]}}].

    The viewer draws the widest layout that fits its box at a readable scale (viewer.js
    chooseLayout); the page's own layout (vis nodes) is the first candidate, so a map that
    fits as it is never changes."""
    if claim_count > NARROW_LAYOUT_CLAIMS or not boxes:
        return []
    from ..drawing.layout import layered_layout

    found = []
    width = _extent(boxes)[0]
    for target, box in NARROW_LAYOUTS:
        for fraction in _TIGHTER:
            narrow = layered_layout(graph, labels, target_width=target * fraction, box_width=box)
            narrow_width, height = _extent(narrow)
            if narrow_width <= target:
                break
        if narrow_width < width:
            found.append(
                {
                    "box": box,
                    "width": narrow_width,
                    "height": height,
                    "at": {n: [narrow[n].x, narrow[n].y] for n in graph},
                }
            )
            width = narrow_width
    return found
