"""Exports (--to argdown | aif | graphml | dot | json) and every command reading every input format."""

from __future__ import annotations

import html
import io
import re
import shutil
import subprocess
from pathlib import Path

import networkx as nx
import pytest
from markupsafe import escape

from argmap.drawing.colour_by import box_colours
from argmap.drawing.style import border_colour, border_width
from argmap.formats import WRITERS, export_map, read_map
from argmap.formats.dot import map_to_dot
from argmap.formats.native_read import load_map
from argmap.page.package_data import bundled_map_path
from argmap_cli import main

HERE = Path(__file__).parent.parent
TRICKY = """
argmap: 1
title: 'A "quoted" \\ title'
claims:
  - {id: c, text: "Say \\"no\\" to C:\\\\temp\\nand more"}
  - {id: p, text: "p <b>&amp;</b>", implicit: true}
  - {id: q, text: "q"}
reasons:
  - {id: r, conclusion: c, premises: [p], label: "a \\"label\\""}
  - {id: o, conclusion: r, premises: [q], type: objection}
"""
EXPORTS = ["argdown", "aif", "graphml", "dot", "json"]


@pytest.fixture
def tricky(tmp_path):
    path = tmp_path / "tricky.yaml"
    path.write_text(TRICKY, "utf-8")
    return load_map(path)


@pytest.fixture(scope="module")
def bundled():
    return load_map(bundled_map_path())


@pytest.mark.parametrize("fmt", EXPORTS)
def test_every_export_is_registered_and_deterministic(fmt, bundled):
    assert fmt in WRITERS
    assert export_map(bundled, fmt) == export_map(load_map(bundled_map_path()), fmt)


# ---- GraphML ------------------------------------------------------------------------------


def test_graphml_holds_claims_reasons_and_edges_with_string_attributes(bundled):
    graph = nx.read_graphml(io.StringIO(export_map(bundled, "graphml")))
    assert set(graph) == set(bundled.claims) | set(bundled.reasons)
    edges = sum(len(r.premises) + 1 for r in bundled.reasons.values())
    assert graph.number_of_edges() == edges
    for claim in bundled.claims.values():
        node = graph.nodes[claim.id]
        assert (node["node"], node["text"]) == ("claim", claim.text)
        assert node["implicit"] == ("true" if claim.implicit else "false")
    for reason in bundled.reasons.values():
        assert graph.nodes[reason.id]["type"] == reason.type
        assert graph.edges[reason.id, reason.conclusion]["role"] == "conclusion"
        for premise in reason.premises:
            assert graph.edges[premise, reason.id]["role"] == "premise"
    assert all(isinstance(v, str) for _, data in graph.nodes(data=True) for v in data.values())
    assert graph.graph["title"] == bundled.title


def test_graphml_undercut_edge_points_at_the_reason(tricky):
    graph = nx.read_graphml(io.StringIO(export_map(tricky, "graphml")))
    assert graph.has_edge("o", "r") and graph.edges["o", "r"]["type"] == "objection"
    assert graph.nodes["c"]["text"] == 'Say "no" to C:\\temp\nand more'


# ---- DOT ----------------------------------------------------------------------------------

_QUOTED = r'"(?:[^"\\]|\\.)*"'
_ATTRS = rf"\[(?:\w+=(?:{_QUOTED}|[\w.#-]+)(?:, )?)*\]"
_NODE = re.compile(rf"^  ({_QUOTED}) ({_ATTRS});$")
_EDGE = re.compile(rf"^  ({_QUOTED}) -> ({_QUOTED}) ({_ATTRS});$")


def _unquote(token: str) -> str:
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), token[1:-1])


def _attrs(token: str) -> dict[str, str]:
    pairs = re.findall(rf"(\w+)=({_QUOTED}|[\w.#-]+)", token)
    return {k: _unquote(v) if v.startswith('"') else v for k, v in pairs}


def _parse_dot(text: str):
    lines = text.splitlines()
    assert lines[0] == "digraph argmap {" and lines[-1] == "}"
    nodes, edges = {}, []
    for line in lines[1:-1]:
        if line.startswith(("  graph ", "  node ", "  edge ")):
            continue
        edge = _EDGE.match(line)
        node = _NODE.match(line)
        assert edge or node, f"not a DOT statement: {line}"
        if edge:
            edges.append((_unquote(edge.group(1)), _unquote(edge.group(2)), _attrs(edge.group(3))))
        else:
            nodes[_unquote(node.group(1))] = _attrs(node.group(2))
    return nodes, edges


def test_dot_escapes_quotes_backslashes_and_line_breaks(tricky):
    text = map_to_dot(tricky)
    nodes, edges = _parse_dot(text)
    assert nodes["c"]["label"] == 'Say "no" to C:\\temp\nand more'
    assert nodes["p"]["label"] == "p <b>&amp;</b>"
    assert 'label="A \\"quoted\\" \\\\ title"' in text.splitlines()[1]


def test_dot_draws_support_solid_and_objection_dashed(tricky, bundled):
    for amap in (tricky, bundled):
        nodes, edges = _parse_dot(map_to_dot(amap))
        assert set(nodes) == set(amap.claims) | set(amap.reasons)
        assert len(edges) == sum(len(r.premises) + 1 for r in amap.reasons.values())
        for source, target, attrs in edges:
            concludes = source in amap.reasons and amap.reasons[source].conclusion == target
            reason = amap.reasons[source if concludes else target]
            assert attrs["style"] == ("dashed" if reason.is_objection else "solid")
    nodes, _ = _parse_dot(map_to_dot(tricky))
    assert nodes["p"]["style"] == "rounded,filled,dashed"  # implicit claim
    assert nodes["o"]["label"] == "−" and nodes["r"]["label"] == "+"


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz 'dot' is not installed")
@pytest.mark.parametrize("color_by", ["kind", "group"])
def test_graphviz_draws_the_boxes_as_the_page_colours_them(bundled, tmp_path, color_by):
    """Through Graphviz itself: each claim's box filled with its page colour (kind or group),
    a main conclusion's border thick and dark, as in argmap's own SVG."""
    path = tmp_path / "m.dot"
    path.write_text(map_to_dot(bundled, color_by), "utf-8")
    svg = subprocess.run(
        ["dot", "-Tsvg", str(path)], check=True, capture_output=True, timeout=120
    ).stdout.decode("utf-8")
    colours, _ = box_colours(bundled, color_by)
    drawn = {}  # Graphviz titles each node's group with its id
    for ident, body in re.findall(
        r'<g id="node\d+" class="node">\s*<title>([^<]*)</title>(.*?)</g>', svg, re.S
    ):
        fills = re.findall(r'fill="(#[0-9a-f]{6})"', body)
        strokes = re.findall(r'stroke="(#[0-9a-f]{6})"', body)
        widths = re.findall(r'stroke-width="([\d.]+)"', body)
        drawn[html.unescape(ident)] = (fills[:1], strokes[:1], widths[:1])
    for claim in bundled.claims.values():
        main = claim.id in bundled.main
        assert drawn[claim.id] == (
            [colours[claim.id]],
            [border_colour(main)],
            [str(border_width(main))] if border_width(main) != 1 else [],
        ), claim.id


# ---- the CLI: every command, every input format -------------------------------------------

INPUTS = {
    "yaml": (bundled_map_path(), None),
    "argdown": (HERE / "maps" / "argdown" / "small.argdown", None),
    "aif": (HERE / "maps" / "aif" / "undercut.json", None),
}


@pytest.fixture
def inputs(tmp_path, runner):
    """The bundled map as native JSON too, beside its source text so it loads."""
    files = dict(INPUTS)
    native = tmp_path / "essay.json"
    result = runner.invoke(main, ["export", "--to", "json", "-o", str(native)])
    assert result.exit_code == 0, result.output
    shutil.copy(bundled_map_path().parent / "essay.txt", tmp_path / "essay.txt")
    files["json"] = (native, None)
    plain = tmp_path / "debate.txt"
    plain.write_text(INPUTS["argdown"][0].read_text("utf-8"), "utf-8")
    files["argdown via --from"] = (plain, "argdown")
    return files


@pytest.mark.parametrize("kind", ["yaml", "argdown", "aif", "json", "argdown via --from"])
def test_every_command_reads_every_input_format(kind, inputs, runner, tmp_path):
    path, fmt = inputs[kind]
    extra = ["--from", fmt] if fmt else []
    result = runner.invoke(main, ["check", str(path), *extra])
    assert result.exit_code == 0, result.output
    assert "1 map checked: 0 error(s)" in result.output
    out = tmp_path / "page.html"
    result = runner.invoke(main, ["render", str(path), "-o", str(out), *extra])
    assert result.exit_code == 0, result.output
    amap = read_map(path, fmt)
    first = next(iter(amap.claims.values()))
    assert f">{escape(first.text)}</span>" in out.read_text("utf-8")  # in the outline
    result = runner.invoke(main, ["analyse", str(path), *extra])
    assert result.exit_code == 0, result.output
    assert f"{amap.title} ({path})" in result.output
    for to in EXPORTS:
        result = runner.invoke(main, ["export", str(path), "--to", to, *extra])
        assert result.exit_code == 0, (to, result.output)
        assert result.stdout == export_map(amap, to)  # warnings go to stderr


def test_export_writes_a_file(runner, tmp_path):
    out = tmp_path / "essay.graphml"
    result = runner.invoke(main, ["export", "--to", "graphml", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text("utf-8").startswith("<?xml")


def test_unknown_output_format_is_a_usage_error_naming_the_valid_ones(runner):
    result = runner.invoke(main, ["export", "--to", "graphviz"])
    assert result.exit_code == 2
    assert "unknown export format 'graphviz' (must be one of " in result.output
    assert "aif, argdown, dot, graphml, json" in result.output


def test_unknown_input_format_is_a_usage_error(runner):
    result = runner.invoke(main, ["check", str(INPUTS["aif"][0]), "--from", "xaif"])
    assert result.exit_code == 2
    assert "unknown input format 'xaif' (must be one of aif, argdown, json, yaml)" in result.output


def test_help_lists_the_formats(runner):
    result = runner.invoke(main, ["export", "--help"])
    from argmap.formats import IMAGE_WRITERS, WRITERS

    listed = " ".join(result.output.split())
    assert f"Output format: {', '.join(WRITERS)}; {', '.join(IMAGE_WRITERS)}" in listed
    assert "yaml, json (argmap or AIF" in " ".join(result.output.split())
