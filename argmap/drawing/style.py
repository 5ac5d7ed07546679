"""The map's visual vocabulary, shared by the interactive page and the static SVG."""
from __future__ import annotations

KIND_COLOURS = {  # background of a claim box by kind; the legend names them in text too
    "fact": "#dbeafe", "value": "#fce7f3", "interpretation": "#ede9fe",
    "prediction": "#fef3c7", "policy": "#dcfce7", None: "#f3f4f6",
}
TEXT_COLOUR = "#111827"
BORDER_COLOUR, MAIN_BORDER_COLOUR = "#6b7280", "#111827"
SUPPORT_COLOUR, OBJECTION_COLOUR = "#15803d", "#b91c1c"
OBJECTION_DASHES = [3, 5]  # dotted: objection differs from support in line style, not colour alone
# the sign in a reason's circle: a contradiction's line also ends in arrows at both claims
REASON_SIGNS = {"support": "+", "objection": "−", "contradiction": "×"}
IMPLICIT_DASHES = [6, 4]  # a dashed box: supplied by the map-maker
# The layout measures text with Arial's advance widths; Liberation Sans has the same metrics,
# so boxes are sized right wherever one of them is installed.
FONT_FACE = "Arial, 'Liberation Sans', Helvetica, sans-serif"
