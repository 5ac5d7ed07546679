"""Make the README's screenshots of the bundled map in headless Chromium: python docs/make_screenshots.py"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from conftest import CHROMIUM_ARGS  # noqa: E402  (one set of browser flags for tests and docs)

from argmap.formats.native_read import load_map  # noqa: E402
from argmap.page.render import write_page  # noqa: E402
from argmap.page.package_data import bundled_map_path  # noqa: E402

IMAGES = ROOT / "docs" / "img"


def main() -> None:
    IMAGES.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as p:
        page_path = Path(folder) / "essay.html"
        write_page(load_map(bundled_map_path()), page_path, theme="light")
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        page.goto(page_path.as_uri())
        page.wait_for_selector("[data-argmap-ready='1']", state="attached")
        page.screenshot(path=str(IMAGES / "essay-map.png"))
        print(f"wrote {IMAGES / 'essay-map.png'}")
        # the details panel open on one claim, through its deep link
        page.goto(page_path.as_uri() + "#arbitrary-order")
        page.wait_for_selector("[data-argmap-ready='1'] .argmap-panel-title", state="attached")
        page.wait_for_timeout(500)  # let the centring animation finish before the picture
        page.screenshot(path=str(IMAGES / "panel.png"))
        print(f"wrote {IMAGES / 'panel.png'}")
        # the source view: the essay beside the map, the selected claim's quote in view
        page.goto(page_path.as_uri() + "#nato-encircling")
        page.wait_for_selector("[data-argmap-ready='1'] .argmap-panel-title", state="attached")
        page.locator("[data-action='source']").click()
        page.evaluate("window.argmap.views[0].select('nato-encircling')")
        page.wait_for_timeout(500)
        page.screenshot(path=str(IMAGES / "source-view.png"))
        print(f"wrote {IMAGES / 'source-view.png'}")
        # a phone: the first view, readable, nothing cut
        phone = browser.new_page(
            viewport={"width": 390, "height": 844},
            device_scale_factor=2,
            is_mobile=True,
            has_touch=True,
        )
        phone.goto(page_path.as_uri())
        phone.wait_for_selector("[data-argmap-ready='1']", state="attached")
        phone.wait_for_timeout(300)
        phone.screenshot(path=str(IMAGES / "phone.png"))
        print(f"wrote {IMAGES / 'phone.png'}")
        # the phone held sideways: a compact toolbar, both main conclusions readable
        sideways = browser.new_page(
            viewport={"width": 844, "height": 390}, is_mobile=True, has_touch=True
        )
        sideways.goto(page_path.as_uri())
        sideways.wait_for_selector("[data-argmap-ready='1']", state="attached")
        sideways.wait_for_timeout(300)
        sideways.screenshot(path=str(IMAGES / "phone-landscape.png"))
        print(f"wrote {IMAGES / 'phone-landscape.png'}")
        browser.close()


if __name__ == "__main__":
    main()
