"""Pandoc JSON filter `argmap-pandoc`: argmap and argdown code blocks become maps (interactive in HTML, an SVG image elsewhere)."""

from __future__ import annotations

import hashlib
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ArgmapError, MapError, UsageError
from .page.fences import LANGUAGES, DocumentMaps, FenceOptions, check_options

# Pandoc writers whose output is an HTML page: these get the interactive map.
HTML_FORMATS = frozenset(
    {"html", "html4", "html5", "revealjs", "slidy", "slideous", "s5", "dzslides", "chunkedhtml"}
)
FIGURES = "argmap-figures"
_WRITER = re.compile(r"[A-Za-z0-9_]*")


@dataclass
class _FigureMaps(DocumentMaps):
    """For outputs without scripts: each map becomes an SVG file, named by its content."""

    figures: Path = Path(FIGURES)
    titles: dict[str, str] = field(default_factory=dict)  # image path -> the map's title

    def _fragment(self, amap, fence: FenceOptions, line: int, column: int) -> str:
        from .output_files import write_atomic
        from .formats.svg import render_svg

        svg = render_svg(amap, fence.color_by or self.color_by)
        path = self.figures / f"argmap-{hashlib.sha256(svg.encode('utf-8')).hexdigest()[:12]}.svg"
        if path.as_posix() not in self.titles:
            self.figures.mkdir(parents=True, exist_ok=True)
            write_atomic(path, svg)
            self.titles[path.as_posix()] = amap.title
        return path.as_posix()


def is_html(writer: str) -> bool:
    """Whether Pandoc's FORMAT (argv[1], e.g. 'html5' or 'html5+smart') writes an HTML page."""
    match = _WRITER.match(writer)
    return match is not None and match.group(0).lower() in HTML_FORMATS


def filter_document(doc: dict, writer: str, warn=None) -> dict:
    """The Pandoc AST `doc` with each argmap/argdown code block replaced; files written as needed.

        pandoc article.md -s -o article.html --filter argmap-pandoc
        pandoc article.md -o article.docx --filter argmap-pandoc     # the map as an SVG image

    A block is ```` ```argmap ```` (a map in the native YAML, or one line `file: path/to/map`,
    any input format, relative to the current folder and inside it) or ```` ```argdown ````;
    options are Pandoc attributes: ```` ```{.argmap height=400 theme=dark id-prefix=rent color-by=group} ````
    (a block id `#rent` names the map too). Metadata: `argmap-assets: DIR` writes the shared
    script and style into DIR and the page loads them from there (default: inlined once in the
    page, so a standalone HTML file works alone); `argmap-assets-url` (the URL of DIR as the
    page sees it, if not DIR itself); `argmap-figures: DIR` (where SVG images go, default
    argmap-figures); `argmap-root: DIR` (where `file:` maps may come from, default the current
    folder); `argmap-theme`, `argmap-height`, `argmap-color-by`, `argmap-strict`. Error lines name the block
    (`argmap block 2:LINE:COL`), or the document's own lines when Pandoc reads with source
    positions (`-f commonmark_x+sourcepos`). Quarto: `filters: [argmap-pandoc]`.

    Raises FenceError (a broken map: its location, then the map's diagnostics) or UsageError."""
    from .page.assets import bundle_texts

    warn = warn or (lambda text: print(text, file=sys.stderr))
    meta = doc.get("meta") or {}
    maps = _document_maps(meta, is_html(writer))
    inline = maps.assets == ""  # the library goes into the page once, not into each map
    blocks = _our_blocks(doc.get("blocks", []))
    for number, (siblings, index, language) in enumerate(blocks, 1):
        (ident, _classes, pairs), body = siblings[index]["c"]
        options = {key: value for key, value in pairs if key != "data-pos"}
        if ident and "id-prefix" not in options:
            options["id-prefix"] = ident
        maps.document, line = _where(dict(pairs).get("data-pos"), number)
        result = maps.render(body, language, line, 1, options)
        if isinstance(maps, _FigureMaps):
            siblings[index] = _image(result, maps.titles[result])
            continue
        if inline and number == 1:
            result = f"<style>{bundle_texts()[1]}</style>\n{result}"
        siblings[index] = {"t": "RawBlock", "c": ["html", result]}
    for warning in maps.warnings:
        warn(str(warning))
    if blocks and inline:
        # after the last map: it runs once the maps are in the document, and finds them all
        script = f"<script>{bundle_texts()[0]}</script>"
        doc["blocks"].append({"t": "RawBlock", "c": ["html", script]})
    return doc


def _document_maps(meta: dict, html: bool) -> DocumentMaps:
    """The document's maps, set up from its metadata: SVG figures, shared assets or inline."""
    defaults = check_options(
        {
            name: value
            for name in ("theme", "height", "color-by")
            if (value := _meta_text(meta, f"argmap-{name}"))
        }
    )
    root = _meta_text(meta, "argmap-root")
    settings: dict[str, Any] = dict(
        theme=defaults.theme or "auto",
        height=defaults.height,
        color_by=defaults.color_by or "kind",
        strict=_meta_text(meta, "argmap-strict").lower() in ("true", "yes", "1"),
        root_dir=Path(root) if root else None,
    )
    if not html:
        return _FigureMaps(
            "argmap block", figures=Path(_meta_text(meta, "argmap-figures") or FIGURES), **settings
        )
    assets_dir = _meta_text(meta, "argmap-assets")
    if not assets_dir:
        return DocumentMaps("argmap block", assets="", **settings)
    from .page.assets import relative_prefix, write_assets

    write_assets(Path(assets_dir))
    url = _meta_text(meta, "argmap-assets-url") or relative_prefix(Path.cwd(), Path(assets_dir))
    return DocumentMaps("argmap block", assets=url, include_asset_tags=True, **settings)


def _our_blocks(root: list) -> list[tuple[list, int, str]]:
    """(sibling list, index, language) of every argmap/argdown CodeBlock, in document order.

    An explicit stack: lists, quotes and divs nest as deep as the document does."""
    found: list[tuple[list, int, str]] = []
    stack: list[tuple[list | None, int, object]] = [(None, 0, root)]
    while stack:
        siblings, index, node = stack.pop()
        if isinstance(node, dict):
            if node.get("t") == "CodeBlock":
                language = next((c for c in node["c"][0][1] if c in LANGUAGES), None)
                if language and siblings is not None:
                    found.append((siblings, index, language))
                continue
            stack.append((None, 0, node.get("c")))
        elif isinstance(node, list):
            stack.extend((node, i, node[i]) for i in reversed(range(len(node))))
    return found


def _where(position: str | None, number: int) -> tuple[str, int]:
    """(document name, line of the block's first text line) for error messages.

    Pandoc gives positions only with the sourcepos extension (`data-pos="doc.md@3:1-7:1"`: the
    fence is line 3); otherwise lines count from the block's own first line."""
    match = re.fullmatch(r"(?:(.*)@)?(\d+):\d+-\d+:\d+", position or "")
    if not match:
        return f"argmap block {number}", 1
    return match.group(1) or "<input>", int(match.group(2)) + 1


def _image(path: str, alt: str) -> dict:
    return {
        "t": "Para",
        "c": [{"t": "Image", "c": [["", ["argmap"], []], [{"t": "Str", "c": alt}], [path, ""]]}],
    }


def _meta_text(meta: dict, key: str) -> str:
    """A metadata value as plain text (Pandoc parses YAML metadata as Markdown inlines)."""
    value = meta.get(key)
    if value is None:
        return ""
    if value.get("t") == "MetaBool":
        return "true" if value["c"] else "false"
    words, stack = [], [value]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if node.get("t") in ("Str", "MetaString"):
                words.append(node["c"])
            elif node.get("t") in ("Space", "SoftBreak", "LineBreak"):
                words.append(" ")
            else:
                stack.append(node.get("c"))
        elif isinstance(node, list):
            stack.extend(reversed(node))
    return "".join(words).strip()


def main(argv: list[str] | None = None) -> int:
    """Pandoc runs `argmap-pandoc FORMAT` with the document's JSON AST on stdin."""
    argv = sys.argv[1:] if argv is None else argv
    writer = argv[0] if argv else "html"
    try:
        doc = json.loads(sys.stdin.buffer.read())  # bytes: UTF-8 whatever the locale says
        if not isinstance(doc, dict) or "blocks" not in doc:
            raise ValueError
    except ValueError:
        print(
            "argmap-pandoc: error: expected Pandoc's JSON document on stdin "
            "(run it as `pandoc --filter argmap-pandoc`)",
            file=sys.stderr,
        )
        return UsageError.exit_code
    try:
        doc = filter_document(doc, writer)
    except ArgmapError as error:
        print(
            error if isinstance(error, MapError) else f"argmap-pandoc: error: {error}",
            file=sys.stderr,
        )
        return error.exit_code
    sys.stdout.buffer.write(json.dumps(doc, ensure_ascii=False).encode("utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
