"""The Python API (docs/api.md): its examples run, its surface is exactly __all__, and maps built
in code are checked with the diagnostics files get."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest

import argmap
from argmap.formats.native_write import map_to_yaml

ROOT = Path(__file__).parent.parent
API_DOC = ROOT / "docs" / "api.md"
SURFACE = {
    "__version__",
    "load",
    "loads",
    "build",
    "validate",
    "render_page",
    "render_fragment",
    "export",
    "analyse",
    "show",
    "ArgumentMap",
    "Claim",
    "Reason",
    "Group",
    "Source",
    "ArgmapError",
    "MapError",
    "UsageError",
    "Limits",
    "DEFAULT_LIMITS",
}


def test_the_examples_in_docs_api_md_run(monkeypatch):
    monkeypatch.chdir(ROOT)  # the examples name maps/essay.yaml as a reader in the repository does
    result = doctest.testfile(
        str(API_DOC),
        module_relative=False,
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
    )
    assert result.attempted > 20
    assert result.failed == 0


def test_all_is_exactly_the_documented_surface():
    assert set(argmap.__all__) == SURFACE
    assert len(argmap.__all__) == len(SURFACE)
    doc = API_DOC.read_text(encoding="utf-8")
    for name in SURFACE - {"__version__"}:
        assert hasattr(argmap, name)
        assert name in doc, f"argmap.{name} is public but docs/api.md does not mention it"


def test_nothing_else_public_at_the_top():
    public = {n for n in vars(argmap) if not n.startswith("_")}
    # submodules are importable by their dotted names; anything else must be in __all__
    modules = {n for n in public if type(getattr(argmap, n)).__name__ == "module"}
    assert public - modules <= SURFACE


def _small() -> argmap.ArgumentMap:
    m = argmap.ArgumentMap("Hand-built", {}, {}, main=["c"])
    m.add_claim("c", "We should go.", kind="policy")
    m.add_claim("p", "It is sunny.", kind="fact")
    m.add_reason("r", "c", ["p"])
    return m


@pytest.mark.parametrize(
    "use",
    [
        lambda m: argmap.render_page(m),
        lambda m: argmap.render_fragment(m),
        lambda m: argmap.export(m, "svg"),
        lambda m: argmap.export(m, "yaml"),
        lambda m: argmap.analyse(m),
        lambda m: argmap.validate(m),
    ],
)
def test_an_unknown_premise_is_a_map_error_naming_it_everywhere(use):
    m = _small()
    m.reasons["r"].premises.append("ghost")
    with pytest.raises(argmap.MapError) as caught:
        use(m)
    assert "reason 'r' has unknown premise 'ghost' (known: c, p)" in str(caught.value)
    assert str(caught.value).startswith("<map>:")


def test_a_bad_kind_is_never_silent():
    m = _small()
    m.claims["p"].kind = "fakt"
    with pytest.raises(
        argmap.MapError,
        match=r"unknown kind 'fakt' of claim 'p' \(must be one of "
        r"fact, interpretation, policy, prediction, value\) \(did you mean 'fact'\?\)",
    ):
        argmap.render_page(m)


def test_diagnostics_point_into_the_yaml_export():
    m = _small()
    m.claims["p"].kind = "fakt"
    error = pytest.raises(argmap.MapError, argmap.validate, m).value.diagnostics[0]
    m.claims["p"].kind = "fact"
    line = map_to_yaml(m).splitlines()[error.line - 1]
    assert line.strip() == "kind: fact"


def test_build_reports_every_problem_as_a_file_would():
    with pytest.raises(argmap.MapError) as caught:
        argmap.build(
            "T",
            claims=[
                {"id": "a", "text": "A."},
                {"id": "a", "text": "Again."},
                {"id": "b", "txt": "B."},
            ],
            reasons=[{"id": "r", "conclusion": "zz", "premises": ["a"], "type": "suport"}],
            main=["a"],
        )
    text = str(caught.value)
    assert "duplicate id 'a'" in text
    assert "unknown key 'txt' in claim 'b' (did you mean 'text'?)" in text
    assert (
        "unknown type 'suport' of reason 'r' (must be one of contradiction, objection, support)"
        in text
    )
    assert "reason 'r' concludes unknown claim 'zz'" in text


def test_build_takes_model_objects_and_dicts_alike():
    from_objects = argmap.build(
        "T",
        claims=[argmap.Claim("a", "A."), argmap.Claim("b", "B.")],
        reasons=[argmap.Reason("r", "a", ["b"])],
        main=["a"],
        groups=[argmap.Group("g", "G")],
    )
    from_dicts = argmap.build(
        "T",
        claims=[{"id": "a", "text": "A."}, {"id": "b", "text": "B."}],
        reasons=[{"id": "r", "conclusion": "a", "premises": ["b"]}],
        main=["a"],
        groups=[{"id": "g", "title": "G"}],
    )
    assert from_objects == from_dicts
    assert list(from_objects.groups) == ["g"]


def test_build_refuses_values_yaml_cannot_hold():
    with pytest.raises(argmap.UsageError, match="text, numbers, lists and dicts only"):
        argmap.build("T", claims=[{"id": "a", "text": object()}])


def test_add_claim_refuses_a_taken_id_and_an_unknown_field():
    m = _small()
    with pytest.raises(argmap.MapError, match="duplicate id 'r': already used by a reason"):
        m.add_claim("r", "Clash.")
    with pytest.raises(
        argmap.MapError,
        match=r"unknown key 'knd' in claim 'x' \(did you mean "
        r"'kind'\?\)",
    ):
        m.add_claim("x", "X.", knd="fact")
    assert set(m.claims) == {"c", "p"}


def test_quotes_of_a_built_map_are_checked_against_its_source_body():
    source = argmap.Source(title="S", text="s.txt", body="It is sunny today.")
    claims = [
        {"id": "c", "text": "We should go."},
        {"id": "p", "text": "It is sunny.", "quote": "It is rainy"},
    ]
    with pytest.raises(argmap.MapError, match="quote of claim 'p' is not in the source text"):
        argmap.build(
            "T",
            claims,
            [{"id": "r", "conclusion": "c", "premises": ["p"]}],
            main=["c"],
            source=source,
        )


@pytest.mark.parametrize(
    "fmt, name",
    [
        ("yaml", "small.yaml"),
        ("argdown", "small.argdown"),
        ("aif", "small.aif"),
        ("json", "small.json"),
    ],
)
def test_loads_reads_each_format_as_load_reads_its_file(fmt, name):
    maps = ROOT / "tests" / "maps"
    path = (maps if fmt == "yaml" else ROOT / "tests" / "golden") / name
    text = path.read_text(encoding="utf-8")
    from_text = argmap.loads(text, fmt, base_dir=maps)  # where small.yaml's source text is
    # the golden JSON is small.yaml written as JSON; it names its source text relative to maps/
    from_file = argmap.load(
        maps / "small.yaml" if fmt == "json" else path, format=None if fmt == "json" else fmt
    )
    assert from_text.claims == from_file.claims
    assert from_text.reasons == from_file.reasons


def test_loads_names_the_formats_it_knows():
    with pytest.raises(
        argmap.UsageError,
        match="unknown format 'toml' "
        r"\(must be one of aif, argdown, json, yaml\)",
    ):
        argmap.loads("x", "toml")


def test_a_loaded_map_renders_and_analyses():
    m = argmap.load(ROOT / "tests" / "maps" / "small.yaml")
    assert "Cities should build more housing." in argmap.render_page(m)
    assert argmap.analyse(m).labelling.claims["build-more"] in ("accepted", "undecided")


def test_render_takes_what_box_colours_mean():
    m = argmap.load(ROOT / "tests" / "maps" / "small.yaml")
    for html in (
        argmap.render_page(m, color_by="group"),
        argmap.render_fragment(m, color_by="group"),
    ):
        assert "group: The housing market</li>" in html
    with pytest.raises(
        argmap.errors.UsageError,
        match=r"unknown color-by 'grup' \(must be one of group, kind, tag\) \(did you mean 'group'\?\)",
    ):
        argmap.render_page(m, color_by="grup")


def test_validating_a_loaded_map_keeps_the_warnings_of_its_file(tmp_path):
    path = tmp_path / "d.argdown"
    path.write_text("[A]: It rains. {colour: red}\n  + [B]: Clouds.\n", "utf-8")
    amap = argmap.load(path)
    before = [str(w) for w in amap.warnings]
    assert any("inline data 'colour' is ignored" in w for w in before)
    argmap.render_page(amap)
    assert [str(w) for w in amap.warnings] == before


def test_a_built_map_gets_the_warnings_of_its_check():
    m = argmap.build("T", claims=[{"id": "a", "text": "A."}, {"id": "b", "text": "B."}], main=["a"])
    assert [w.message for w in m.warnings] == [
        "claim 'b' is not connected: no reason uses it and it is not a main conclusion"
    ]
