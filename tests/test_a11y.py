"""Accessibility, measured: axe-core finds no WCAG 2.2 A/AA violation on the essay page, at desktop and
phone sizes, light and dark, with the panel open, in what-if mode and in the source view."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from argmap.formats.native_read import load_map
from argmap.page.render import write_page

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path(__file__).resolve().parent / ".cache"  # npm install --prefix tests/.cache axe-core
AXE = CACHE / "node_modules" / "axe-core" / "axe.min.js"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.exists() and shutil.which("npm"):
        subprocess.run(
            ["npm", "install", "--prefix", str(CACHE), "--no-audit", "--no-fund", "axe-core"],
            check=False,
            capture_output=True,
            timeout=300,
        )
    if not AXE.exists():
        if os.environ.get("ARGMAP_REQUIRE_BROWSER") == "1":
            pytest.fail("axe-core is required: npm install --prefix tests/.cache axe-core")
        pytest.skip("axe-core not installed (npm install --prefix tests/.cache axe-core)")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def essay(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("a11y") / "essay.html"
    write_page(load_map(ROOT / "maps" / "essay.yaml"), out)
    return out


def _state(page, state: str) -> None:
    if state == "panel":
        page.evaluate("window.argmap.views[0].select('nato-encircling')")
    elif state == "what-if":
        page.get_by_role("button", name="What if…").click()
        page.evaluate("window.argmap.whatIf.toggle(window.argmap.views[0], 'nato-encircling')")
    elif state == "source":
        page.locator("[data-action='source']").click()
        page.evaluate("window.argmap.views[0].select('nato-encircling')")
    page.wait_for_timeout(200)


def _violations(page, axe_source: str) -> list[str]:
    page.add_script_tag(content=axe_source)
    result = page.evaluate(
        """tags => axe.run(document, {runOnly: {type: 'tag', values: tags},
                                                        resultTypes: ['violations']})""",
        WCAG,
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + "; ".join(" ".join(n["target"]) for n in v["nodes"][:4])
        for v in result["violations"]
    ]


@pytest.mark.parametrize("state", ["panel", "what-if", "source"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", [(1366, 900), (390, 844)])
def test_no_wcag_violation(browser, axe_source, essay, size, scheme, state):
    # the page's policy blocks injected scripts, rightly: this audit alone bypasses it
    context = browser.new_context(
        viewport={"width": size[0], "height": size[1]},
        color_scheme=scheme,
        bypass_csp=True,
        reduced_motion="reduce",
    )
    try:
        page = context.new_page()
        page.goto(essay.as_uri())
        page.wait_for_selector("[data-argmap-ready='1']", state="attached", timeout=30000)
        _state(page, state)
        assert _violations(page, axe_source) == []
    finally:
        context.close()


def test_the_audit_can_fail(browser, axe_source, essay):
    """A control without a name and grey-on-grey text, put in on purpose, are both reported."""
    context = browser.new_context(bypass_csp=True)
    try:
        page = context.new_page()
        page.goto(essay.as_uri())
        page.wait_for_selector("[data-argmap-ready='1']", state="attached", timeout=30000)
        page.evaluate("""() => { const b = document.createElement('button');
            document.querySelector('.argmap-buttons').appendChild(b);
            const p = document.createElement('p'); p.textContent = 'faint';
            p.style.color = '#eeeeee'; document.querySelector('.argmap-header').appendChild(p); }""")
        found = " ".join(_violations(page, axe_source))
        assert "button-name" in found and "color-contrast" in found
    finally:
        context.close()
