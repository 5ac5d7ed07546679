"""Layered (Sugiyama) layout in Python: conclusions on top, premises below, no overlapping boxes.

The browser only draws; every x and y comes from here, so the picture is stable and the
same input always gives the same coordinates. Steps: rows from the support structure
(graph.levels, which breaks cycles through objections); long edges become chains of
dummy points; row order by barycenter sweeps plus adjacent transpositions, keeping the
order with the fewest crossings; x by least squares (every node pulled towards its
neighbours) under "no two boxes closer than their half-widths plus a gap", solved
exactly row by row with pool-adjacent-violators.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from math import inf
from operator import add, itemgetter, mul, sub
from typing import Callable, NamedTuple

from .._gc import paused_gc
from ..graph import REASON, levels

BOX_MAX_WIDTH = 220  # px; the page's widthConstraint.maximum for claim boxes
FONT_PX = 14
BOX_MARGIN = 12  # the page's node margin, around the text
LINE_PX = 14  # vis-network's line height for a 14 px label (measured: 24 + 14 per line)
REASON_SIZE = 30  # the +/− circle with its border
H_GAP = 28  # between boxes in a row
DUMMY_GAP = 10  # around the point where a long edge crosses a row
V_GAP = 70  # between rows
# Dummy points (one per row an edge crosses) may outnumber the nodes by this factor; edges
# are given dummies shortest first, and longer ones are drawn straight without them. Dense
# maps with many shared premises otherwise grow ~25 dummies per node (a 10,000-claim DAG:
# 474,370 dummies and 26 s of layout).
DUMMY_BUDGET = 2
# From this many nodes (dummies included) a layout is cut short: fewer ordering sweeps and
# placement passes, no transpositions, and half the dummy budget. Every edge is drawn from
# end to end (vis-network and the SVG pass through no dummy): dummies only order rows and
# keep room in them, and on a dense 50,000-claim map they were two thirds of the layout.
BIG_LAYOUT_NODES = 5_000

# Advance widths at 14 px of the page's sans-serif, measured with canvas measureText in
# Chromium (Liberation Sans, metric-compatible with Arial and Helvetica, the usual
# sans-serif on readers' systems). Overestimating is safe (wider gaps); underestimating
# would let boxes overlap, so unknown characters get a generous width.
_NARROW = {
    " ": 3.89,
    "!": 3.89,
    '"': 4.97,
    "'": 2.67,
    "(": 4.66,
    ")": 4.66,
    "*": 5.45,
    ",": 3.89,
    "-": 4.66,
    ".": 3.89,
    "/": 3.89,
    ":": 3.89,
    ";": 3.89,
    "[": 3.89,
    "\\": 3.89,
    "]": 3.89,
    "^": 6.57,
    "`": 4.66,
    "{": 4.68,
    "|": 3.64,
    "}": 4.68,
    "%": 12.45,
    "&": 9.34,
    "@": 14.21,
    "+": 8.18,
    "<": 8.18,
    "=": 8.18,
    ">": 8.18,
    "~": 8.18,
    "\u2019": 3.11,
    "\u2018": 3.11,
    "\u201c": 4.66,
    "\u201d": 4.66,
    "\u2013": 7.79,
    "\u2014": 14.0,
    "\u2026": 14.0,
}
_LETTERS = {
    "A": 9.34,
    "B": 9.34,
    "C": 10.11,
    "D": 10.11,
    "E": 9.34,
    "F": 8.55,
    "G": 10.89,
    "H": 10.11,
    "I": 3.89,
    "J": 7.0,
    "K": 9.34,
    "L": 7.79,
    "M": 11.66,
    "N": 10.11,
    "O": 10.89,
    "P": 9.34,
    "Q": 10.89,
    "R": 10.11,
    "S": 9.34,
    "T": 8.55,
    "U": 10.11,
    "V": 9.34,
    "W": 13.21,
    "X": 9.34,
    "Y": 9.34,
    "Z": 8.55,
    "a": 7.79,
    "b": 7.79,
    "c": 7.0,
    "d": 7.79,
    "e": 7.79,
    "f": 3.89,
    "g": 7.79,
    "h": 7.79,
    "i": 3.11,
    "j": 3.11,
    "k": 7.0,
    "l": 3.11,
    "m": 11.66,
    "n": 7.79,
    "o": 7.79,
    "p": 7.79,
    "q": 7.79,
    "r": 4.66,
    "s": 7.0,
    "t": 3.89,
    "u": 7.79,
    "v": 7.0,
    "w": 10.11,
    "x": 7.0,
    "y": 7.0,
    "z": 7.0,
}
CHAR_PX = {**_NARROW, **_LETTERS, **{d: 7.79 for d in "0123456789#$?_"}}
_UNKNOWN_PX = 11.0  # other scripts (Cyrillic, Greek): a wide letter's width
_WIDE_PX = 14.0  # CJK and other full-width characters: one em


class Box(NamedTuple):  # a tuple, not a frozen dataclass: 5x cheaper to make, 10^5 per big map
    x: float  # centre
    y: float  # centre
    width: float
    height: float
    level: int = 0  # row, 0 at the top


def char_width(ch: str) -> float:
    width = CHAR_PX.get(ch)
    if width is not None:
        return width
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return _WIDE_PX
    base = unicodedata.normalize("NFD", ch)[0]  # é is as wide as e
    return CHAR_PX.get(base, _UNKNOWN_PX)


_word_cache: dict[str, float] = {}


def text_width(text: str) -> float:
    """Estimated width in px of `text` at 14 px sans-serif."""
    width = _word_cache.get(text)
    if width is None:
        width = sum(char_width(ch) for ch in text)
        if len(_word_cache) < 200_000:  # words repeat across a map; bounded for long runs
            _word_cache[text] = width
    return width


_wrap_cache: dict[tuple[str, float], tuple[tuple[str, float], ...]] = {}


def wrap_lines(text: str, max_px: float = BOX_MAX_WIDTH) -> list[tuple[str, float]]:
    """Lines of a claim box as vis-network 9.1.2 wraps them: (line, drawn width) pairs.

    Remembered per text: the layout sizes each box by its lines and the SVG writer draws
    the same lines again."""
    return list(_wrapped(text, max_px))


def _wrapped(text: str, max_px: float) -> tuple[tuple[str, float], ...]:
    key = (text, max_px)
    lines = _wrap_cache.get(key)
    if lines is None:
        lines = tuple(_wrap(text, max_px))
        if len(_wrap_cache) < 200_000:  # bounded for long-lived processes (a docs server)
            _wrap_cache[key] = lines
    return lines


def _wrap(text: str, max_px: float) -> list[tuple[str, float]]:
    """wrap_lines, measured afresh. vis-network's LabelSplitter measures a candidate line
    with every gap counted as three spaces (spaces are separate tokens, then joined with
    " ") against widthConstraint.maximum, not the maximum less the margins; a word too
    long for a line is cut one letter past the fit. Checked against vis-network's own
    lines in tests/page/test_layout.py."""
    space = CHAR_PX[" "]
    gap_px = 3 * space
    known_width = _word_cache.get  # text_width's own cache, looked up here first: a hot loop
    lines: list[tuple[str, float]] = []
    words = text.split()
    line: list[str] = []
    fit_px = line_px = 0.0
    k = 0
    while k < len(words):
        word = words[k]
        word_px = known_width(word)
        if word_px is None:
            word_px = text_width(word)
        if not line and word_px > max_px:  # cut the word: vis keeps the first letter that overflows
            cut, cut_px = 0, 0.0
            while cut < len(word) and cut_px <= max_px:
                cut_px += char_width(word[cut])
                cut += 1
            lines.append((word[:cut], cut_px))
            words[k] = word[cut:]
            if not words[k]:
                k += 1
            continue
        if line and fit_px + gap_px + word_px > max_px:
            lines.append((" ".join(line), line_px))
            line, fit_px, line_px = [], 0.0, 0.0
            continue
        fit_px += (gap_px if line else 0.0) + word_px
        line_px += (space if line else 0.0) + word_px
        line.append(word)
        k += 1
    if line:
        lines.append((" ".join(line), line_px))
    return lines or [("", 0.0)]


def box_size(label: str, max_px: float = BOX_MAX_WIDTH) -> tuple[float, float]:
    """Width and height of a claim box as vis-network draws it with widthConstraint.maximum
    `max_px` (the widest line may pass it)."""
    lines = _wrapped(label, max_px)
    widest = max([px for _, px in lines])
    return round(widest + 2 * BOX_MARGIN, 2), len(lines) * LINE_PX + 2 * BOX_MARGIN


Progress = Callable[[str, int, int], None]  # (step, done, total)


def _sink_rows(graph, level: dict[str, int]) -> dict[str, int]:
    """Rows with shorter edges: a node with more edges down (premises) than up (what it
    supports, at least one) moves down to just above its highest premise, bottom row first.

    graph.levels puts every node as high as it can go, so a reason whose premises are shared
    and sit deep hangs far above them with one long edge per premise; sinking it leaves one
    long edge (to its conclusion) instead. Every edge that points up keeps pointing up."""
    row = dict(level)
    by_level: list[list[str]] = [[] for _ in range(max(level.values(), default=-1) + 1)]
    for node in graph:  # file order within a row
        by_level[level[node]].append(node)
    succ, pred = graph.succ, graph.pred
    for nodes in reversed(by_level):
        for node in nodes:
            own = level[node]
            down = [row[u] for u in pred[node] if level[u] > own]
            if not down:
                continue
            up = sum(1 for v in succ[node] if level[v] < own)
            if not up:  # a top node stays on top: the first view walks down from the top row
                continue
            lowest = min(down) - 1
            if len(down) > up and lowest > row[node]:
                row[node] = lowest
    return row


class _Layered:
    """The graph as rows of integer nodes; long edges split by dummy nodes."""

    def __init__(
        self,
        graph,
        level: dict[str, int],
        size: dict[str, tuple[float, float]],
        dummy_budget: float = DUMMY_BUDGET,
    ):
        self.names = names = list(graph)
        index = {n: i for i, n in enumerate(names)}
        self.level = row_of = [level[n] for n in names]
        self.half = half = [size[n][0] / 2 for n in names]
        self.gap = gap = [H_GAP] * len(names)
        self.real = len(names)
        # neighbours one row up and down, their edge weights, and the ends of long edges
        # drawn without dummies; one list each per node, dummies appended after the nodes
        self.up: list[list[int]] = [[] for _ in names]
        self.down: list[list[int]] = [[] for _ in names]
        self.weight_up: list[list[float]] = [[] for _ in names]
        self.weight_down: list[list[float]] = [[] for _ in names]
        self.far: list[list[int]] = [[] for _ in names]
        up, down, weight_up, weight_down = self.up, self.down, self.weight_up, self.weight_down
        spans: list[tuple[int, int, int]] = []
        for source, target in graph.edges():
            a, b = index[source], index[target]
            if row_of[a] < row_of[b]:
                spans.append((row_of[b] - row_of[a], a, b))
            elif row_of[a] > row_of[b]:
                spans.append((row_of[a] - row_of[b], b, a))
            # an edge inside a row (only on cycles) does not order the row
        spans.sort(key=itemgetter(0))  # shortest first; stable, so in edge order within a span
        budget = dummy_budget * self.real
        for span, top, bottom in spans:
            if span == 1:
                down[top].append(bottom)
                weight_down[top].append(1.0)
                up[bottom].append(top)
                weight_up[bottom].append(1.0)
                continue
            count = span - 1  # dummies, one per row crossed
            if count > budget:
                # drawn straight: pulls its ends together in x, takes no part in row order
                self.far[top].append(bottom)
                self.far[bottom].append(top)
                continue
            budget -= count
            # a chain top -> first ... last -> bottom; dummies weigh more: long edges run straight
            first = len(row_of)
            last = first + count - 1
            row_of.extend(range(row_of[top] + 1, row_of[bottom]))
            half.extend([0.0] * count)
            gap.extend([DUMMY_GAP] * count)
            down[top].append(first)
            weight_down[top].append(2.0)
            up.append([top])
            up.extend([[d] for d in range(first, last)])
            down.extend([[d] for d in range(first + 1, last + 1)])
            down.append([bottom])
            weight_up.extend([[2.0] for _ in range(count)])
            weight_down.extend([[2.0] for _ in range(count)])
            up[bottom].append(last)
            weight_up[bottom].append(2.0)
        self.rows: list[list[int]] = [[] for _ in range(max(row_of, default=-1) + 1)]
        # row i -> [(row i, row i + 1, crossings between them)], the last two counted
        self.crossings_known: dict[int, list[tuple[list[int], list[int], int]]] = {}


def _initial_order(lay: _Layered) -> None:
    """Rows in depth-first order from the top nodes, in file order: related nodes start together."""
    seen = [False] * len(lay.level)
    for start in range(len(lay.level)):
        if seen[start] or lay.up[start]:
            continue
        seen[start] = True
        stack = [start]
        while stack:
            node = stack.pop()
            lay.rows[lay.level[node]].append(node)
            for child in reversed(lay.down[node]):
                if not seen[child]:
                    seen[child] = True
                    stack.append(child)
    for node in range(len(lay.level)):  # nodes reachable only from below (cycles)
        if not seen[node]:
            seen[node] = True
            lay.rows[lay.level[node]].append(node)


def _crossings_between(upper: list[int], lower_pos: list[int], down: list[list[int]]) -> int:
    """Crossings between two adjacent rows: inversions among the edges' lower ends, taken
    in upper order (Barth–Jünger–Mutzel); bisect and insert keep the inner loop in C."""
    seen: list[int] = []
    crossings = 0
    at = lower_pos.__getitem__
    for node in upper:
        below = down[node]
        if not below:
            continue
        for end in sorted(map(at, below)) if len(below) > 1 else (lower_pos[below[0]],):
            slot = bisect_right(seen, end)
            crossings += len(seen) - slot  # earlier edges ending further right
            seen.insert(slot, end)
    return crossings


def count_crossings(lay: _Layered) -> int:
    """All crossings. The count between two rows depends only on their orders: a pair of
    rows that no sweep changed since the last count (most rows, once the order settles,
    and every row when a sweep is undone) keeps its count."""
    pos = _positions(lay)
    rows, known = lay.rows, lay.crossings_known
    total = 0
    for i in range(len(rows) - 1):
        upper, lower = rows[i], rows[i + 1]
        counted = known.setdefault(i, [])
        for before in counted:
            if before[0] == upper and before[1] == lower:
                total += before[2]
                break
        else:
            crossings = _crossings_between(upper, pos, lay.down)
            counted.insert(0, (upper[:], lower[:], crossings))
            del counted[2:]  # the order a sweep tried, and the best it is compared with
            total += crossings
    return total


def _positions(lay: _Layered) -> list[int]:
    pos = [0] * len(lay.level)
    for row in lay.rows:
        for k, node in enumerate(row):
            pos[node] = k
    return pos


def _sweep(lay: _Layered, downward: bool, pos: list[int]) -> None:
    rows = range(1, len(lay.rows)) if downward else range(len(lay.rows) - 2, -1, -1)
    towards = lay.up if downward else lay.down
    at = pos.__getitem__
    for i in rows:
        row = lay.rows[i]
        # nodes with no neighbour in the fixed row keep their slots (as in dot): their index
        # is not on the scale of the barycenters, and mixing the two scatters the row
        movable = sorted(
            (sum(map(at, towards[node])) / len(towards[node]), k, node)
            for k, node in enumerate(row)
            if towards[node]
        )
        moved = iter(movable)
        for k, node in enumerate(row):
            if towards[node]:
                row[k] = next(moved)[2]
            pos[row[k]] = k


def _pair_crossings(u_near: list[int], v_near: list[int], pos: list[int]) -> int:
    """Crossings among u's and v's edges to one row when u stands left of v."""
    return sum(1 for a in u_near for b in v_near if pos[a] > pos[b])


def _transpose(lay: _Layered, pos: list[int], passes: int = 2) -> None:
    """Swap neighbours in a row whenever that removes crossings with both adjacent rows."""
    for _ in range(passes):
        improved = False
        for row in lay.rows:
            for k in range(len(row) - 1):
                u, v = row[k], row[k + 1]
                uu, vu, ud, vd = lay.up[u], lay.up[v], lay.down[u], lay.down[v]
                if not ((uu and vu) or (ud and vd)):
                    continue
                before = _pair_crossings(uu, vu, pos) + _pair_crossings(ud, vd, pos)
                after = _pair_crossings(vu, uu, pos) + _pair_crossings(vd, ud, pos)
                if after < before:
                    row[k], row[k + 1] = v, u
                    pos[u], pos[v] = k + 1, k
                    improved = True
        if not improved:
            break


def _order_rows(lay: _Layered, sweeps: int, transpose: bool) -> None:
    """Rows ordered to reduce crossings. A sweep that does not beat the best order so far is
    undone (the next, opposite sweep starts from the best); three such sweeps end the search."""
    _initial_order(lay)
    pos = _positions(lay)
    if transpose:
        _transpose(lay, pos)
    best = [row[:] for row in lay.rows]
    best_crossings = count_crossings(lay)
    stale = 0
    # Every sweep starts from the best order (kept, or restored), so a direction that failed
    # once fails again until the best changes: such a sweep is counted, not run (it was half
    # of a big map's ordering time)
    failed: set[bool] = set()
    for sweep in range(sweeps):
        if best_crossings == 0 or stale == 3:
            break
        downward = sweep % 2 == 0
        if downward in failed:
            stale += 1
            continue
        _sweep(lay, downward, pos)
        if transpose:
            _transpose(lay, pos)
        crossings = count_crossings(lay)
        if crossings < best_crossings:
            best, best_crossings, stale = [row[:] for row in lay.rows], crossings, 0
            failed.clear()
        else:
            stale += 1
            failed.add(downward)
            lay.rows = [row[:] for row in best]
            pos[:] = _positions(lay)
    lay.rows = best


def _pava(desired: list[float], weights: list[float], offsets: list[float]) -> list[float]:
    """x minimising sum w (x - desired)^2 with x[k+1] - x[k] >= offsets[k+1] - offsets[k].

    With y = x - offset the constraint is y non-decreasing: isotonic regression, solved
    exactly in linear time by pooling adjacent violators. Blocks as three parallel lists
    (weighted mean, total weight, count): the inner loop of every layout, so the common
    case, a node that starts a block of its own, is kept to one comparison and three appends."""
    means: list[float] = []
    totals: list[float] = []
    counts: list[int] = []
    push_mean, push_total, push_count = means.append, totals.append, counts.append
    pop_mean, pop_total, pop_count = means.pop, totals.pop, counts.pop
    last = -inf
    for mean, weight in zip(map(sub, desired, offsets), weights):
        if last < mean:
            push_mean(mean)
            push_total(weight)
            push_count(1)
            last = mean
            continue
        count = 1
        while means and means[-1] >= mean:
            prev_weight = pop_total()
            total = prev_weight + weight
            mean = (pop_mean() * prev_weight + mean * weight) / total
            weight = total
            count += pop_count()
        push_mean(mean)
        push_total(weight)
        push_count(count)
        last = mean
    if len(means) == len(offsets):  # nothing pooled: each node its own block
        return list(map(add, means, offsets))
    return list(map(add, [m for m, n in zip(means, counts) for _ in range(n)], offsets))


_FAR_WEIGHT = 0.5  # a long edge without dummies pulls its ends together less than a short one


def _place(lay: _Layered, iterations: int) -> list[float]:
    """x of every node: packed rows, then rows re-solved in turn, each node pulled to its neighbours."""
    x = [0.0] * len(lay.level)
    offsets_of = []
    for row in lay.rows:
        offsets, at = [], 0.0
        for k, node in enumerate(row):
            if k:
                prev = row[k - 1]
                at += lay.half[prev] + lay.half[node] + (lay.gap[prev] + lay.gap[node]) / 2
            offsets.append(at)
        offsets_of.append(offsets)
        for node, offset in zip(row, offsets):
            x[node] = offset - at / 2
    # each node's neighbours in both adjacent rows, and their edge weights, gathered once
    near = [u + d for u, d in zip(lay.up, lay.down)]
    near_weight = [wu + wd for wu, wd in zip(lay.weight_up, lay.weight_down)]
    for node, ends in enumerate(lay.far):  # real nodes only: dummies have no long edges
        near[node].extend(ends)
        near_weight[node].extend([_FAR_WEIGHT] * len(ends))
    total = [sum(weights) for weights in near_weight]
    row_weights = [[total[node] or 0.01 for node in row] for row in lay.rows]
    at_x = x.__getitem__
    order = list(range(len(lay.rows)))
    for iteration in range(iterations):
        for i in order if iteration % 2 == 0 else order[::-1]:
            row = lay.rows[i]
            desired = [
                sum(map(mul, near_weight[node], map(at_x, near[node]))) / total[node]
                if total[node]
                else x[node]
                for node in row
            ]
            if len(row) == 1:  # nothing to keep apart (a chain's every row)
                x[row[0]] = desired[0]
                continue
            for node, value in zip(row, _pava(desired, row_weights[i], offsets_of[i])):
                x[node] = value
    return x


def _rows_fit(widths: list[float], k: int, target_width: float) -> bool:
    """Boxes of these widths, dealt out over k rows in turn, keep every row within target_width."""
    return all(
        sum(widths[r::k]) + H_GAP * (len(widths[r::k]) - 1) <= target_width for r in range(k)
    )


def _wrapped_levels(
    lay: _Layered, x: list[float], size: dict[str, tuple[float, float]], target_width: float
) -> dict[str, int]:
    """Levels with every row wider than `target_width` dealt out, in its drawn order, over as
    few rows as keep each within it: the 1st, (k+1)th, ... box on the first new row, the 2nd on
    the second, so a wrapped row's edges run up through the gaps of the rows in front of it."""
    level: dict[str, int] = {}
    offset = 0
    for row in lay.rows:
        real = sorted((n for n in row if n < lay.real), key=lambda n: x[n])
        if not real:
            continue  # a row of long edges only: the new layout makes its own
        widths = [size[lay.names[n]][0] for n in real]

        k = 1
        while k < len(real) and not _rows_fit(widths, k, target_width):
            k += 1
        for j, node in enumerate(real):
            level[lay.names[node]] = offset + j % k
        offset += k
    return level


def _pull_rows_within(lay: _Layered, x: list[float], target_width: float) -> None:
    """Shift whole rows sideways into a band `target_width` wide around the map's middle:
    boxes pulled under neighbours far apart would otherwise stair-step wider than the box the
    layout is for. A row keeps its own spacing, so no two boxes come to overlap."""

    def ends(row):  # of the boxes: long edges passing through may bend outside the band
        return (
            min(x[n] - lay.half[n] for n in row if n < lay.real),
            max(x[n] + lay.half[n] for n in row if n < lay.real),
        )

    rows = [row for row in lay.rows if any(n < lay.real for n in row)]
    if not rows:
        return
    spans = [ends(row) for row in rows]
    middle = (min(a for a, _ in spans) + max(b for _, b in spans)) / 2
    low, high = middle - target_width / 2, middle + target_width / 2
    for row, (left, right) in zip(rows, spans):
        if right - left > target_width:
            shift = middle - (left + right) / 2  # wider than the band: centre it
        elif left < low:
            shift = low - left
        elif right > high:
            shift = high - right
        else:
            continue
        for n in row:
            x[n] += shift


@paused_gc()  # ~10^5 lists per 10,000 claims, none garbage: see _gc.py
def layered_layout(
    graph,
    labels: dict[str, str],
    progress: Progress | None = None,
    *,
    target_width: float | None = None,
    box_width: float = BOX_MAX_WIDTH,
    row_gap: float = V_GAP,
) -> dict[str, Box]:
    """A Box for every node of `graph`; claim boxes sized from their `labels`, at most
    `box_width` wide, rows `row_gap` apart. With `target_width`, rows wider than that are
    wrapped into several rows (_wrapped_levels) and the map laid out again: a layout for a
    narrow box."""
    report = progress or (lambda step, done, total: None)
    report("layout", 0, 4)
    level = _sink_rows(graph, levels(graph))
    size = {
        n: (REASON_SIZE, REASON_SIZE)
        if graph.nodes[n]["node"] == REASON
        else box_size(labels.get(n, n), box_width)
        for n in graph
    }
    budget = DUMMY_BUDGET / 2 if len(graph) > BIG_LAYOUT_NODES else DUMMY_BUDGET
    lay = _Layered(graph, level, size, budget)
    report("layout", 1, 4)
    # keep big maps within seconds: fewer refinement passes, no transpositions (quadratic-ish)
    big = len(lay.level) > BIG_LAYOUT_NODES
    _order_rows(lay, sweeps=4 if big else 16, transpose=not big)
    report("layout", 2, 4)
    x = _place(lay, iterations=4 if big else 12)
    if target_width is not None:
        wrapped = _wrapped_levels(lay, x, size, target_width)
        if wrapped != level:
            lay = _Layered(graph, wrapped, size, budget)
            _order_rows(lay, sweeps=4 if big else 16, transpose=not big)
            x = _place(lay, iterations=4 if big else 12)
        _pull_rows_within(lay, x, target_width)
    report("layout", 3, 4)

    boxes: dict[str, Box] = {}
    top = 0.0
    for i, row in enumerate(lay.rows):
        height = max((size[lay.names[n]][1] for n in row if n < lay.real), default=0)
        centre = round(top + height / 2, 1)
        for node in row:
            if node < lay.real:
                name = lay.names[node]
                boxes[name] = Box(round(x[node], 1), centre, size[name][0], size[name][1], i)
        top += height + row_gap
    report("layout", 4, 4)
    return {n: boxes[n] for n in graph}
