"""How a map opens, decided in Python: a broad map's folded first views (folding.first_views)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from argmap.formats.native_read import load_map
from argmap.page.folding import (
    BIG_MAP_CLAIMS,
    FIRST_VIEW_BOXES,
    FIRST_VIEW_MAX_NODES,
    visible_nodes,
)
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
    for reason, conclusion, premises, *_ in data["reasons"]:  # rows: [id, conclusion, premises, …]
        down.setdefault(conclusion, []).append(reason)
        down.setdefault(reason, []).extend(premises)
    return down


def test_a_broad_map_opens_on_folded_first_views_that_fit_their_boxes(broad):
    data = page_data(load_map(broad))
    views = data["fold"]["views"]
    assert 2 <= len(views) <= len(FIRST_VIEW_BOXES)
    boxes = {(box, width) for width, box, _, _ in FIRST_VIEW_BOXES}
    reasons = {row[0] for row in data["reasons"]}
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
    # vis nodes are rows [style, x, y, 1 when hidden], the claims' then the reasons' in order
    ids = [c["id"] for c in data["claims"]] + [row[0] for row in data["reasons"]]
    hidden = {i for i, row in zip(ids, data["vis"]["nodes"]) if row[3:] == [1]}
    assert hidden
    for first in fold["views"]:
        assert not set(first["at"]) & hidden  # never past the big map's own folds
        assert set(first["at"]) <= set(fold["start"])


def test_visible_nodes_stops_at_folded_reasons():
    import networkx as nx

    graph = nx.DiGraph([("p", "r"), ("r", "c"), ("q", "s"), ("s", "p")])
    assert visible_nodes(graph, ["c"], {"r"}) == {"c", "r"}
    assert visible_nodes(graph, ["c"], set()) == {"c", "r", "p", "s", "q"}


def _fan(path, reasons: int):
    """One conclusion c over `reasons` reasons r0, r1, …, each with its own premise p0, p1, …"""
    path.write_text(
        "argmap: 1\ntitle: Fan\nmain: [c]\nclaims:\n  - {id: c, text: The conclusion}\n"
        + "".join(f"  - {{id: p{i}, text: Premise {i}}}\n" for i in range(reasons))
        + "reasons:\n"
        + "".join(f"  - {{id: r{i}, conclusion: c, premises: [p{i}]}}\n" for i in range(reasons)),
        encoding="utf-8",
    )
    return path


def test_a_top_row_wider_than_any_box_gets_no_first_view(monkeypatch, tmp_path):
    """One conclusion over more reasons than a box holds: folding them all still shows too
    much, so no first view is tried (each trial would lay out the whole row)."""
    import argmap.page.folding as folding

    path = _fan(tmp_path / "fan.yaml", FIRST_VIEW_MAX_NODES + 5)
    laid = []
    monkeypatch.setattr(
        folding._FirstView, "laid_out", lambda self, unfolded: laid.append(unfolded)
    )
    data = page_data(load_map(path))
    assert "views" not in data["fold"] and laid == []


def _chain(path, claims: int):
    path.write_text(
        "argmap: 1\ntitle: Chain\nmain: [c0]\nclaims:\n"
        + "".join(f"  - {{id: c{i}, text: Claim {i} of a long chain}}\n" for i in range(claims))
        + "reasons:\n"
        + "".join(
            f"  - {{id: r{i}, conclusion: c{i}, premises: [c{i + 1}]}}\n" for i in range(claims - 1)
        ),
        encoding="utf-8",
    )
    return path


def test_a_big_map_opens_on_its_first_view_even_where_its_top_rows_fill_the_box(tmp_path):
    """A chain is narrow: the top of its full layout fills a box as well as a first view would.
    Small, it opens whole; big (BIG_MAP_CLAIMS), on a first view: the viewer then hands
    vis-network the few nodes of the top rows, not the whole map."""
    small = page_data(load_map(_chain(tmp_path / "small.yaml", BIG_MAP_CLAIMS - 1)))
    assert "views" not in small["fold"]
    big = page_data(load_map(_chain(tmp_path / "big.yaml", BIG_MAP_CLAIMS)))
    views = big["fold"]["views"]
    assert views and all(len(view["at"]) < 60 for view in views)
    assert all(set(view["at"]) >= {"c0", "r0", "c1"} for view in views)


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


def test_a_big_fan_folds_the_reasons_beyond_the_box_and_keeps_its_layout(tmp_path):
    """One conclusion over BIG_MAP_CLAIMS reasons: no first view fits its top row, so the
    reasons beyond the desktop box start folded (vis-network is not handed the premises the
    reader would have to pan to); those in the box keep their premises and every shown node
    its place in the full layout."""
    count = BIG_MAP_CLAIMS
    path = _fan(tmp_path / "fan.yaml", count)
    data = page_data(load_map(path))
    fold = data["fold"]
    assert "views" not in fold
    ids = [c["id"] for c in data["claims"]] + [row[0] for row in data["reasons"]]
    at = dict(zip(ids, data["vis"]["nodes"]))
    width = FIRST_VIEW_BOXES[0][0]
    centre = at["c"][1]
    folded = set(fold["folded"])
    for i in range(count):
        beyond = abs(at[f"r{i}"][1] - centre) > width / 2 + 1  # positions are whole pixels
        inside = abs(at[f"r{i}"][1] - centre) < width / 2 - 1
        assert not (beyond and f"r{i}" not in folded) and not (inside and f"r{i}" in folded)
        assert (at[f"p{i}"][3:] == [1]) == (f"r{i}" in folded)  # its premise hidden with it
    assert 0 < len(folded) < count
    assert set(fold["start"]) == {i for i in ids if at[i][3:] != [1]}
    assert all(fold["start"][i] == pytest.approx(at[i][1:3], abs=0.5) for i in fold["start"])
