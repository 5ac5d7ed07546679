"""Deep maps are legal maps: long support and objection chains pass every command, and the page opens.

Nothing whose depth comes from the map may recurse (outline, templates, layout, evaluation,
exports, the viewer's scripts): a 10,000-claim chain is far past Python's recursion limit.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest

from argmap.formats import WRITERS, read_map
from argmap.formats.native_read import load_map
from argmap.page.outline import PAGE_NEST_LEVELS
from argmap.page.render import write_page
from argmap_cli import main

WORDS = (
    "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november "
    "oscar papa quebec romeo sierra tango uniform victor whiskey xray yankee zulu"
).split()


def _text(i: int) -> str:
    """A different sentence for every claim, far enough from its neighbours not to restate them."""
    return f"Claim {WORDS[i % 26]} {WORDS[i // 26 % 26]} {WORDS[i // 676 % 26]} {i}."


def support_chain(n: int) -> dict:
    """c0 ← c1 ← … ← c(n-1): each claim the one premise of the claim above it."""
    return {
        "argmap": 1,
        "title": f"A support chain of {n} claims",
        "main": ["c0"],
        "claims": [{"id": f"c{i}", "text": _text(i)} for i in range(n)],
        "reasons": [
            {"id": f"r{i}", "conclusion": f"c{i}", "premises": [f"c{i + 1}"]} for i in range(n - 1)
        ],
    }


def undercut_chain(links: int) -> dict:
    """An objection to the main claim, an objection to that objection, and so on."""
    claims = [{"id": "c0", "text": "The main claim holds."}]
    claims += [{"id": f"p{i}", "text": _text(i)} for i in range(links)]
    reasons = [
        {
            "id": f"o{i}",
            "conclusion": f"o{i - 1}" if i else "c0",
            "premises": [f"p{i}"],
            "type": "objection",
        }
        for i in range(links)
    ]
    return {
        "argmap": 1,
        "title": f"An objection chain of {links} links",
        "main": ["c0"],
        "claims": claims,
        "reasons": reasons,
    }


def rebuttal_chain(links: int) -> dict:
    """Each claim objected to by the next one: c0 ⟵ c1 ⟵ … (rebuttals, claim to claim)."""
    return {
        "argmap": 1,
        "title": f"A rebuttal chain of {links} links",
        "main": ["c0"],
        "claims": [{"id": f"c{i}", "text": _text(i)} for i in range(links + 1)],
        "reasons": [
            {"id": f"o{i}", "conclusion": f"c{i}", "premises": [f"c{i + 1}"], "type": "objection"}
            for i in range(links)
        ],
    }


CHAINS = {
    "support-10000": lambda: support_chain(10_000),
    "undercut-2000": lambda: undercut_chain(2_000),
    "rebuttal-2000": lambda: rebuttal_chain(2_000),
}


@pytest.fixture(scope="module", params=list(CHAINS), ids=list(CHAINS))
def chain(request, tmp_path_factory):
    """(path of the map, its data) for each deep chain, written once as JSON."""
    data = CHAINS[request.param]()
    path = tmp_path_factory.mktemp("deep") / f"{request.param}.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path, data


def _run(runner, *args):
    result = runner.invoke(main, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{args[0]} raised {result.exception!r}"
    )
    assert result.exit_code == 0, result.output[-2000:]
    return result


pytestmark = pytest.mark.slow


def test_check_passes(runner, chain):
    path, _ = chain
    result = _run(runner, "check", path)
    assert "0 error(s)" in result.output


@pytest.mark.parametrize("embed", [False, True], ids=["page", "embed"])
def test_render_holds_every_claim_in_the_outline(runner, chain, tmp_path, embed):
    path, data = chain
    out = tmp_path / "page.html"
    _run(runner, "render", path, "-o", out, *(["--embed"] if embed else []))
    page = out.read_text(encoding="utf-8")
    outline = page[page.index('<ul class="argmap-o-root">') : page.index("</nav>")]
    # a fragment prefixes its ids, so that two on one page never clash
    prefix = re.search(r'data-argmap-prefix="([^"]+)"', page)[1] + "-" if embed else ""
    for claim in data["claims"]:
        assert f'<span id="argmap-{prefix}o-{claim["id"]}">{claim["text"]}</span>' in outline
    # a chain repeats nothing: one item per claim, one per reason, and the lists all close
    assert outline.count(' data-id="') == len(data["claims"]) + len(data["reasons"])
    assert outline.count("<ul") == outline.count("</ul>")
    assert outline.count("<li") == outline.count("</li>")
    # nested only so deep (browsers flatten past 512 elements), then continued, linked both ways
    depth = deepest = 0
    for tag in re.findall(r"</?ul", outline):
        depth += 1 if tag == "<ul" else -1
        deepest = max(deepest, depth)
    assert deepest <= PAGE_NEST_LEVELS + 2  # a cut reason still lists its premises
    cuts = re.findall(r'<a href="#argmap-[^"]*o-more-([^"]+)">\(its \w+ continue below\)', outline)
    assert len(cuts) >= len(data["claims"]) // PAGE_NEST_LEVELS
    for ident in cuts:  # each cut links to its continuation, which links back
        assert f'<li class="argmap-o-continued" id="argmap-{prefix}o-more-{ident}">' in outline
        assert f'<a href="#argmap-{prefix}o-{ident}">' in outline


def test_analyse_labels_every_claim(runner, chain, tmp_path):
    path, data = chain
    result = _run(runner, "analyse", path, "--format", "json")
    report = json.loads(result.output)
    assert set(report["labels"]) == {c["id"] for c in data["claims"]}
    assert report["main"][0]["id"] == "c0"


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_every_export_succeeds_and_is_well_formed(runner, chain, tmp_path, fmt):
    path, data = chain
    out = tmp_path / f"export.{fmt}"
    _run(runner, "export", path, "--to", fmt, "-o", out)
    text = out.read_text(encoding="utf-8")
    ids = {c["id"] for c in data["claims"]}
    if fmt == "json":
        assert {c["id"] for c in json.loads(text)["claims"]} == ids
    elif fmt == "aif":
        assert ids <= {n["nodeID"] for n in json.loads(text)["nodes"]}
    elif fmt in ("svg", "graphml"):
        root = ET.fromstring(text)
        texts = " ".join(t.strip() for t in root.itertext() if t.strip())  # SVG wraps lines
        assert all(c["text"] in texts for c in data["claims"])
        if fmt == "graphml":
            assert len(root.findall(".//{*}node")) == len(data["claims"]) + len(data["reasons"])
    elif fmt == "dot":
        assert all(f'"{i}" [label=' in text for i in ids)
    elif fmt == "argdown" and len(data["claims"]) <= 2_001:
        # (reading back 10,000 claims of Argdown is quadratic today: _import_repair.py's cycle check)
        back = read_map(out)
        assert {c.id: c.text for c in back.claims.values()} == {
            c["id"]: c["text"] for c in data["claims"]
        }
        assert len(back.reasons) == len(data["reasons"])


def test_load_bearing_premise_of_a_long_support_chain_is_its_last_claim(runner, tmp_path):
    path = tmp_path / "chain.json"
    path.write_text(json.dumps(support_chain(3_000)), encoding="utf-8")
    report = json.loads(_run(runner, "analyse", path, "--format", "json").output)
    assert report["statistics"]["depth"] == 2_999
    (main,) = report["main"]
    assert [lb["premises"] for lb in main["load_bearing"]] == [["c2999"]]
    assert len(main["load_bearing"][0]["falls"]) == 2_999


# -- in the browser ---------------------------------------------------------------------------


@pytest.mark.browser
def test_the_ten_thousand_claim_chain_opens_and_selects_its_deepest_claim(open_page, tmp_path):
    path = tmp_path / "chain.json"
    path.write_text(json.dumps(support_chain(10_000)), encoding="utf-8")
    out = tmp_path / "chain.html"
    write_page(load_map(path), out)
    watch = open_page(out, ready=False, viewport={"width": 1366, "height": 768})
    page = watch.page
    page.wait_for_selector("[data-argmap-ready='1']", state="attached", timeout=120_000)
    # the deepest claim: its chain to the main conclusion runs through all 20,000 nodes,
    # and it sits in the folded part, so the way to it unfolds
    page.evaluate("id => window.argmap.views[0].select(id)", "c9999")
    assert page.evaluate("() => window.argmap.views[0].selected") == "c9999"
    assert re.fullmatch(
        r"Claim \w+ \w+ \w+ 9999\.", page.locator(".argmap-panel-title").first.text_content()
    )
    watch.assert_clean()


@pytest.mark.browser
def test_objections_that_undercut_each_other_get_a_finite_name(open_page, tmp_path):
    """o1 undercuts o2 and o2 undercuts o1: naming either follows the cycle only once."""
    path = tmp_path / "mutual.json"
    path.write_text(
        json.dumps(
            {
                "argmap": 1,
                "title": "Mutual undercut",
                "main": ["a"],
                "claims": [{"id": i, "text": f"{i.upper()} holds."} for i in "abcd"],
                "reasons": [
                    {"id": "r1", "conclusion": "a", "premises": ["b"]},
                    {"id": "o1", "conclusion": "o2", "premises": ["c"], "type": "objection"},
                    {"id": "o2", "conclusion": "o1", "premises": ["d"], "type": "objection"},
                ],
            }
        ),
        encoding="utf-8",
    )
    out = tmp_path / "mutual.html"
    write_page(load_map(path), out)
    watch = open_page(out.resolve(), ready=False)
    watch.open(out.resolve().as_uri() + "#o1")
    page = watch.page
    # an undercut is named after the step it attacks, never by nesting quotes
    assert page.locator(".argmap-panel-title").first.text_content() == (
        "Objects to the objection from \u201cD holds.\u201d against another step"
    )
    watch.assert_clean()


@pytest.mark.browser
def test_a_deep_undercut_is_named_after_the_first_few_links(open_page, tmp_path):
    path = tmp_path / "undercuts.json"
    path.write_text(json.dumps(undercut_chain(2_000)), encoding="utf-8")
    out = tmp_path / "undercuts.html"
    write_page(load_map(path), out)
    watch = open_page(out.resolve(), ready=False)
    watch.open(out.resolve().as_uri() + "#o1999")
    title = watch.page.locator(".argmap-panel-title").first.text_content()
    # named after the one step it attacks: a short name however long the chain
    assert title == f"Objects to the objection from \u201c{_text(1998)}\u201d against another step"
    watch.assert_clean()
