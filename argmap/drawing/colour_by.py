"""What a claim box's colour means: its kind (the default), its group or its first tag; the legend follows."""

from __future__ import annotations

from ..errors import UsageError, did_you_mean, one_of
from ..model import ArgumentMap
from .style import CATEGORY_COLOURS, KIND_COLOURS

COLOR_BY = ("kind", "group", "tag")


def check_color_by(value: str) -> str:
    """`value` if it names a colour scheme (COLOR_BY): every way a page is made (the CLI's
    --color-by, fence options, directive options, site settings) checks it here."""
    if value not in COLOR_BY:
        raise UsageError(
            f"unknown color-by '{value}' ({one_of(COLOR_BY)}){did_you_mean(value, COLOR_BY)}"
        )
    return value


def group_colours(amap: ArgumentMap) -> dict[str, str]:
    """A colour for each group, as --color-by group colours its boxes (and the map's group bands)."""
    order = list(amap.groups) + [c.group for c in amap.claims.values() if c.group]
    return {
        g: CATEGORY_COLOURS[i % len(CATEGORY_COLOURS)] for i, g in enumerate(dict.fromkeys(order))
    }


def box_colours(
    amap: ArgumentMap, color_by: str = "kind"
) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """(claim id -> background colour, legend as (label, colour) pairs) for `color_by`.

    Groups take palette colours in the map's group order, tags in order of first use; a
    claim without a group (or tag) keeps the plain grey of a claim without a kind."""
    check_color_by(color_by)
    plain = KIND_COLOURS[None]
    if color_by == "kind":
        return (
            {c.id: KIND_COLOURS.get(c.kind, plain) for c in amap.claims.values()},
            [(k, colour) for k, colour in KIND_COLOURS.items() if k],
        )
    if color_by == "group":
        names = {g.id: g.title or g.id for g in amap.groups.values()}
        order = list(names) + [
            c.group for c in amap.claims.values() if c.group and c.group not in names
        ]
        keys = {c.id: c.group for c in amap.claims.values()}
    else:
        order = []
        for claim in amap.claims.values():
            order += [t for t in claim.tags if t not in order]
        names = {t: "#" + t for t in order}
        keys = {c.id: (c.tags[0] if c.tags else None) for c in amap.claims.values()}
    order = list(dict.fromkeys(order))
    palette = {key: CATEGORY_COLOURS[i % len(CATEGORY_COLOURS)] for i, key in enumerate(order)}
    legend = [(names.get(key, key), palette[key]) for key in order]
    if any(key is None for key in keys.values()):
        legend.append(("no " + color_by, plain))
    return {cid: palette.get(key, plain) if key else plain for cid, key in keys.items()}, legend
