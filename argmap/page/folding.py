"""How a map opens: layouts for narrow boxes, which reasons of a big or broad map start folded
so the first view is readable, and cheap drawing options."""

from __future__ import annotations

from ..drawing.layout import BOX_MAX_WIDTH, V_GAP

FOLD_ABOVE_CLAIMS = 2000  # maps with more claims open folded
FIRST_VIEW_NODES = 300  # at most this many claims and reasons visible when a folded map opens
NARROW_LAYOUT_CLAIMS = 200  # maps up to this size also carry layouts for narrow boxes
# (layout width, box width, gap between rows, box height or None) in canvas px: a 720 px
# article column holds about 860 at the readable scale (11 px text, scale 0.8), a 360 px phone
# about 380, where two boxes of 140 still fit side by side; a phone held sideways (844x390)
# holds about 990 but only 365 tall, so its layout wraps wide and keeps rows close (six
# premises of 140 in one row), and is worth laying out only for a map that can be that short
NARROW_LAYOUTS = (
    (860.0, BOX_MAX_WIDTH, V_GAP, None),
    (380.0, 140.0, V_GAP, None),
    (990.0, 140.0, 36.0, 365.0),
)
# rows wrapped to the layout width can still spread wider (boxes pulled under their
# neighbours): tighter row widths are tried, as fractions of it, until the layout fits
_TIGHTER = (1.0, 0.9, 0.8, 0.7, 0.6)
# Typical boxes a broad map's first view is laid out for, in canvas units at the readable scale
# (viewer.js READABLE_SCALE, 0.8), measured on the full page less the edge padding: (width the
# rows wrap to, claim box width, height, gap between rows). A 1366x900 desktop's canvas holds
# about 1190x750, a 720 px article column 860x660, a phone held sideways (844x390) 990x365 and
# a 390x844 phone 420x620; in the short boxes rows sit closer, so a row more fits.
FIRST_VIEW_BOXES = (
    (1190.0, BOX_MAX_WIDTH, 750.0, V_GAP),
    (860.0, BOX_MAX_WIDTH, 660.0, V_GAP),
    (990.0, BOX_MAX_WIDTH, 360.0, 36.0),
    (420.0, 140.0, 610.0, 36.0),
)
# A map is broad when the top of its full layout, in the desktop box, shows less than a third
# of what a folded first view of the same box shows: its top rows lie far apart.
_BROAD_RATIO = 3
_SKIP_TRIALS = 6  # reasons tried one by one past the breadth-first ones that fit
# no typical box holds more nodes at the readable scale (the desktop one about 60): a trial
# over it cannot fit and is not laid out (a fan's 2,000 folded reasons under one conclusion)
FIRST_VIEW_MAX_NODES = 200
# From here on, drawing options trade curves for smooth pan and zoom, and the map opens on a
# folded first view even where its full layout's top rows would fill the box: vis-network
# measures every node it is handed before the first draw (a 1,000-claim chain or DAG: 0.7-1 s
# to ready, its first view 0.3 s).
BIG_MAP_CLAIMS = 500

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

    shown = _shown_graph(graph, {n for n in graph if n not in hidden}, _ranks(graph))
    boxes = layered_layout(shown, labels)
    return {n: [boxes[n].x, boxes[n].y] for n in shown}


def _extent(boxes) -> tuple[float, float]:
    left = min(b.x - b.width / 2 for b in boxes.values())
    right = max(b.x + b.width / 2 for b in boxes.values())
    top = min(b.y - b.height / 2 for b in boxes.values())
    bottom = max(b.y + b.height / 2 for b in boxes.values())
    return round(right - left, 1), round(bottom - top, 1)


def _mains_window(boxes, mains: list[str]) -> list[float]:
    """[width, height] of the smallest window at the top of a layout that holds every main
    conclusion: the mains' span across, and from the layout's top down to the lowest one."""
    shown = [boxes[m] for m in mains if m in boxes] or list(boxes.values())
    top = min(b.y - b.height / 2 for b in boxes.values())
    left = min(b.x - b.width / 2 for b in shown)
    right = max(b.x + b.width / 2 for b in shown)
    bottom = max(b.y + b.height / 2 for b in shown)
    return [round(right - left, 1), round(bottom - top, 1)]


def _least_height(boxes, row_gap: float) -> float:
    """The height of the layout `boxes` with its rows `row_gap` apart: no narrow layout of the
    map is shorter (wrapping only adds rows, narrower boxes are only taller)."""
    rows: dict[float, float] = {}
    for b in boxes.values():
        rows[b.y] = max(rows.get(b.y, 0.0), b.height)
    return sum(rows.values()) + row_gap * (len(rows) - 1)


def narrow_layouts(graph, labels: dict[str, str], boxes, claim_count: int) -> list[dict]:
    """Layouts of a small map for narrow or short containers, each narrower or shorter than
    the page's own layout and every one before it:
    [{"box": widthConstraint.maximum, "width", "height": the extent, "mains": [width, height]
    of the window at its top that holds every main conclusion, "at": {id: [x, y]}}].

    The viewer draws the layout that fits its box whole at a readable scale, else one whose
    top shows every main conclusion readably (viewer.js chooseLayout); the page's own layout
    is the first candidate, so a map that fits as it is never changes."""
    if claim_count > NARROW_LAYOUT_CLAIMS or not boxes:
        return []
    from ..drawing.layout import layered_layout
    from ..graph import main_conclusions

    mains = main_conclusions(graph)
    found = []
    kept = [_extent(boxes)]
    for target, box, row_gap, box_height in NARROW_LAYOUTS:
        if box_height is not None and _least_height(boxes, row_gap) > box_height:
            continue  # too tall for the box whatever the layout: not worth its trials
        for fraction in _TIGHTER:
            narrow = layered_layout(
                graph, labels, target_width=target * fraction, box_width=box, row_gap=row_gap
            )
            narrow_width, height = _extent(narrow)
            if narrow_width <= target:
                break
        if all(narrow_width < w for w, _ in kept) or all(height < h for _, h in kept):
            found.append(
                {
                    "box": box,
                    "width": narrow_width,
                    "height": height,
                    "mains": _mains_window(narrow, mains),
                    "at": {n: [narrow[n].x, narrow[n].y] for n in graph},
                }
            )
            kept.append((narrow_width, height))
    return found


def _ranks(graph) -> dict[str, int]:
    """Each node's place in the map's order."""
    return {n: i for i, n in enumerate(graph)}


def _shown_graph(graph, shown: set[str], rank: dict[str, int]):
    """The part of `graph` a view shows, in the map's order (iterating the set `shown` would
    follow Python's string hashing, which changes from run to run). Built from the part
    alone: a 50,000-claim map tries dozens."""
    from ..graph import MapGraph

    nodes = sorted(shown, key=rank.__getitem__)
    part = MapGraph()
    part.add_nodes_from((n, graph.nodes[n]) for n in nodes)
    part.add_edges_from(
        (a, b, data) for a in nodes for b, data in graph.succ[a].items() if b in shown
    )
    return part


class _FoldedBut:
    """Every reason folded but those `opened`, as a container for visible_nodes (a set of
    all the others would cost a 50,000-claim map more than the walk it serves)."""

    def __init__(self, reasons: set[str], opened: set[str]):
        self._reasons, self._opened = reasons, opened

    def __contains__(self, node: str) -> bool:
        return node in self._reasons and node not in self._opened


def _top_window_count(boxes, roots: list[str], width: float, height: float) -> int:
    """How many boxes of the full layout lie wholly inside a `width` x `height` window at its
    top, centred on the top row: roughly what viewer.js openView shows of it."""
    top = min(b.y - b.height / 2 for b in boxes.values())
    centre = sum(boxes[r].x for r in roots) / len(roots)
    left, right = centre - width / 2, centre + width / 2
    return sum(
        1
        for b in boxes.values()
        if b.x - b.width / 2 >= left
        and b.x + b.width / 2 <= right
        and b.y + b.height / 2 <= top + height
    )


class _FirstView:
    """Trial layouts of the top rows of a map for one typical box: which reasons, unfolded
    with every other one folded, still fit it."""

    def __init__(self, graph, labels, roots, reasons: set[str], rank, fitted):
        self.graph, self.labels, self.roots, self.reasons = graph, labels, roots, reasons
        self.rank = rank
        self.target, self.box, self.height, self.row_gap = fitted

    def shown(self, unfolded: list[str]) -> set[str]:
        # a big map's own folds are never in `unfolded`: its first view never passes them
        return visible_nodes(self.graph, self.roots, _FoldedBut(self.reasons, set(unfolded)))

    def laid_out(self, unfolded: list[str]):
        from ..drawing.layout import layered_layout

        shown = self.shown(unfolded)
        part = _shown_graph(self.graph, shown, self.rank)
        return shown, layered_layout(
            part, self.labels, target_width=self.target, box_width=self.box, row_gap=self.row_gap
        )

    def fits(self, unfolded: list[str]) -> bool:
        if len(self.shown(unfolded)) > FIRST_VIEW_MAX_NODES:
            return False
        width, height = _extent(self.laid_out(unfolded)[1])
        return width <= self.target and height <= self.height

    def widest_prefix(self, order: list[str]) -> list[str]:
        """The longest start of `order` that fits: doubled until it does not, then bisected
        (a layout grows, almost always, with every reason unfolded); trials stay small."""
        low, high = 0, 1
        while high <= len(order) and self.fits(order[:high]):
            low, high = high, high * 2
        high = min(high, len(order) + 1)
        while high - low > 1:
            middle = (low + high) // 2
            if self.fits(order[:middle]):
                low = middle
            else:
                high = middle
        return order[:low]


def fold_beyond_window(graph, boxes, view: dict) -> dict[str, list[float]]:
    """A big map whose top row is wider than any first view (a fan: one conclusion over a
    thousand reasons): the reasons under the top row that lie beyond the desktop box, centred
    on it, start folded. What they hide (premises the reader would have to pan to) stays out of
    vis-network until unfolded; what is in view keeps its place. Adds them to view["folded"];
    returns the positions the map opens with: the full layout's, for the nodes still shown."""
    width = FIRST_VIEW_BOXES[0][0]
    centre = sum(boxes[r].x for r in view["roots"]) / len(view["roots"])
    top = min(boxes[r].level for r in view["roots"])
    beyond = {
        n
        for n in graph
        if graph.nodes[n]["node"] == "reason"
        and boxes[n].level == top + 1
        and abs(boxes[n].x - centre) > width / 2
    }
    view["folded"] = [n for n in graph if n in beyond or n in set(view["folded"])]
    shown = visible_nodes(graph, view["roots"], set(view["folded"]))
    return {n: [boxes[n].x, boxes[n].y] for n in graph if n in shown}


def first_views(graph, boxes, labels: dict[str, str], view: dict, claim_count: int) -> list[dict]:
    """Folded first views of a broad map, one per typical box (FIRST_VIEW_BOXES), each the
    top rows of the map laid out on their own:
    [{"box": widthConstraint.maximum, "width", "height": the extent, "folded": the reasons
    folded at its edge, "at": {id: [x, y]} for exactly the nodes it shows}].

    Reasons unfold breadth-first, top row first, as far as the compact layout still fits the
    box; the viewer opens on the view that shows most and fits its own box (viewer.js
    chooseFirstFold). A map whose full layout already fills the box gets none ([]), unless it
    is big (BIG_MAP_CLAIMS)."""
    if not view["roots"]:
        return []
    base = set(view["folded"])  # a big map's own folds stay: its first view never passes them
    reasons = {n for n in graph if graph.nodes[n]["node"] == "reason"}
    order = sorted(reasons - base, key=lambda r: (boxes[r].level, boxes[r].x))
    rank = _ranks(graph)
    found: list[dict] = []
    for fitted in FIRST_VIEW_BOXES:
        trial = _FirstView(graph, labels, view["roots"], reasons, rank, fitted)
        entry = _first_view(trial, order)
        if entry is None:  # its top row alone is more than a box holds
            if not found:
                return []
            continue
        if not found:  # the desktop box decides whether the map is broad at all
            desktop_width, _, desktop_height, _ = fitted
            top = _top_window_count(boxes, view["roots"], desktop_width, desktop_height)
            if top * _BROAD_RATIO >= len(entry["at"]) and claim_count < BIG_MAP_CLAIMS:
                return []  # the full layout's top rows fill the box already
        if entry not in found:
            found.append(entry)
    return found


def _first_view(trial: _FirstView, order: list[str]) -> dict | None:
    """The first view for one typical box: reasons unfolded breadth-first while it fits;
    None when the top row and its folded reasons alone are more than a box holds."""
    if len(trial.shown([])) > FIRST_VIEW_MAX_NODES:
        return None
    unfolded = trial.widest_prefix(order)
    # a reason whose premises do not fit may be followed by one whose premises do
    for reason in order[len(unfolded) : len(unfolded) + _SKIP_TRIALS]:
        if trial.fits(unfolded + [reason]):
            unfolded = unfolded + [reason]
    shown, laid = trial.laid_out(unfolded)
    width, height = _extent(laid)
    opened = set(unfolded)
    in_order = sorted(shown, key=trial.rank.__getitem__)
    return {
        "box": trial.box,
        "width": width,
        "height": height,
        "folded": [n for n in in_order if n in trial.reasons and n not in opened],
        "at": {n: [laid[n].x, laid[n].y] for n in in_order},
    }
