"""The rendered page: self-contained, escaped, deterministic, and as the golden file says.

Regenerate the golden file after an intended change with:
    ARGMAP_REGENERATE=1 python -m pytest tests/page/test_render.py
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from markupsafe import escape

from argmap.formats.native_read import load_map
from argmap.page.render import render_page, script_json
from argmap.page.package_data import templates_dir, vis_network_dir

GOLDEN = Path(__file__).parent.parent / "golden" / "small.html"


def _without_assets(page: str) -> str:
    """The page with each inlined library or stylesheet replaced by its file name."""
    for folder in (vis_network_dir(), templates_dir()):
        for asset in sorted(folder.glob("*.js")) + sorted(folder.glob("*.css")):
            page = page.replace(asset.read_text(encoding="utf-8"), f"/* {asset.name} */")
    return page


def test_page_matches_golden_file(maps_dir):
    page = _without_assets(render_page(load_map(maps_dir / "small.yaml")))
    if os.environ.get("ARGMAP_REGENERATE") == "1":
        GOLDEN.write_text(page, encoding="utf-8")
    assert page == GOLDEN.read_text(encoding="utf-8"), (
        "page differs from tests/golden/small.html; if the change is intended, run: "
        "ARGMAP_REGENERATE=1 python -m pytest tests/page/test_render.py"
    )


def test_same_input_gives_byte_identical_page(maps_dir):
    amap = maps_dir / "small.yaml"
    assert render_page(load_map(amap)).encode() == render_page(load_map(amap)).encode()


def test_a_folded_big_map_renders_byte_identically_in_every_process(tmp_path):
    """Python hashes strings with a new seed per process: no output may follow a set's order."""
    import json
    import subprocess
    import sys

    from test_deep_maps import undercut_chain

    source = tmp_path / "deep.json"
    # past FOLD_ABOVE_CLAIMS, so the first view gets its own layout
    source.write_text(json.dumps(undercut_chain(2_100)), encoding="utf-8")
    pages = []
    for seed in ("1", "2"):
        out = tmp_path / f"page-{seed}.html"
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": os.pathsep.join(sys.path)}
        subprocess.run(
            [sys.executable, "-m", "argmap_cli", "render", str(source), "-o", str(out), "-q"],
            check=True,
            env=env,
            timeout=300,
        )
        pages.append(out.read_bytes())
    assert pages[0] == pages[1]


def test_page_is_self_contained(maps_dir):
    page = render_page(load_map(maps_dir / "small.yaml"))
    assert not re.search(r"<(script|img|iframe|link)\b[^>]*\b(src|href)=", page, re.I)
    assert "@import" not in page
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", page, re.I)
    assert "vis-network" in page and "new vis.Network" in page


def test_every_claim_is_in_the_outline_as_text(maps_dir):
    amap = load_map(maps_dir / "small.yaml")
    page = render_page(amap)
    outline = page.split('<nav class="argmap-outline"', 1)[1].split("</nav>", 1)[0]
    for claim in amap.claims.values():
        assert f'data-id="{claim.id}"' in outline
    assert "(implicit: added by the map-maker)" in outline


def test_page_says_whose_argument_it_is(maps_dir):
    page = render_page(load_map(maps_dir / "small.yaml"))
    assert "A. Writer" in page and "<cite>A short op-ed on housing</cite>" in page
    assert "neither endorses nor fact-checks" in page


@pytest.mark.parametrize(
    "text", ["</script><script>alert(1)</script>", "<!-- x", "a\u2028b", "</SCRIPT >"]
)
def test_json_in_script_cannot_break_out(text):
    escaped = str(script_json({"t": text}))
    assert "<" not in escaped and ">" not in escaped and "\u2028" not in escaped


def test_map_text_is_escaped_in_html(tmp_path):
    (tmp_path / "m.yaml").write_text(
        "argmap: 1\ntitle: '<b>bold</b> & co'\nmain: [a]\nclaims:\n"
        "  - {id: a, text: '<img src=x onerror=alert(1)>'}\n",
        encoding="utf-8",
    )
    page = render_page(load_map(tmp_path / "m.yaml"))
    assert "<img src=x" not in page and "<b>bold" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_outline_links_to_repeated_claims_work_without_javascript(tmp_path):
    (tmp_path / "m.yaml").write_text(
        "argmap: 1\ntitle: Shared premise\nmain: [a, b]\nclaims:\n"
        "  - {id: a, text: A holds.}\n  - {id: b, text: B holds.}\n  - {id: c, text: C holds.}\n"
        "reasons:\n  - {id: r1, conclusion: a, premises: [c]}\n"
        "  - {id: r2, conclusion: b, premises: [c]}\n",
        encoding="utf-8",
    )
    page = render_page(load_map(tmp_path / "m.yaml"))
    targets = re.findall(r'<a href="#([^"]+)">C holds\.</a>', page)
    assert targets == ["argmap-o-c"]
    assert f'id="{targets[0]}"' in page


def test_the_iframe_snippet_links_a_hostile_file_name_as_a_file(runner, maps_dir, tmp_path):
    from argmap_cli import main

    out = tmp_path / "javascript:alert(1).html"
    result = runner.invoke(
        main, ["render", str(maps_dir / "small.yaml"), "-o", str(out), "--iframe"]
    )
    assert result.exit_code == 0, result.output
    assert '<iframe src="./javascript%3Aalert%281%29.html" title=' in result.stdout
    assert out.is_file()


def test_each_claim_text_is_sent_once_in_the_outline_not_in_the_page_data(maps_dir):
    amap = load_map(maps_dir / "small.yaml")
    page = render_page(amap)
    data = json.loads(re.search(r'class="argmap-data">(.*?)</script>', page, re.S)[1])
    assert all("text" not in claim for claim in data["claims"])
    outline = page.split('<nav class="argmap-outline"', 1)[1].split("</nav>", 1)[0]
    for claim in amap.claims.values():
        # the viewer reads it there (claimTexts): the item's span, the text escaped once
        shown = (
            f'<li data-id="{claim.id}"><span id="argmap-o-{claim.id}">{escape(claim.text)}</span>'
        )
        assert shown in outline.replace(' class="argmap-o-implicit"', "")


def test_a_repeated_claim_is_a_short_link_to_its_first_mention(tmp_path):
    text = "A long premise that two conclusions share, worded at some length."
    (tmp_path / "m.yaml").write_text(
        "argmap: 1\ntitle: Shared\nmain: [a, b]\nclaims:\n"
        f"  - {{id: a, text: A holds.}}\n  - {{id: b, text: B holds.}}\n  - {{id: c, text: '{text}'}}\n"
        "reasons:\n  - {id: r1, conclusion: a, premises: [c]}\n"
        "  - {id: r2, conclusion: b, premises: [c]}\n",
        encoding="utf-8",
    )
    page = render_page(load_map(tmp_path / "m.yaml"))
    assert '<li data-id="c"><a href="#argmap-o-c">A long premise that two\u2026</a></li>' in page
    assert page.count(text) == 1
