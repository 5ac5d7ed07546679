"""Where the templates, the bundled maps and vis-network live, installed or in a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent  # argmap/, this file being in argmap/page/
BUNDLED_MAP = "essay.yaml"


def _folder(name: str) -> Path:
    """A top-level data folder of the project.

    A wheel installs templates/ and maps/ inside the package (setup.cfg's package_dir);
    a checkout, editable or not, keeps them beside it.
    """
    installed = _PACKAGE / name
    return installed if installed.is_dir() else _PACKAGE.parent / name


def templates_dir() -> Path:
    return _folder("templates")


def maps_dir() -> Path:
    return _folder("maps")


def bundled_map_path() -> Path:
    """The essay map every command uses when no map is named."""
    return maps_dir() / BUNDLED_MAP


def schema_path() -> Path:
    """The JSON Schema of the map format for editors (formats/map_schema.py builds it)."""
    from ..formats.map_schema import SCHEMA_FILE

    return maps_dir() / SCHEMA_FILE


def vis_network_dir() -> Path:
    """The vis-network 9.1.2 copy that pyvis ships (its 9.0.4 copy is unused)."""
    from .vis_nodes import pyvis_dir  # finds pyvis without importing it (IPython: ~0.5 s)

    return pyvis_dir() / "templates" / "lib" / "vis-9.1.2"
