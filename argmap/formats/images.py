"""PNG and PDF of a map, drawn from its SVG by CairoSVG (the optional extra argmap[images])."""

from __future__ import annotations

import re

from ..errors import UsageError
from ..model import ArgumentMap
from .svg import render_svg

EXTRA = "images"  # pip install 'argmap[images]'
# cairo stamps the time of writing into a PDF; blanked (same length, so every byte offset in the
# file stays right) the same map gives the same bytes
_CREATION_DATE = re.compile(rb"/CreationDate \(D:[0-9Z+\-']*\)")


def _cairosvg(fmt: str):
    try:
        import cairosvg
    except (ImportError, OSError) as exc:  # OSError: the package is there, the C library not
        missing = "the cairo library" if isinstance(exc, OSError) else "CairoSVG"
        raise UsageError(
            f"export to {fmt} needs {missing}: pip install 'argmap[{EXTRA}]' (CairoSVG), with "
            "the system's cairo library (Debian/Ubuntu: apt-get install libcairo2; macOS: "
            "brew install cairo); or export to svg and convert it elsewhere"
        ) from None
    return cairosvg


def map_to_png(amap: ArgumentMap, scale: float = 1.0, color_by: str = "kind") -> bytes:
    """The map as a PNG image, the SVG's size in pixels times `scale`."""
    svg = render_svg(amap, color_by)
    return _cairosvg("png").svg2png(bytestring=svg.encode("utf-8"), scale=scale)


def map_to_pdf(amap: ArgumentMap, color_by: str = "kind") -> bytes:
    """The map as a one-page PDF, the SVG's size (at 96 pixels to the inch), its text as text."""
    pdf = _cairosvg("pdf").svg2pdf(bytestring=render_svg(amap, color_by).encode("utf-8"))
    return _CREATION_DATE.sub(lambda m: b" " * len(m.group(0)), pdf)
