"""Every class of bad input gives its exact file:line:col message; good maps load into the model."""
from __future__ import annotations

from pathlib import Path

import pytest

from argmap.errors import MapError
from argmap.load import load_map, parse_map

BAD = Path(__file__).parent / "maps" / "bad"

# file -> the exact diagnostics `argmap check` prints for it, in order
EXPECTED = {
    "yaml-syntax.yaml": [
        "6:1: error: invalid YAML: while parsing a flow sequence: did not find expected ',' or ']'"],
    "empty.yaml": [
        "1:1: error: empty file: a map needs at least 'argmap: 1', 'title' and 'claims'"],
    "comment-only.yaml": [
        "1:1: error: empty file: a map needs at least 'argmap: 1', 'title' and 'claims'"],
    "not-utf8.yaml": [
        "2:11: error: not UTF-8: byte 0xe9 cannot be decoded (save the file as UTF-8)"],
    "not-a-map.yaml": [
        "1:1: error: not an argmap map: expected a mapping that starts with 'argmap: 1', "
        "found a list"],
    "no-argmap-key.yaml": [
        "1:1: error: not an argmap map: expected a mapping that starts with 'argmap: 1', "
        "found a mapping without 'argmap'"],
    "wrong-version.yaml": [
        "1:9: error: unsupported format version 2 (this argmap reads version 1)"],
    "unknown-key.yaml": [
        "7:5: error: unknown key 'knd' in claim 'a' (did you mean 'kind'?) "
        "(valid keys: id, text, quote, kind, implicit, group, tags, note)",
        "8:5: warning: claim 'b' is not connected: no reason uses it and it is not a main "
        "conclusion",
        "11:5: error: reason 'r1' is missing required key 'premises'",
        "13:5: error: unknown key 'premisses' in reason 'r1' (did you mean 'premises'?) "
        "(valid keys: id, conclusion, premises, type, label, note)"],
    "wrong-type.yaml": [
        "7:15: error: 'implicit' of claim 'a' must be true or false, not 'no'",
        "9:11: error: 'text' of claim 'b' must be text, not the number 42",
        "10:5: error: claim 'c' is missing required key 'text'",
        "14:15: error: 'premises' of reason 'r1' must be a list, not 'b'"],
    "duplicate-id.yaml": [
        "7:5: warning: claim 'b' is not connected: no reason uses it and it is not a main "
        "conclusion",
        "9:9: error: duplicate id 'a': already used by the claim on line 5",
        "12:9: error: duplicate id 'b': already used by the claim on line 7"],
    "unknown-ref.yaml": [
        "7:12: error: claim 'conclusion' names unknown group 'mian' (the map defines no groups)",
        "13:25: error: reason 'r1' has unknown premise 'premis' (did you mean 'premise'?)",
        "15:17: error: reason 'r2' concludes unknown claim 'nowhere' "
        "(known: conclusion, premise, r1, r2)"],
    "circular-support.yaml": [
        "12:5: error: circular support: a → c → b → a (a claim cannot support itself; make one "
        "of these an objection or drop a reason)"],
    "quote-not-found.yaml": [
        "10:12: error: quote of claim 'a' is not in the source text 'source.txt' (whitespace "
        "aside); closest passage: \"Cities should build more housing. Rents\""],
    "unreadable-source.yaml": [
        "5:9: error: cannot read source text 'no-such-file.txt': No such file or directory"],
    "bad-values.yaml": [
        "7:11: error: unknown kind 'opinon' of claim 'a' (must be one of fact, interpretation, "
        "policy, prediction, value)",
        "8:9: error: invalid claim id '2nd' (use letters, digits, '-', '_' or '.', starting with "
        "a letter)",
        "16:11: error: unknown type 'suport' of reason 'r1' (must be one of objection, support) "
        "(did you mean 'support'?)",
        "18:17: error: reason 'r2' supports reason 'r1': only an objection can target a reason "
        "(an undercut); support a claim instead",
        "22:15: error: reason 'r3' has no premises (list at least one claim id)"],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_map_reports_every_problem_with_its_place(name):
    path = BAD / name
    with pytest.raises(MapError) as caught:
        load_map(path)
    assert [str(d) for d in caught.value.diagnostics] == [f"{path}:{line}" for line in EXPECTED[name]]


def test_every_bad_map_file_has_an_expectation():
    assert sorted(p.name for p in BAD.glob("*.yaml")) == sorted([*EXPECTED, "unconnected.yaml"])


def test_warnings_do_not_stop_a_map_from_loading():
    amap = load_map(BAD / "unconnected.yaml")
    assert [str(w) for w in amap.warnings] == [
        f"{BAD / 'unconnected.yaml'}:10:5: warning: claim 'stray' is not connected: no reason "
        "uses it and it is not a main conclusion"]


def test_good_map_loads_into_the_model(maps_dir):
    amap = load_map(maps_dir / "small.yaml")
    assert amap.title == "Cities should build more housing"
    assert amap.main == ["build-more"]
    assert list(amap.claims)[:2] == ["build-more", "rents-doubled"]
    r = amap.reasons["r-rents"]
    assert r.premises == ["rents-doubled", "shortage-raises-prices", "affordability-matters"]
    assert r.type == "support" and r.label == "affordability"
    assert amap.reasons["o-transit"].conclusion == "o-congestion"
    assert amap.claims["affordability-matters"].implicit is True
    assert amap.claims["congestion"].tags == ["counter-view"]
    assert amap.source.date == "2024-05-01"  # a YAML date stays text
    assert amap.source.body.startswith("Cities should build more housing.")
    assert amap.claims["build-more"].pos.line == 15
    assert amap.warnings == []


def test_cycles_through_objections_are_legitimate(maps_dir):
    amap = load_map(maps_dir / "objection-cycle.yaml")
    assert {r.type for r in amap.reasons.values()} == {"support", "objection"}


def test_quotes_match_with_whitespace_normalised(maps_dir, tmp_path):
    (tmp_path / "s.txt").write_text("One  line\nbroken   across\n\nlines.", encoding="utf-8")
    (tmp_path / "m.yaml").write_text(
        "argmap: 1\ntitle: T\nsource: {text: s.txt}\nmain: [a]\n"
        "claims:\n  - {id: a, text: A., quote: 'line broken across lines.'}\n", encoding="utf-8")
    assert load_map(tmp_path / "m.yaml").claims["a"].quote == "line broken across lines."



def test_duplicate_yaml_keys_are_reported():
    with pytest.raises(MapError) as caught:
        parse_map("argmap: 1\ntitle: A\ntitle: B\nclaims: []\n", "dup.yaml")
    assert str(caught.value) == "dup.yaml:3:1: error: duplicate key 'title' (first given on line 2)"


def test_format_version_must_be_a_number_not_true():
    with pytest.raises(MapError) as caught:
        parse_map("argmap: true\ntitle: A\nclaims: []\n", "v.yaml")
    assert str(caught.value) == ("v.yaml:1:9: error: unsupported format version true "
                                 "(this argmap reads version 1)")
