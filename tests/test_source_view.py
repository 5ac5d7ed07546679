"""The source view, in real headless Chromium: the whole source beside the map (instead of it on a
phone), every quote highlighted in its claim's colour and linked to its claim, both ways."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from argmap.formats.native_read import load_map
from argmap.page.render import render_fragment, render_page, write_page
from conftest import open_ready

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def essay_page(tmp_path_factory):
    out = tmp_path_factory.mktemp("source") / "essay.html"
    write_page(load_map(ROOT / "maps" / "essay.yaml"), out)
    return out


def _open(browser, path, width=1366, height=900):
    return open_ready(browser, path, width, height)


def _contexts(page) -> dict:
    return page.evaluate("window.argmap.views[0].data.contexts")


def test_every_quote_is_highlighted_in_its_claims_colour_beside_the_map(browser, essay_page):
    page, errors = _open(browser, essay_page)
    source = page.locator(".argmap-source")
    expect(source).to_be_hidden()
    page.locator("[data-action='source']").click()
    expect(source).to_be_visible()
    assert page.get_attribute("[data-action='source']", "aria-expanded") == "true"
    # beside the map: the source on the left, the canvas still there on its right
    box, canvas = source.bounding_box(), page.locator(".argmap-canvas").bounding_box()
    assert box["x"] + box["width"] <= canvas["x"] and canvas["width"] > 300
    # headed by the source's title and date, with the coverage figure
    essay = load_map(ROOT / "maps" / "essay.yaml")
    expect(source.locator("h2")).to_have_text(essay.source.title)
    expect(source.locator(".argmap-source-cite")).to_contain_text(str(essay.source.date))
    expect(source.locator(".argmap-source-coverage")).to_contain_text("of the source's sentences")
    contexts = _contexts(page)
    assert len(contexts) > 40
    found = page.evaluate("""() => { const out = {};
        document.querySelectorAll('.argmap-source [data-argmap-claim]').forEach(a => {
            const id = a.getAttribute('data-argmap-claim');
            out[id] = {colour: getComputedStyle(a).backgroundColor, tab: a.tabIndex}; });
        return out; }""")
    assert set(found) == set(contexts)  # every quoted claim has a highlight, and only they
    colours = page.evaluate("""() => Object.fromEntries(window.argmap.views[0].data.vis.nodes
        .map(n => [n.id, n.color.background]))""")
    for claim_id, got in list(found.items())[:10]:
        hexed = colours[claim_id].lstrip("#")
        rgb = tuple(int(hexed[i : i + 2], 16) for i in (0, 2, 4))
        assert got["colour"] == f"rgb({rgb[0]}, {rgb[1]}, {rgb[2]})"
        assert got["tab"] >= 0  # reachable by keyboard
    # the source's text is all there, quoted or not
    text = source.locator(".argmap-source-text").inner_text()
    assert essay.source.body.split("\n")[0].strip()[:60] in text
    assert errors == []
    page.close()


def test_clicking_or_pressing_enter_on_a_quote_selects_its_claim(browser, essay_page):
    page, errors = _open(browser, essay_page)
    page.locator("[data-action='source']").click()
    claim = min(_contexts(page))
    quote = page.locator(f".argmap-source [data-argmap-claim='{claim}']").first
    quote.click()
    assert page.evaluate("window.argmap.views[0].selected") == claim
    assert page.evaluate("window.location.hash") == "#" + claim
    expect(page.locator(".argmap-panel-title")).to_have_text(
        page.evaluate("id => window.argmap.views[0].index.claims[id].text", claim)
    )
    other = max(_contexts(page))
    page.locator(f".argmap-source [data-argmap-claim='{other}']").first.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("window.argmap.views[0].selected") == other
    assert errors == []
    page.close()


def test_selecting_a_claim_scrolls_the_source_to_its_quote(browser, essay_page):
    page, _ = _open(browser, essay_page)
    page.locator("[data-action='source']").click()
    contexts = _contexts(page)
    last = max(contexts, key=lambda c: (contexts[c]["paragraph"], contexts[c]["start"]))
    page.evaluate("id => window.argmap.views[0].select(id)", last)
    quote = page.locator(f".argmap-source [data-argmap-claim='{last}']").first
    expect(quote).to_have_class("argmap-src-quote argmap-src-current")
    q, s = quote.bounding_box(), page.locator(".argmap-source").bounding_box()
    assert s["y"] <= q["y"] and q["y"] + q["height"] <= s["y"] + s["height"]
    assert page.evaluate("document.querySelector('.argmap-source').scrollTop") > 0
    page.close()


def test_on_a_phone_the_source_stands_in_for_the_map(browser, essay_page):
    page, errors = _open(browser, essay_page, 390, 844)
    page.locator("[data-action='source']").click()
    expect(page.locator(".argmap-source")).to_be_visible()
    expect(page.locator(".argmap-canvas")).to_be_hidden()
    page.locator("[data-action='source']").click()
    expect(page.locator(".argmap-canvas")).to_be_visible()
    assert errors == []
    page.close()


def test_the_fragment_has_the_source_view_too(browser, maps_dir, tmp_path):
    fragment = render_fragment(load_map(maps_dir / "small.yaml"), id_prefix="housing")
    (tmp_path / "a.html").write_text(
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>A</title>"
        f"</head><body><main style='max-width:720px'>{fragment}</main></body></html>",
        encoding="utf-8",
    )
    page, errors = _open(browser, tmp_path / "a.html", 720, 900)
    page.locator("[data-action='source']").click()
    page.locator(".argmap-source [data-argmap-claim='zoning']").click()
    assert page.evaluate("window.argmap.views[0].selected") == "zoning"
    assert page.evaluate("window.location.hash") == "#zoning"
    assert errors == []
    page.close()


def test_the_no_script_outline_carries_the_quoted_passages(maps_dir):
    html = render_page(load_map(maps_dir / "small.yaml"))
    outline = html.split('<nav class="argmap-outline"', 1)[1].split("</nav>", 1)[0]
    assert (
        '<q class="argmap-o-quote">Zoning rules forbid apartments on most residential land.</q>'
        in outline
    )
    assert '<q class="argmap-o-quote">new towers bring congestion</q>' in outline


# hard-wrapped at 40 columns with blank lines between paragraphs, as e-mail and Project
# Gutenberg texts are; the quote of `wrapped` crosses the soft line break after "keeps"
_WRAPPED_SOURCE = (
    "Cities grow when people can build. A text\n"
    "wrapped at forty columns keeps\n"
    "its sentences whole.\n"
    "\n"
    "Nothing in this paragraph is quoted by\n"
    "the map at all.\n"
)
_WRAPPED_MAP = """\
argmap: 1
title: Wrapped
source: {title: A wrapped text, text: source.txt}
main: [wrapped]
claims:
  - {id: wrapped, text: Wrapped texts keep their sentences., quote: forty columns keeps its sentences whole}
  - {id: grow, text: Cities grow when people can build., quote: Cities grow when people can build}
reasons:
  - {id: r, conclusion: wrapped, premises: [grow]}
"""


def test_a_hard_wrapped_source_shows_whole_paragraphs_with_quotes_across_line_breaks(
    browser, tmp_path
):
    (tmp_path / "source.txt").write_text(_WRAPPED_SOURCE, encoding="utf-8")
    (tmp_path / "m.yaml").write_text(_WRAPPED_MAP, encoding="utf-8")
    write_page(load_map(tmp_path / "m.yaml"), tmp_path / "m.html")
    page, errors = _open(browser, tmp_path / "m.html")
    page.locator("[data-action='source']").click()
    paragraphs = page.locator(".argmap-source-text p")
    expect(paragraphs).to_have_text(
        [
            "Cities grow when people can build. A text wrapped at forty columns keeps its "
            "sentences whole.",
            "Nothing in this paragraph is quoted by the map at all.",
        ]
    )
    quote = page.locator(".argmap-source [data-argmap-claim='wrapped']")
    expect(quote).to_have_text("forty columns keeps its sentences whole")
    quote.click()
    assert page.evaluate("window.argmap.views[0].selected") == "wrapped"
    # the panel's "In the source" excerpt is the whole sentence, joined across the wrap
    expect(page.locator(".argmap-panel mark")).to_have_text(
        "forty columns keeps its sentences whole"
    )
    assert errors == []
    page.close()
