"""The article drives the map, in real headless Chromium: window.argmap.maps, data-argmap-claim links
and scroll-linked reading (data-argmap-follow) in a host page with two maps."""

from __future__ import annotations

import pytest

from argmap.formats.native_read import load_map
from argmap.page.render import render_fragment

pytestmark = pytest.mark.browser

POINTED = "#7c3aed"
FILLER = "<p>" + "An unmarked paragraph of the article. " * 12 + "</p>\n"


def _host(maps_dir) -> str:
    amap = load_map(maps_dir / "small.yaml")
    first = render_fragment(amap, id_prefix="first", height=420)
    second = render_fragment(amap, id_prefix="second", height=420)
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Article</title>
<style>body {{ margin: 20px auto; max-width: 720px; font: 18px/1.5 Georgia, serif; }}
.tall {{ margin: 0 0 60vh; }}</style></head><body>
<h1>Housing, twice</h1>
<p>Rents <a id="to-rents" href="#first:rents-doubled" data-argmap-claim="rents-doubled">doubled</a>,
and <button id="to-second" type="button" data-argmap-claim="zoning" data-argmap-map="second">zoning</button>
is to blame; <span id="hover-only" data-argmap-claim="transit">transit</span> would help.</p>
{first}
{FILLER * 2}
{second}
<div id="story" data-argmap-follow="second">
<p class="tall" id="p-shortage" data-argmap-claim="shortage-raises-prices">Shortage raises prices.</p>
<p class="tall" id="p-congestion" data-argmap-claim="congestion">More people, more traffic.</p>
<p class="tall">Nothing marked here.</p>
</div>
</body></html>"""


@pytest.fixture
def article(browser, maps_dir, tmp_path):
    path = tmp_path / "article.html"
    path.write_text(_host(maps_dir), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1000, "height": 800})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.goto(path.as_uri())
    page.wait_for_function(
        "document.querySelectorAll('.argmap[data-argmap-ready=\"1\"]').length === 2", timeout=20000
    )
    yield page
    assert errors == []
    page.close()


def _selected(page) -> list:
    return page.evaluate("window.argmap.views.map(v => v.selected)")


def _border(page, view: int, claim: str) -> str:
    return page.evaluate(
        "([v, id]) => window.argmap.views[v].nodes.get(id).color.border", [view, claim]
    )


def test_maps_are_listed_in_document_order_with_their_api(article):
    page = article
    assert page.evaluate("window.argmap.maps.map(m => m.id)") == ["first", "second"]
    assert page.evaluate(
        "window.argmap.maps.every((m, i) => m.network === window.argmap.views[i].network)"
    )
    # two listeners on one event both run: a list, not a slot a second script overwrites
    page.evaluate("""window.heard = [];
        window.argmap.maps[1].on('select', (id, map) => window.heard.push('a:' + id + '@' + map.id));
        window.argmap.maps[1].on('select', id => window.heard.push('b:' + id));
        window.argmap.maps[0].on('ready', map => window.heard.push('ready:' + map.id));""")
    assert page.evaluate("window.argmap.maps[1].select('zoning')") is True
    assert _selected(page) == [None, "zoning"]
    assert "Zoning rules" in page.locator(".argmap-panel").nth(1).inner_text()
    assert page.evaluate("window.location.hash") == "#second:zoning"
    assert page.evaluate("window.argmap.maps[1].select('no-such-claim')") is False
    assert _selected(page) == [None, "zoning"]
    page.evaluate("window.argmap.maps[1].reset()")
    assert _selected(page) == [None, None]
    assert page.evaluate("window.heard") == [
        "ready:first",
        "a:zoning@second",
        "b:zoning",
        "a:null@second",
        "b:null",
    ]
    with pytest.raises(Exception, match="unknown event 'hover'"):
        page.evaluate("window.argmap.maps[0].on('hover', () => 0)")


def test_fit_shows_the_whole_map(article):
    page = article
    page.evaluate("window.argmap.maps[0].network.moveTo({scale: 3, animation: false})")
    page.evaluate("window.argmap.maps[0].fit()")
    page.wait_for_timeout(600)
    assert page.evaluate("window.argmap.maps[0].network.getScale()") < 3


def test_links_light_their_claim_while_pointed_and_select_it_when_clicked(article):
    page = article
    page.hover("#hover-only")
    assert _border(page, 0, "transit") == POINTED  # no map named: the first map with the claim
    assert _border(page, 1, "transit") != POINTED
    page.mouse.move(1, 1)
    assert _border(page, 0, "transit") != POINTED

    page.focus("#to-second")  # focus lights it as hovering does, in the map it names
    assert _border(page, 1, "zoning") == POINTED and _border(page, 0, "zoning") != POINTED
    page.focus("#to-rents")
    assert _border(page, 1, "zoning") != POINTED and _border(page, 0, "rents-doubled") == POINTED

    page.click("#to-second")
    assert _selected(page) == [None, "zoning"]
    page.keyboard.press("Shift+Tab")  # back to the link: Enter on a link clicks it
    page.keyboard.press("Enter")
    assert _selected(page) == ["rents-doubled", "zoning"]
    assert page.evaluate("window.location.hash") == "#first:rents-doubled"
    # the map was scrolled into view, as an anchor would be
    top = page.evaluate("window.argmap.views[0].canvas.getBoundingClientRect().top")
    assert 0 <= top < 800


def test_scroll_linked_reading_selects_the_paragraph_being_read(article):
    page = article
    for paragraph, claim in (
        ("#p-shortage", "shortage-raises-prices"),
        ("#p-congestion", "congestion"),
    ):
        page.evaluate(
            """sel => { const p = document.querySelector(sel);
            window.scrollTo(0, p.getBoundingClientRect().top + window.scrollY - innerHeight * 0.45); }""",
            paragraph,
        )
        page.wait_for_function(
            "c => window.argmap.views[1].selected === c", arg=claim, timeout=5000
        )
        assert _selected(page)[0] is None  # the follow container names the second map
    assert page.evaluate("window.location.hash") == ""  # reading adds no history entries


def test_the_documented_article_works(browser, tmp_path):
    """docs/embedding.md's complete article, with the essay fragment pasted in, does what it says."""
    from pathlib import Path

    root = Path(__file__).parent.parent
    doc = (root / "docs" / "embedding.md").read_text(encoding="utf-8")
    section = doc.split("### A complete article", 1)[1]
    html = section.split("```html\n", 1)[1].split("```", 1)[0]
    fragment = render_fragment(load_map(root / "maps" / "essay.yaml"), id_prefix="essay")
    assert "<!-- the fragment goes here -->" in html
    (tmp_path / "article.html").write_text(
        html.replace("<!-- the fragment goes here -->", fragment), encoding="utf-8"
    )
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((tmp_path / "article.html").as_uri())
    page.wait_for_selector("[data-argmap-ready='1']", state="attached", timeout=20000)
    claims = page.evaluate(
        "[...document.querySelectorAll('[data-argmap-claim]')]"
        ".map(e => e.getAttribute('data-argmap-claim'))"
    )
    assert claims and all(
        page.evaluate("id => !!window.argmap.views[0].index.claims[id]", c) for c in claims
    )
    page.click("a[data-argmap-claim='outlook-no-illusions']")
    assert page.evaluate("window.argmap.maps[0].network.getSelectedNodes()") == [
        "outlook-no-illusions"
    ]
    assert page.inner_text("#now") == "The map shows: outlook-no-illusions"
    assert errors == []
    page.close()
