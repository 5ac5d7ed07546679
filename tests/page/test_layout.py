"""The layered layout: no overlapping boxes, conclusions above premises, deterministic, few crossings."""

from __future__ import annotations

import json
import subprocess
import sys

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.graph import build_graph
from argmap.drawing.layout import BOX_MAX_WIDTH, box_size, layered_layout, text_width, wrap_lines
from argmap.formats.native_read import load_map
from argmap.model import ArgumentMap, Claim, Reason
from argmap.page.render import write_page
from argmap.page.package_data import bundled_map_path


def layout_of(amap: ArgumentMap):
    graph = build_graph(amap)
    return graph, layered_layout(graph, {c.id: c.text for c in amap.claims.values()})


def overlapping_pairs(boxes) -> list[tuple[str, str]]:
    """Pairs of boxes whose rectangles intersect (sweep over x, so big maps stay cheap)."""
    spans = sorted((b.x - b.width / 2, b.x + b.width / 2, n) for n, b in boxes.items())
    found, active = [], []
    for left, right, name in spans:
        active = [(r, other) for r, other in active if r > left]
        for _, other in active:
            a, b = boxes[name], boxes[other]
            if abs(a.y - b.y) < (a.height + b.height) / 2:
                found.append((other, name))
        active.append((right, name))
    return found


def edges_off_cycles(graph):
    on_cycle = set()
    for component in nx.strongly_connected_components(nx.DiGraph(list(graph.edges))):
        if len(component) > 1:
            on_cycle |= component
    return [(u, v) for u, v in graph.edges if not (u in on_cycle and v in on_cycle)]


def crossings(graph, x: dict, level: dict) -> int:
    """Crossing pairs among edges between adjacent rows, given x and row of each node."""
    by_rows: dict[tuple, list] = {}
    for u, v in graph.edges:
        top, bottom = sorted((u, v), key=level.get)
        if level[bottom] - level[top] == 1:
            by_rows.setdefault((level[top], level[bottom]), []).append((x[top], x[bottom]))
    return sum(
        1
        for edges in by_rows.values()
        for i, (a1, b1) in enumerate(edges)
        for a2, b2 in edges[i + 1 :]
        if (a1 - a2) * (b1 - b2) < 0
    )


def claim(ident, text=None):
    return Claim(ident, text or f"Claim {ident} says something worth arguing about.")


def make_map(claims, reasons, main=()):
    return ArgumentMap("t", {c.id: c for c in claims}, {r.id: r for r in reasons}, main=list(main))


# -- the essay map --------------------------------------------------------------------------


def test_essay_map_boxes_never_overlap_and_conclusions_sit_above_premises():
    graph, boxes = layout_of(load_map(bundled_map_path()))
    assert set(boxes) == set(graph)
    assert overlapping_pairs(boxes) == []
    for premise, conclusion in edges_off_cycles(graph):
        assert boxes[premise].y > boxes[conclusion].y, (premise, conclusion)


def test_layout_is_identical_across_processes_and_hash_seeds():
    code = (
        "import json; from argmap.graph import build_graph; from argmap.drawing.layout import layered_layout\n"
        "from argmap.formats.native_read import load_map; from argmap.page.package_data import bundled_map_path\n"
        "m = load_map(bundled_map_path()); g = build_graph(m)\n"
        "b = layered_layout(g, {c.id: c.text for c in m.claims.values()})\n"
        "print(json.dumps({n: [v.x, v.y, v.width, v.height] for n, v in b.items()}))"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin"},
        ).stdout
        for seed in ("0", "1", "12345")
    }
    assert len(outputs) == 1
    assert len(json.loads(outputs.pop())) > 10


# -- random maps ----------------------------------------------------------------------------


@st.composite
def random_maps(draw):
    """Maps of claims, supports and objections (rebuttals and undercuts), cycles included."""
    n = draw(st.integers(1, 14))
    words = st.lists(
        st.sampled_from(
            [
                "a",
                "policy",
                "Wide",
                "W",
                "antidisestablishmentarianism",
                "évidence",
                "中文",
                "growth",
                "I",
            ]
        ),
        min_size=1,
        max_size=30,
    )
    claims = [claim(f"c{i}", " ".join(draw(words))) for i in range(n)]
    reasons = []
    for k in range(draw(st.integers(0, 2 * n))):
        objection = draw(st.booleans())
        if objection and reasons and draw(st.booleans()):
            conclusion = draw(st.sampled_from([r.id for r in reasons]))  # undercut
        else:
            conclusion = f"c{draw(st.integers(0, n - 1))}"
        premises = draw(
            st.lists(st.sampled_from([c.id for c in claims]), min_size=1, max_size=3, unique=True)
        )
        premises = [p for p in premises if p != conclusion]
        if premises:
            reasons.append(
                Reason(f"r{k}", conclusion, premises, "objection" if objection else "support")
            )
    return make_map(claims, reasons)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_maps())
def test_random_maps_never_overlap_and_keep_support_edges_pointing_up(amap):
    graph, boxes = layout_of(amap)
    assert set(boxes) == set(graph)
    assert overlapping_pairs(boxes) == []
    for premise, conclusion in edges_off_cycles(graph):
        assert boxes[premise].y > boxes[conclusion].y, (premise, conclusion)
    assert layout_of(amap)[1] == boxes  # deterministic


# -- crossings ------------------------------------------------------------------------------


def test_crossing_reduction_beats_the_file_order():
    # file order interleaves the premises of two reasons: drawn in that order, their edges cross
    claims = [claim(c) for c in ("A", "B", "a1", "b1", "a2", "b2", "a3", "b3")]
    reasons = [Reason("rA", "A", ["a1", "a2", "a3"]), Reason("rB", "B", ["b1", "b2", "b3"])]
    amap = make_map(claims, reasons, main=["A", "B"])
    graph, boxes = layout_of(amap)
    level = {n: b.level for n, b in boxes.items()}
    naive_x = {}
    for node in graph:  # the file order within each row
        naive_x[node] = sum(1 for m in naive_x if level[m] == level[node])
    assert crossings(graph, naive_x, level) == 3
    assert crossings(graph, {n: b.x for n, b in boxes.items()}, level) == 0


def test_shared_premise_and_undercut_leave_fewer_crossings_than_file_order():
    claims = [claim(c) for c in ("T", "p", "q", "r", "s", "u", "o")]
    reasons = [
        Reason("r1", "T", ["p", "u"]),
        Reason("r2", "T", ["q", "s"]),
        Reason("r3", "T", ["r", "o"]),
        Reason("x1", "r2", ["u"], "objection"),
    ]
    graph, boxes = layout_of(make_map(claims, reasons, main=["T"]))
    level = {n: b.level for n, b in boxes.items()}
    naive_x = {}
    for node in graph:
        naive_x[node] = sum(1 for m in naive_x if level[m] == level[node])
    assert crossings(graph, {n: b.x for n, b in boxes.items()}, level) < crossings(
        graph, naive_x, level
    )


def test_nodes_sit_between_their_neighbours_when_there_is_room():
    # one conclusion, one reason, one premise: a straight vertical line
    graph, boxes = layout_of(make_map([claim("C"), claim("P")], [Reason("r", "C", ["P"])]))
    assert boxes["C"].x == boxes["r"].x == boxes["P"].x
    assert boxes["C"].y < boxes["r"].y < boxes["P"].y


def test_an_objection_cycle_still_gets_rows():
    claims = [claim(c) for c in ("A", "B", "C")]
    reasons = [
        Reason("s1", "A", ["B"]),
        Reason("s2", "B", ["C"]),
        Reason("o1", "C", ["A"], "objection"),
    ]
    graph, boxes = layout_of(make_map(claims, reasons, main=["A"]))
    assert (
        boxes["A"].y < boxes["s1"].y < boxes["B"].y < boxes["s2"].y < boxes["C"].y < boxes["o1"].y
    )
    assert overlapping_pairs(boxes) == []


# -- box sizes ------------------------------------------------------------------------------


def test_text_width_follows_the_letters_not_a_flat_average():
    assert text_width("WWWW") > 2 * text_width("iiii")
    assert text_width("é") == text_width("e")
    assert text_width("中") == 14.0


def test_wrapping_follows_vis_network_line_breaks():
    # the lines vis-network 9.1.2 draws for these labels (read from labelModule.lines in Chromium)
    def lines(text):
        return [line for line, _ in wrap_lines(text)]

    assert lines("Zoning rules forbid apartments on most residential land in the city centre.") == [
        "Zoning rules forbid apartments",
        "on most residential land in",
        "the city centre.",
    ]
    assert lines("a b c d e f g h i j k l m n o p q r s t u v w x y z a b c d e f g h") == [
        "a b c d e f g h i j k l",
        "m n o p q r s t u v w x",
        "y z a b c d e f g h",
    ]
    assert lines("antidisestablishmentarianismantidisestablishmentarianism W") == [
        "antidisestablishmentarianismantidis",
        "establishmentarianism W",
    ]
    assert (
        box_size("Short")[0]
        < box_size("A much longer claim that still fits one line")[0]
        <= BOX_MAX_WIDTH
    )


@pytest.mark.browser
def test_boxes_drawn_by_vis_network_match_the_layout_and_never_overlap(open_page, tmp_path):
    """In the page, vis-network's own bounding boxes: the estimate is not smaller, and no two overlap."""
    out = tmp_path / "essay.html"
    write_page(load_map(bundled_map_path()), out)
    watch = open_page(out, viewport={"width": 1366, "height": 768})
    drawn = watch.page.evaluate("""() => {
        const net = window.argmap.views[0].network, out = {};
        for (const id of Object.keys(net.body.nodes)) {
            const node = net.body.nodes[id];
            if (node.options.shape !== 'box') continue;
            out[id] = {w: node.shape.width, h: node.shape.height, x: node.x, y: node.y};
        }
        return out; }""")
    graph, boxes = layout_of(load_map(bundled_map_path()))
    assert len(drawn) > 10
    for node, box in drawn.items():
        estimate = boxes[node]
        assert estimate.width >= box["w"] - 1, (node, estimate.width, box["w"])
        assert estimate.width <= box["w"] * 1.15 + 2, (node, estimate.width, box["w"])
        assert estimate.height >= box["h"] - 1, (node, estimate.height, box["h"])
    from argmap.drawing.layout import Box

    real = {n: Box(d["x"], d["y"], d["w"], d["h"]) for n, d in drawn.items()}
    assert overlapping_pairs(real) == []
    watch.assert_clean()


@pytest.mark.parametrize("target,box", [(860.0, BOX_MAX_WIDTH), (380.0, 140.0)])
def test_a_narrow_layout_wraps_wide_rows_within_its_width_without_overlaps(maps_dir, target, box):
    amap = load_map(maps_dir / "six-premises.yaml")
    graph = build_graph(amap)
    labels = {c.id: c.text for c in amap.claims.values()}
    wide = layered_layout(graph, labels)
    narrow = layered_layout(graph, labels, target_width=target, box_width=box)
    premises = [c for c in amap.claims if c != "open-branch"]
    assert len({wide[p].y for p in premises}) == 1  # six premises in one row, as it is
    assert len({narrow[p].y for p in premises}) >= 2  # wrapped into several rows
    left = min(b.x - b.width / 2 for b in narrow.values())
    right = max(b.x + b.width / 2 for b in narrow.values())
    assert right - left <= target
    assert overlapping_pairs(narrow) == []
    assert max(narrow[c].width for c in amap.claims) <= box + 2 * 12 + 20  # boxes narrowed too
    for reason in amap.reasons.values():  # conclusions still above their premises
        assert all(
            narrow[p].y > narrow[reason.id].y > narrow[reason.conclusion].y for p in reason.premises
        )
    assert (
        layered_layout(graph, labels, target_width=target, box_width=box) == narrow
    )  # deterministic


# -- dense maps: long edges ------------------------------------------------------------------


def dense_dag(n: int = 120):
    """Every reason takes premises from far below it: many edges span dozens of rows."""
    claims = [claim(f"c{i}") for i in range(n)]
    reasons = []
    for i in range(1, n):
        premises = [f"c{i}"] + [f"c{j}" for j in (i * 7 % n, i * 13 % n) if j > i]
        reasons.append(
            Reason(f"r{i}", f"c{(i - 1) // 2}", premises, "objection" if i % 9 == 0 else "support")
        )
    return make_map(claims, reasons, main=["c0"])


@pytest.mark.parametrize("budget", [0, 1, 2])
def test_dense_dag_without_dummies_for_long_edges_never_overlaps(monkeypatch, budget):
    from argmap.drawing import layout

    monkeypatch.setattr(layout, "DUMMY_BUDGET", budget)  # 0: every long edge drawn straight
    graph, boxes = layout_of(dense_dag())
    assert set(boxes) == set(graph)
    assert overlapping_pairs(boxes) == []
    for premise, conclusion in edges_off_cycles(graph):
        assert boxes[premise].y > boxes[conclusion].y, (premise, conclusion)
    assert layout_of(dense_dag())[1] == boxes


def test_a_reason_sinks_to_just_above_its_deep_premises():
    # r1 supports c0 with premises c1, c2, both deep below (c1 <- c3 <- c4 chain puts c2 low too)
    claims = [claim(f"c{i}") for i in range(6)]
    reasons = [
        Reason("r1", "c0", ["c4", "c5"], "support"),
        Reason("r2", "c0", ["c1"], "support"),
        Reason("r3", "c1", ["c2"], "support"),
        Reason("r4", "c2", ["c3"], "support"),
        Reason("r5", "c3", ["c4", "c5"], "support"),
    ]
    graph, boxes = layout_of(make_map(claims, reasons, main=["c0"]))
    below_r1 = min(boxes["c4"].level, boxes["c5"].level)
    assert boxes["r1"].level == below_r1 - 1  # not in row 1, hanging over four rows of edges
    assert boxes["c0"].level == 0  # more edges down than up, but a top node stays on top
    assert overlapping_pairs(boxes) == []
