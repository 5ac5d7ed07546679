"""The static SVG: well-formed XML, every claim's text as real <text>, the page's layout and signals."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from argmap.formats import export_map
from argmap.drawing.layout import wrap_lines
from argmap.formats.native_read import load_map
from argmap.page.package_data import bundled_map_path
from argmap_cli import main

NS = {"svg": "http://www.w3.org/2000/svg"}


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg.encode("utf-8"))


def _claim_text(root: ET.Element, claim_id: str) -> str:
    group = root.find(f".//svg:g[@id='{claim_id}']", NS)
    return " ".join(span.text for span in group.iterfind(".//svg:tspan", NS))


def test_svg_parses_and_holds_every_claim_text():
    amap = load_map(bundled_map_path())
    root = _parse(export_map(amap, "svg"))
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.find("svg:title", NS).text == amap.title
    for claim in amap.claims.values():
        assert _claim_text(root, claim.id) == " ".join(claim.text.split()), claim.id


def test_svg_shows_objection_and_implicit_by_line_style(maps_dir):
    root = _parse(export_map(load_map(maps_dir / "small.yaml"), "svg"))
    implicit = root.find(".//svg:g[@id='affordability-matters']/svg:rect", NS)
    assert implicit.get("stroke-dasharray")
    plain = root.find(".//svg:g[@id='zoning']/svg:rect", NS)
    assert plain.get("stroke-dasharray") is None
    dashed = [
        p
        for p in root.iterfind(".//svg:g[@class='edges']/svg:path", NS)
        if p.get("stroke-dasharray")
    ]
    assert len(dashed) == 4  # two objections, each premise → reason → target
    signs = [t.text for t in root.iterfind(".//svg:circle/../svg:text", NS)]
    assert sorted(signs) == ["+", "+", "−", "−"]


def test_svg_escapes_markup_in_text(tmp_path):
    (tmp_path / "m.yaml").write_text(
        "argmap: 1\ntitle: 'a <b> & \"c\"'\nmain: [a]\nclaims:\n"
        "  - {id: a, text: '</text><script>alert(1)</script>'}\n",
        encoding="utf-8",
    )
    svg = export_map(load_map(tmp_path / "m.yaml"), "svg")
    root = _parse(svg)
    assert root.find(".//svg:script", NS) is None
    assert "&lt;/text&gt;&lt;script&gt;" in svg


def test_svg_is_deterministic(maps_dir):
    amap = maps_dir / "small.yaml"
    assert export_map(load_map(amap), "svg") == export_map(load_map(amap), "svg")


def test_export_svg_from_cli(runner, maps_dir, tmp_path):
    out = tmp_path / "map.svg"
    result = runner.invoke(
        main, ["export", str(maps_dir / "small.yaml"), "--to", "svg", "-o", str(out)]
    )
    assert result.exit_code == 0
    assert _claim_text(_parse(out.read_text(encoding="utf-8")), "zoning") == " ".join(
        line for line, _ in wrap_lines("Zoning rules forbid apartments on most residential land.")
    )


def test_svg_colours_boxes_by_group_with_a_legend_naming_the_groups(runner, tmp_path):
    from argmap.drawing.colour_by import box_colours

    amap = load_map(bundled_map_path())
    out = tmp_path / "map.svg"
    result = runner.invoke(main, ["export", "--to", "svg", "--color-by", "group", "-o", str(out)])
    assert result.exit_code == 0, result.output
    root = _parse(out.read_text(encoding="utf-8"))
    colours, legend = box_colours(amap, "group")
    for claim in amap.claims.values():
        rect = root.find(f".//svg:g[@id='{claim.id}']/svg:rect", NS)
        assert rect.get("fill") == colours[claim.id], claim.id
    legend_group = root.find(".//svg:g[@class='legend']", NS)
    assert [t.text for t in legend_group.iterfind("svg:text", NS)] == [
        g.title for g in amap.groups.values()
    ]
    assert [r.get("fill") for r in legend_group.iterfind("svg:rect", NS)] == [c for _, c in legend]
    # the legend row lies inside the picture, above every box
    left, top, width, _ = (float(v) for v in root.get("viewBox").split())
    last = legend_group.findall("svg:text", NS)[-1]
    assert float(last.get("x")) < left + width
    boxes_top = min(
        float(r.get("y")) for r in root.iterfind(".//svg:g[@class='nodes']//svg:rect", NS)
    )
    assert top < float(legend_group.find("svg:rect", NS).get("y")) < boxes_top
    assert "as the legend names them" in root.find("svg:desc", NS).text
    # colouring by kind (the default) draws no legend: the kinds need none beside the page's
    assert _parse(export_map(amap, "svg")).find(".//svg:g[@class='legend']", NS) is None


def test_color_by_on_a_format_that_does_not_draw_is_a_usage_error(runner):
    result = runner.invoke(main, ["export", "--to", "json", "--color-by", "tag"])
    assert result.exit_code == 2
    assert "applies to the drawn formats (svg, dot, png, pdf), not to json" in result.output
