"""Jupyter: `argmap.show(map_or_path)` displays a map inline in the notebook, where its deep links work."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from .model import ArgumentMap

# How often each map was shown in this kernel: the same map twice gets two id prefixes.
_SHOWN: Counter = Counter()


class MapView:
    """A rendered map for Jupyter's rich display (text/html)."""

    def __init__(self, html: str, title: str):
        self.html = html
        self.title = title

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return f"<argmap {self.title!r}>"


def iframe_view(amap: ArgumentMap) -> str:
    """A map left as a cell's value: the full page in a sandboxed iframe, so its scripts run
    isolated from the notebook (allow-scripts without allow-same-origin)."""
    from html import escape

    from .page.render import render_page

    return (
        f'<iframe srcdoc="{escape(render_page(amap), quote=True)}" '
        f'sandbox="allow-scripts" title="{escape(amap.title, quote=True)}" '
        'style="width:100%;height:640px;border:1px solid #d1d5db"></iframe>'
    )


def map_view(
    map_or_path: ArgumentMap | str | Path,
    *,
    height=None,
    theme: str = "auto",
    id_prefix: str | None = None,
    fmt: str | None = None,
    color_by: str = "kind",
) -> MapView:
    """The map (a model, or a map file in any input format, `fmt` naming it) as a MapView.

    `id_prefix` names the map in deep links (#PREFIX:claim-id); by default the map's content
    hash, counted up when the kernel shows the same map again; `color_by` (kind, group or
    tag) what box colours mean."""
    from .page.fragment_options import default_id_prefix
    from .drawing.colour_by import check_color_by
    from .page.render import THEMES, render_fragment

    if theme not in THEMES:
        from .errors import UsageError, one_of

        raise UsageError(f"unknown theme '{theme}' ({one_of(THEMES)})")
    check_color_by(color_by)
    if isinstance(map_or_path, ArgumentMap):
        amap = map_or_path
    else:
        from .formats import read_map

        amap = read_map(map_or_path, fmt)
    if id_prefix is None:
        key = default_id_prefix(amap)
        _SHOWN[key] += 1
        id_prefix = default_id_prefix(amap, _SHOWN[key])
    html = render_fragment(amap, theme, height=height, id_prefix=id_prefix, color_by=color_by)
    return MapView(html, amap.title)


def show(
    map_or_path: ArgumentMap | str | Path,
    *,
    height=None,
    theme: str = "auto",
    id_prefix: str | None = None,
    fmt: str | None = None,
    color_by: str = "kind",
) -> None:
    """Display the map in the notebook now (several in one cell too); options as map_view.

    Each output carries the library (notebook outputs are saved, cleared and reordered one by
    one, so none may depend on another); the script runs it once per page however many maps it
    holds. A map object left as a cell's value shows instead in a sandboxed iframe
    (ArgumentMap._repr_html_)."""
    try:
        from IPython.display import display
    except ImportError:
        from .errors import UsageError

        raise UsageError("argmap.show needs IPython (pip install 'argmap[notebook]')") from None
    display(
        map_view(
            map_or_path, height=height, theme=theme, id_prefix=id_prefix, fmt=fmt, color_by=color_by
        )
    )
