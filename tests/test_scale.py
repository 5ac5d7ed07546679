"""Big maps: they render and open, fold below a depth, draw cheaply, and the CLI shows progress."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.page.folding import BIG_MAP_CLAIMS, FIRST_VIEW_NODES, FOLD_ABOVE_CLAIMS
from argmap.formats.native_read import load_map
from argmap.page.render import RENDER_STEPS, page_data, write_page
from argmap.page.package_data import bundled_map_path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from synthetic import make_map, write_map  # noqa: E402


@pytest.fixture(scope="module")
def big_map(tmp_path_factory):
    """A 3,000-claim synthetic map: above the folding threshold, quick to parse."""
    return write_map(tmp_path_factory.mktemp("big") / "big.yaml", 3000)


def test_synthetic_maps_have_the_requested_size_linked_reasons_objections_and_cycles():
    data = make_map(1000)
    assert len(data["claims"]) == 1000
    reasons = data["reasons"]
    assert any(len(r["premises"]) > 1 for r in reasons)
    assert any(r["type"] == "objection" for r in reasons)
    claim_ids = {c["id"] for c in data["claims"]}
    assert any(r["conclusion"] not in claim_ids for r in reasons)  # undercuts
    assert make_map(1000) == data  # same size and seed, same map


def test_a_big_map_opens_folded_with_a_readable_first_view(big_map):
    data = page_data(load_map(big_map))
    # node rows [style, x, y, hidden?] in the order of the claims, then the reasons (vis_styles.py)
    nodes = data["vis"]["nodes"]
    ids = [c["id"] for c in data["claims"]] + [r[0] for r in data["reasons"]]
    hidden = {i for i, n in zip(ids, nodes, strict=True) if len(n) > 3}
    shown = [i for i, n in zip(ids, nodes, strict=True) if len(n) == 3]
    assert len(data["claims"]) > FOLD_ABOVE_CLAIMS
    assert data["fold"]["folded"] and hidden
    assert 0 < len(shown) <= FIRST_VIEW_NODES
    reasons = {r[0] for r in data["reasons"]}  # rows [id, conclusion, premises, ...]
    assert set(data["fold"]["folded"]) <= reasons
    # the first view has its own compact layout, for exactly the shown nodes, with no overlaps
    start = data["fold"]["start"]
    assert set(start) == set(shown)
    full_width = max(n[1] for n in nodes) - min(n[1] for n in nodes)
    start_width = max(x for x, _ in start.values()) - min(x for x, _ in start.values())
    assert start_width < full_width / 5
    # nothing shown hangs below a folded reason unless another path reaches it
    for reason in data["fold"]["folded"]:
        if reason in shown:
            premises = next(r[2] for r in data["reasons"] if r[0] == reason)
            assert any(p in hidden for p in premises) or all(p in shown for p in premises)


def test_big_maps_draw_straight_edges_and_hide_them_while_moving(big_map):
    options = page_data(load_map(big_map))["vis"]["options"]
    assert options["edges"]["smooth"] is False
    assert options["interaction"] == {"hideEdgesOnDrag": True, "hideEdgesOnZoom": True}


def test_small_maps_open_whole_with_curved_edges():
    data = page_data(load_map(bundled_map_path()))
    assert len(data["claims"]) < BIG_MAP_CLAIMS
    assert data["fold"]["folded"] == [] and "start" not in data["fold"]
    assert "options" not in data["vis"]
    assert all(len(n) == 3 for n in data["vis"]["nodes"])  # none hidden (vis_styles.py)
    assert data["fold"]["roots"]


def test_render_reports_progress_step_by_step(tmp_path):
    heard = []
    write_page(
        load_map(bundled_map_path()),
        tmp_path / "essay.html",
        progress=lambda step, done, total: heard.append((step, done, total)),
    )
    assert [done for _, done, _ in heard] == sorted(done for _, done, _ in heard)
    assert heard[0][1] == 0 and heard[-1] == ("written", RENDER_STEPS, RENDER_STEPS)
    assert {total for _, _, total in heard} == {RENDER_STEPS}
    assert "layout" in {step for step, _, _ in heard}


def test_cli_shows_no_progress_bar_when_stderr_is_not_a_terminal(runner, big_map, tmp_path):
    from argmap_cli import main

    result = runner.invoke(main, ["render", str(big_map), "-o", str(tmp_path / "big.html")])
    assert result.exit_code == 0, result.output
    assert result.output == f"wrote {tmp_path / 'big.html'}\n"


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("script") is None, reason="needs script(1) for a terminal")
def test_cli_shows_a_progress_bar_on_a_terminal_for_big_maps(big_map, tmp_path):
    out = tmp_path / "big.html"
    argmap = shutil.which("argmap") or f"{sys.executable} {ROOT / 'argmap_cli.py'}"
    typed = subprocess.run(
        ["script", "-qec", f"{argmap} render {big_map} -o {out}", "/dev/null"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert typed.returncode == 0, typed.stdout
    assert "rendering 3000 claims" in typed.stdout and "100%" in typed.stdout
    small = subprocess.run(
        ["script", "-qec", f"{argmap} render -o {tmp_path / 'essay.html'}", "/dev/null"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "rendering" not in small.stdout  # small maps finish before a bar would help


# -- in the browser -------------------------------------------------------------------------


def shown_ids(page) -> list[str]:
    return page.evaluate("() => window.argmap.views[0].nodes.getIds()")


def drawn_edges(page) -> set[tuple[str, str]]:
    """The lines vis-network holds: only those between nodes it holds (viewer.js foldEdges)."""
    ends = page.evaluate("() => window.argmap.views[0].edges.get().map(e => [e.from, e.to])")
    return {(a, b) for a, b in ends}


@pytest.mark.browser
def test_a_reason_folds_and_unfolds_the_premises_beneath_it(open_page, maps_dir, tmp_path):
    out = tmp_path / "small.html"
    amap = load_map(maps_dir / "small.yaml")
    write_page(amap, out)
    watch = open_page(out, viewport={"width": 1366, "height": 768})
    page = watch.page
    reason = amap.reasons["r-rents"]
    assert set(reason.premises) <= set(shown_ids(page))
    page.evaluate("id => window.argmap.views[0].select(id)", reason.id)
    button = page.locator(".argmap-fold")
    assert button.text_content().startswith("Fold: hide the")
    assert {(p, reason.id) for p in reason.premises} <= drawn_edges(page)
    button.click()
    shown = set(shown_ids(page))
    assert not set(reason.premises) & shown  # the premises only this reason uses are gone
    assert {"build-more", reason.id} <= shown
    # their lines left vis-network with them, and every line left has both its ends
    assert all(a in shown and b in shown for a, b in drawn_edges(page))
    assert (reason.id, "build-more") in drawn_edges(page)
    assert page.locator(".argmap-fold").text_content() == "Unfold: show its premises"
    assert page.locator(".argmap-fold").get_attribute("aria-pressed") == "true"
    page.locator(".argmap-fold").click()
    assert set(reason.premises) <= set(shown_ids(page))
    assert {(p, reason.id) for p in reason.premises} <= drawn_edges(page)  # back, drawn again
    # double-clicking the reason's circle folds it too
    point = page.evaluate("id => window.argmap.views[0].clientPoint(id)", reason.id)
    page.mouse.dblclick(point["x"], point["y"])
    assert not set(reason.premises) & set(shown_ids(page))
    watch.assert_clean()


@pytest.mark.browser
@pytest.mark.slow
def test_a_thousand_claims_open_on_their_first_view_with_cheap_drawing(open_page, tmp_path):
    source = write_map(tmp_path / "k.yaml", 1000)
    out = tmp_path / "k.html"
    write_page(load_map(source), out)
    watch = open_page(out, viewport={"width": 1366, "height": 768})
    state = watch.page.evaluate("""() => { const net = window.argmap.views[0].network;
        const edge = Object.values(net.body.edges)[0];
        return {nodes: window.argmap.views[0].nodes.length, smooth: edge.options.smooth.enabled,
                hideOnDrag: net.renderer.options.hideEdgesOnDrag,
                hideOnZoom: net.renderer.options.hideEdgesOnZoom}; }""")
    data = json.loads(watch.page.locator("script.argmap-data").text_content())
    # the synthetic tree is broad: it opens on one of its folded first views, only those drawn
    assert state == {
        "nodes": next(
            len(v["at"]) for v in data["fold"]["views"] if len(v["at"]) == state["nodes"]
        ),
        "smooth": False,
        "hideOnDrag": True,
        "hideOnZoom": True,
    }
    watch.assert_clean()


@pytest.mark.browser
@pytest.mark.slow
def test_ten_thousand_claims_render_and_open_folded(open_page, tmp_path):
    source = write_map(tmp_path / "tenk.yaml", 10_000)
    out = tmp_path / "tenk.html"
    argmap = shutil.which("argmap")
    command = [argmap] if argmap else [sys.executable, str(ROOT / "argmap_cli.py")]
    subprocess.run([*command, "render", str(source), "-o", str(out), "-q"], check=True, timeout=300)
    watch = open_page(out, viewport={"width": 1366, "height": 768})
    page = watch.page
    shown = shown_ids(page)
    assert 0 < len(shown) <= FIRST_VIEW_NODES
    # searching for a claim deep inside a folded part unfolds the way to it
    deep = "c9999"
    assert deep not in shown
    page.evaluate("id => window.argmap.views[0].select(id)", deep)
    assert deep in shown_ids(page)
    assert page.evaluate("() => window.argmap.views[0].selected") == deep
    watch.assert_clean()
