"""The first view, in real headless Chromium: in any box, no claim box cut by the canvas edge, text drawn
at 11 px or more, the main conclusions in view, small maps whole; Fit never shrinks below readable
without saying so; resizing keeps it; recentring keeps a claim's neighbours in view."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from argmap.drawing.layout import FONT_PX
from argmap.formats.native_read import load_map
from argmap.page.render import render_fragment, write_page
from conftest import open_ready

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from shapes import write_shape  # noqa: E402
from synthetic import write_map  # noqa: E402

MIN_TEXT_PX = 11
PHONE, COLUMN, DESKTOP = (390, 844), (720, 900), (1366, 900)
LANDSCAPE = (844, 390)  # a phone held sideways
BROAD_BENEATH = 8  # the broad 1,000-claim map's first view: at least this many nodes under its main

# every shown node's box in the canvas's CSS pixels, from the vis-network instance
BOXES = """v => { const view = window.argmap.views[v], net = view.network;
    return {width: view.canvas.clientWidth, height: view.canvas.clientHeight, scale: net.getScale(),
            mains: view.index.mains, claims: Object.keys(view.index.claims).length,
            boxes: view.nodes.getIds().map(id => { const b = net.getBoundingBox(id);
                const a = net.canvasToDOM({x: b.left, y: b.top}), z = net.canvasToDOM({x: b.right, y: b.bottom});
                return {id, left: a.x, top: a.y, right: z.x, bottom: z.y}; })}; }"""


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """name -> (full page path, article page path holding the fragment in a 720 px column, map path)."""
    folder = tmp_path_factory.mktemp("first-view")
    maps = {
        "essay": ROOT / "maps" / "essay.yaml",
        "seven": ROOT / "tests" / "maps" / "six-premises.yaml",
        "thousand": write_map(folder / "thousand.yaml", 1000),
        # one conclusion over 999 reasons: a row wider than any window, at any readable scale
        "fan": write_shape(folder / "fan.yaml", "fan", 1000),
    }
    out = {}
    for name, path in maps.items():
        amap = load_map(path)
        page = folder / f"{name}.html"
        write_page(amap, page)
        article = folder / f"{name}-article.html"
        article.write_text(
            '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Article</title>'
            "<style>body { margin: 0; } main { max-width: 720px; margin: 0 auto; }</style></head>"
            f"<body><main><h1>An article</h1><p>Some text before the map.</p>{render_fragment(amap)}"
            "<p>Some text after it.</p></main></body></html>",
            encoding="utf-8",
        )
        out[name] = (page, article, path)
    return out


def _open(browser, path: Path, viewport, hash: str = ""):
    return open_ready(browser, path, viewport[0], viewport[1], hash)


def _check_first_view(state: dict, whole: bool, beneath: int = 1) -> set[str]:
    """Nothing cut, text readable, mains in view; `whole`: every node in view; else at least
    `beneath` nodes besides the mains. The ids of the nodes in view."""
    width, height = state["width"], state["height"]
    assert state["scale"] * FONT_PX >= MIN_TEXT_PX - 0.01, (
        f"text drawn at {state['scale'] * FONT_PX:.1f} px"
    )
    inside = set()
    for b in state["boxes"]:
        is_in = (
            b["left"] >= -0.5
            and b["top"] >= -0.5
            and b["right"] <= width + 0.5
            and b["bottom"] <= height + 0.5
        )
        is_out = (
            b["right"] <= 0.5
            or b["left"] >= width - 0.5
            or b["bottom"] <= 0.5
            or b["top"] >= height - 0.5
        )
        assert is_in or is_out, f"{b['id']} is cut by the canvas edge: {b} in {width}x{height}"
        if is_in:
            inside.add(b["id"])
    assert set(state["mains"]) <= inside, "a main conclusion is not fully visible"
    if whole:
        assert inside == {b["id"] for b in state["boxes"]}, "a small map does not open whole"
    else:
        assert len(inside) >= len(state["mains"]) + beneath, f"{len(inside)} nodes in view"
    return inside


def _rows(state: dict, ids: set[str]) -> int:
    """How many rows (distinct heights on the canvas) the nodes `ids` stand in."""
    return len({round((b["top"] + b["bottom"]) / 2) for b in state["boxes"] if b["id"] in ids})


CASES = [
    (name, size, where)
    for name in ("essay", "seven", "thousand")
    for size, where in (
        (PHONE, "page"),
        (COLUMN, "article"),
        (DESKTOP, "page"),
        (LANDSCAPE, "page"),
        (LANDSCAPE, "article"),  # the 720 px column on a phone held sideways: about 694x316
    )
]


SEVEN_WHOLE = {(COLUMN, "article"), (DESKTOP, "page"), (LANDSCAPE, "page")}


@pytest.mark.parametrize("name,viewport,where", CASES)
def test_first_view_is_readable_and_cuts_nothing(browser, pages, name, viewport, where):
    page, errors = _open(browser, pages[name][0 if where == "page" else 1], viewport)
    state = page.evaluate(BOXES, 0)
    # a small map opens whole at a readable size wherever it fits: in the 720 px column too, and
    # on a phone held sideways (six premises in one row of narrow boxes, rows close); an upright
    # phone is too small for them side by side or in rows, and so is the column held sideways
    # the synthetic 1,000-claim tree is broad: its main conclusion's reasons lie thousands of
    # px apart in the full layout; it opens on its top rows, folded, filling the box
    inside = _check_first_view(
        state,
        whole=name == "seven" and (viewport, where) in SEVEN_WHOLE,
        beneath=BROAD_BENEATH if name == "thousand" else 1,
    )
    if name == "thousand":
        assert _rows(state, inside) >= 4, "the first view holds fewer than four rows"
    if where == "article":
        assert state["width"] <= 720
    assert errors == []
    page.close()


@pytest.mark.parametrize(
    "viewport,where,rows",
    [(DESKTOP, "page", 3), (PHONE, "page", 3), (COLUMN, "article", 3), (LANDSCAPE, "page", 2)],
)
def test_a_fan_opens_readable_on_its_top_rows_cut_only_where_a_row_is_wider_than_the_box(
    browser, pages, viewport, where, rows
):
    """Its row of reasons is cut by every window: the view must not zoom in until only the
    conclusion is left above the cut (it opened at 2.5x on the conclusion and three dots).
    In a box tall enough for them, the conclusion, its reasons and their premises, at no more
    than natural size; in a short box two rows, the lower edge between two rows as ever."""
    page, errors = _open(browser, pages["fan"][0 if where == "page" else 1], viewport)
    state = page.evaluate(BOXES, 0)
    width, height = state["width"], state["height"]
    assert state["scale"] * FONT_PX >= MIN_TEXT_PX - 0.01
    if rows == 3:
        assert state["scale"] <= 1
    by_row: dict[int, list[dict]] = {}
    for b in state["boxes"]:
        by_row.setdefault(round((b["top"] + b["bottom"]) / 2), []).append(b)
    inside = set()
    for row in by_row.values():
        wider = max(b["right"] for b in row) - min(b["left"] for b in row) > width
        for b in row:
            across = b["left"] < -0.5 or b["right"] > width + 0.5
            if not across and b["top"] >= -0.5 and b["bottom"] <= height + 0.5:
                inside.add(b["id"])
            elif b["right"] > 0.5 and b["left"] < width - 0.5 and b["top"] < height - 0.5:
                assert across and wider, f"{b['id']} is cut, in a row that fits the box"
    assert set(state["mains"]) <= inside
    assert _rows(state, inside) >= rows
    assert len(inside) >= 1 + 4
    assert errors == []
    page.close()


def test_the_small_map_uses_a_narrower_layout_in_the_column(browser, pages):
    """Laid out as it is, six premises in a row need over 1,000 px; the column gets rows of three."""
    page, _ = _open(browser, pages["seven"][1], COLUMN)
    rows = page.evaluate("""() => { const v = window.argmap.views[0];
        return new Set(Object.keys(v.index.claims).map(id => Math.round(v.network.getPositions([id])[id].y))).size; }""")
    assert rows >= 3  # the conclusion and at least two rows of premises
    assert page.evaluate("window.argmap.views[0].layout") >= 0
    page.close()


def _resize(page, size) -> dict:
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.wait_for_function(
        """() => { const v = window.argmap.views[0];
        return v.drawnSize === v.canvas.clientWidth + 'x' + v.canvas.clientHeight; }""",
        timeout=10000,
    )
    page.wait_for_timeout(100)
    return page.evaluate(BOXES, 0)


def test_resizing_keeps_the_rules(browser, pages):
    page, errors = _open(browser, pages["essay"][0], DESKTOP)
    for size in (PHONE, (1024, 768), COLUMN, DESKTOP):
        _check_first_view(_resize(page, size), whole=False)
    assert errors == []
    page.close()


@pytest.mark.parametrize("name", ["essay", "thousand"])
def test_turning_a_phone_keeps_the_rules(browser, pages, name):
    """Upright to sideways and back: the broad map's first view is chosen again for the box."""
    page, errors = _open(browser, pages[name][0], PHONE)
    beneath = BROAD_BENEATH if name == "thousand" else 1
    for size in (LANDSCAPE, PHONE, LANDSCAPE):
        state = _resize(page, size)
        inside = _check_first_view(state, whole=False, beneath=beneath)
        if name == "thousand":
            assert _rows(state, inside) >= 4
    assert errors == []
    page.close()


def test_fit_goes_to_readable_first_then_whole_map_when_asked(browser, pages):
    page, _ = _open(browser, pages["thousand"][0], DESKTOP)
    fit = page.locator("[data-action='fit']")
    page.evaluate("window.argmap.views[0].network.moveTo({scale: 0.3, animation: false})")
    fit.click()
    page.wait_for_timeout(600)
    _check_first_view(page.evaluate(BOXES, 0), whole=False, beneath=0)
    assert fit.inner_text() == "Whole map"
    assert "too big to read whole" in page.inner_text(".argmap-announce")
    fit.click()
    page.wait_for_timeout(600)
    assert page.evaluate("window.argmap.views[0].network.getScale()") * FONT_PX < MIN_TEXT_PX
    assert fit.inner_text() == "Fit"
    page.close()

    page, _ = _open(browser, pages["seven"][0], DESKTOP)  # a map readable whole: one step
    page.locator("[data-action='fit']").click()
    page.wait_for_timeout(600)
    _check_first_view(page.evaluate(BOXES, 0), whole=True)
    assert page.locator("[data-action='fit']").inner_text() == "Fit"
    page.close()


PAIRS = """() => { const v = window.argmap.views[0], ix = v.index, net = v.network, out = [];
    const room = {w: v.canvas.clientWidth - 24, h: v.canvas.clientHeight - 24};
    for (const id of Object.keys(ix.claims)) for (const r of ix.up[id] || []) {
        const c = ix.reasons[r].conclusion, a = net.getBoundingBox(id), b = net.getBoundingBox(c);
        if (!ix.claims[c]) continue;
        // the premise stays in the middle: the pair must fit around it at a readable scale
        const cx = (a.left + a.right) / 2, cy = (a.top + a.bottom) / 2;
        const w = 2 * Math.max(cx - Math.min(a.left, b.left), Math.max(a.right, b.right) - cx);
        const h = 2 * Math.max(cy - Math.min(a.top, b.top), Math.max(a.bottom, b.bottom) - cy);
        if (w * 0.8 <= room.w && h * 0.8 <= room.h) out.push([id, c]); }
    return out; }"""


@pytest.mark.parametrize(
    "name,viewport,where", [("essay", DESKTOP, "page"), ("seven", DESKTOP, "page")]
)
def test_recentring_keeps_the_conclusion_a_premise_supports_in_view(
    browser, pages, name, viewport, where
):
    page, _ = _open(browser, pages[name][0 if where == "page" else 1], viewport)
    pairs = page.evaluate(PAIRS)
    assert len(pairs) >= 2
    for premise, conclusion in pairs:
        page.evaluate("id => window.argmap.views[0].select(id)", premise)
        page.wait_for_timeout(450)
        state = page.evaluate(BOXES, 0)
        boxes = {b["id"]: b for b in state["boxes"]}
        for node in (premise, conclusion):
            b = boxes[node]
            assert (
                b["left"] >= -0.5
                and b["right"] <= state["width"] + 0.5
                and b["top"] >= -0.5
                and b["bottom"] <= state["height"] + 0.5
            ), f"{node} out of view after selecting {premise}"
        assert state["scale"] * FONT_PX >= MIN_TEXT_PX - 0.01
    page.close()


# what the viewer holds: the nodes in its DataSet, whether it draws a compact first view, the folds
FOLDS = """() => { const v = window.argmap.views[0];
    return {shown: v.nodes.getIds(), compact: !!v.start, first: v.firstFold, folded: Object.keys(v.folded),
            claims: Object.keys(v.index.claims).length}; }"""


def _in_view(state: dict, node: str) -> bool:
    b = next(b for b in state["boxes"] if b["id"] == node)
    return (
        b["left"] >= -0.5
        and b["top"] >= -0.5
        and b["right"] <= state["width"] + 0.5
        and b["bottom"] <= state["height"] + 0.5
    )


def test_the_broad_map_draws_only_its_first_view(browser, pages):
    """Cheap: the first view's nodes alone are in vis-network's DataSet, every one in view."""
    page, errors = _open(browser, pages["thousand"][0], DESKTOP)
    folds = page.evaluate(FOLDS)
    assert folds["first"] >= 0 and folds["compact"]
    assert len(folds["shown"]) < folds["claims"] / 10
    assert set(folds["folded"]) & set(folds["shown"]), "no folded reason at the first view's edge"
    _check_first_view(page.evaluate(BOXES, 0), whole=True)
    assert errors == []
    page.close()


# the "+N" counts drawn under folded reasons, in the canvas's CSS pixels, and the folded reasons shown
FOLD_LABELS = """() => { const v = window.argmap.views[0], net = v.network;
    return {scale: net.getScale(), height: v.canvas.clientHeight,
            folded: v.nodes.getIds().filter(id => v.folded[id]),
            labels: v.foldLabels.map(l => ({id: l.id, text: l.text, top: net.canvasToDOM({x: l.x, y: l.y}).y,
                                             bottom: net.canvasToDOM({x: l.x, y: l.bottom}).y}))}; }"""


@pytest.mark.parametrize("viewport,where", [(DESKTOP, "page"), (LANDSCAPE, "article")])
def test_a_folded_reason_says_how_many_claims_it_hides(browser, pages, viewport, where):
    """The first view's bottom row is folded reasons: each carries "+N", N the claims beneath it,
    readable and not cut by the canvas edge; the legend says what it means."""
    import networkx as nx

    from argmap.graph import build_graph

    # networkx counts independently of the viewer what lies beneath each reason
    mapped = build_graph(load_map(pages["thousand"][2]))
    graph = nx.DiGraph()
    graph.add_nodes_from(mapped.nodes(data=True))
    graph.add_edges_from(mapped.edges)
    page, errors = _open(browser, pages["thousand"][0 if where == "page" else 1], viewport)
    page.wait_for_function("window.argmap.views[0].foldLabels.length > 0", timeout=10000)
    state = page.evaluate(FOLD_LABELS)
    drawn = page.evaluate(BOXES, 0)
    shown = {reason for reason in state["folded"] if _in_view(drawn, reason)}
    assert len(shown) >= 3, "the first view shows no folded reasons"
    labels = {label["id"]: label for label in state["labels"]}
    assert shown <= set(labels)
    for reason in shown:
        beneath = sum(1 for n in nx.ancestors(graph, reason) if graph.nodes[n]["node"] != "reason")
        assert labels[reason]["text"] == f"+{beneath}"
        assert 0 <= labels[reason]["top"] and labels[reason]["bottom"] <= state["height"] + 0.5
    assert state["scale"] * 14 >= MIN_TEXT_PX - 0.01  # the counts are drawn at 14 px on the canvas
    legend = page.locator(".argmap-legend").inner_text()
    assert "folded" in legend and "double-click to unfold" in legend
    assert errors == []
    page.close()


def test_a_deep_link_to_a_claim_the_first_view_hides_opens_on_it(browser, pages):
    page, errors = _open(browser, pages["thousand"][0], DESKTOP, "#c900")
    folds = page.evaluate(FOLDS)
    assert "c900" in folds["shown"]
    assert not folds["compact"]  # the full layout, with the way down to c900 unfolded
    assert page.evaluate("window.argmap.views[0].selected") == "c900"
    state = page.evaluate(BOXES, 0)
    assert _in_view(state, "c900")
    assert state["scale"] * FONT_PX >= MIN_TEXT_PX - 0.01
    text = page.evaluate("window.argmap.views[0].index.claims['c900'].text")
    assert page.inner_text(".argmap-panel-title") == text
    assert errors == []
    page.close()


def test_searching_finds_a_claim_the_first_view_hides(browser, pages):
    page, errors = _open(browser, pages["thousand"][0], DESKTOP)
    text = page.evaluate("window.argmap.views[0].index.claims['c777'].text")
    assert "c777" not in page.evaluate(FOLDS)["shown"]
    page.fill(".argmap-search-input", text)
    page.locator(".argmap-hit").first.click()
    assert page.evaluate("window.argmap.views[0].selected") == "c777"
    assert "c777" in page.evaluate(FOLDS)["shown"]
    page.wait_for_timeout(450)
    assert _in_view(page.evaluate(BOXES, 0), "c777")
    assert errors == []
    page.close()


def test_unfolding_from_the_first_view_moves_to_the_full_layout_and_reset_comes_back(
    browser, pages
):
    page, errors = _open(browser, pages["thousand"][0], DESKTOP)
    first = page.evaluate(FOLDS)
    # the what-if labels follow the nodes that come back
    page.get_by_role("button", name="What if\u2026").click()
    reason = sorted(set(first["folded"]) & set(first["shown"]))[0]
    beneath = page.evaluate(
        "id => window.argmap.views[0].index.down[id].filter(n => window.argmap.views[0].index.claims[n])",
        reason,
    )
    assert beneath and not set(beneath) & set(first["shown"])
    page.evaluate("id => window.argmap.views[0].select(id)", reason)
    fold = page.locator(".argmap-panel .argmap-fold")
    assert fold.inner_text() == "Unfold: show its premises"
    fold.click()
    after = page.evaluate(FOLDS)
    assert set(beneath) <= set(after["shown"])
    assert not after["compact"] and after["first"] == -1
    # every node drawn where the page's own (full) layout puts it (vis-network reports whole px)
    moved = page.evaluate("""() => { const v = window.argmap.views[0], at = v.network.getPositions();
        return v.data.vis.nodes.filter(n => at[n.id] && (Math.abs(at[n.id].x - n.x) > 1 ||
                                                         Math.abs(at[n.id].y - n.y) > 1)).length; }""")
    assert moved == 0
    page.wait_for_timeout(450)
    state = page.evaluate(BOXES, 0)
    assert _in_view(state, reason)
    assert state["scale"] * FONT_PX >= MIN_TEXT_PX - 0.01
    labels = page.evaluate(
        "ids => ids.map(id => window.argmap.views[0].nodes.get(id).label.split('\\n')[0])", beneath
    )
    assert all(label.startswith(("\u2713", "\u2717", "?")) for label in labels), labels
    page.get_by_role("button", name="What if\u2026").click()

    page.locator("[data-action='reset']").click()
    page.wait_for_timeout(450)
    again = page.evaluate(FOLDS)
    assert again["compact"] and again["first"] == first["first"]
    assert sorted(again["shown"]) == sorted(first["shown"])
    _check_first_view(page.evaluate(BOXES, 0), whole=True)
    assert errors == []
    page.close()


def test_arrow_keys_stay_on_the_first_view_along_a_row(browser, pages):
    """Left and right walk the row as drawn: never to a node the first view folds away."""
    page, errors = _open(browser, pages["thousand"][0], DESKTOP)
    shown = set(page.evaluate(FOLDS)["shown"])
    page.locator(".argmap-canvas").focus()
    page.keyboard.press("Enter")  # the main conclusion
    page.keyboard.press("ArrowDown")  # one of its reasons
    page.keyboard.press("ArrowDown")  # a premise of it
    visited = [page.evaluate("window.argmap.views[0].selected")]
    for key in ("ArrowRight", "ArrowRight", "ArrowLeft", "ArrowLeft", "ArrowLeft"):
        page.keyboard.press(key)
        visited.append(page.evaluate("window.argmap.views[0].selected"))
    assert set(visited) <= shown
    assert len(set(visited)) >= 2
    assert page.evaluate(FOLDS)["compact"]  # still the first view: nothing was unfolded
    assert errors == []
    page.close()


def test_sideways_the_toolbar_sits_above_the_map_and_the_panel_beside_the_selection(browser, pages):
    """844x390: the controls end where the canvas starts, the panel stays away until a claim is
    selected, then slides in from the side without covering it."""
    page, errors = _open(browser, pages["essay"][0], LANDSCAPE)
    rects = """() => { const r = s => { const e = document.querySelector(s).getBoundingClientRect();
        return {left: e.left, right: e.right, top: e.top, bottom: e.bottom, width: e.width}; };
        return {controls: r('.argmap-controls'), canvas: r('.argmap-canvas'), panel: r('.argmap-panel')}; }"""
    at = page.evaluate(rects)
    assert at["controls"]["bottom"] <= at["canvas"]["top"]
    assert at["panel"]["width"] == 0  # no empty panel beside the map: the canvas has the width
    assert at["canvas"]["width"] >= LANDSCAPE[0] - 40
    main = page.evaluate("window.argmap.views[0].index.mains[1]")
    page.evaluate("id => window.argmap.views[0].select(id)", main)
    page.wait_for_timeout(450)
    at = page.evaluate(rects)
    assert 0 < at["panel"]["width"] <= LANDSCAPE[0] / 2
    box = next(b for b in page.evaluate(BOXES, 0)["boxes"] if b["id"] == main)
    assert at["canvas"]["left"] + box["right"] <= at["panel"]["left"], (
        "the panel covers the selection"
    )
    assert errors == []
    page.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_folded_reason_is_ringed_in_the_themes_ink(browser, pages, scheme):
    """The ring that marks a fold (and its legend key) is drawn in the theme's text colour:
    a dark ring would vanish into the dark theme's background."""
    page = browser.new_page(viewport={"width": 1366, "height": 900}, color_scheme=scheme)
    page.goto(pages["thousand"][0].as_uri())
    page.wait_for_selector("[data-argmap-ready='1']", state="attached", timeout=30000)
    ink, rings, key = page.evaluate("""() => { const v = window.argmap.views[0];
        const ink = getComputedStyle(v.container).getPropertyValue('--argmap-fg').trim();
        const rings = v.nodes.get().filter(n => v.folded[n.id]).map(n => n.color.border);
        const key = getComputedStyle(document.querySelector('.argmap-key-folded span')).boxShadow;
        return [ink, rings, key]; }""")
    assert ink == ("#e5e7eb" if scheme == "dark" else "#111827")
    assert rings and set(rings) == {ink}
    r, g, b = (int(ink[i : i + 2], 16) for i in (1, 3, 5))
    assert f"rgb({r}, {g}, {b})" in key
    page.close()
