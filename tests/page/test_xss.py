"""Hostile map text stays text: in the page, the panel, the search and the URL, nothing runs and all reads literally."""

from __future__ import annotations

import pytest

from argmap.formats.native_read import load_map
from argmap.page.render import write_page

# without Playwright these tests skip (CI, which requires the browser, fails instead: conftest)
expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = pytest.mark.browser

XSS = "xss-payloads.yaml"
TEXTS = {
    "img": "<img src=x onerror=alert(1)> is an image tag",
    "script": "</script><script>alert(2)</script>",
    "template": "{{ 7*7 }} and {% if x %}",
    "separator": "line\u2028separator\u2029paragraph",
}


EXPECTED_SCRIPTS = {}


@pytest.fixture
def hostile(maps_dir, tmp_path, open_page):
    out = tmp_path / "xss.html"
    write_page(load_map(maps_dir / XSS), out)
    # the page's own scripts, counted in the page of a harmless map
    write_page(load_map(maps_dir / "viewer-trees.yaml"), tmp_path / "benign.html")
    EXPECTED_SCRIPTS["count"] = open_page(tmp_path / "benign.html").page.locator("script").count()
    return lambda fragment="": _open(open_page, out, fragment)


def _open(open_page, path, fragment):
    watch = open_page(
        path, ready=False, viewport={"width": 1366, "height": 768}, reduced_motion="reduce"
    )
    watch.open(path.resolve().as_uri() + fragment)
    return watch


def _no_injected_markup(page):
    """As many script elements as a benign page has, and no element any payload names."""
    assert page.locator("script").count() == EXPECTED_SCRIPTS["count"]
    for selector in (
        "img",
        "svg",
        # the outline's own <b> is a reason's wording ("Because:"), straight under its item;
        # a payload's would sit inside a text's span
        "b:not(.argmap-outline li[data-id] > b)",
        "a[href^='javascript']",
        "[onerror]",
        "[onload]",
        "[onmouseover]",
    ):
        assert page.locator(selector).count() == 0, selector


def test_title_and_attribution_read_literally(hostile):
    watch = hostile()
    page = watch.page
    title = "</script><script>alert('title')</script> <img src=x onerror=alert('title')>"
    assert page.title() == title
    expect(page.locator(".argmap-title")).to_have_text(title)
    attribution = page.locator(".argmap-attribution")
    expect(attribution).to_contain_text("</script><script>alert('author')</script>")
    expect(attribution).to_contain_text("({{ 7*7 }})")
    _no_injected_markup(page)
    watch.assert_clean()


@pytest.mark.parametrize("claim", sorted(TEXTS))
def test_every_claim_reads_literally_in_the_panel(hostile, claim):
    watch = hostile("#" + claim)
    page = watch.page
    details = page.locator(".argmap-panel")
    title = details.locator(".argmap-panel-title")
    expect(title).to_be_visible()
    assert title.evaluate("e => e.textContent") == TEXTS[claim]
    _no_injected_markup(page)
    watch.assert_clean()


def test_quotes_notes_and_labels_read_literally(hostile):
    watch = hostile("#img")
    page = watch.page
    details = page.locator(".argmap-panel")
    expect(details.locator("blockquote mark")).to_have_text("<img src=x onerror=alert(1)>")
    expect(details.locator("blockquote")).to_contain_text(
        "and then </script><script>alert(2)</script> follows."
    )
    expect(details.locator(".argmap-panel-note")).to_have_text(
        "<a href=\"javascript:alert('note')\">click</a>"
    )
    expect(details.locator(".argmap-chips")).to_contain_text("Group: <svg onload=alert('group')>")
    expect(details.locator(".argmap-supported-by")).to_contain_text(
        "<b onmouseover=alert('label')>label</b>"
    )
    # the source's javascript: URL never becomes a link; its name is shown as plain text
    expect(details.locator(".argmap-cite a")).to_have_count(0)
    expect(details.locator(".argmap-cite")).to_contain_text(
        "<img src=x onerror=alert('source-title')>"
    )
    page.locator(".argmap-supported-by a", has_text="alert(2)").click()
    expect(details.locator(".argmap-panel-title")).to_have_text(TEXTS["script"])
    _no_injected_markup(page)
    watch.assert_clean()


def test_search_hits_and_outline_read_literally(hostile):
    watch = hostile()
    page = watch.page
    page.get_by_label("Search claims").fill("<img")
    expect(page.locator(".argmap-hits button")).to_have_text([TEXTS["img"]])
    expect(page.locator(".argmap-hits mark")).to_have_text("<img")
    page.get_by_role("button", name="Outline").click()
    outline = page.locator(".argmap-outline")
    for text in ("</script><script>alert(2)</script>", "{{ 7*7 }} and {% if x %}"):
        expect(outline).to_contain_text(text)
    _no_injected_markup(page)
    watch.assert_clean()


def test_a_hostile_hash_selects_nothing_and_runs_nothing(hostile):
    watch = hostile("#%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E")
    page = watch.page
    assert page.evaluate("window.argmap.views[0].network.getSelectedNodes()") == []
    page.evaluate("location.hash = '#javascript:alert(3)'")
    page.evaluate("location.hash = '#</script><script>alert(4)</script>'")
    expect(page.locator(".argmap-panel")).to_contain_text("Select a claim")
    _no_injected_markup(page)
    watch.assert_clean()


def test_javascript_disabled_outline_is_escaped_too(maps_dir, tmp_path, open_page):
    out = tmp_path / "xss.html"
    write_page(load_map(maps_dir / XSS), out)
    watch = open_page(out, ready=False, java_script_enabled=False)
    outline = watch.page.locator(".argmap-outline")
    expect(outline).to_contain_text("<img src=x onerror=alert(1)> is an image tag")
    assert watch.page.locator(".argmap-outline img").count() == 0
    watch.assert_clean()


def test_the_source_view_reads_the_hostile_source_literally(hostile):
    watch = hostile()
    page = watch.page
    page.locator("[data-action='source']").click()
    source = page.locator(".argmap-source")
    expect(source).to_be_visible()
    expect(source.locator("h2")).to_have_text("<img src=x onerror=alert('source-title')>")
    expect(source).to_contain_text(
        "The text says <img src=x onerror=alert(1)> right here, and then "
        "</script><script>alert(2)</script> follows."
    )
    expect(source).to_contain_text("Templates print {{ 7*7 }} and {% if x %} literally")
    expect(source.locator("[data-argmap-claim='img']")).to_have_text("<img src=x onerror=alert(1)>")
    source.locator("[data-argmap-claim='script']").click()
    assert page.evaluate("window.argmap.views[0].selected") == "script"
    _no_injected_markup(page)
    watch.assert_clean()
