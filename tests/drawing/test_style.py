"""The visual vocabulary is decided once: changing it in argmap/drawing/style.py changes every output."""

from __future__ import annotations

import json

import pytest

from argmap.drawing import style
from argmap.formats import export_map, read_map
from argmap.page.vis_styles import vis_items

NEW = {"SUPPORT_COLOUR": "#000001", "OBJECTION_COLOUR": "#000002", "MAIN_BORDER_COLOUR": "#000003"}


@pytest.fixture
def restyled(monkeypatch):
    for name, value in NEW.items():
        monkeypatch.setattr(style, name, value)
    monkeypatch.setitem(style.KIND_COLOURS, "fact", "#000005")


def _page_styles(amap) -> str:
    return json.dumps(vis_items(amap))


@pytest.mark.parametrize("output", ["page", "svg", "dot"])
def test_every_output_takes_its_colours_from_the_style_module(maps_dir, restyled, output):
    amap = read_map(maps_dir / "small.yaml")
    text = _page_styles(amap) if output == "page" else export_map(amap, output)
    # support, objection, a main conclusion's border, a fact's box
    wanted = {"#000001", "#000002", "#000003", "#000005"}
    assert {colour for colour in wanted if colour in text} == wanted
    assert [old for old in ("#15803d", "#b91c1c", "#dbeafe") if old in text] == []


@pytest.mark.parametrize(
    "reason_type, colour, sign",
    [("support", "#15803d", "+"), ("objection", "#b91c1c", "−"), ("contradiction", "#b91c1c", "×")],
)
def test_a_reason_is_drawn_by_its_type(reason_type, colour, sign):
    objection = reason_type != "support"
    assert (style.reason_colour(objection), style.reason_sign(reason_type)) == (colour, sign)


def test_a_claim_box_by_kind_and_main():
    assert style.kind_colour("fact") == "#dbeafe"
    assert style.kind_colour("no-such-kind") == style.kind_colour(None) == "#f3f4f6"
    assert (style.border_colour(True), style.border_width(True)) == ("#111827", 3)
    assert (style.border_colour(False), style.border_width(False)) == ("#6b7280", 1)
