"""Readers and writers by format name: every command reads any input format and exports to any output."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from ..errors import UsageError
from ..limits import DEFAULT_LIMITS, Limits
from ..model import ArgumentMap


def _read_yaml(path: Path, display: str, limits: Limits) -> ArgumentMap:
    from .native_read import load_map

    return load_map(path, display, limits=limits)


def _write_json(amap: ArgumentMap) -> str:
    from .native_write import map_to_dict

    return json.dumps(map_to_dict(amap), ensure_ascii=False, indent=2) + "\n"


def _write_yaml(amap: ArgumentMap) -> str:
    from .native_write import map_to_yaml

    return map_to_yaml(amap)


def _write_svg(amap: ArgumentMap, color_by: str = "kind") -> str:
    from .svg import render_svg

    return render_svg(amap, color_by)


def _read_json(path: Path, display: str, limits: Limits) -> ArgumentMap:
    from .json_read import read_json

    return read_json(path, display, limits=limits)


def _read_aif(path: Path, display: str, limits: Limits) -> ArgumentMap:
    from .aif_read import read_aif

    return read_aif(path, display, limits=limits)


def _read_argdown(path: Path, display: str, limits: Limits) -> ArgumentMap:
    from .argdown_read import read_argdown

    return read_argdown(path, display, limits=limits)


def _write_argdown(amap: ArgumentMap) -> str:
    from .argdown_write import map_to_argdown

    return map_to_argdown(amap)


def _write_aif(amap: ArgumentMap) -> str:
    from .aif_write import write_aif

    return write_aif(amap)


def _write_xaif(amap: ArgumentMap) -> str:
    from .aif_write import write_xaif

    return write_xaif(amap)


def _write_graphml(amap: ArgumentMap) -> str:
    from .graphml import map_to_graphml

    return map_to_graphml(amap)


def _write_dot(amap: ArgumentMap, color_by: str = "kind") -> str:
    from .dot import map_to_dot

    return map_to_dot(amap, color_by)


# name -> reader(path, display, limits) ; extensions -> name
# "json" tells native JSON (key 'argmap') from AIF by its keys; "aif" insists on AIF
READERS = {"yaml": _read_yaml, "json": _read_json, "aif": _read_aif, "argdown": _read_argdown}
EXTENSIONS = {
    ".yaml": "yaml",
    ".yml": "yaml",
    ".json": "json",
    ".argdown": "argdown",
    ".ad": "argdown",
}
# name -> writer(map) -> text
# "aif" writes AIFdb's shape; "xaif" OVA's ({"AIF": ..., "OVA": layout}); both read back as aif
WRITERS = {
    "yaml": _write_yaml,
    "json": _write_json,
    "svg": _write_svg,
    "argdown": _write_argdown,
    "aif": _write_aif,
    "xaif": _write_xaif,
    "graphml": _write_graphml,
    "dot": _write_dot,
}


def format_for(path: Path, given: str | None) -> str:
    """The input format: `given`, else by the file's extension."""
    if given:
        if given not in READERS:
            raise UsageError(
                f"unknown input format '{given}' (must be one of {', '.join(sorted(READERS))})"
            )
        return given
    name = EXTENSIONS.get(path.suffix.lower())
    if name is None:
        raise UsageError(
            f"cannot tell the format of '{path}' from its extension "
            f"(known: {', '.join(sorted(EXTENSIONS))}); name it with --from"
        )
    return name


def read_map(
    path: str | Path, fmt: str | None = None, *, limits: Limits = DEFAULT_LIMITS
) -> ArgumentMap:
    """Read a map in any supported format; raise MapError (bad map) or UsageError."""
    path = Path(path)
    return READERS[format_for(path, fmt)](path, str(path), limits)


# warnings that say an import left something of the file out (data, syntax, nodes, reasons):
# `export` shows them as `check` does, since the exported file will not hold it either
IMPORT_LOSS_RULES = (
    "argdown-data",
    "argdown-import",
    "argdown-source",
    "argdown-syntax",
    "argdown-unsupported",
    "aif-import",
    "aif-skipped",
    "import-dropped",
)


def import_losses(amap: ArgumentMap) -> list:
    """The map's warnings about what its import left out, in file order."""
    return [w for w in amap.warnings if getattr(w, "rule", None) in IMPORT_LOSS_RULES]


def _write_png(amap: ArgumentMap, color_by: str = "kind") -> bytes:
    from .images import map_to_png

    return map_to_png(amap, color_by=color_by)


def _write_pdf(amap: ArgumentMap, color_by: str = "kind") -> bytes:
    from .images import map_to_pdf

    return map_to_pdf(amap, color_by)


# name -> writer(map) -> bytes: images drawn from the SVG, with the optional extra argmap[images]
IMAGE_WRITERS = {"png": _write_png, "pdf": _write_pdf}
# name -> writer(map, color_by): the formats that draw the map, and so take what its box
# colours mean (drawing.colour_by.COLOR_BY)
COLOURED_WRITERS: dict[str, Callable[[ArgumentMap, str], str | bytes]] = {
    "svg": _write_svg,
    "dot": _write_dot,
    "png": _write_png,
    "pdf": _write_pdf,
}


def export_map(amap: ArgumentMap, to: str, color_by: str = "kind") -> str | bytes:
    """The map in an export format: text, or bytes for an image (IMAGE_WRITERS). `color_by`
    (drawing.colour_by.COLOR_BY) is for the drawn formats (COLOURED_WRITERS)."""
    writer = WRITERS.get(to) or IMAGE_WRITERS.get(to)
    if writer is None:
        raise UsageError(
            f"unknown export format '{to}' (must be one of "
            f"{', '.join(sorted([*WRITERS, *IMAGE_WRITERS]))})"
        )
    if color_by == "kind":
        return writer(amap)
    from ..drawing.colour_by import check_color_by

    check_color_by(color_by)
    if to not in COLOURED_WRITERS:
        raise UsageError(
            f"--color-by {color_by} applies to the drawn formats "
            f"({', '.join(COLOURED_WRITERS)}), not to {to}"
        )
    return COLOURED_WRITERS[to](amap, color_by)
