"""The viewer's "what if" mode in headless Chromium: reject claims, see labels and what falls, share the URL."""

from __future__ import annotations

import pytest

from argmap.analysis.evaluate import evaluate
from argmap.formats.native_read import load_map
from argmap.page.render import write_page

from conftest import ROOT

# without Playwright these tests skip (CI, which requires the browser, fails instead: conftest)
expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = pytest.mark.browser

WIDE = {"width": 1366, "height": 900}
MAIN_TEXT = "Cities should build more housing."
TRANSIT_TEXT = "Transit can absorb the growth that new housing brings."


@pytest.fixture
def small_html(maps_dir, tmp_path):
    out = tmp_path / "small.html"
    write_page(load_map(maps_dir / "small.yaml"), out)
    return out


def opened(open_page, path, query=""):
    watch = open_page(path, ready=False, viewport=WIDE, reduced_motion="reduce")
    watch.open(path.resolve().as_uri() + query)
    return watch


def node(page, node_id):
    return page.evaluate(
        "id => { const n = window.argmap.views[0].nodes.get(id);"
        " return {label: n.label, background: n.color.background}; }",
        node_id,
    )


def labels_on_page(page):
    """The label each claim shows in its box: the first line, which whatif.js adds."""
    return page.evaluate("""() => { const v = window.argmap.views[0], out = {};
        v.data.claims.forEach(c => { out[c.id] = v.nodes.get(c.id).label.split("\\n")[0]; });
        return out; }""")


def click_node(page, node_id):
    point = page.evaluate("id => window.argmap.views[0].clientPoint(id)", node_id)
    page.mouse.click(point["x"], point["y"])


def query_of(page):
    return page.evaluate("location.search")


def test_rejecting_a_premise_recolours_relabels_and_shows_what_falls(open_page, small_html):
    watch = opened(open_page, small_html)
    page = watch.page
    button = page.get_by_role("button", name="What if…")
    bar = page.locator(".argmap-whatif")
    expect(bar).to_be_hidden()
    original = node(page, "build-more")
    assert original["label"] == MAIN_TEXT

    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")
    expect(bar).to_be_visible()
    assert set(labels_on_page(page).values()) == {"✓ accepted"}
    button.click()
    expect(bar).to_be_hidden()

    # the way in from a claim (and by keyboard): select it, then the button in its details panel
    click_node(page, "transit")
    page.locator(".argmap-panel").get_by_role("button", name="What if I reject this claim?").click()
    expect(button).to_have_attribute("aria-pressed", "true")

    assert labels_on_page(page) == {
        "build-more": "✗ rejected",
        "rents-doubled": "✓ accepted",
        "shortage-raises-prices": "✓ accepted",
        "affordability-matters": "✓ accepted",
        "zoning": "✓ accepted",
        "congestion": "✓ accepted",
        "transit": "✗ rejected (by you)",
    }
    main = node(page, "build-more")
    assert main["label"] == "✗ rejected\n" + MAIN_TEXT
    assert main["background"] != original["background"]
    assert main["background"] != node(page, "zoning")["background"]  # colour differs by label too
    expect(bar.locator(".argmap-whatif-chips")).to_contain_text(TRANSIT_TEXT)
    fallen = bar.locator("[data-whatif-fallen]")
    expect(fallen).to_have_count(1)
    expect(fallen).to_have_text(MAIN_TEXT + " (main conclusion, now rejected)")
    # the outline says the same in text
    expect(
        page.locator(".argmap-outline li[data-id='build-more'] > .argmap-whatif-tag").first
    ).to_have_text("[✗ rejected] ")
    assert query_of(page) == "?reject=transit"
    watch.assert_clean()


def test_the_url_restores_the_question_and_taking_back_clears_it(open_page, small_html):
    watch = opened(open_page, small_html, "?reject=transit,zoning,no-such-claim")
    page = watch.page
    expect(page.get_by_role("button", name="What if…")).to_have_attribute("aria-pressed", "true")
    labels = labels_on_page(page)
    assert labels["build-more"] == "✗ rejected"
    assert labels["transit"] == labels["zoning"] == "✗ rejected (by you)"
    chips = page.locator(".argmap-whatif-chip")
    expect(chips).to_have_count(2)  # the unknown id is ignored

    chips.filter(has_text=TRANSIT_TEXT).click()
    assert query_of(page) == "?reject=zoning"
    # zoning alone: r-rents still carries the conclusion and the congestion objection is undercut
    assert labels_on_page(page)["build-more"] == "✓ accepted"
    expect(page.locator("[data-whatif-fallen]")).to_have_count(0)
    expect(page.locator(".argmap-whatif")).to_contain_text("Nothing else falls")

    page.get_by_role("button", name="Take all back").click()
    assert query_of(page) == ""
    page.get_by_role("button", name="Leave what-if").click()
    expect(page.locator(".argmap-whatif")).to_be_hidden()
    assert node(page, "build-more")["label"] == MAIN_TEXT
    expect(page.locator(".argmap-whatif-tag")).to_have_count(0)
    watch.assert_clean()


def test_selection_hash_and_rejections_share_the_url(open_page, small_html):
    watch = opened(open_page, small_html, "?reject=transit#zoning")
    page = watch.page
    expect(page.locator(".argmap-panel-title")).to_have_text(
        "Zoning rules forbid apartments on most residential land."
    )
    assert labels_on_page(page)["build-more"] == "✗ rejected"
    page.locator(".argmap-panel").get_by_role("button", name="What if I reject this claim?").click()
    assert page.evaluate("location.search + location.hash") == "?reject=transit,zoning#zoning"
    watch.assert_clean()


def test_clicking_a_claim_in_what_if_mode_toggles_it(open_page, small_html):
    watch = opened(open_page, small_html)
    page = watch.page
    page.get_by_role("button", name="What if…").click()
    click_node(page, "transit")
    assert labels_on_page(page)["build-more"] == "✗ rejected"
    assert query_of(page) == "?reject=transit"
    click_node(page, "transit")
    assert labels_on_page(page)["build-more"] == "✓ accepted"
    assert query_of(page) == ""
    watch.assert_clean()


def test_page_labels_equal_python_labels_on_the_essay_map(open_page, tmp_path):
    essay = load_map(ROOT / "maps" / "essay.yaml")
    basics = [
        c
        for c in essay.claims
        if not any(r.conclusion == c and not r.is_objection for r in essay.reasons.values())
    ][:3]
    out = tmp_path / "essay.html"
    write_page(essay, out)
    watch = opened(open_page, out, "?reject=" + ",".join(basics))
    page = watch.page
    expected = evaluate(essay, rejected=basics).claims
    marks = {"accepted": "✓ accepted", "rejected": "✗ rejected", "undecided": "? undecided"}
    shown = {c: label.replace(" (by you)", "") for c, label in labels_on_page(page).items()}
    assert shown == {c: marks[label] for c, label in expected.items()}
    watch.assert_clean()


def test_hostile_map_text_stays_text_in_the_what_if_bar(open_page, maps_dir, tmp_path):
    out = tmp_path / "xss.html"
    write_page(load_map(maps_dir / "xss-payloads.yaml"), out)
    watch = opened(open_page, out, "?reject=" + ",".join(["script", "template", "separator"]))
    page = watch.page
    bar = page.locator(".argmap-whatif")
    expect(bar).to_contain_text("</script><script>alert(2)</script>")
    assert page.locator(".argmap-whatif img, .argmap-whatif script").count() == 0
    watch.assert_clean()


def test_two_maps_on_one_page_ask_their_own_what_if(open_page, small_html, tmp_path):
    html = small_html.read_text(encoding="utf-8")
    start = html.index('<div class="argmap"')
    end = html.index("</div>", html.index("</script>", html.index('class="argmap-data"', start)))
    end += len("</div>")
    two = tmp_path / "two.html"
    two.write_text(html[:end] + "\n" + html[start:end] + html[end:], encoding="utf-8")
    watch = opened(open_page, two)
    page = watch.page
    page.wait_for_function(
        "() => document.querySelectorAll('[data-argmap-ready=\"1\"]').length === 2"
    )
    second = page.locator(".argmap").nth(1)
    second.get_by_role("button", name="What if…").click()
    second.scroll_into_view_if_needed()
    point = page.evaluate("() => window.argmap.views[1].clientPoint('transit')")
    page.mouse.click(point["x"], point["y"])
    label = "v => window.argmap.views[v].nodes.get('build-more').label"
    assert page.evaluate(label, 1) == "✗ rejected\n" + MAIN_TEXT
    assert page.evaluate(label, 0) == MAIN_TEXT  # the first map is not in what-if mode
    expect(page.locator(".argmap-whatif").nth(0)).to_be_hidden()
    assert query_of(page) == "?reject=transit"
    assert page.evaluate("Object.keys(window).filter(k => k.startsWith('argmap'))") == ["argmap"]
    watch.assert_clean()


def test_the_what_if_bar_leaves_the_map_above_the_fold(open_page, small_html):
    """At 1366x900 the bar is short (three columns): every claim stays on screen in what-if mode."""
    watch = opened(open_page, small_html)
    page = watch.page
    page.get_by_role("button", name="What if…").click()
    click_node(page, "transit")
    bar = page.locator(".argmap-whatif").bounding_box()
    assert bar["height"] < 170
    bottoms = page.evaluate("""() => { const v = window.argmap.views[0], box = v.canvas.getBoundingClientRect();
        return v.data.claims.map(c => { const b = v.network.getBoundingBox(c.id);
            return box.top + v.network.canvasToDOM({x: b.right, y: b.bottom}).y; }); }""")
    assert max(bottoms) <= WIDE["height"]
    watch.assert_clean()
