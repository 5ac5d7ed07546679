"""Embedding in articles, in real headless Chromium: fragments side by side, the iframe, strict CSP."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from argmap.formats.native_read import load_map
from argmap.page.render import iframe_snippet, render_fragment, render_page

pytestmark = pytest.mark.browser

ARTICLE_STYLE = """
body { font-family: Georgia, serif; font-size: 18px; color: rgb(34, 34, 34); margin: 40px;
       background: rgb(250, 250, 245); }
h1 { font-size: 32px; color: rgb(10, 20, 30); margin: 0 0 12px; }
p { line-height: 27px; margin: 0 0 18px; }
ul { padding-left: 40px; } li { margin: 2px 0; }
button { padding: 3px 9px; font: inherit; }
a { color: rgb(0, 80, 160); }
"""
ARTICLE_ELEMENTS = [
    "body",
    "#a-h1",
    "#a-p",
    "#a-link",
    "#a-ul",
    "#a-li",
    "#a-button",
    "#a-input",
    "#a-h2",
    "#a-details",
    "#a-summary",
    "#a-pre",
]
PROPERTIES = [
    "font-family",
    "font-size",
    "font-weight",
    "color",
    "background-color",
    "line-height",
    "margin-top",
    "margin-left",
    "padding-top",
    "padding-left",
    "box-sizing",
    "display",
    "border-top-width",
    "list-style-type",
    "outline-style",
    "text-align",
    "white-space",
]


def _article(body_between: list[str]) -> str:
    parts = "\n<p>Between the maps.</p>\n".join(body_between)
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Article</title>
<style>{ARTICLE_STYLE}</style></head><body>
<h1 id="a-h1">An article</h1>
<p id="a-p">It cites a map. <a id="a-link" href="#top">A link</a>.</p>
<ul id="a-ul"><li id="a-li">A point</li></ul>
<button id="a-button" type="button">Article button</button> <input id="a-input" value="x">
<details id="a-details"><summary id="a-summary">More</summary>Text</details>
<pre id="a-pre">code</pre>
{parts}
<h2 id="a-h2">The end</h2>
</body></html>"""


def _styles(page) -> dict:
    return page.evaluate(
        """([selectors, props]) => Object.fromEntries(selectors.map(s => {
        const cs = getComputedStyle(document.querySelector(s));
        return [s, Object.fromEntries(props.map(p => [p, cs.getPropertyValue(p)]))];
    }))""",
        [ARTICLE_ELEMENTS, PROPERTIES],
    )


def _watch_requests(page, allowed_folder: Path) -> list[str]:
    outside = []
    prefix = allowed_folder.resolve().as_uri()
    page.on("request", lambda r: r.url.startswith(prefix) or outside.append(r.url))
    return outside


def _click_claim(page, view: int, claim_id: str) -> None:
    page.evaluate("v => window.argmap.views[v].container.scrollIntoView()", view)
    point = page.evaluate("([v, id]) => window.argmap.views[v].clientPoint(id)", [view, claim_id])
    page.mouse.click(point["x"], point["y"])


def test_fragments_side_by_side_work_independently_and_leak_no_css(browser, maps_dir, tmp_path):
    small = render_fragment(load_map(maps_dir / "small.yaml"))
    cycle = render_fragment(load_map(maps_dir / "objection-cycle.yaml"))
    (tmp_path / "plain.html").write_text(_article([]), encoding="utf-8")
    (tmp_path / "article.html").write_text(_article([small, cycle, small]), encoding="utf-8")

    page = browser.new_page(viewport={"width": 1200, "height": 900})
    errors, outside = [], _watch_requests(page, tmp_path)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.goto((tmp_path / "plain.html").as_uri())
    before = _styles(page)
    page.goto((tmp_path / "article.html").as_uri())
    page.wait_for_function(
        "document.querySelectorAll('.argmap[data-argmap-ready=\"1\"]').length === 3", timeout=20000
    )

    assert _styles(page) == before, "a fragment changed the article's own styles"
    # one namespace, and vis-network ran once for three maps
    assert page.evaluate("Object.keys(window).filter(k => /^(vis|argmap)$/.test(k))") == ["argmap"]
    assert page.evaluate("window.argmap.views.length") == 3

    _click_claim(page, 2, "zoning")
    panels = page.locator(".argmap-panel")
    assert "Zoning rules forbid apartments on most residential land." in panels.nth(2).inner_text()
    assert "Zoning rules" not in panels.nth(0).inner_text()
    _click_claim(page, 1, "b")
    assert "B holds." in panels.nth(1).inner_text()
    assert "Zoning rules" in panels.nth(2).inner_text()  # the third map kept its selection
    assert page.evaluate("window.argmap.views.map(v => v.network.getSelectedNodes())") == [
        [],
        ["b"],
        ["zoning"],
    ]
    assert errors == [] and outside == []
    page.close()


def test_fragment_has_no_document_structure_and_scoped_css(maps_dir):
    fragment = render_fragment(load_map(maps_dir / "small.yaml"))
    assert not re.search(r"<(html|head|body|!DOCTYPE)[\s>]", fragment, re.I)
    css = fragment.split("<style>", 1)[1].split("</style>", 1)[0]
    rules = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    selectors = [
        s.strip()
        for block in re.findall(r"([^{}]+)\{", rules)
        for s in block.split(",")
        if not s.strip().startswith("@")
    ]
    unscoped = [
        s for s in selectors if not s.startswith(".argmap") and not re.match(r"^(from|to|\d+%)$", s)
    ]
    assert unscoped == []


def test_iframe_snippet_shows_a_working_map(browser, maps_dir, tmp_path):
    amap = load_map(maps_dir / "small.yaml")
    (tmp_path / "small.html").write_text(render_page(amap), encoding="utf-8")
    snippet = iframe_snippet("small.html", amap.title)
    (tmp_path / "article.html").write_text(_article([snippet]), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1000, "height": 900})
    outside = _watch_requests(page, tmp_path)
    page.goto((tmp_path / "article.html").as_uri())
    frame_element = page.locator("iframe")
    frame_element.scroll_into_view_if_needed()
    frame = frame_element.element_handle().content_frame()
    frame.locator(".argmap[data-argmap-ready='1']").wait_for(state="attached", timeout=20000)
    width = page.evaluate("document.querySelector('iframe').getBoundingClientRect().width")
    body = page.evaluate("document.body.getBoundingClientRect().width")
    assert abs(width - body) < 1  # responsive: the frame takes the article's width
    box = frame_element.bounding_box()
    point = frame.evaluate("window.argmap.views[0].clientPoint('zoning')")
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    assert "Zoning rules forbid apartments" in frame.locator(".argmap-panel").inner_text()
    # the page inside adapts to the frame: nothing wider than the frame
    assert frame.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert outside == []
    page.close()


def test_page_works_under_its_strict_csp_with_no_violation(browser, maps_dir, tmp_path):
    path = tmp_path / "small.html"
    path.write_text(render_page(load_map(maps_dir / "small.yaml")), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1200, "height": 800})
    page.add_init_script(
        "window.__violations = []; document.addEventListener("
        "'securitypolicyviolation', e => window.__violations.push("
        "e.violatedDirective + ' ' + e.blockedURI));"
    )
    page.goto(path.as_uri())
    page.wait_for_selector("[data-argmap-ready='1']", state="attached", timeout=15000)
    policy = page.get_attribute("meta[http-equiv='Content-Security-Policy']", "content")
    assert policy.startswith("default-src 'none'; script-src 'sha256-")
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    _click_claim(page, 0, "zoning")
    assert "Zoning rules" in page.locator(".argmap-panel").inner_text()
    assert page.evaluate("window.__violations") == []
    page.close()


def test_csp_blocks_a_script_that_escaping_let_through(browser, maps_dir, tmp_path):
    """Defence in depth: were escaping ever to fail, the policy would still stop the script."""
    page_html = render_page(load_map(maps_dir / "small.yaml"))
    injected = page_html.replace("</h1>", "</h1><script>window.__ran = true;</script>", 1)
    path = tmp_path / "injected.html"
    path.write_text(injected, encoding="utf-8")
    page = browser.new_page()
    page.goto(path.as_uri())
    page.wait_for_selector("[data-argmap-ready='1']", state="attached", timeout=15000)
    assert page.evaluate("window.__ran === undefined")
    page.close()
