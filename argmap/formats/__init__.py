"""Readers and writers by format name: every command reads any input format and exports to any output."""
from __future__ import annotations

import json
from pathlib import Path

from ..errors import UsageError
from ..model import ArgumentMap


def _read_yaml(path: Path, display: str) -> ArgumentMap:
    from ..load import load_map

    return load_map(path, display)


def _write_json(amap: ArgumentMap) -> str:
    from .native import map_to_dict

    return json.dumps(map_to_dict(amap), ensure_ascii=False, indent=2) + "\n"


def _write_svg(amap: ArgumentMap) -> str:
    from ..svg import render_svg

    return render_svg(amap)


# name -> reader(path, display) ; extensions -> name
READERS = {"yaml": _read_yaml}
EXTENSIONS = {".yaml": "yaml", ".yml": "yaml"}
# name -> writer(map) -> text
WRITERS = {"json": _write_json, "svg": _write_svg}


def format_for(path: Path, given: str | None) -> str:
    """The input format: `given`, else by the file's extension."""
    if given:
        if given not in READERS:
            raise UsageError(f"unknown input format '{given}' (must be one of "
                             f"{', '.join(sorted(READERS))})")
        return given
    name = EXTENSIONS.get(path.suffix.lower())
    if name is None:
        raise UsageError(f"cannot tell the format of '{path}' from its extension "
                         f"(known: {', '.join(sorted(EXTENSIONS))}); name it with --from")
    return name


def read_map(path: str | Path, fmt: str | None = None) -> ArgumentMap:
    """Read a map in any supported format; raise MapError (bad map) or UsageError."""
    path = Path(path)
    return READERS[format_for(path, fmt)](path, str(path))


def export_map(amap: ArgumentMap, to: str) -> str:
    if to not in WRITERS:
        raise UsageError(f"unknown export format '{to}' (must be one of "
                         f"{', '.join(sorted(WRITERS))})")
    return WRITERS[to](amap)
