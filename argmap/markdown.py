"""Python-Markdown extension: ```argmap and ```argdown fences become interactive argument maps."""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Callable

from markdown import Extension
from markdown.preprocessors import Preprocessor

from .errors import Diagnostic
from .drawing.colour_by import check_color_by
from .page.fences import LANGUAGES, DocumentMaps, FenceError

log = logging.getLogger("argmap.markdown")

# Before fenced_code / superfences (priority 25), after normalize_whitespace (30), which keeps
# the line count, so fence lines are the document's own.
PRIORITY = 27
_FENCE = re.compile(r"(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>.*)\Z")
_OURS = re.compile(r"(?P<lang>%s)(?=[\s{]|\Z)(?P<rest>.*)\Z" % "|".join(LANGUAGES))
# a fence of ours nested in another block (list item, admonition, tab): superfences' business
_NESTED = re.compile(
    r"(?P<indent>[ \t]+)(`{3,}|~{3,})[ \t]*\{?[ \t]*\.?(%s)\b" % "|".join(LANGUAGES)
)


class ArgmapMarkdownError(FenceError):
    """A map in a Markdown document that cannot be rendered (str: file:line:col: error: ... lines)."""


class ArgmapExtension(Extension):
    """Renders argmap/argdown fences; one DocumentMaps per converted document.

        markdown.markdown(text, extensions=["argmap"])          # entry point name
        markdown.markdown(text, extensions=["argmap.markdown"]) # module name, works without install

    A fence holds a map in the native YAML, or one line `file: path/to/map.yaml` (any format
    argmap reads), or (```argdown) Argdown text; options on the fence line: height=, theme=,
    id-prefix=, color-by= (kind, group or tag: what box colours mean). Sites with pymdownx.superfences also register fence_format/fence_validator as
    custom fences (docs/publishing.md); the MkDocs plugin (argmap.mkdocs) does that by itself.

    A host (the MkDocs plugin) may pass `convert_error` (turn an ArgmapMarkdownError into the
    host's own exception) and `warn` (report a lint warning), and set `document`,
    `line_offset`, before each conversion with setConfig."""

    def __init__(
        self,
        *,
        convert_error: Callable[[Exception], Exception] | None = None,
        warn: Callable[[str], None] | None = None,
        **kwargs,
    ):
        self.config = {
            "document": [
                "",
                "Path of the Markdown file being converted: for relative file: "
                "names and for error locations",
            ],
            "line_offset": [0, "Lines before the text Markdown sees (front matter a host removed)"],
            "base_dir": [
                "",
                "Folder that file: names are relative to (default: the Markdown "
                "file's folder, else the current folder)",
            ],
            "root_dir": ["", "Folder tree file: maps must lie in (default: the current folder)"],
            "strict": [False, "Fail on lint warnings too"],
            "theme": ["auto", "Default theme: auto, light or dark"],
            "height": ["", "Default height of a map (pixels or a CSS length)"],
            "color_by": ["kind", "Default meaning of box colours: kind, group or tag"],
            "assets_url": [
                "",
                "Relative URL of the shared asset files (argmap.assets."
                "write_assets); empty: inline the library in each map",
            ],
            "asset_tags": [
                True,
                "With assets_url: put the asset tags before the first map "
                "(false when the page's <head> has them)",
            ],
        }
        self.convert_error = convert_error or (lambda error: error)
        self.warn = warn or log.warning
        self.maps: DocumentMaps = DocumentMaps("<markdown>")
        self.nested: list[tuple[int, int]] = []
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        md.registerExtension(self)  # md.reset() then calls self.reset()
        md.preprocessors.register(_FencePreprocessor(md, self), "argmap", PRIORITY)
        self.reset()

    def reset(self):
        """A fresh document: its own occurrence counts, warnings and files."""
        config = self.getConfigs()
        path = Path(config["document"]) if config["document"] else None
        self.maps = DocumentMaps(
            document=config["document"] or "<markdown>",
            path=path,
            base_dir=Path(config["base_dir"]) if config["base_dir"] else None,
            root_dir=Path(config["root_dir"]) if config["root_dir"] else None,
            strict=bool(config["strict"]),
            theme=config["theme"] or "auto",
            height=str(config["height"]) if config["height"] else None,
            color_by=check_color_by(config["color_by"] or "kind"),
            assets=config["assets_url"] or None,
            include_asset_tags=bool(config["asset_tags"]),
        )
        self.nested = []

    def render(self, body: str, language: str, line: int, column: int, options) -> str:
        """One fence's fragment; a broken map raises (through convert_error) with its location."""
        seen = len(self.maps.warnings)
        try:
            html = self.maps.render(body, language, line + self._offset(), column, options)
        except FenceError as error:
            raise self.convert_error(ArgmapMarkdownError(error.diagnostics)) from None
        for warning in self.maps.warnings[seen:]:
            self.warn(str(warning))
        return html

    def _offset(self) -> int:
        return int(self.getConfig("line_offset") or 0)


class _FencePreprocessor(Preprocessor):
    """Replaces each top-level argmap/argdown fence by its fragment, stashed as raw HTML."""

    def __init__(self, md, extension: ArgmapExtension):
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        i = 0
        while i < len(lines):
            start = _FENCE.match(lines[i])
            if not start:
                nested = _NESTED.match(lines[i])
                if nested:  # remembered so that fence_format can say where it is
                    self.extension.nested.append((i + 1, len(nested.group("indent")) + 1))
                out.append(lines[i])
                i += 1
                continue
            end = _closing(lines, i, start.group("fence"))
            ours = _OURS.match(start.group("info"))
            if not ours:  # another fence (an example of ours inside it stays text): copy it
                stop = i + 1 if end is None else end + 1  # unclosed: not a fence at all
                out.extend(lines[i:stop])
                i = stop
                continue
            language = ours.group("lang")
            if end is None:
                error = Diagnostic(
                    f"this ```{language} fence is never closed (end it with "
                    f"{start.group('fence')})",
                    self.extension.maps.document,
                    i + 1 + self.extension._offset(),
                    1,
                )
                raise self.extension.convert_error(ArgmapMarkdownError([error]))
            html = self.extension.render(
                "\n".join(lines[i + 1 : end]),
                language,
                i + 2,
                1,
                ours.group("rest").strip().strip("{}"),
            )
            out.extend(["", self.md.htmlStash.store(html), ""])
            i = end + 1
        return out


def _closing(lines: list[str], start: int, fence: str) -> int | None:
    """The line that closes the fence opened on `start`: the same character, at least as long."""
    close = re.compile(r"%s{%d,}[ \t]*\Z" % (re.escape(fence[0]), len(fence)))
    for j in range(start + 1, len(lines)):
        if close.match(lines[j]):
            return j
    return None


# ---------- pymdownx.superfences custom fences ----------


def fence_validator(language, inputs, options, attrs, md) -> bool:
    """Superfences validator: take every option; fence_format checks them, with a location."""
    options.update(inputs)
    return True


def fence_format(source, language, css_class, options, md, **kwargs) -> str:
    """Superfences formatter for ```argmap and ```argdown (custom_fences: format:)."""
    extension = _extension_of(md)
    line, column = extension.nested.pop(0) if extension.nested else (1, 1)
    try:
        return extension.render(source, language, line + 1, column, dict(options or {}))
    except Exception as error:  # superfences swallows all but its own exception type
        raise _through_superfences(error) from None


def _extension_of(md) -> ArgmapExtension:
    """The argmap extension of this Markdown instance; a default one when only the fence is set up."""
    for extension in md.registeredExtensions:
        if isinstance(extension, ArgmapExtension):
            return extension
    extension = ArgmapExtension()
    md.registerExtension(extension)
    extension.reset()
    return extension


_WRAPPED: dict[type, type] = {}


def _through_superfences(error: Exception) -> Exception:
    """The same error, also a SuperFencesException, so superfences lets it through.

    Keeps the error's own type (ArgmapMarkdownError, a host's PluginError) so that callers
    catch what they expect."""
    from pymdownx.superfences import SuperFencesException

    if isinstance(error, SuperFencesException):
        return error
    kind = type(error)
    if kind not in _WRAPPED:
        _WRAPPED[kind] = type(kind.__name__, (kind, SuperFencesException), {})
    wrapped: Exception = Exception.__new__(_WRAPPED[kind])
    wrapped.__dict__.update(error.__dict__)
    wrapped.args = error.args
    return wrapped


def superfences_entries() -> list[dict]:
    """The custom_fences entries for pymdownx.superfences, one per map language."""
    return [
        {"name": name, "class": name, "format": fence_format, "validator": fence_validator}
        for name in LANGUAGES
    ]


def makeExtension(**kwargs) -> ArgmapExtension:
    return ArgmapExtension(**kwargs)
