"""MkDocs plugin `argmap`: map fences in the docs become maps that share one copy of the library."""

from __future__ import annotations

import os
import re
from pathlib import Path, PurePosixPath

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger

from .drawing.colour_by import COLOR_BY
from .page.assets import ASSET_FOLDER, shared_assets, write_assets
from .markdown import ArgmapExtension, superfences_entries

log = get_plugin_logger(__name__)
SUPERFENCES = "pymdownx.superfences"
_OUR_EXTENSION_NAMES = ("argmap", "argmap.markdown")
# a map's page data (templates/_map.html.j2): JSON for the viewer, not text for a search index
_DATA_BLOCK = re.compile(r'<script type="application/json" class="argmap-data">.*?</script>', re.S)


class ArgmapPluginConfig(Config):
    strict = c.Type(bool, default=False)  # lint warnings fail the build
    theme = c.Choice(("auto", "light", "dark"), default="auto")
    height = c.Type(str, default="")  # default height of every map, e.g. "480px" or "60vh"
    color_by = c.Choice(COLOR_BY, default="kind")  # what box colours mean, unless a fence says
    # folder that `file:` names are relative to (default: each page's folder), relative to mkdocs.yml
    base_dir = c.Type(str, default="")
    # folder tree `file:` maps must lie in, relative to mkdocs.yml (default: its folder)
    root_dir = c.Type(str, default="")
    assets_dir = c.Type(str, default=ASSET_FOLDER)  # inside site_dir


class ArgmapPlugin(BasePlugin[ArgmapPluginConfig]):
    """`plugins: [search, argmap]` in mkdocs.yml.

    Enables the Markdown extension (argmap.markdown) and, when pymdownx.superfences is
    configured, its custom fences; writes the shared script and style once into the site
    (site_dir/_argmap/); links them only from pages that have a map; makes `mkdocs serve`
    rebuild when a map file a page names, or that map's source text, changes."""

    def __init__(self):
        self.extension: ArgmapExtension | None = None
        self.pages_with_maps: set[str] = set()
        self.watched: set[Path] = set()
        self.server = None
        self._watching: set[Path] = set()
        self._full_content: str | None = None

    def on_startup(self, *, command, dirty):
        """Defined so that `mkdocs serve` keeps this instance across rebuilds (MkDocs >= 1.4):
        map files found in a rebuild are watched too."""

    def on_config(self, config):
        project = Path(config.config_file_path or ".").resolve().parent
        folder = lambda name: str((project / name).resolve()) if name else ""  # noqa: E731
        self.extension = ArgmapExtension(
            convert_error=lambda error: PluginError(str(error)),
            warn=log.warning,
            strict=self.config.strict,
            theme=self.config.theme,
            height=self.config.height,
            color_by=self.config.color_by,
            base_dir=folder(self.config.base_dir),
            root_dir=folder(self.config.root_dir) or str(project),
            assets_url=ASSET_FOLDER + "/",
            asset_tags=False,
        )  # the page's <head> loads them
        config.markdown_extensions[:] = [
            e for e in config.markdown_extensions if e not in _OUR_EXTENSION_NAMES
        ]
        config.mdx_configs.pop("argmap", None)
        config.mdx_configs.pop("argmap.markdown", None)
        config.markdown_extensions.append(self.extension)
        if SUPERFENCES in config.markdown_extensions:
            # superfences takes over fenced blocks, nested ones included: give it ours
            settings = config.mdx_configs.setdefault(SUPERFENCES, {})
            ours = superfences_entries()
            names = {entry["name"] for entry in ours}
            settings["custom_fences"] = [
                f for f in settings.get("custom_fences", []) if f.get("name") not in names
            ] + ours
        self.pages_with_maps.clear()
        return config

    def on_page_markdown(self, markdown, page, config, files):
        source = Path(page.file.abs_src_path)
        self.extension.setConfig("document", _shown(source))
        self.extension.setConfig("line_offset", _front_matter_lines(source, markdown))
        return markdown

    def on_page_content(self, html, page, config, files):
        maps = self.extension.maps
        if maps.count:
            self.pages_with_maps.add(page.file.src_uri)
        else:
            self.pages_with_maps.discard(page.file.src_uri)
        self.watched |= maps.files
        return html

    # Search plugins index page.content in on_page_context: they see the page without its maps'
    # JSON data (the outline's text stays searchable), and the page is rendered with it.
    @event_priority(100)
    def _hide_data_from_search(self, context, page, config, nav):
        if page.file.src_uri in self.pages_with_maps:
            self._full_content = page.content
            page.content = _DATA_BLOCK.sub("", page.content)
        return context

    @event_priority(-100)
    def _restore_data(self, context, page, config, nav):
        if self._full_content is not None:
            page.content, self._full_content = self._full_content, None
        return context

    on_page_context = CombinedEvent(_hide_data_from_search, _restore_data)

    def on_post_page(self, output, page, config):
        if page.file.src_uri not in self.pages_with_maps:
            return output
        tags = shared_assets().tags(_prefix_from(page.file.dest_uri, self.config.assets_dir))
        head = output.find("</head>")
        if head < 0:  # a theme without <head>: the tags still load once, before the first map
            return tags + output
        return output[:head] + tags + "\n" + output[head:]

    def on_post_build(self, config):
        if self.pages_with_maps:
            write_assets(Path(config.site_dir) / self.config.assets_dir)
        if self.server is not None:
            self._watch()

    def on_serve(self, server, config, builder):
        self.server = server
        self._watch()
        return server

    def _watch(self):
        for path in sorted(self.watched - self._watching):
            if path.exists():
                self.server.watch(str(path))
                self._watching.add(path)


def _prefix_from(dest_uri: str, assets_dir: str) -> str:
    """The relative URL from a built page (site-relative path) to the assets folder."""
    depth = len(PurePosixPath(dest_uri).parent.parts)
    return "../" * depth + assets_dir.strip("/") + "/"


def _front_matter_lines(source: Path, markdown: str) -> int:
    """How many lines MkDocs took off the top of the page (its YAML front matter)."""
    try:
        raw = source.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    except OSError:
        return 0
    if not markdown or not raw.endswith(markdown):
        return 0
    return raw[: len(raw) - len(markdown)].count("\n")


def _shown(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)
