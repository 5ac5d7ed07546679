"""`export --to yaml`: readable native YAML that reads back to the same model, and round trips
Argdown → YAML → Argdown and AIF → YAML → AIF that keep what each format holds."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.errors import MapError
from argmap.formats import export_map, read_map
from argmap.formats.native_read import parse_map
from argmap.formats.native_write import map_to_dict, map_to_yaml
from argmap.model import KINDS
from argmap.page.package_data import bundled_map_path

CORPUS = Path(__file__).parent.parent / "corpus"
ARGDOWN_CORPUS = sorted((CORPUS / "argdown").rglob("*.argdown"))
AIF_CORPUS = sorted((CORPUS / "aif").glob("nodeset*.json"))
EXAMPLES = int(os.environ.get("ARGMAP_EXAMPLES", "60"))  # 3000 for a longer search


def _through_yaml(amap):
    """The map written as YAML and read back (no source folder: quotes are kept, not checked)."""
    return parse_map(map_to_yaml(amap), "again.yaml")


def _everything(amap) -> dict:
    """All the model holds that a file says: the native format's data, in the map's order."""
    return map_to_dict(amap)


def _kept(amap) -> dict:
    """What every round trip through another format must keep: claims (texts, tags, quotes),
    reasons with their linked premises in order, and each relation's type and target."""
    return {
        "claims": {
            c.id: (" ".join(c.text.split()), tuple(c.tags), c.quote) for c in amap.claims.values()
        },
        "reasons": {r.id: (r.type, r.conclusion, tuple(r.premises)) for r in amap.reasons.values()},
    }


def test_the_bundled_map_reads_back_unchanged():
    original = read_map(bundled_map_path())
    assert _everything(_through_yaml(original)) == _everything(original)


def test_yaml_is_readable_block_style_in_the_maps_order():
    text = map_to_yaml(read_map(bundled_map_path()))
    top = [line.split(":")[0] for line in text.splitlines() if line and line[0].isalpha()]
    assert top == ["argmap", "title", "source", "main", "groups", "claims", "reasons"]
    assert "\n  - id: " in text  # one entry per block, list items indented under their key
    assert "premises: [" in text  # short id lists stay on one line
    assert max(len(line) for line in text.splitlines()) <= 100
    assert "text: >-\n" in text or "text: >\n" in text  # long texts folded at word breaks


def test_yaml_export_is_deterministic():
    amap = read_map(bundled_map_path())
    assert map_to_yaml(amap) == map_to_yaml(read_map(bundled_map_path()))


def test_export_to_yaml_from_the_command_line(runner, tmp_path):
    from argmap_cli import main

    source = Path(__file__).parent.parent / "maps" / "argdown" / "small.argdown"
    out = tmp_path / "small.yaml"
    result = runner.invoke(main, ["export", str(source), "--to", "yaml", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert _kept(read_map(out)) == _kept(read_map(source))


# -- generated maps --------------------------------------------------------------------------

_CHARS = st.characters(blacklist_categories=("Cs", "Cc", "Co"), blacklist_characters="\ufffe\uffff")
_TEXT = st.text(_CHARS, min_size=1, max_size=120).filter(lambda t: t.strip())
# notes and quotes may run over lines and start or end with spaces
_LONG = st.text(st.one_of(_CHARS, st.sampled_from("\n\t  ")), min_size=1, max_size=200).filter(
    lambda t: t.strip()
)
_WORDS = st.lists(
    st.sampled_from(["the", "rent", "zoning", "a", "city", "should", "build"]),
    min_size=1,
    max_size=40,
).map(" ".join)


@st.composite
def _maps(draw):
    """A valid map: groups, claims with every field, supports and objections (linked and
    single) aimed at earlier claims, undercuts aimed at reasons: no circular support."""
    groups = [{"id": f"g{i}", "title": draw(_TEXT)} for i in range(draw(st.integers(0, 2)))]
    claims = []
    for i in range(draw(st.integers(2, 7))):
        claim = {"id": f"c{i}", "text": draw(st.one_of(_TEXT, _WORDS))}
        for key, values in (
            ("kind", st.sampled_from(KINDS)),
            ("quote", _LONG),
            ("note", _LONG),
            ("implicit", st.just(True)),
            ("tags", st.lists(_TEXT, min_size=1, max_size=3, unique=True)),
        ):
            if draw(st.booleans()):
                claim[key] = draw(values)
        if groups and draw(st.booleans()):
            claim["group"] = draw(st.sampled_from(groups))["id"]
        claims.append(claim)
    reasons = []
    for i in range(draw(st.integers(1, 6))):
        target = draw(st.integers(0, len(claims) - 2))
        later = [c["id"] for c in claims[target + 1 :]]
        reason = {
            "id": f"r{i}",
            "conclusion": claims[target]["id"],
            "premises": draw(st.lists(st.sampled_from(later), min_size=1, unique=True)),
            "type": draw(st.sampled_from(["support", "objection", "contradiction"])),
        }
        if reason["type"] == "contradiction":  # between two claims: one premise
            reason["premises"] = reason["premises"][:1]
        elif reasons and reason["type"] == "objection" and draw(st.booleans()):
            reason["conclusion"] = draw(st.sampled_from(reasons))["id"]  # an undercut
        for key in ("label", "note"):
            if draw(st.booleans()):
                reason[key] = draw(_LONG if key == "note" else _TEXT)
        reasons.append(reason)
    data = {"argmap": 1, "title": draw(_TEXT), "main": ["c0"], "claims": claims, "reasons": reasons}
    if groups:
        data["groups"] = groups
    return data


@settings(max_examples=EXAMPLES, deadline=None)
@given(data=_maps())
def test_any_map_reads_back_from_yaml_unchanged(data):
    import json

    from argmap.formats.json_read import yaml_compatible

    original = parse_map(yaml_compatible(json.dumps(data, ensure_ascii=False)), "gen.json")
    again = _through_yaml(original)
    assert _everything(again) == _everything(original)
    assert map_to_yaml(again) == map_to_yaml(original)  # a fixed point


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=_maps())
def test_generated_maps_keep_their_structure_argdown_yaml_argdown(tmp_path, data):
    import json

    from argmap.formats.json_read import yaml_compatible

    original = parse_map(yaml_compatible(json.dumps(data, ensure_ascii=False)), "gen.json")
    via_argdown = _read_text(export_map(original, "argdown"), "argdown", tmp_path)
    back = _read_text(export_map(_through_yaml(via_argdown), "argdown"), "argdown", tmp_path)
    assert _kept(back) == _kept(via_argdown)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=_maps())
def test_generated_maps_keep_their_structure_aif_yaml_aif(tmp_path, data):
    import json

    from argmap.formats.json_read import yaml_compatible

    original = parse_map(yaml_compatible(json.dumps(data, ensure_ascii=False)), "gen.json")
    via_aif = _read_text(export_map(original, "aif"), "aif", tmp_path)
    back = _read_text(export_map(_through_yaml(via_aif), "aif"), "aif", tmp_path)
    assert _kept(back) == _kept(via_aif)
    assert back.main == via_aif.main
    # what AIF holds of the original: texts (white space aside), quotes, every reason
    assert {c: (t, q) for c, (t, _, q) in _kept(via_aif)["claims"].items()} == {
        c.id: (" ".join(c.text.split()), " ".join(c.quote.split()) if c.quote else None)
        for c in original.claims.values()
    }
    assert _kept(via_aif)["reasons"] == _kept(original)["reasons"]


def _read_text(text: str, fmt: str, tmp_path):
    suffix = {"argdown": "argdown", "aif": "json"}[fmt]
    path = tmp_path / f"through.{suffix}"
    path.write_text(text, "utf-8")
    return read_map(path, fmt)


# -- the corpus of real files ----------------------------------------------------------------


@pytest.mark.parametrize("path", ARGDOWN_CORPUS, ids=lambda p: p.name)
def test_argdown_corpus_round_trips_through_yaml(path, tmp_path):
    try:
        first = read_map(path, "argdown")
    except MapError as exc:  # files Argdown itself rejects are not ours to round-trip
        pytest.skip(f"not imported: {str(exc).splitlines()[0]}")
    through = _through_yaml(first)
    assert _everything(through) == _everything(first)
    back = _read_text(export_map(through, "argdown"), "argdown", tmp_path)
    assert _kept(back) == _kept(first)
    assert {r.id: r.label for r in back.reasons.values()} == {
        r.id: r.label for r in first.reasons.values()
    }


@pytest.mark.parametrize("path", AIF_CORPUS, ids=lambda p: p.name)
def test_aif_corpus_round_trips_through_yaml(path, tmp_path):
    first = read_map(path, "aif")
    through = _through_yaml(first)
    assert _everything(through) == _everything(first)
    back = _read_text(export_map(through, "aif"), "aif", tmp_path)
    assert _kept(back) == _kept(first)
