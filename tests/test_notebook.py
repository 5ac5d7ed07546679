"""Jupyter display: a map shows as its full page inside a sandboxed iframe whose scripts run."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from argmap.formats.native_read import parse_map
from argmap.page.render import render_page

TRICKY = """\
argmap: 1
title: 'Say "no" to <b>bold</b> & </iframe><script>alert(1)</script>'
main: [a]
claims:
  - id: a
    text: 'Quotes " and '' and <tags> & ampersands stay text.'
  - id: b
    text: A premise with an "inner" quote.
reasons:
  - id: r1
    conclusion: a
    premises: [b]
"""


class _Iframes(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[dict] = []

    def handle_starttag(self, tag, attrs):
        if tag == "iframe":
            self.found.append(dict(attrs))


@pytest.fixture
def tricky_map():
    return parse_map(TRICKY, "tricky.yaml")


def test_repr_html_is_one_sandboxed_iframe_holding_the_page(tricky_map):
    markup = tricky_map._repr_html_()
    parser = _Iframes()
    parser.feed(markup)
    assert len(parser.found) == 1
    iframe = parser.found[0]
    assert iframe["sandbox"] == "allow-scripts"  # scripts run; no same-origin access
    assert iframe["srcdoc"] == render_page(tricky_map)  # unescaped, it is exactly the page
    assert iframe["title"] == tricky_map.title


def test_srcdoc_cannot_break_out_of_its_attribute(tricky_map):
    markup = tricky_map._repr_html_()
    match = re.fullmatch(
        r'<iframe srcdoc="([^"]*)" sandbox="allow-scripts" title="([^"]*)" '
        r'style="[^"<>]*"></iframe>',
        markup,
    )
    assert match, markup[:300]
    assert "<" not in match.group(1) and ">" not in match.group(1)
    assert "&quot;" in match.group(1) and "&lt;" in match.group(1)


def test_ipython_picks_up_the_html(tricky_map):
    formatters = pytest.importorskip("IPython.core.formatters")
    data, _ = formatters.DisplayFormatter().format(tricky_map)
    assert data["text/html"] == tricky_map._repr_html_()


@pytest.mark.browser
def test_iframe_runs_the_map_isolated_in_chromium(tricky_map, open_page, tmp_path):
    notebook = tmp_path / "notebook.html"
    notebook.write_text(
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>nb</title>"
        f"</head><body><p>cell output:</p>{tricky_map._repr_html_()}</body></html>",
        encoding="utf-8",
    )
    watch = open_page(notebook, ready=False)
    page = watch.page
    frame_element = page.wait_for_selector("iframe")
    frame = frame_element.content_frame()
    frame.wait_for_selector("[data-argmap-ready='1']", state="attached", timeout=15000)
    assert frame.inner_text("h1") == tricky_map.title  # the map's text arrives as text
    assert page.inner_text("body").startswith("cell output:")
    # the sandbox keeps the map's scripts away from the notebook around them
    assert (
        frame.evaluate(
            "() => { try { return parent.document.title; } catch (e) { return 'blocked'; } }"
        )
        == "blocked"
    )
    watch.assert_clean()
