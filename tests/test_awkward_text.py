"""Awkward but allowed text (markup, XML and comment terminators, backslashes, tabs, line breaks,
emoji, right-to-left text, combining marks) gives well-formed output in every format."""

from __future__ import annotations

import json
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest
import yaml

from argmap.formats import read_map
from argmap.page.render import write_page
from argmap_cli import main

AWKWARD = [
    "Amps & <tags> \"double\" 'single'",
    "CDATA end ]]> here",
    "double -- dash --> and <!-- comment",
    "C comment */ /* open",
    "</script><script>alert(1)</script>",
    'back\\slash \\n \\\\ and \\" end',
    "tab\there",
    "new\nline and\nthen",
    "emoji \U0001f469\u200d\U0001f469\u200d\U0001f467 \U0001f389",
    "RTL \u05e2\u05d1\u05e8\u05d9\u05ea \u0627\u0644\u0639\u0631\u0628\u064a\u0629 \u202eoverride",
    "combining e\u0301 a\u0308 \u0336x",
    "syntax [a] <b> {c} #d @e _f_ *g* `h` /i/",
    'DOT-ish; {braces} "quoted" label=x -> y',
]


def awkward_map() -> dict:
    """Every awkward text as a claim, and again as a note, quote, label, tag, title or author."""
    claims = [
        {
            "id": "main",
            "text": "Main: " + AWKWARD[0],
            "quote": AWKWARD[4],
            "kind": "policy",
            "note": AWKWARD[1],
            "tags": ["t&<>", "two words", "ünï"],
        }
    ]
    for i, text in enumerate(AWKWARD):
        claim = {"id": f"c{i}", "text": text, "note": AWKWARD[(i + 3) % len(AWKWARD)]}
        if i % 2:
            claim["group"] = "g1"
        claims.append(claim)
    reasons = [
        {
            "id": f"r{i}",
            "conclusion": "main",
            "premises": [f"c{i}"],
            "label": AWKWARD[(i + 5) % len(AWKWARD)],
            "note": AWKWARD[i],
        }
        for i in range(0, len(AWKWARD), 2)
    ]
    reasons += [
        {
            "id": f"o{i}",
            "conclusion": "main" if i % 4 == 1 else "r0",
            "premises": [f"c{i}"],
            "type": "objection",
            "label": AWKWARD[i],
            "note": AWKWARD[-i],
        }
        for i in range(1, len(AWKWARD), 2)
    ]
    return {
        "argmap": 1,
        "title": "Title " + AWKWARD[0] + " " + AWKWARD[4] + " " + AWKWARD[1],
        "source": {
            "title": AWKWARD[2],
            "author": AWKWARD[5],
            "date": "2024-01-01",
            "url": "https://example.org/?a=1&b=<2>",
        },
        "main": ["main"],
        "groups": [{"id": "g1", "title": AWKWARD[3] + " " + AWKWARD[9]}],
        "claims": claims,
        "reasons": reasons,
    }


@pytest.fixture(scope="module")
def awkward(tmp_path_factory):
    """The map as YAML (the native reader), and its model."""
    path = tmp_path_factory.mktemp("awkward") / "awkward.yaml"
    path.write_text(
        yaml.safe_dump(awkward_map(), allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return path, read_map(path)


def _export(runner, path, fmt, tmp_path) -> str:
    out = tmp_path / f"out.{fmt}"
    result = runner.invoke(main, ["export", str(path), "--to", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


def _words(text: str) -> str:
    return " ".join(text.split())


def test_the_map_loads_with_every_text_exactly(awkward):
    _, amap = awkward
    texts = [amap.claims[f"c{i}"].text for i in range(len(AWKWARD))]
    assert texts == AWKWARD


def test_graphml_is_xml_and_keeps_every_text(runner, awkward, tmp_path):
    path, amap = awkward
    root = ET.fromstring(_export(runner, path, "graphml", tmp_path))
    keys = {k.get("id"): k.get("attr.name") for k in root.findall(".//{*}key")}
    found = {}
    for node in root.findall(".//{*}node"):
        data = {keys[d.get("key")]: d.text for d in node.findall("{*}data")}
        found[node.get("id")] = data
    for claim in amap.claims.values():
        assert found[claim.id]["text"] == claim.text
        assert found[claim.id].get("note") == claim.note
    for reason in amap.reasons.values():
        assert found[reason.id].get("label") == reason.label


def test_svg_is_xml_and_shows_every_text(runner, awkward, tmp_path):
    path, amap = awkward
    root = ET.fromstring(_export(runner, path, "svg", tmp_path))
    shown = " ".join(t.strip() for t in root.itertext() if t.strip())
    for claim in amap.claims.values():
        assert _words(claim.text) in shown
    assert root.find("{*}title").text == amap.title


@pytest.mark.skipif(shutil.which("dot") is None, reason="needs graphviz's dot")
def test_dot_is_accepted_by_graphviz(runner, awkward, tmp_path):
    path, amap = awkward
    text = _export(runner, path, "dot", tmp_path)
    drawn = subprocess.run(
        ["dot", "-Tsvg"], input=text.encode("utf-8"), capture_output=True, timeout=60
    )
    assert drawn.returncode == 0 and not drawn.stderr, drawn.stderr.decode("utf-8", "replace")
    svg = ET.fromstring(drawn.stdout)
    shown = _words(" ".join(svg.itertext()))
    for claim in amap.claims.values():
        assert _words(claim.text) in shown


@pytest.mark.parametrize("fmt", ["json", "aif"])
def test_json_exports_parse_and_keep_every_text(runner, awkward, tmp_path, fmt):
    path, amap = awkward
    data = json.loads(_export(runner, path, fmt, tmp_path))
    if fmt == "json":
        assert {c["id"]: c["text"] for c in data["claims"]} == {
            c.id: c.text for c in amap.claims.values()
        }
        assert data["title"] == amap.title
    else:
        texts = {n["nodeID"]: n["text"] for n in data["nodes"] if n["type"] == "I"}
        assert texts == {c.id: c.text for c in amap.claims.values()}


def test_argdown_reads_back_to_the_same_texts(runner, awkward, tmp_path):
    """Claim texts and group titles are one line of Argdown (white space runs become one
    space, docs/argdown.md); every other text comes back exactly."""
    path, amap = awkward
    _export(runner, path, "argdown", tmp_path)
    back = read_map(tmp_path / "out.argdown")
    assert back.title == amap.title
    assert (back.source.title, back.source.author) == (amap.source.title, amap.source.author)
    for claim in amap.claims.values():
        again = back.claims[claim.id]
        assert again.text == _words(claim.text)
        assert (again.note, again.quote, again.tags, again.group) == (
            claim.note,
            claim.quote,
            claim.tags,
            claim.group,
        )
    for reason in amap.reasons.values():
        again = back.reasons[reason.id]
        assert (again.label, again.note, again.type, again.conclusion, again.premises) == (
            reason.label,
            reason.note,
            reason.type,
            reason.conclusion,
            reason.premises,
        )
    assert back.groups["g1"].title == _words(amap.groups["g1"].title)


@pytest.mark.browser
def test_the_page_shows_every_text_as_text(awkward, tmp_path, open_page):
    _, amap = awkward
    out = tmp_path / "awkward.html"
    write_page(amap, out)
    watch = open_page(out, viewport={"width": 1366, "height": 768})
    page = watch.page
    assert page.title() == amap.title
    outline = page.locator(".argmap-outline").text_content()
    for claim in amap.claims.values():
        assert claim.text in outline
        # the panel shows the text exactly, character for character
        page.evaluate("id => window.argmap.views[0].select(id)", claim.id)
        assert page.locator(".argmap-panel-title").first.text_content() == claim.text
    # the viewer took every text from the outline (page data sends none), exactly
    texts = page.evaluate(
        "() => Object.fromEntries(window.argmap.views[0].data.claims.map(c => [c.id, c.text]))"
    )
    assert texts == {c.id: c.text for c in amap.claims.values()}
    # nothing the texts name became an element: the page's own scripts only
    assert page.locator("script:not(.argmap-data)").count() == 4
    # (the outline's own <b> is a reason's wording, straight under its item)
    named = ".argmap-outline script, .argmap-outline b:not(li[data-id] > b), .argmap-outline tags"
    assert page.locator(named).count() == 0
    watch.assert_clean()
