"""argmap: argument maps from YAML to interactive, embeddable HTML."""

from . import model as _model
from ._version import __version__
from .api import (
    analyse,
    build,
    export,
    load,
    loads,
    render_fragment,
    render_page,
    validate,
)
from .errors import ArgmapError, MapError, UsageError
from .limits import DEFAULT_LIMITS, Limits
from .model import ArgumentMap, Claim, Group, Reason, Source

__all__ = [
    "DEFAULT_LIMITS",
    "ArgmapError",
    "ArgumentMap",
    "Claim",
    "Group",
    "Limits",
    "MapError",
    "Reason",
    "Source",
    "UsageError",
    "__version__",
    "analyse",
    "build",
    "export",
    "load",
    "loads",
    "render_fragment",
    "render_page",
    "show",
    "validate",
]


def show(map_or_path, **options) -> None:
    """Display a map inline in a Jupyter notebook (validated first): see argmap.notebook.show."""
    from .notebook import show as _show  # lazy: a plain `import argmap` stays light

    if isinstance(map_or_path, ArgumentMap):
        validate(map_or_path)
    _show(map_or_path, **options)


def _notebook_view(amap) -> str:
    from .notebook import iframe_view  # lazy: a plain `import argmap` stays light

    return iframe_view(amap)


# The model shows itself in Jupyter through the page stage; installing the view from here,
# the top of the package, keeps the model free of any import above it (no import cycle).
_model.set_html_view(_notebook_view)
