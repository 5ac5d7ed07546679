"""The page's scripts and styles as shared, content-hashed files that many pages and fragments reference."""

from __future__ import annotations

import base64
import hashlib
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from markupsafe import escape

from .package_data import templates_dir, vis_network_dir

# Where `argmap render DIR -o SITE` and the publishing integrations put the shared files.
ASSET_FOLDER = "_argmap"

# One file each, in the order the page runs them: vis-network first (viewer.js draws with it),
# then evaluate.js (what-if labels), viewer.js (the views), whatif.js (works on the views).
_SCRIPTS = ("evaluate.js", "viewer.js", "whatif.js")
_STYLES = ("viewer.css", "whatif.css")

# vis-network is a UMD bundle: given `module` and `exports` it fills them instead of creating
# a global `vis`, so the library lives in our one namespace and runs once however many maps
# (pages or pasted fragments) share a document.
VIS_WRAPPER = (
    "(function () {{\nvar ns = window.argmap = window.argmap || {{}};\n"
    "if (ns.vis) return;\nvar module = {{ exports: {{}} }}, exports = module.exports;\n"
    "{code}\nns.vis = module.exports;\n}})();"
)


def own_asset(name: str) -> str:
    """One of our scripts or styles (templates/NAME), checked to be safe to inline."""
    return _inlinable((templates_dir() / name).read_text("utf-8"))


def vis_bundle_text() -> str:
    """vis-network, wrapped to keep to window.argmap (see VIS_WRAPPER)."""
    code = (vis_network_dir() / "vis-network.min.js").read_text("utf-8")
    return _inlinable(VIS_WRAPPER.format(code=code))


def _inlinable(text: str) -> str:
    """Our own JS/CSS goes into pages as is; it must not be able to close its element early."""
    if re.search(r"</(script|style)", text, re.I):
        raise ValueError("inlined asset contains a closing </script> or </style>")
    return text


@lru_cache(maxsize=1)
def bundle_texts() -> tuple[str, str]:
    """(script, style): every script the page runs, and every style it needs, each as one text.

    Each script guards itself (window.argmap.vis, .init, .whatIf), so a page that loads the
    file twice, or also holds an inline fragment, still runs the library once."""
    script = "\n".join([vis_bundle_text(), *(own_asset(name) for name in _SCRIPTS)])
    style = "\n".join(own_asset(name) for name in _STYLES)
    return script, style


def _sri(data: bytes) -> str:
    return "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode()


@dataclass(frozen=True)
class SharedAssets:
    """The names of the shared files, and the HTML that loads them once per page.

    `tags(url_prefix)` goes into the page's <head> (or once before the first map): a deferred
    script, so it runs after the document is parsed and finds every map on the page."""

    js: str
    css: str
    js_integrity: str
    css_integrity: str

    def tags(self, url_prefix: str, *, integrity: bool = False) -> str:
        """<link> and <script> for files in the folder at relative URL `url_prefix` ('' or ending '/').

        `integrity` adds Subresource Integrity attributes: only for sites served over http(s),
        because Chromium refuses a <script integrity> on a file:// page (SRI needs CORS)."""
        if url_prefix and not url_prefix.endswith("/"):
            url_prefix += "/"
        css_attrs = js_attrs = ""
        if integrity:
            css_attrs = f' integrity="{self.css_integrity}" crossorigin="anonymous"'
            js_attrs = f' integrity="{self.js_integrity}" crossorigin="anonymous"'
        # a plain str (not Markup): hosts concatenate it with their own HTML strings
        return (
            f'<link rel="stylesheet" href="{escape(url_prefix + self.css)}"{css_attrs}>\n'
            f'<script defer src="{escape(url_prefix + self.js)}"{js_attrs}></script>'
        )


@lru_cache(maxsize=1)
def shared_assets() -> SharedAssets:
    """The shared files' names, from their content (the same argmap version gives the same names)."""
    script, style = (text.encode("utf-8") for text in bundle_texts())
    return SharedAssets(
        js=f"argmap-{hashlib.sha256(script).hexdigest()[:12]}.js",
        css=f"argmap-{hashlib.sha256(style).hexdigest()[:12]}.css",
        js_integrity=_sri(script),
        css_integrity=_sri(style),
    )


def write_assets(folder: Path) -> SharedAssets:
    """Write the shared script and style into `folder` (created if missing); idempotent.

    A file already there with the right content is left alone (its mtime too, so servers and
    browsers keep their caches); one with other content is replaced."""
    from ..output_files import write_atomic

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    assets = shared_assets()
    for name, text in zip((assets.js, assets.css), bundle_texts()):
        target, data = folder / name, text.encode("utf-8")
        if not (target.is_file() and target.read_bytes() == data):
            write_atomic(target, data)
    return assets


def relative_prefix(page_folder: Path, assets_folder: Path) -> str:
    """The relative URL, ending in '/', from a page in `page_folder` to `assets_folder`.

    Percent-encoded, never absolute, so the pages work from disk and from any server path."""
    rel = os.path.relpath(Path(assets_folder).resolve(), Path(page_folder).resolve())
    if rel == ".":
        return ""
    return quote(Path(rel).as_posix(), safe="/") + "/"
