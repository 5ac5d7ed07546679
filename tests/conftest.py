"""Shared fixtures: paths to test maps, a CLI runner, and a real headless Chromium."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

HERE = Path(__file__).parent
ROOT = HERE.parent
CORPUS_ROOT = HERE / "corpus"  # real corpora copied into the repository, with their licences
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def maps_dir() -> Path:
    return HERE / "maps"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def _chromium_path() -> str | None:
    for candidate in (
        os.environ.get("ARGMAP_CHROMIUM"),
        "/usr/bin/chromium",
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
    ):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def pytest_configure(config):
    # where the browser is required (CI), a missing Playwright must fail the run, not skip
    # the browser test files that import it
    if os.environ.get("ARGMAP_REQUIRE_BROWSER") == "1":
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            raise pytest.UsageError(
                "ARGMAP_REQUIRE_BROWSER=1 but playwright is not installed "
                "(pip install -e '.[test]')"
            ) from None


def _missing_browser(reason: str):
    # CI sets ARGMAP_REQUIRE_BROWSER=1 so a browser test can never pass by skipping there
    if os.environ.get("ARGMAP_REQUIRE_BROWSER") == "1":
        pytest.fail(f"browser required but unavailable: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright; skipped (or failed in CI) when missing."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing_browser("playwright is not installed (pip install -e '.[test]')")
    path = _chromium_path()
    if path is None:
        _missing_browser("Chromium not found (apt-get install -y chromium)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class PageWatch:
    """A page whose console errors, page errors, requests and dialogs are recorded."""

    def __init__(self, page, allowed_url_prefix: str):
        self.page = page
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on(
            "request", lambda r: r.url.startswith(allowed_url_prefix) or self.requests.append(r.url)
        )
        page.on("dialog", self._dialog)

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def open(self, url: str, ready: bool = True):
        self.page.goto(url)
        if ready:
            self.page.wait_for_selector("[data-argmap-ready='1']", state="attached", timeout=15000)
        return self.page

    def assert_clean(self):
        assert self.errors == [], f"console errors: {self.errors}"
        assert self.requests == [], f"network requests: {self.requests}"
        assert self.dialogs == [], f"dialogs opened (script ran): {self.dialogs}"


@pytest.fixture
def open_page(browser, tmp_path):
    """open_page(html_path, **context_options) -> PageWatch with the page loaded and ready."""
    contexts = []

    def _open(html_path: Path, ready: bool = True, **context_options) -> PageWatch:
        context = browser.new_context(**context_options)
        contexts.append(context)
        url = Path(html_path).resolve().as_uri()
        watch = PageWatch(context.new_page(), url.split("#")[0])
        watch.open(url, ready=ready)
        return watch

    yield _open
    for context in contexts:
        context.close()


@pytest.fixture
def serve_folder():
    """serve_folder(folder) -> base URL ('http://127.0.0.1:PORT/') of a local http.server in a thread."""
    import functools
    import http.server
    import threading

    class _QuietHandler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):  # keep pytest's output to the test's own
            pass

    servers = []

    def _serve(folder: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_port}/"

    yield _serve
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture
def entry_points_shim(tmp_path_factory) -> Path:
    """A folder to put on sys.path / PYTHONPATH that registers setup.cfg's entry points.

    The installed argmap may be an older or another checkout's (its entry_points.txt predates
    the plugins); this declares the ones setup.cfg has, so hosts (Markdown, MkDocs) find them."""
    import configparser

    setup = configparser.ConfigParser()
    setup.read(ROOT / "setup.cfg")
    folder = tmp_path_factory.mktemp("entry-points")
    info = folder / "argmap_entry_points_shim-0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: argmap-entry-points-shim\nVersion: 0\n", encoding="utf-8"
    )
    sections = [
        f"[{group}]\n{value.strip()}\n"
        for group, value in setup["options.entry_points"].items()
        if group != "console_scripts"
    ]
    (info / "entry_points.txt").write_text("\n".join(sections), encoding="utf-8")
    return folder


class SiteReader:
    """A Chromium page of a site or article that records every request and every console or
    page error (a dialog counts as one: map text ran as script); open() waits for its maps."""

    def __init__(self, browser):
        self.context = browser.new_context(viewport={"width": 1200, "height": 900})
        # Chromium asks an http site for /favicon.ico by itself; built sites here have none
        self.context.route("**/favicon.ico", lambda route: route.fulfill(status=204))
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.errors.append(f"dialog: {d.message}"), d.dismiss()))

    def open(self, url: str, maps: int):
        self.page.goto(url)
        self.page.wait_for_function(
            f"document.querySelectorAll('.argmap[data-argmap-ready=\"1\"]').length === {maps}",
            timeout=30000,
        )
        return self.page

    def fetched(self, name: str) -> int:
        """How many requests asked for a file whose name ends with `name`."""
        return sum(1 for url in self.requests if url.split("?")[0].endswith(name))

    def close(self):
        self.context.close()


def open_ready(browser, path: Path, width: int = 1366, height: int = 900, hash: str = ""):
    """(page, its page errors) with the map file `path` open at width x height, ready."""
    page = browser.new_page(viewport={"width": width, "height": height}, reduced_motion="reduce")
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(Path(path).as_uri() + hash)
    page.wait_for_selector("[data-argmap-ready='1']", state="attached", timeout=30000)
    return page, errors
