"""The page `argmap render` writes opens in real headless Chromium, draws, and stays offline."""

from __future__ import annotations

import pytest

from argmap_cli import main

pytestmark = pytest.mark.browser


def test_bundled_page_draws_with_no_request_and_no_console_error(runner, tmp_path, open_page):
    out = tmp_path / "essay.html"
    assert runner.invoke(main, ["render", "-o", str(out)]).exit_code == 0
    watch = open_page(out, viewport={"width": 1366, "height": 768})
    page = watch.page
    canvas = page.locator(".argmap-canvas canvas").first
    box = canvas.bounding_box()
    assert box and box["width"] > 300 and box["height"] > 300
    # something was drawn: the canvas is not one flat colour
    painted = page.evaluate("""() => {
        const c = document.querySelector('.argmap-canvas canvas');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        const colours = new Set();
        for (let i = 0; i < d.length; i += 4 * 97) colours.add(d[i] + ',' + d[i+1] + ',' + d[i+2]);
        return colours.size;
    }""")
    assert painted > 5
    watch.assert_clean()


def test_ready_event_bubbles_to_the_document(runner, maps_dir, tmp_path, browser):
    out = tmp_path / "small.html"
    runner.invoke(main, ["render", str(maps_dir / "small.yaml"), "-o", str(out)])
    page = browser.new_page()
    # an embedding page's listener, registered before the map's scripts run
    page.add_init_script(
        "window.__ready = 0; document.addEventListener('argmap:ready', "
        "e => { if (e.target.matches('.argmap')) window.__ready++; });"
    )
    page.goto(out.as_uri())
    page.wait_for_function("() => window.__ready === 1", timeout=15000)
    assert page.get_attribute(".argmap", "data-argmap-ready") == "1"
    page.close()
