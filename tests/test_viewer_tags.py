"""Tags and groups, visible: chips in the panel and the outline, #tag and group:ID in the search,
--color-by kind|group|tag with its legend, and labelled group bands on the map (real Chromium)."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from argmap.drawing.colour_by import box_colours
from argmap.formats.native_read import load_map
from argmap.page.render import page_data, render_page, write_page
from argmap.drawing.style import CATEGORY_COLOURS, KIND_COLOURS
from argmap_cli import main
from conftest import open_ready


def _open(browser, path, width=1366, height=900):
    return open_ready(browser, path, width, height)


@pytest.fixture
def small_page(maps_dir, tmp_path):
    out = tmp_path / "small.html"
    write_page(load_map(maps_dir / "small.yaml"), out)
    return out


@pytest.mark.browser
def test_chips_in_the_panel_search_for_what_they_name(browser, small_page):
    page, errors = _open(browser, small_page)
    page.evaluate("window.argmap.views[0].select('congestion')")
    chips = page.locator(".argmap-panel .argmap-chip")
    expect(chips).to_have_text(["#counter-view"])
    chips.first.click()
    assert page.input_value(".argmap-search-input") == "#counter-view"
    assert page.evaluate("window.argmap.views[0].hits") == ["congestion"]
    page.evaluate("window.argmap.views[0].select('rents-doubled')")
    page.locator(".argmap-panel .argmap-chip", has_text="Group: The housing market").click()
    assert page.evaluate("window.argmap.views[0].hits") == [
        "rents-doubled",
        "shortage-raises-prices",
    ]
    assert errors == []
    page.close()


@pytest.mark.browser
@pytest.mark.parametrize(
    "query,hits",
    [
        ("#counter-view", ["congestion"]),
        ("#COUNTER-VIEW", ["congestion"]),
        ("#counter", []),
        ("group:market", ["rents-doubled", "shortage-raises-prices"]),
        ("group:market rents", ["rents-doubled"]),
        ("group:nothing", []),
    ],
)
def test_search_understands_tags_and_groups(browser, small_page, query, hits):
    page, _ = _open(browser, small_page)
    page.fill(".argmap-search-input", query)
    assert page.evaluate("window.argmap.views[0].hits") == hits
    page.close()


@pytest.mark.browser
def test_groups_are_drawn_as_labelled_bands_around_their_claims(browser, small_page):
    page, _ = _open(browser, small_page)
    page.evaluate(_NEXT_FRAMES)  # bands are measured after the frame that drew the boxes
    bands = page.evaluate("window.argmap.views[0].groupBands")
    assert bands and {b["group"] for b in bands} == {"market"}
    assert [b["title"] for b in bands if b["title"]] == ["The housing market"]
    for claim in ("rents-doubled", "shortage-raises-prices"):
        box = page.evaluate("id => window.argmap.views[0].network.getBoundingBox(id)", claim)
        assert any(
            b["left"] <= box["left"]
            and box["right"] <= b["right"]
            and b["top"] <= box["top"]
            and box["bottom"] <= b["bottom"]
            for b in bands
        )
    # the band is painted: a pixel just inside its corner is not the canvas's white
    pixel = page.evaluate("""() => { const v = window.argmap.views[0], b = v.groupBands[0];
        const p = v.network.canvasToDOM({x: b.left + 3, y: b.top + 3});
        const canvas = v.canvas.querySelector('canvas'), r = window.devicePixelRatio || 1;
        return Array.from(canvas.getContext('2d').getImageData(p.x * r, p.y * r, 1, 1).data); }""")
    assert pixel[:3] != [255, 255, 255]
    page.close()


def test_outline_shows_tags_as_chips(maps_dir):
    html = render_page(load_map(maps_dir / "small.yaml"))
    outline = html.split('<nav class="argmap-outline"', 1)[1].split("</nav>", 1)[0]
    assert '<span class="argmap-o-tag">#counter-view</span>' in outline


def _backgrounds(data: dict) -> dict[str, str]:
    """Each node's box colour, through the styles the page data sends once (vis_styles.py)."""
    styles = data["vis"]["styles"]["nodes"]
    # node rows [style, x, y, ...] in the order of the claims, then the reasons
    ids = [c["id"] for c in data["claims"]] + [r[0] for r in data["reasons"]]
    return {
        i: styles[n[0]]["color"]["background"]
        for i, n in zip(ids, data["vis"]["nodes"], strict=True)
    }


def test_color_by_chooses_what_box_colour_means_and_the_legend_follows(maps_dir, runner, tmp_path):
    amap = load_map(maps_dir / "small.yaml")
    colours = _backgrounds(page_data(amap, color_by="group"))
    assert colours["rents-doubled"] == colours["shortage-raises-prices"] == CATEGORY_COLOURS[0]
    assert colours["zoning"] == KIND_COLOURS[None]
    by_tag = _backgrounds(page_data(amap, color_by="tag"))
    assert by_tag["congestion"] == CATEGORY_COLOURS[0] and by_tag["zoning"] == KIND_COLOURS[None]
    assert box_colours(amap, "tag")[1] == [
        ("#counter-view", CATEGORY_COLOURS[0]),
        ("no tag", KIND_COLOURS[None]),
    ]

    out = tmp_path / "g.html"
    result = runner.invoke(
        main, ["render", str(maps_dir / "small.yaml"), "-o", str(out), "--color-by", "group"]
    )
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert (
        f'data-colour="{CATEGORY_COLOURS[0]}" aria-hidden="true"></span> group: The housing market</li>'
        in html
    )
    data = json.loads(html.split('class="argmap-data">', 1)[1].split("</script>", 1)[0])
    assert data["colorBy"]["by"] == "group"
    bad = runner.invoke(main, ["render", str(maps_dir / "small.yaml"), "--color-by", "colour"])
    assert bad.exit_code == 2 and "'kind', 'group', 'tag'" in bad.output


_NEXT_FRAMES = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"

# each band: how strongly it is painted, the opacity of its group's shown boxes, and the alpha
# of the canvas pixel just inside its top-left corner, if in sight (the canvas is transparent
# where nothing is drawn)
_BANDS = """() => { const v = window.argmap.views[0], r = window.devicePixelRatio || 1;
    const canvas = v.canvas.querySelector('canvas'), ctx = canvas.getContext('2d');
    return v.groupBands.map(b => {
        const p = v.network.canvasToDOM({x: b.left + 3, y: b.top + 3});
        const ids = v.data.claims.filter(c => c.group === b.group && v.nodes.get(c.id))
            .map(c => c.id);
        const inside = p.x >= 0 && p.y >= 0 && p.x < v.canvas.clientWidth && p.y < v.canvas.clientHeight;
        return {group: b.group, alpha: b.alpha,
                boxes: ids.map(id => v.nodes.get(id).opacity),
                pixel: inside ? ctx.getImageData(Math.round(p.x * r), Math.round(p.y * r), 1, 1).data[3]
                              : null};
    }); }"""


def _bands(page) -> list[dict]:
    page.evaluate(_NEXT_FRAMES)
    return page.evaluate(_BANDS)


@pytest.mark.browser
def test_a_groups_bands_dim_with_its_claims_when_a_claim_is_selected(browser, small_page):
    page, errors = _open(browser, small_page)
    page.wait_for_function("window.argmap.views[0].groupBands.length > 0")

    def market() -> dict:
        """The group's bands, one per row, as one: their alpha, boxes and painted pixels."""
        bands = _bands(page)
        assert len({b["alpha"] for b in bands}) == 1  # all of a group's bands alike
        return {
            "alpha": bands[0]["alpha"],
            "boxes": bands[0]["boxes"],
            "pixels": [b["pixel"] for b in bands if b["pixel"] is not None],
        }

    lit = market()
    assert lit["boxes"] == [1, 1] and lit["pixels"] and min(lit["pixels"]) > 100
    # congestion's neighbourhood (the main conclusion it objects to) holds no claim of the group
    page.evaluate("window.argmap.views[0].select('congestion')")
    dim = market()
    assert max(dim["boxes"]) < 1 and dim["alpha"] < lit["alpha"]
    assert dim["pixels"] and max(dim["pixels"]) < min(lit["pixels"]) / 3  # faint, as its boxes
    page.evaluate("window.argmap.views[0].select('rents-doubled')")
    again = market()
    assert again["alpha"] == lit["alpha"] and min(again["pixels"]) > 100
    # in what-if mode the boxes take the labels' colours; the bands still follow their dimming
    page.get_by_role("button", name="What if…").click()
    page.evaluate("window.argmap.views[0].select('congestion')")
    whatif = market()
    assert max(whatif["boxes"]) < 1 and whatif["alpha"] == dim["alpha"]
    page.evaluate("window.argmap.views[0].select('shortage-raises-prices')")
    assert market()["alpha"] == lit["alpha"]
    assert errors == []
    page.close()


def _grouped_map(path, claims: int):
    """A synthetic map (benchmarks/synthetic.py) whose claims fall into eight groups."""
    import sys

    import yaml

    from conftest import ROOT

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from synthetic import make_map

    data = make_map(claims)
    data["groups"] = [{"id": f"g{i}", "title": f"Part {i}"} for i in range(8)]
    for number, claim in enumerate(data["claims"]):
        claim["group"] = f"g{number // 7 % 8}"  # neighbours by number share a group
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


@pytest.mark.browser
@pytest.mark.slow
def test_bands_are_drawn_on_a_thousand_claim_map_and_measured_only_when_boxes_change(
    browser, tmp_path
):
    out = tmp_path / "k.html"
    write_page(load_map(_grouped_map(tmp_path / "k.yaml", 1000)), out)
    page, errors = _open(browser, out)
    page.wait_for_function("window.argmap.views[0].groupBands.length > 0", timeout=30000)
    # the map opens on its first view (its top rows, folded): bands for the groups drawn there
    shown = page.evaluate("""() => { const v = window.argmap.views[0];
        return [...new Set(v.nodes.getIds().map(id => (v.index.claims[id] || {}).group)
                                          .filter(Boolean))]; }""")
    assert shown and {b["group"] for b in _bands(page)} == set(shown)
    fit = page.locator("[data-action='fit']")
    fit.click()  # fit to readable, then the whole map: every group's band
    page.wait_for_function(
        "document.querySelector(\"[data-action='fit']\").innerText === 'Whole map'"
    )
    fit.click()
    page.wait_for_function(
        "new Set(window.argmap.views[0].groupBands.map(b => b.group)).size === 8", timeout=30000
    )
    bands = _bands(page)
    assert {b["group"] for b in bands} == {f"g{i}" for i in range(8)}
    assert any(b["pixel"] for b in bands)  # bands in sight are painted
    # redrawing, zooming and panning move no box: the bands are not measured again
    measured = page.evaluate("window.argmap.views[0].bandsMeasured")
    page.evaluate("""() => { const v = window.argmap.views[0];
        for (let i = 0; i < 5; i++) v.network.redraw();
        v.network.moveTo({scale: v.network.getScale() * 0.5}); v.network.redraw(); }""")
    page.evaluate(_NEXT_FRAMES)
    assert page.evaluate("window.argmap.views[0].bandsMeasured") == measured
    assert errors == []
    page.close()
