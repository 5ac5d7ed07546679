"""The interactive viewer in real headless Chromium: panel, chain, deep links, search, keyboard, outline, layout."""

from __future__ import annotations

import re

import pytest

from argmap.formats.native_read import load_map
from argmap.page.render import write_page
from argmap.drawing.style import KIND_COLOURS

# without Playwright these tests skip (CI, which requires the browser, fails instead: conftest)
expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = pytest.mark.browser

WIDE = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
TREES = "viewer-trees.yaml"
ALL_TREES_NODES = {
    "plant-trees",
    "trees-cool",
    "cooling-matters",
    "shade-surfaces",
    "property-values",
    "upkeep-cost",
    "savings-pay",
    "r-cooling",
    "r-shade",
    "r-values",
    "o-cost",
    "o-savings",
}
SUMMER_PARAGRAPH = (
    "Summer heat is now the deadliest weather our city faces. Trees cool the streets they shade "
    "by several degrees on a hot afternoon. Shade keeps asphalt and walls from soaking up the "
    "sun, so the surface stays cooler long after dark."
)


@pytest.fixture
def trees_html(maps_dir, tmp_path):
    out = tmp_path / "trees.html"
    write_page(load_map(maps_dir / TREES), out)
    return out


@pytest.fixture
def show(open_page, trees_html):
    """show(fragment='', **context) -> PageWatch on the trees map, animations off so positions are final."""

    def _show(fragment: str = "", path=None, **context):
        context.setdefault("viewport", WIDE)
        context.setdefault("reduced_motion", "reduce")
        target = path or trees_html
        if fragment:
            return _open_with_fragment(open_page, target, fragment, **context)
        # without JavaScript nothing signals ready: the page is complete once loaded
        return open_page(target, ready=context.get("java_script_enabled", True), **context)

    return _show


def _open_with_fragment(open_page, path, fragment, **context):
    watch = open_page(path, ready=False, **context)
    watch.open(path.resolve().as_uri() + "#" + fragment)
    return watch


def click_node(page, node_id, view=0):
    """A real mouse click on the centre of a node, wherever the map has drawn it (scrolled into view first)."""
    point = page.evaluate(
        """([v, id]) => {
        const view = window.argmap.views[v], box = view.canvas.getBoundingClientRect();
        let p = view.clientPoint(id);
        if (p.x < box.left + 20 || p.x > box.right - 20 || p.y < box.top + 20 || p.y > box.bottom - 20) {
            view.network.focus(id, {animation: false});
            p = view.clientPoint(id);
        }
        return p; }""",
        [view, node_id],
    )
    page.mouse.click(point["x"], point["y"])


def selected(page, view=0):
    return page.evaluate("v => window.argmap.views[v].network.getSelectedNodes()", view)


def opacities(page, view=0):
    return page.evaluate(
        """v => Object.fromEntries(window.argmap.views[v].nodes.get()
                              .map(n => [n.id, n.opacity]))""",
        view,
    )


def panel(page, view=0):
    return page.locator(".argmap-panel").nth(view)


def hash_of(page):
    return page.evaluate("location.hash")


# ---------- details panel ----------


def test_clicking_a_claim_shows_its_text_kind_and_quote_inside_its_paragraph(show):
    watch = show()
    page = watch.page
    expect(panel(page)).to_contain_text("Select a claim")
    click_node(page, "trees-cool")
    details = panel(page)
    expect(details.locator(".argmap-panel-title")).to_have_text(
        "Trees cool the streets they shade."
    )
    expect(details.locator(".argmap-facts")).to_contain_text("Kind: fact")
    expect(details.locator(".argmap-facts")).not_to_contain_text("Implicit")
    quote = details.locator("blockquote.argmap-quote")
    expect(quote).to_have_text(SUMMER_PARAGRAPH)
    expect(quote.locator("mark")).to_have_text(
        "Trees cool the streets they shade by several degrees on a hot afternoon."
    )
    expect(details.locator(".argmap-cite")).to_contain_text(
        "A. Gardener, Why our city needs more street trees"
    )
    expect(details.locator(".argmap-cite a")).to_have_attribute("href", "https://example.org/trees")
    supports = details.locator(".argmap-supports")
    expect(supports).to_contain_text("Supports →")
    expect(supports.locator("a").first).to_have_text("Cities should plant more street trees.")
    expect(supports).to_contain_text("together with: Cooler streets protect residents")
    expect(details.locator(".argmap-supported-by a")).to_have_text(
        ["Shade keeps asphalt and walls from soaking up the sun."]
    )
    assert selected(page) == ["trees-cool"]
    assert hash_of(page) == "#trees-cool"
    watch.assert_clean()


def test_an_implicit_claim_says_the_map_maker_added_it(show):
    watch = show()
    click_node(watch.page, "cooling-matters")
    details = panel(watch.page)
    expect(details.locator(".argmap-facts")).to_contain_text("Implicit (added by the map-maker)")
    expect(details).to_contain_text("Not stated in the source")
    expect(details.locator("mark")).to_have_count(0)
    watch.assert_clean()


def test_objected_to_by_lists_the_objection_premise(show):
    watch = show("plant-trees")
    details = panel(watch.page)
    expect(details.locator(".argmap-objected-by a")).to_have_text(["Trees cost money to maintain."])
    expect(details.locator(".argmap-supported-by > ul > li")).to_have_count(2)  # two reasons
    expect(details.locator(".argmap-facts")).to_contain_text("Main conclusion")
    watch.assert_clean()


def test_following_a_panel_link_selects_and_centres_the_target(show):
    watch = show()
    page = watch.page
    click_node(page, "trees-cool")
    panel(page).locator(".argmap-supports a", has_text="Cities should plant").click()
    expect(panel(page).locator(".argmap-panel-title")).to_have_text(
        "Cities should plant more street trees."
    )
    assert selected(page) == ["plant-trees"]
    assert hash_of(page) == "#plant-trees"
    point = page.evaluate("window.argmap.views[0].clientPoint('plant-trees')")
    box = page.locator(".argmap-canvas").bounding_box()
    assert abs(point["x"] - (box["x"] + box["width"] / 2)) < 3
    assert abs(point["y"] - (box["y"] + box["height"] / 2)) < 3
    # focus moves to the new title, so a keyboard reader continues from there
    assert page.evaluate("document.activeElement.className") == "argmap-panel-title"
    watch.assert_clean()


def test_clicking_a_reason_shows_its_premises_and_conclusion(show):
    watch = show()
    click_node(watch.page, "r-cooling")
    details = panel(watch.page)
    expect(details.locator(".argmap-facts")).to_contain_text("Reason")
    expect(details.locator(".argmap-premises h3")).to_have_text("Premises (together)")
    expect(details.locator(".argmap-premises a")).to_have_text(
        [
            "Trees cool the streets they shade.",
            "Cooler streets protect residents from the deadliest weather the city faces.",
        ]
    )
    expect(details.locator(".argmap-conclusion a")).to_have_text(
        ["Cities should plant more street trees."]
    )
    watch.assert_clean()


def test_an_undercut_objection_names_the_inference_it_attacks(show):
    watch = show("o-savings")
    details = panel(watch.page)
    expect(details.locator(".argmap-facts")).to_contain_text("Objection")
    expect(details.locator(".argmap-conclusion a")).to_have_text(
        [
            "The objection from “Trees cost money to maintain.” against “Cities should plant more street trees.”"
        ]
    )
    # named after the step it attacks ("objects to the step from … to …"), not by nested quotes
    expect(details.locator(".argmap-panel-title")).to_have_text(
        "Objects to the objection from “Trees cost money to maintain.” against “Cities should plant more street trees.”"
    )
    expect(details.locator(".argmap-conclusion a")).to_have_attribute("href", "#o-cost")
    watch.assert_clean()


# ---------- the chain ----------


def test_selecting_a_claim_lights_its_chain_to_the_main_conclusion_and_dims_the_rest(show):
    watch = show()
    page = watch.page
    assert set(opacities(page).values()) == {1}
    click_node(page, "trees-cool")
    lit = {node for node, opacity in opacities(page).items() if opacity == 1}
    assert lit == {"trees-cool", "r-cooling", "plant-trees", "r-shade", "shade-surfaces"}
    edges = page.evaluate("""window.argmap.views[0].edges.get()
        .filter(e => e.color.opacity === 1).map(e => e.from + '>' + e.to).sort()""")
    assert edges == [
        "r-cooling>plant-trees",
        "r-shade>trees-cool",
        "shade-surfaces>r-shade",
        "trees-cool>r-cooling",
    ]
    page.keyboard.press("Escape")
    assert set(opacities(page).values()) == {1}
    watch.assert_clean()


# ---------- deep links and history ----------


def test_a_deep_link_selects_the_claim_on_load(show):
    watch = show("savings-pay")
    page = watch.page
    expect(panel(page).locator(".argmap-panel-title")).to_have_text(
        "Savings on cooling bills pay for the upkeep within a decade."
    )
    assert selected(page) == ["savings-pay"]
    watch.assert_clean()


def test_a_hash_naming_no_claim_leaves_the_map_alone(show):
    watch = show("comments")
    assert selected(watch.page) == []
    expect(panel(watch.page)).to_contain_text("Select a claim")
    watch.assert_clean()


def test_back_and_forward_walk_the_selection_history(show):
    watch = show()
    page = watch.page
    click_node(page, "trees-cool")
    panel(page).locator(".argmap-supports a", has_text="Cities should plant").click()
    assert hash_of(page) == "#plant-trees"
    page.go_back()
    expect(panel(page).locator(".argmap-panel-title")).to_have_text(
        "Trees cool the streets they shade."
    )
    assert selected(page) == ["trees-cool"]
    page.go_back()
    expect(panel(page)).to_contain_text("Select a claim")
    assert selected(page) == [] and hash_of(page) == ""
    page.go_forward()
    expect(panel(page).locator(".argmap-panel-title")).to_have_text(
        "Trees cool the streets they shade."
    )
    page.go_forward()
    expect(panel(page).locator(".argmap-panel-title")).to_have_text(
        "Cities should plant more street trees."
    )
    watch.assert_clean()


def test_editing_the_hash_follows_it(show):
    watch = show()
    page = watch.page
    page.evaluate("location.hash = '#upkeep-cost'")
    expect(panel(page).locator(".argmap-panel-title")).to_have_text("Trees cost money to maintain.")
    watch.assert_clean()


# ---------- search ----------


def test_search_filters_claims_dims_the_rest_and_jumps_to_a_hit(show):
    watch = show()
    page = watch.page
    search = page.get_by_label("Search claims")
    search.fill("cool")
    hits = page.locator(".argmap-hits button")
    expect(hits).to_have_text(
        [
            "Trees cool the streets they shade.",
            "Cooler streets protect residents from the deadliest weather the city faces.",
            "Savings on cooling bills pay for the upkeep within a decade.",
        ]
    )
    expect(page.locator(".argmap-search-status")).to_have_text("3 claims match")
    expect(hits.first.locator("mark")).to_have_text("cool")
    lit = {node for node, opacity in opacities(page).items() if opacity == 1}
    assert lit == {"trees-cool", "cooling-matters", "savings-pay"}
    search.press("Enter")
    expect(panel(page).locator(".argmap-panel-title")).to_have_text(
        "Trees cool the streets they shade."
    )
    search.fill("decade")
    page.locator(".argmap-hits button").click()
    expect(panel(page).locator(".argmap-panel-title")).to_have_text(
        "Savings on cooling bills pay for the upkeep within a decade."
    )
    assert hash_of(page) == "#savings-pay"
    search.fill("no such words")
    expect(page.locator(".argmap-search-status")).to_have_text("No claim matches")
    search.fill("")
    expect(page.locator(".argmap-hits")).to_be_hidden()
    watch.assert_clean()


# ---------- keyboard ----------


def test_tab_reaches_every_control_with_a_visible_focus(show):
    watch = show()
    page = watch.page
    reached, styles = [], {}
    for _ in range(14):
        page.keyboard.press("Tab")
        name = page.evaluate("""() => {
            const e = document.activeElement;
            return e.dataset.action || e.className || e.tagName.toLowerCase(); }""")
        reached.append(name)
        styles[name] = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    for control in (
        "argmap-search-input",
        "fit",
        "zoom-in",
        "zoom-out",
        "reset",
        "outline",
        "argmap-canvas",
    ):
        assert control in reached, f"Tab never reached {control}: {reached}"
        assert styles[control] != "none", f"{control} has no visible focus"
    assert "summary" in reached  # the legend's toggle
    watch.assert_clean()


def test_arrow_keys_move_along_support_lines_and_escape_clears(show):
    watch = show()
    page = watch.page
    canvas = page.locator(".argmap-canvas")
    canvas.focus()
    page.keyboard.press("ArrowUp")  # nothing selected: start at the main conclusion
    assert selected(page) == ["plant-trees"]
    click_node(page, "trees-cool")
    canvas.focus()
    path = []
    for key in ("ArrowDown", "ArrowDown", "ArrowUp", "ArrowUp", "ArrowUp", "ArrowUp"):
        page.keyboard.press(key)
        path.append(selected(page)[0])
    assert path == [
        "r-shade",
        "shade-surfaces",
        "r-shade",
        "trees-cool",
        "r-cooling",
        "plant-trees",
    ]
    expect(panel(page).locator(".argmap-panel-title")).to_have_text(
        "Cities should plant more street trees."
    )
    assert hash_of(page) == "#plant-trees"
    # left and right stay in the row
    page.keyboard.press("ArrowDown")
    row_y = page.evaluate(
        "id => window.argmap.views[0].network.getPositions([id])[id].y", selected(page)[0]
    )
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowLeft")
    now = selected(page)[0]
    assert (
        page.evaluate("id => window.argmap.views[0].network.getPositions([id])[id].y", now) == row_y
    )
    page.keyboard.press("Enter")  # Enter moves focus to the details
    assert page.evaluate("document.activeElement.className") == "argmap-panel-title"
    page.keyboard.press("Escape")
    assert selected(page) == []
    expect(panel(page)).to_contain_text("Select a claim")
    assert hash_of(page) == ""
    assert page.evaluate("document.activeElement.className") == "argmap-canvas"
    watch.assert_clean()


# ---------- outline, legend, description ----------


def test_outline_is_the_page_without_javascript(show):
    watch = show(java_script_enabled=False)
    page = watch.page
    page.wait_for_load_state()
    outline = page.locator(".argmap-outline")
    expect(outline).to_be_visible()
    for text in (
        "Cities should plant more street trees.",
        "Trees cool the streets they shade.",
        "Shade keeps asphalt and walls from soaking up the sun.",
        "Trees cost money to maintain.",
        "Savings on cooling bills pay for the upkeep within a decade.",
    ):
        expect(outline).to_contain_text(text)
    expect(outline).to_contain_text("(implicit: added by the map-maker)")
    for part in (".argmap-controls", ".argmap-canvas", ".argmap-panel", ".argmap-legend"):
        expect(page.locator(part)).to_be_hidden()
    watch.assert_clean()


def test_a_deep_chain_outline_continues_and_its_links_land_without_javascript(open_page, tmp_path):
    # 60 claims in a chain: deeper than the outline nests (PAGE_NEST_LEVELS), so it continues
    claims = "".join(f"  - {{id: c{i}, text: Claim number {i} holds.}}\n" for i in range(60))
    reasons = "".join(
        f"  - {{id: r{i}, conclusion: c{i}, premises: [c{i + 1}]}}\n" for i in range(59)
    )
    source = tmp_path / "chain.yaml"
    source.write_text(
        f"argmap: 1\ntitle: A chain\nmain: [c0]\nclaims:\n{claims}reasons:\n{reasons}",
        encoding="utf-8",
    )
    out = tmp_path / "chain.html"
    write_page(load_map(source), out)
    watch = open_page(out, ready=False, java_script_enabled=False)
    page = watch.page
    more = page.locator(".argmap-outline a", has_text="(its reasons continue below)").first
    more.click()
    target = page.locator(".argmap-o-continued").first
    expect(target).to_be_in_viewport()
    expect(target).to_contain_text("(continued)")
    # the continuation names the claim whose reasons it lists, and links back to it
    name = target.locator("> a")
    cut = more.locator("xpath=ancestor::li[@data-id][1]").get_attribute("data-id")
    assert name.get_attribute("href") == f"#argmap-o-{cut}"
    name.click()
    expect(page.locator(f"#argmap-o-{cut}")).to_be_in_viewport()
    # every claim is still in the outline once, as text
    for i in range(60):
        expect(page.locator(f"#argmap-o-c{i}")).to_have_text(f"Claim number {i} holds.")
    watch.assert_clean()


def test_outline_toggles_beside_the_canvas_and_selects_claims(show):
    watch = show()
    page = watch.page
    outline = page.locator(".argmap-outline")
    expect(outline).to_be_hidden()
    toggle = page.get_by_role("button", name="Outline")
    toggle.click()
    expect(outline).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    left, canvas = outline.bounding_box(), page.locator(".argmap-canvas").bounding_box()
    assert left["x"] + left["width"] <= canvas["x"] and abs(left["y"] - canvas["y"]) < 2
    # the canvas was resized to its new box, not stretched
    width = page.evaluate(
        "document.querySelector('.argmap-canvas canvas').getBoundingClientRect().width"
    )
    assert abs(width - canvas["width"]) <= 2
    outline.get_by_role("link", name="Trees cost money to maintain.").click()
    expect(panel(page).locator(".argmap-panel-title")).to_have_text("Trees cost money to maintain.")
    expect(outline.locator("li[aria-current='true'][data-id='upkeep-cost']")).to_have_count(1)
    toggle.click()
    expect(outline).to_be_hidden()
    watch.assert_clean()


def test_legend_names_every_kind_in_text_with_the_colours_the_boxes_use(show):
    watch = show()
    page = watch.page
    legend = page.locator(".argmap-legend")
    for text in (
        "support (solid line, +)",
        "objection (dotted line, −)",
        "implicit: added by the map-maker",
        "main conclusion",
    ):
        expect(legend).to_contain_text(text)
    for kind, colour in KIND_COLOURS.items():
        if kind is None:
            continue
        swatch = legend.locator(f".argmap-swatch-kind[data-kind='{kind}']")
        expect(swatch.locator("xpath=..")).to_contain_text(kind)
        rgb = "rgb({}, {}, {})".format(*(int(colour[i : i + 2], 16) for i in (1, 3, 5)))
        assert swatch.evaluate("e => getComputedStyle(e).backgroundColor") == rgb
    watch.assert_clean()


def test_canvas_has_an_accessible_name_and_description(show):
    watch = show()
    canvas = watch.page.locator(".argmap-canvas")
    expect(canvas).to_have_attribute("aria-label", re.compile(r"7 claims and 5 reasons"))
    described = canvas.get_attribute("aria-describedby")
    expect(watch.page.locator(f"#{described}")).to_contain_text(
        "Arrow keys move along the support lines"
    )
    watch.assert_clean()


# ---------- themes, print, phone ----------


def _background(page):
    return page.evaluate("getComputedStyle(document.querySelector('.argmap')).backgroundColor")


def test_themes_follow_the_reader_and_the_render_option(show, maps_dir, tmp_path):
    light = show()
    assert _background(light.page) == "rgb(255, 255, 255)"
    dark_reader = show(color_scheme="dark")
    assert _background(dark_reader.page) == "rgb(17, 24, 39)"
    forced = tmp_path / "light.html"
    write_page(load_map(maps_dir / TREES), forced, theme="light")
    forced_light = show(path=forced, color_scheme="dark")
    expect(forced_light.page.locator(".argmap")).to_have_attribute("data-theme", "light")
    assert _background(forced_light.page) == "rgb(255, 255, 255)"
    dark = tmp_path / "dark.html"
    write_page(load_map(maps_dir / TREES), dark, theme="dark")
    assert _background(show(path=dark).page) == "rgb(17, 24, 39)"
    for watch in (light, dark_reader, forced_light):
        watch.assert_clean()


def test_print_shows_the_outline_not_the_canvas(show):
    watch = show()
    page = watch.page
    page.emulate_media(media="print")
    expect(page.locator(".argmap-outline")).to_be_visible()
    for part in (".argmap-canvas", ".argmap-controls", ".argmap-panel"):
        expect(page.locator(part)).to_be_hidden()
    watch.assert_clean()


def test_phone_width_fits_and_the_panel_opens_over_the_map(show):
    watch = show(viewport=PHONE)
    page = watch.page
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    canvas = page.locator(".argmap-canvas").bounding_box()
    assert (
        canvas["width"] > 300
        and canvas["x"] >= 0
        and canvas["x"] + canvas["width"] <= PHONE["width"]
    )
    expect(page.locator(".argmap-panel")).to_be_hidden()
    click_node(page, "trees-cool")
    details = page.locator(".argmap-panel")
    expect(details).to_be_visible()
    box = details.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert (
        box["y"] + box["height"] <= PHONE["height"] + 1 and box["height"] <= PHONE["height"] * 0.6
    )
    details.get_by_role("button", name="Close details").click()
    expect(details).to_be_hidden()
    assert selected(page) == []
    watch.assert_clean()


# ---------- several maps on one page ----------


def _two_map_page(trees_html, tmp_path):
    """The trees page with its map container repeated: the same map twice on one page."""
    html = trees_html.read_text(encoding="utf-8")
    start = html.index('<div class="argmap"')
    end = html.index("</script>", html.index('class="argmap-data"', start)) + len("</script>")
    end = html.index("</div>", end) + len("</div>")
    block = html[start:end]
    page = tmp_path / "two.html"
    page.write_text(html[:end] + "\n" + block + html[end:], encoding="utf-8")
    return page


def test_two_maps_on_one_page_work_independently(show, trees_html, tmp_path):
    two = _two_map_page(trees_html, tmp_path)
    watch = show("trees-cool", path=two)
    page = watch.page
    page.wait_for_function(
        "() => document.querySelectorAll('[data-argmap-ready=\"1\"]').length === 2"
    )
    # the deep link goes to the first map only
    assert selected(page, 0) == ["trees-cool"] and selected(page, 1) == []
    page.locator(".argmap").nth(1).scroll_into_view_if_needed()
    click_node(page, "upkeep-cost", view=1)
    expect(panel(page, 1).locator(".argmap-panel-title")).to_have_text(
        "Trees cost money to maintain."
    )
    expect(panel(page, 0).locator(".argmap-panel-title")).to_have_text(
        "Trees cool the streets they shade."
    )
    assert hash_of(page) == "#upkeep-cost"
    page.locator(".argmap-search-input").nth(1).fill("shade")
    expect(page.locator(".argmap-hits").nth(0)).to_be_hidden()
    assert set(opacities(page, 0).values()) != {1} and opacities(page, 0)["upkeep-cost"] < 1
    # back undoes the second map's selection and leaves the first alone
    page.locator(".argmap-search-input").nth(1).fill("")
    page.go_back()
    expect(panel(page, 1)).to_contain_text("Select a claim")
    assert selected(page, 0) == ["trees-cool"]
    assert page.evaluate("Object.keys(window).filter(k => k.startsWith('argmap'))") == ["argmap"]
    watch.assert_clean()


def test_on_a_phone_a_deep_linked_claim_sits_above_the_panel(show):
    watch = show("shade-surfaces", viewport=PHONE)
    page = watch.page
    point = page.evaluate("window.argmap.views[0].clientPoint('shade-surfaces')")
    sheet = page.locator(".argmap-panel").bounding_box()
    canvas = page.locator(".argmap-canvas").bounding_box()
    assert max(canvas["y"], 0) < point["y"] < sheet["y"]
    watch.assert_clean()


def test_an_undercut_of_a_support_reads_as_an_objection_to_the_step(open_page, tmp_path):
    import json

    path = tmp_path / "undercut.json"
    path.write_text(
        json.dumps(
            {
                "argmap": 1,
                "title": "Undercut",
                "main": ["c"],
                "claims": [
                    {"id": "c", "text": "Plant trees."},
                    {"id": "p", "text": "Trees cool streets."},
                    {"id": "u", "text": "Only where they shade."},
                ],
                "reasons": [
                    {"id": "r", "conclusion": "c", "premises": ["p"]},
                    {"id": "o", "conclusion": "r", "premises": ["u"], "type": "objection"},
                ],
            }
        ),
        encoding="utf-8",
    )
    out = tmp_path / "undercut.html"
    write_page(load_map(path), out)
    watch = open_page(out.resolve(), ready=False)
    watch.open(out.resolve().as_uri() + "#o")
    expect(panel(watch.page).locator(".argmap-panel-title")).to_have_text(
        "Objects to the step from “Trees cool streets.” to “Plant trees.”"
    )
    watch.page.evaluate("window.argmap.views[0].select('u')")
    expect(panel(watch.page).locator(".argmap-objects-to a")).to_have_text(
        ["The step from “Trees cool streets.” to “Plant trees.”"]
    )
    outline = watch.page.locator(".argmap-outline li[data-id='o'] > b")
    expect(outline).to_have_text("Objection to the inference:")
    watch.assert_clean()
