"""AIF import (AIFdb and OVA/xAIF shapes): the Araucaria corpus, each node type, and bad files."""

from __future__ import annotations

import collections
import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import escape

from argmap.errors import MapError
from argmap.formats import read_map
from argmap.formats.aif_write import map_to_aif
from argmap.formats.native_write import map_to_dict
from argmap.formats.native_read import ID_PATTERN, parse_map
from argmap.page.render import render_page
from argmap_cli import main

from conftest import CORPUS_ROOT

CORPUS = CORPUS_ROOT / "aif"
MAPS = Path(__file__).parent.parent / "maps" / "aif"
CORPUS_FILES = sorted(CORPUS.glob("**/*.json"))


def _node_counts(path: Path) -> collections.Counter:
    data = json.loads(path.read_text("utf-8"))
    data = data.get("AIF", data)
    return collections.Counter(n["type"] for n in data["nodes"])


def test_corpus_is_present_in_both_shapes():
    assert len([p for p in CORPUS_FILES if p.parent.name == "xaif"]) >= 3
    assert len(CORPUS_FILES) >= 40


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.relative_to(CORPUS).as_posix())
def test_every_corpus_file_imports_renders_and_keeps_its_counts(path):
    counts = _node_counts(path)
    amap = read_map(path)
    supports = [r for r in amap.reasons.values() if r.type == "support"]
    # a contradiction is two CA-nodes, one each way
    conflicts = sum(2 if r.is_contradiction else 1 for r in amap.reasons.values() if r.is_objection)
    assert (len(amap.claims), len(supports), conflicts) == (counts["I"], counts["RA"], counts["CA"])
    parse_map(json.dumps(map_to_dict(amap), ensure_ascii=False), "imported.json")
    assert all(ID_PATTERN.match(i) for i in list(amap.claims) + list(amap.reasons))
    html = render_page(amap)
    for claim in amap.claims.values():
        assert f">{escape(claim.text)}</span>" in html  # the page's outline holds every claim
    skipped = sum(n for kind, n in counts.items() if kind in ("L", "YA", "TA"))
    notes = [w.message for w in amap.warnings if w.rule == "aif-skipped"]
    assert bool(notes) == bool(skipped)


def test_ova_shape_with_schemes_keeps_scheme_names_as_labels():
    amap = read_map(CORPUS / "xaif" / "ova_monological_dnd_example.json")
    labels = collections.Counter(r.label for r in amap.reasons.values())
    assert labels["Sign"] >= 2 and labels["Default Conflict"] >= 1


@pytest.fixture
def undercut():
    return read_map(MAPS / "undercut.json")


def test_i_nodes_are_claims_with_ids_from_node_ids(undercut):
    assert undercut.claims["i-1"].text == "We should take the train."
    assert list(undercut.claims) == ["i-1", "i-2", "i-3", "i-5", "i-7", "i-9"]


def test_ra_is_a_linked_support_reason_with_its_scheme_as_label(undercut):
    reason = undercut.reasons["ra-4"]
    assert (reason.type, reason.premises, reason.conclusion, reason.label) == (
        "support",
        ["i-2", "i-3"],
        "i-1",
        "Practical Reasoning",
    )


def test_ca_against_an_ra_objects_to_that_inference(undercut):
    reason = undercut.reasons["ca-6"]
    assert (reason.type, reason.premises, reason.conclusion) == ("objection", ["i-5"], "ra-4")
    assert reason.label == "Default Conflict"


def test_ca_against_a_claim_is_a_rebuttal_without_a_type_name_label(undercut):
    reason = undercut.reasons["ca-8"]
    assert (reason.type, reason.conclusion, reason.label) == ("objection", "i-1", None)


def test_ma_is_a_noted_rephrase(undercut):
    assert undercut.claims["i-9"].note == "Rephrases 'i-2': The train is faster."


def test_dialogue_nodes_are_skipped_and_counted(undercut):
    (note,) = [w for w in undercut.warnings if w.rule == "aif-skipped"]
    assert note.message == (
        "skipped nodes that are not argument structure: 1 L (locution), 1 YA (illocution)"
    )


def _said(amap) -> list[tuple]:
    """What AIF holds of each claim (a note, as from an MA rephrase, has no place in it)."""
    return [(c.id, c.text, c.quote) for c in amap.claims.values()]


def test_quotes_come_from_the_locutions_that_assert_a_claim():
    amap = read_map(CORPUS / "xaif" / "ova_example_A_because_B.json")
    # "Participant Rachel: A" is Rachel saying "A": the participant's name is not the quote
    assert [c.quote for c in amap.claims.values()] == ["A", "B"]
    amap = read_map(CORPUS / "xaif" / "basic_xaif_example.json")
    assert amap.claims["i-5"].quote == "the SNP has disagreements."


def test_the_conclusion_no_reason_uses_is_main():
    assert read_map(CORPUS / "xaif" / "ova_example_A_because_B.json").main == [
        "i-2_164926129380455983"
    ]
    assert read_map(CORPUS / "xaif" / "basic_xaif_example.json").main == ["i-7"]


def test_xaif_export_is_ovas_shape_laid_out_and_reads_back(undercut, tmp_path):
    from argmap.formats import export_map

    data = json.loads(export_map(undercut, "xaif"))
    assert set(data) == {"AIF", "OVA", "text"}
    assert set(data["AIF"]) == {
        "nodes",
        "edges",
        "locutions",
        "participants",
        "schemefulfillments",
        "descriptorfulfillments",
    }
    placed = {n["nodeID"]: (n["x"], n["y"]) for n in data["OVA"]["nodes"]}
    assert set(placed) == {n["nodeID"] for n in data["AIF"]["nodes"]}
    assert len(set(placed.values())) == len(placed)  # no two nodes on top of each other
    path = tmp_path / "again.json"
    path.write_text(json.dumps(data), "utf-8")
    again = read_map(path)
    assert _said(again) == _said(undercut)
    assert map_to_dict(again)["reasons"] == map_to_dict(undercut)["reasons"]
    assert again.main == undercut.main


def test_xaif_wrapper_is_read_like_aifdb(tmp_path):
    inner = json.loads((MAPS / "undercut.json").read_text("utf-8"))
    path = tmp_path / "wrapped.json"
    path.write_text(json.dumps({"AIF": inner, "text": "source", "OVA": {}}), "utf-8")
    wrapped = read_map(path)
    plain = read_map(MAPS / "undercut.json")
    assert map_to_dict(wrapped)["claims"] == map_to_dict(plain)["claims"]
    assert map_to_dict(wrapped)["reasons"] == map_to_dict(plain)["reasons"]


def test_export_is_aifdb_shape_and_reads_back(undercut, tmp_path):
    data = map_to_aif(undercut)
    assert set(data) == {"nodes", "edges", "locutions"}
    kinds = collections.Counter(n["type"] for n in data["nodes"])
    # the one quoted claim's locution is written back as an L-node asserting it through a YA
    assert kinds == {"I": 6, "RA": 1, "CA": 2, "L": 1, "YA": 1}
    pairs = [(e["fromID"], e["toID"]) for e in data["edges"]]
    assert ("ca-6", "ra-4") in pairs and ("i-5", "ca-6") in pairs  # the undercut, as edges
    assert [e["edgeID"] for e in data["edges"]] == [str(n) for n in range(1, len(pairs) + 1)]
    path = tmp_path / "again.json"
    path.write_text(json.dumps(data), "utf-8")
    again = read_map(path)
    assert map_to_dict(again)["reasons"] == map_to_dict(undercut)["reasons"]
    assert _said(again) == _said(undercut)  # quotes too


# ---- bad files: MapError with file:line:col, exit 1 ----------------------------------------


@pytest.mark.parametrize(
    "name,message",
    [
        ("invalid.json", ":4:3: error: invalid JSON: Expecting value"),
        (
            "wrong-shape.json",
            ":1:1: error: JSON file is neither an argmap map (an object with "
            "'argmap': 1) nor AIF (an object with 'nodes' and 'edges', or with "
            "'AIF'); found an object with keys claims, title",
        ),
        ("untyped-node.json", ":3:5: error: node '1' has no 'type' (I, RA, CA, MA, L, YA, TA, PA)"),
    ],
)
def test_bad_json_is_a_map_error_at_its_place(runner, name, message):
    path = MAPS / name
    with pytest.raises(MapError):
        read_map(path)
    result = runner.invoke(main, ["check", str(path)])
    assert result.exit_code == 1
    assert f"{path}{message}" in result.output
    assert "Traceback" not in result.output


def test_from_aif_refuses_a_native_map_with_a_clear_message(runner, tmp_path):
    native = tmp_path / "native.json"
    native.write_text(json.dumps({"argmap": 1, "title": "t", "claims": []}), "utf-8")
    result = runner.invoke(main, ["check", str(native), "--from", "aif"])
    assert result.exit_code == 1
    assert "not AIF: expected an object with 'nodes' and 'edges'" in result.output


def test_edges_to_unknown_nodes_are_warnings(tmp_path):
    path = tmp_path / "dangling.json"
    path.write_text(
        json.dumps(
            {
                "nodes": [{"nodeID": 1, "text": "A", "type": "I"}],
                "edges": [{"edgeID": 9, "fromID": 1, "toID": 2}],
            },
            indent=1,
        ),
        "utf-8",
    )
    amap = read_map(path)
    assert any("unknown node '2'" in w.message for w in amap.warnings)


def test_render_an_aif_file_from_the_cli(runner, tmp_path):
    out = tmp_path / "u.html"
    result = runner.invoke(main, ["render", str(MAPS / "undercut.json"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "We should take the train." in out.read_text("utf-8")


# ---- never a crash -------------------------------------------------------------------------

_IDS = st.one_of(
    st.sampled_from(["1", "2", "3", "x"]),
    st.integers(0, 3),
    st.none(),
    st.floats(allow_nan=False),
    st.lists(st.integers(), max_size=1),
)
_NODE = st.fixed_dictionaries(
    {"nodeID": _IDS},
    optional={
        "type": st.sampled_from(["I", "RA", "CA", "MA", "L", "YA", "TA", "PA", "XX", 7]),
        "text": st.one_of(st.text(max_size=10), st.none(), st.integers()),
        "scheme": st.one_of(st.text(max_size=5), st.none()),
    },
)
_EDGE = st.fixed_dictionaries({}, optional={"fromID": _IDS, "toID": _IDS, "edgeID": _IDS})
_AIF = st.fixed_dictionaries(
    {},
    optional={
        "nodes": st.one_of(
            st.lists(st.one_of(_NODE, st.integers()), max_size=8), st.text(max_size=3)
        ),
        "edges": st.one_of(st.lists(st.one_of(_EDGE, st.none()), max_size=10), st.integers()),
        "locutions": st.lists(st.dictionaries(st.text(max_size=3), st.integers(), max_size=2)),
    },
)


@settings(
    max_examples=int(os.environ.get("ARGMAP_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    data=st.one_of(_AIF, _AIF.map(lambda d: {"AIF": d}), st.lists(st.integers(), max_size=2)),
    indent=st.sampled_from([None, 1]),
)
def test_any_json_imports_or_is_a_clean_error(tmp_path, data, indent):
    path = tmp_path / "fuzz.json"
    path.write_text(json.dumps(data, indent=indent), "utf-8")
    try:
        amap = read_map(path, "aif")
    except MapError as error:
        assert all(d.file == str(path) and d.line >= 1 for d in error.diagnostics)
        return
    parse_map(json.dumps(map_to_dict(amap), ensure_ascii=False), "fuzz.json")


# hostile pieces spliced into valid JSON text: characters charset forbids (raw and escaped),
# private-use text, deep brackets, huge integers, broken strings
_HOSTILE = st.sampled_from(
    [
        "\x01",
        "\\u0001",
        "\\ud800",
        "\\udc00x",
        "\ufffe",
        "\\ufffe",
        "\ue05b",
        "\x85",
        "[" * 200,
        "]",
        "{" * 150,
        "9" * 4400,
        "-" * 3,
        '"',
        "\\",
        "\\/",
        "\t",
        "\u2028",
        "1e999",
        "NaN",
        ",",
    ]
)
_JSON_TEXTS = [
    (MAPS / "undercut.json").read_text("utf-8"),
    json.dumps(
        {
            "argmap": 1,
            "title": "T",
            "main": ["a"],
            "claims": [{"id": "a", "text": "A."}, {"id": "b", "text": "B."}],
            "reasons": [{"id": "r", "conclusion": "a", "premises": ["b"]}],
        },
        indent=1,
    ),
]


@settings(
    max_examples=int(os.environ.get("ARGMAP_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    text=st.sampled_from(_JSON_TEXTS),
    cuts=st.lists(st.tuples(st.floats(0, 1), _HOSTILE), min_size=1, max_size=3),
)
def test_hostile_json_text_imports_or_is_a_clean_error(tmp_path, text, cuts):
    for where, piece in cuts:
        at = int(where * len(text))
        text = text[:at] + piece + text[at:]
    path = tmp_path / "hostile.json"
    path.write_text(text, "utf-8")
    try:
        amap = read_map(path)
    except MapError as error:
        assert all(d.file == str(path) and d.line >= 1 and d.column >= 1 for d in error.diagnostics)
        return
    parse_map(json.dumps(map_to_dict(amap), ensure_ascii=False), "fuzz.json")


@pytest.mark.browser
def test_imported_aif_page_opens_cleanly_and_selects_a_claim(runner, tmp_path, open_page):
    out = tmp_path / "undercut.html"
    result = runner.invoke(main, ["render", str(MAPS / "undercut.json"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    watch = open_page(out, viewport={"width": 1200, "height": 800})
    watch.page.evaluate("location.hash = '#i-1'")  # a deep link selects the claim
    panel = watch.page.locator(".argmap-panel-body")
    panel.get_by_text("We should take the train.").first.wait_for(timeout=5000)
    text = panel.inner_text()
    assert "The train is faster." in text and "The train is on strike." in text
    watch.assert_clean()
