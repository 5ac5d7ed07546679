"""How a map opens, decided in Python: a broad map's folded first views (folding.first_views)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from argmap.formats.native_read import load_map
from argmap.page.folding import FIRST_VIEW_BOXES, visible_nodes
from argmap.page.package_data import bundled_map_path
from argmap.page.render import page_data

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
from synthetic import write_map  # noqa: E402


@pytest.fixture(scope="module")
def broad(tmp_path_factory):
    """The synthetic 1,000-claim tree: its main conclusion's reasons lie thousands of px apart."""
    return write_map(tmp_path_factory.mktemp("broad") / "thousand.yaml", 1000)


def _graph_down(data: dict) -> dict[str, list[str]]:
    """node -> the nodes beneath it, as viewer.js buildIndex links them."""
    down: dict[str, list[str]] = {}
    for r in data["reasons"]:
        down.setdefault(r["conclusion"], []).append(r["id"])
        down.setdefault(r["id"], []).extend(r["premises"])
    return down


def test_a_broad_map_opens_on_folded_first_views_that_fit_their_boxes(broad):
    data = page_data(load_map(broad))
    views = data["fold"]["views"]
    assert 2 <= len(views) <= len(FIRST_VIEW_BOXES)
    boxes = {(box, width) for width, box, _, _ in FIRST_VIEW_BOXES}
    reasons = {r["id"] for r in data["reasons"]}
    down = _graph_down(data)
    for first in views:
        assert any(first["width"] <= width and box == first["box"] for box, width in boxes)
        assert first["height"] <= max(height for _, _, height, _ in FIRST_VIEW_BOXES)
        # more than the main conclusion, far less than the map: the page carries few positions
        assert len(data["main"]) + 8 <= len(first["at"]) <= 60
        assert set(first["folded"]) <= reasons & set(first["at"])
        # the viewer's walk from the top row, not past a folded reason, shows exactly `at`
        shown = set(data["fold"]["roots"])
        stack = list(shown)
        while stack:
            node = stack.pop()
            if node in first["folded"]:
                continue
            for below in down.get(node, []):
                if below not in shown:
                    shown.add(below)
                    stack.append(below)
        assert shown == set(first["at"])
    # a broad map carries no narrow layouts: its first views are laid out for the box already
    assert "narrow" not in data


def test_first_views_are_the_same_every_time(broad):
    assert page_data(load_map(broad))["fold"] == page_data(load_map(broad))["fold"]


@pytest.mark.parametrize(
    "path", [bundled_map_path(), ROOT / "tests" / "maps" / "six-premises.yaml"]
)
def test_a_map_whose_top_rows_fill_the_box_opens_unfolded(path):
    data = page_data(load_map(path))
    assert "views" not in data["fold"] and data["fold"]["folded"] == []


def test_a_big_folded_map_keeps_its_own_folds_in_its_first_views(tmp_path):
    data = page_data(load_map(write_map(tmp_path / "big.yaml", 3000)))
    fold = data["fold"]
    hidden = {n["id"] for n in data["vis"]["nodes"] if n.get("hidden")}
    for first in fold["views"]:
        assert not set(first["at"]) & hidden  # never past the big map's own folds
        assert set(first["at"]) <= set(fold["start"])


def test_visible_nodes_stops_at_folded_reasons():
    import networkx as nx

    graph = nx.DiGraph([("p", "r"), ("r", "c"), ("q", "s"), ("s", "p")])
    assert visible_nodes(graph, ["c"], {"r"}) == {"c", "r"}
    assert visible_nodes(graph, ["c"], set()) == {"c", "r", "p", "s", "q"}


def test_a_small_map_carries_a_short_layout_for_a_phone_held_sideways():
    """Six premises: wider than the column's layout, but one row of them fits 990x365 (844x390
    at the readable scale), where every other layout is too tall."""
    from argmap.page.folding import NARROW_LAYOUTS

    data = page_data(load_map(ROOT / "tests" / "maps" / "six-premises.yaml"))
    target, box, _, height = NARROW_LAYOUTS[-1]
    short = [n for n in data["narrow"] if n["height"] <= height]
    assert len(short) == 1 and short[0]["box"] == box and short[0]["width"] <= target
    rows = {y for _, y in short[0]["at"].values()}
    assert len(rows) == 3  # the conclusion, its reasons, the six premises in one row
    kept = [(n["width"], n["height"]) for n in data["narrow"]]
    for i, (w, h) in enumerate(kept):  # each narrower or shorter than those before
        assert all(w < w0 for w0, _ in kept[:i]) or all(h < h0 for _, h0 in kept[:i])


@pytest.mark.parametrize(
    "path", [bundled_map_path(), ROOT / "tests" / "maps" / "six-premises.yaml"]
)
def test_each_narrow_layout_says_how_much_of_its_top_holds_the_main_conclusions(path):
    data = page_data(load_map(path))
    mains = data["main"]
    for layout in data["narrow"]:
        width, height = layout["mains"]
        xs = [layout["at"][m][0] for m in mains]
        ys = [layout["at"][m][1] for m in mains]
        assert max(xs) - min(xs) < width <= layout["width"]
        top = min(y for _, y in layout["at"].values())  # the top row's centre
        assert max(ys) - top < height <= layout["height"]
