"""The map's visual vocabulary, decided once for the page, SVG and DOT: colours, dashes, signs."""

from __future__ import annotations

KIND_COLOURS = {  # background of a claim box by kind; the legend names them in text too
    "fact": "#dbeafe",
    "value": "#fce7f3",
    "interpretation": "#ede9fe",
    "prediction": "#fef3c7",
    "policy": "#dcfce7",
    None: "#f3f4f6",
}
# light backgrounds for --color-by group|tag (dark text stays readable on each); a ninth
# group or tag reuses the first colour
CATEGORY_COLOURS = (
    "#bfdbfe",
    "#fbcfe8",
    "#bbf7d0",
    "#fde68a",
    "#ddd6fe",
    "#fed7aa",
    "#a5f3fc",
    "#d9f99d",
)
TEXT_COLOUR = "#111827"
BACKGROUND_COLOUR = "#ffffff"  # behind a static picture (SVG)
SIGN_COLOUR = "#ffffff"  # the + or − inside a reason's circle
BORDER_COLOUR, MAIN_BORDER_COLOUR = "#6b7280", "#111827"
SUPPORT_COLOUR, OBJECTION_COLOUR = "#15803d", "#b91c1c"
OBJECTION_DASHES = [3, 5]  # dotted: objection differs from support in line style, not colour alone
# the sign in a reason's circle: a contradiction's line also ends in arrows at both claims
REASON_SIGNS = {"support": "+", "objection": "−", "contradiction": "×"}
IMPLICIT_DASHES = [6, 4]  # a dashed box: supplied by the map-maker
# The layout measures text with Arial's advance widths; Liberation Sans has the same metrics,
# so boxes are sized right wherever one of them is installed.
FONT_FACE = "Arial, 'Liberation Sans', Helvetica, sans-serif"


def kind_colour(kind: str | None) -> str:
    """A claim box's background; an unknown or missing kind gets the neutral grey."""
    return KIND_COLOURS.get(kind, KIND_COLOURS[None])


def border_colour(main: bool) -> str:
    """A main conclusion's box has the dark, thick border (border_width)."""
    return MAIN_BORDER_COLOUR if main else BORDER_COLOUR


def border_width(main: bool) -> int:
    return 3 if main else 1


def reason_colour(objection: bool) -> str:
    """The colour of a reason's circle and of every line into and out of it."""
    return OBJECTION_COLOUR if objection else SUPPORT_COLOUR


def reason_sign(reason_type: str) -> str:
    """The sign in a reason's circle, by its type (support, objection, contradiction)."""
    return REASON_SIGNS[reason_type]
