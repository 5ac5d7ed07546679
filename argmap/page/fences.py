"""Maps written inside documents (fences, directives) become fragments; their problems point at the document."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..errors import Diagnostic, MapError, UsageError, did_you_mean, one_of
from ..limits import DEFAULT_LIMITS, Limits
from ..model import ArgumentMap

LANGUAGES = ("argmap", "argdown")
OPTIONS = ("height", "theme", "id-prefix", "color-by")
# a fence body that names a map file instead of holding one: `file: path/to/map.yaml`
_FILE_LINE = re.compile(r"\s*file:\s*(?P<path>\S(?:.*\S)?)\s*\Z")
# name=value, name="value" or name='value'; '_' and '-' are the same in names (superfences
# allows only '_')
_OPTION = re.compile(r"""([A-Za-z][\w-]*)=(?:"([^"]*)"|'([^']*)'|(\S+))""")


class FenceError(MapError):
    """A map in a document that cannot be rendered: where the fence is, then the map's own diagnostics."""


@dataclass
class FenceOptions:
    height: str | None = None
    theme: str | None = None
    id_prefix: str | None = None
    color_by: str | None = None  # drawing.colour_by.COLOR_BY


def parse_options(text: str) -> dict[str, str]:
    """The `name=value` options of a fence line, with names normalised to `id-prefix` style.

    Raises UsageError naming the first piece that is not an option."""
    found: dict[str, str] = {}
    for match in _OPTION.finditer(text):
        value = next(g for g in match.groups()[1:] if g is not None)
        found.setdefault(match.group(1).replace("_", "-"), value)
    stray = _OPTION.sub(" ", text).split()
    if stray:
        raise UsageError(
            f"cannot read '{stray[0]}' on the fence line (options are "
            f"{', '.join(o + '=...' for o in OPTIONS)})"
        )
    return found


def check_options(options: dict[str, str]) -> FenceOptions:
    """Fence options by name, checked: UsageError names an unknown one and the valid ones."""
    from ..drawing.colour_by import check_color_by
    from .fragment_options import check_height, check_id_prefix
    from .render import THEMES

    result = FenceOptions()
    for name, value in options.items():
        name = name.replace("_", "-")
        if name == "height":
            result.height = check_height(value)
        elif name == "theme":
            if value not in THEMES:
                raise UsageError(
                    f"unknown theme '{value}' ({one_of(THEMES)}){did_you_mean(value, THEMES)}"
                )
            result.theme = value
        elif name == "id-prefix":
            result.id_prefix = check_id_prefix(value)
        elif name == "color-by":
            result.color_by = check_color_by(value)
        else:
            raise UsageError(
                f"unknown fence option '{name}' ({one_of(OPTIONS)}){did_you_mean(name, OPTIONS)}"
            )
    return result


@dataclass
class DocumentMaps:
    """The maps of one document, rendered in order.

    `document` is the document's path as errors show it; `path` where it is (for relative
    `file:` names, unless `base_dir` is given); `file:` maps must lie under `root_dir` (like a
    site generator's docs_dir; default: the current folder). `strict` fails on lint warnings.
    `color_by` is the default of every fence's color-by option.
    `assets` is passed to render_fragment (None inlines the library). Each map gets a unique
    id prefix: its own, or its content hash and how many times the same map came before."""

    document: str
    path: Path | None = None
    base_dir: Path | None = None
    root_dir: Path | None = None
    strict: bool = False
    theme: str = "auto"
    height: str | None = None
    color_by: str = "kind"  # what box colours mean, unless a fence says (color-by=)
    assets: str | None = None
    include_asset_tags: bool = False
    limits: Limits = DEFAULT_LIMITS
    warnings: list[Diagnostic] = field(default_factory=list)
    files: set[Path] = field(default_factory=set)  # map files and source texts read
    count: int = 0
    _prefixes: dict[str, int] = field(default_factory=dict)

    def render(
        self,
        body: str,
        language: str,
        line: int,
        column: int = 1,
        options: str | dict[str, str] | None = None,
    ) -> str:
        """The fragment for one fence whose body starts on `line` of the document.

        `options`: the fence line's `name=value` text, or the options by name. Raises
        FenceError: the fence's location, then the map's own diagnostics (an inline map's lines
        counted in the document)."""
        try:
            if isinstance(options, str):
                options = parse_options(options)
            fence = check_options(options or {})
            amap = self._load(body, language, line, column)
        except MapError as error:
            raise FenceError(
                [
                    self._at(
                        line - 1, column, f"the {language} map in this fence cannot be rendered"
                    ),
                    *error.diagnostics,
                ]
            ) from None
        except UsageError as error:
            raise FenceError([self._at(line - 1, column, str(error))]) from None
        warnings = self._warnings(amap, line, column)
        if self.strict and warnings:
            raise FenceError(
                [
                    self._at(
                        line - 1,
                        column,
                        f"the {language} map in this fence has {len(warnings)} warning(s) (strict)",
                    ),
                    *warnings,
                ]
            )
        self.warnings.extend(warnings)
        return self._fragment(amap, fence, line - 1, column)

    # ---------- loading ----------

    def _load(self, body: str, language: str, line: int, column: int) -> ArgumentMap:
        if language not in LANGUAGES:
            raise UsageError(f"unknown map language '{language}' ({one_of(LANGUAGES)})")
        if len(body.encode("utf-8")) > self.limits.file_bytes:
            raise UsageError(
                f"the fence holds more than {self.limits.file_bytes} bytes (limit file_bytes)"
            )
        named = _FILE_LINE.match(body) if language == "argmap" else None
        if named:
            return self._load_file(named.group("path"))
        base = self._base()
        try:
            if language == "argmap":
                from ..formats.native_read import parse_map

                amap = parse_map(body, self.document, base_dir=base, limits=self.limits)
            else:
                from ..formats.argdown_read import argdown_to_map
                from ..formats.argdown_syntax import parse_argdown

                amap = argdown_to_map(parse_argdown(body, self.document), base_dir=base)
        except MapError as error:
            raise MapError([self._shifted(d, line, column) for d in error.diagnostics]) from None
        amap.warnings = [self._shifted(d, line, column) for d in amap.warnings]
        amap.path = amap.path or self.document  # lint places position-less warnings here
        self._note_source(amap, base)
        return amap

    def _load_file(self, name: str) -> ArgumentMap:
        from ..formats import read_map

        path = (self._base() / name).resolve()
        root = (self.root_dir or Path.cwd()).resolve()
        if not path.is_relative_to(root):
            raise UsageError(
                f"map file '{name}' is outside '{_shown(root)}' (the folder maps "
                "may come from; widen it with the root_dir setting)"
            )
        if not path.is_file():
            raise UsageError(f"map file '{name}' not found (looked for '{_shown(path)}')")
        self.files.add(path)
        amap = read_map(Path(_shown(path)), limits=self._file_limits(root))
        self._note_source(amap, path.parent)
        return amap

    def _file_limits(self, root: Path) -> Limits:
        # a map's source text may come from anywhere under the same root as the map itself
        return self.limits if self.limits.source_root else self.limits.with_values(source_root=root)

    def _note_source(self, amap: ArgumentMap, base: Path) -> None:
        if amap.source and amap.source.text:
            self.files.add((base / amap.source.text).resolve())

    def _base(self) -> Path:
        if self.base_dir is not None:
            return Path(self.base_dir)
        return self.path.parent if self.path is not None else Path.cwd()

    # ---------- diagnostics ----------

    def _at(self, line: int, column: int, message: str) -> Diagnostic:
        return Diagnostic(message, self.document, max(line, 1), column)

    def _shifted(self, diagnostic: Diagnostic, line: int, column: int) -> Diagnostic:
        """A diagnostic of an inline map, moved to where its text is in the document."""
        if diagnostic.file != self.document:
            return diagnostic
        return replace(
            diagnostic, line=diagnostic.line + line - 1, column=diagnostic.column + column - 1
        )

    def _warnings(self, amap: ArgumentMap, line: int, column: int) -> list[Diagnostic]:
        from ..analysis import lint

        found = lint.reader_warnings(amap)  # already placed in this file when the map was read
        found += [self._shifted(d, line, column) for d in lint.lint_map(amap)]
        return found

    # ---------- the fragment ----------

    def _fragment(self, amap: ArgumentMap, fence: FenceOptions, line: int, column: int) -> str:
        from .fragment_options import default_id_prefix
        from .render import render_fragment

        self.count += 1
        prefix = fence.id_prefix
        if prefix is None:
            base = default_id_prefix(amap)
            self._prefixes[base] = self._prefixes.get(base, 0) + 1
            prefix = default_id_prefix(amap, self._prefixes[base])
        elif prefix in self._prefixes:
            raise FenceError(
                [
                    self._at(
                        line,
                        column,
                        f"id-prefix '{prefix}' is used twice in this "
                        "document (each map needs its own)",
                    )
                ]
            )
        self._prefixes[prefix] = 1
        return render_fragment(
            amap,
            theme=fence.theme or self.theme,
            height=fence.height or self.height,
            color_by=fence.color_by or self.color_by,
            id_prefix=prefix,
            assets=self.assets,
            include_asset_tags=self.include_asset_tags and self.count == 1,
        )


def _shown(path: Path) -> str:
    """A path as messages show it: relative to the current folder when under it."""
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)
