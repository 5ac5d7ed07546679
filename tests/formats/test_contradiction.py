"""Contradictions: one symmetric relation between two claims, read, checked, drawn, evaluated and
written back by every format."""

from __future__ import annotations

import json

import pytest

import argmap
from argmap.formats import export_map
from argmap.formats.aif_read import aif_to_map
from argmap.page.vis_styles import vis_items

MAP = """\
argmap: 1
title: Weather
main: [rain]
claims:
  - {id: rain, text: It will rain today.}
  - {id: dry, text: It will stay dry today.}
  - {id: clouds, text: Dark clouds are gathering.}
  - {id: forecast-old, text: The dry forecast is a day old.}
reasons:
  - {id: x, conclusion: rain, premises: [dry], type: contradiction}
  - {id: r, conclusion: rain, premises: [clouds]}
  - {id: u, conclusion: x, premises: [forecast-old], type: objection}
"""


@pytest.fixture
def amap():
    return argmap.loads(MAP)


def test_a_contradiction_needs_exactly_one_premise_and_a_claim_at_each_end():
    bad = MAP.replace(
        "premises: [dry], type: contradiction", "premises: [dry, clouds], type: contradiction"
    )
    with pytest.raises(
        argmap.MapError,
        match=r"<yaml string>:10:41: error: reason 'x' is a "
        "contradiction between two claims: give exactly one premise",
    ):
        argmap.loads(bad)
    bad = MAP.replace(
        "{id: u, conclusion: x, premises: [forecast-old], type: objection}",
        "{id: u, conclusion: r, premises: [forecast-old], type: contradiction}",
    )
    with pytest.raises(
        argmap.MapError,
        match="reason 'u' is a contradiction, which is between "
        r"two claims; 'r' is a reason \(to attack an inference use type: objection\)",
    ):
        argmap.loads(bad)


def test_a_bad_type_names_contradiction_among_the_valid_ones():
    with pytest.raises(
        argmap.MapError,
        match=r"unknown type 'contradicts' of reason 'x' \(must be "
        r"one of contradiction, objection, support\) \(did you mean 'contradiction'",
    ):
        argmap.loads(MAP.replace("type: contradiction", "type: contradicts"))


def test_drawn_as_one_line_marked_at_both_ends_on_the_page(amap):
    nodes, edges = vis_items(amap)
    sign = {n["id"]: n["label"] for n in nodes}
    assert sign["x"] == "×"
    into_reason = [e for e in edges if e["to"] == "x" and e["from"] == "dry"]
    out_of_reason = [e for e in edges if e["from"] == "x" and e["to"] == "rain"]
    assert into_reason[0]["arrows"] == {"from": {"enabled": True, "scaleFactor": 0.7}}
    assert out_of_reason[0]["arrows"] == {"to": {"enabled": True, "scaleFactor": 0.7}}


def test_drawn_marked_at_both_ends_in_svg_and_dot(amap):
    svg = export_map(amap, "svg")
    assert svg.count('marker-start="url(#argmap-arrow-objection)"') == 1
    assert ">×</text>" in svg
    dot = export_map(
        argmap.loads(
            MAP.replace(
                "  - {id: u, conclusion: x, premises: [forecast-old], type: objection}\n", ""
            )
        ),
        "dot",
    )
    assert (
        '"dry" -> "rain" [style=dashed, color="#b91c1c", dir=both, label="contradiction"];' in dot
    )
    assert '"x" [' not in dot  # one line, no reason node
    # undercut, the reason node stays (the undercut needs a target): arrows at both claims
    dot = export_map(amap, "dot")
    assert '"dry" -> "x" [style=dashed, color="#b91c1c", dir=back];' in dot


def test_evaluated_as_mutual_attack(amap):
    labels = argmap.analyse(amap).labelling
    # the undercut holds, so neither direction does; rain stands on its support
    assert labels.reasons["x"] == "fails"
    assert (labels.claims["rain"], labels.claims["dry"]) == ("accepted", "accepted")
    labels = argmap.analyse(amap, rejected=["forecast-old"]).labelling
    assert (labels.claims["rain"], labels.claims["dry"]) == ("undecided", "undecided")
    labels = argmap.analyse(amap, rejected=["forecast-old", "rain"]).labelling
    assert labels.claims["dry"] == "accepted"


def test_written_to_aif_as_a_ca_pair_and_read_back_as_one(amap):
    data = json.loads(export_map(amap, "aif"))
    ca = [n["nodeID"] for n in data["nodes"] if n["type"] == "CA"]
    assert ca == ["x", "x~", "u"]
    edges = {(e["fromID"], e["toID"]) for e in data["edges"]}
    assert {("dry", "x"), ("x", "rain"), ("rain", "x~"), ("x~", "dry")} <= edges
    again = aif_to_map(data, "again.json", "again")
    assert again.reasons["x"].type == "contradiction"
    assert set(again.reasons) == {"x", "r", "u"}
    assert (again.reasons["x"].conclusion, again.reasons["x"].premises) == ("rain", ["dry"])


def test_an_aif_ca_pair_from_elsewhere_is_one_contradiction():
    data = {
        "nodes": [
            {"nodeID": "1", "text": "A.", "type": "I"},
            {"nodeID": "2", "text": "B.", "type": "I"},
            {"nodeID": "3", "text": "CA", "type": "CA"},
            {"nodeID": "4", "text": "CA", "type": "CA"},
        ],
        "edges": [
            {"edgeID": "a", "fromID": "1", "toID": "3"},
            {"edgeID": "b", "fromID": "3", "toID": "2"},
            {"edgeID": "c", "fromID": "2", "toID": "4"},
            {"edgeID": "d", "fromID": "4", "toID": "1"},
        ],
    }
    (reason,) = aif_to_map(data, "pair.json", "pair").reasons.values()
    assert reason.type == "contradiction"


def test_written_to_argdown_as_the_symmetric_relation(amap):
    text = export_map(amap, "argdown")
    assert "[dry]\n  >< [rain]" in text


def test_through_yaml_unchanged(amap):
    again = argmap.loads(argmap.export(amap, "yaml"))
    assert again.reasons == amap.reasons
