"""The JSON Schema for editors (argmap schema, argmap new): shipped as built from the reader's
field specs, true of every map we ship or write, and as strict as a schema can be."""

from __future__ import annotations

import copy
import json
import os
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from argmap.errors import MapError
from argmap.formats import export_map, read_map
from argmap.formats.map_schema import map_schema, schema_text
from argmap.formats.native_read import parse_map
from argmap.page.package_data import schema_path
from argmap_cli import main

ROOT = Path(__file__).parent.parent.parent
TESTS = ROOT / "tests"
VALIDATOR = jsonschema.Draft202012Validator(map_schema())
REGENERATE = (
    "ARGMAP_REGENERATE=1 python -m pytest tests/formats/test_map_schema.py "
    "(writes maps/argmap.schema.json)"
)

BASE = {
    "argmap": 1,
    "title": "T",
    "main": ["c"],
    "source": {"title": "S", "date": "2025-12-01"},
    "groups": [{"id": "g", "title": "G"}],
    "claims": [
        {"id": "c", "text": "We should go.", "kind": "policy", "group": "g", "tags": ["plan"]},
        {"id": "p", "text": "It is sunny.", "implicit": True, "note": "n"},
        {"id": "q", "text": "It is raining."},
    ],
    "reasons": [
        {"id": "r", "conclusion": "c", "premises": ["p"], "label": "l"},
        {"id": "x", "conclusion": "p", "premises": ["q"], "type": "contradiction"},
        {"id": "u", "conclusion": "r", "premises": ["q"], "type": "objection"},
    ],
}


class _AsEditorsRead(yaml.SafeLoader):
    """YAML as an editor's language server reads it (YAML 1.2: a date is text, as it is to
    argmap's reader, not a timestamp)."""


_AsEditorsRead.yaml_implicit_resolvers = {
    first: [(tag, regex) for tag, regex in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _yaml(text: str):
    return yaml.load(text, Loader=_AsEditorsRead)


def _valid(data) -> bool:
    return VALIDATOR.is_valid(data)


def _loads(data):
    return parse_map(json.dumps(data, ensure_ascii=False), "bad.json")


def test_the_shipped_schema_is_the_one_the_reader_specs_build():
    if os.environ.get("ARGMAP_REGENERATE") == "1":
        schema_path().write_text(schema_text(), encoding="utf-8")
    assert schema_path().read_text(encoding="utf-8") == schema_text(), (
        f"maps/argmap.schema.json is out of date; run: {REGENERATE}"
    )
    jsonschema.Draft202012Validator.check_schema(map_schema())


def test_argmap_schema_prints_it(runner, tmp_path):
    result = runner.invoke(main, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == map_schema()
    out = tmp_path / "s.json"
    assert runner.invoke(main, ["schema", "-o", str(out)]).exit_code == 0
    assert out.read_text("utf-8") == schema_text()


def test_argmap_new_names_the_schema_and_writes_it_beside_the_map(runner, tmp_path):
    result = runner.invoke(main, ["new", str(tmp_path / "m.yaml")])
    assert result.exit_code == 0, result.output
    text = (tmp_path / "m.yaml").read_text("utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=argmap.schema.json"
    assert (tmp_path / "argmap.schema.json").read_text("utf-8") == schema_text()
    assert _valid(_yaml(text))
    # a second map in the same folder keeps the copy there (never overwrite)
    (tmp_path / "argmap.schema.json").write_text("{}", "utf-8")
    assert runner.invoke(main, ["new", str(tmp_path / "n.yaml")]).exit_code == 0
    assert (tmp_path / "argmap.schema.json").read_text("utf-8") == "{}"


def _shipped_and_example_maps() -> list[Path]:
    found = sorted((ROOT / "maps").glob("*.yaml")) + sorted(TESTS.glob("maps/*.yaml"))
    found += sorted(TESTS.glob("maps/lint/*.yaml"))
    return found


@pytest.mark.parametrize("path", _shipped_and_example_maps(), ids=lambda p: p.name)
def test_every_bundled_and_example_map_is_valid_under_the_schema(path):
    errors = [e.message for e in VALIDATOR.iter_errors(_yaml(path.read_text("utf-8")))]
    assert errors == []


def test_the_format_docs_example_and_the_base_here_are_valid():
    doc = (ROOT / "docs" / "format.md").read_text("utf-8")
    for block in re.findall(r"```yaml\n(.*?)```", doc, re.DOTALL):
        data = _yaml(block)
        if isinstance(data, dict) and "argmap" in data:
            assert _valid(data)
    assert _valid(BASE)
    _loads(BASE)  # and the loader agrees


@pytest.mark.parametrize(
    "path",
    sorted((TESTS / "corpus" / "argdown").glob("*.argdown"))
    + sorted((TESTS / "corpus" / "aif").glob("nodeset1*.json")),
    ids=lambda p: p.name,
)
def test_yaml_written_from_imports_is_valid_under_the_schema(path):
    amap = read_map(path, "argdown" if path.suffix == ".argdown" else "aif")
    assert _valid(_yaml(export_map(amap, "yaml")))


def _set(where: str, value):
    """A copy of BASE with one value changed: 'claims.0.kind' = 'fakt'; value None deletes."""
    data = copy.deepcopy(BASE)
    *path, last = where.split(".")
    target = data
    for step in path:
        target = target[int(step)] if step.isdigit() else target[step]
    key = int(last) if last.isdigit() else last
    if value is None:
        del target[key]
    else:
        target[key] = value
    return data


# every class of bad map a schema can say: rejected by the schema as by `argmap check`
EXPRESSIBLE = {
    "unknown top key": _set("titel", "T"),
    "unknown claim key": _set("claims.0.knd", "fact"),
    "unknown reason key": _set("reasons.0.kind", "support"),
    "unknown source key": _set("source.year", "2025"),
    "unknown group key": _set("groups.0.name", "G"),
    "wrong version": _set("argmap", 2),
    "version as text": _set("argmap", "1"),
    "missing title": _set("title", None),
    "missing claims": _set("claims", None),
    "missing claim text": _set("claims.1.text", None),
    "missing claim id": _set("claims.1.id", None),
    "missing conclusion": _set("reasons.0.conclusion", None),
    "missing premises": _set("reasons.0.premises", None),
    "missing group title": _set("groups.0.title", None),
    "text not text": _set("claims.0.text", 5),
    "blank text": _set("claims.0.text", "   "),
    "implicit not true/false": _set("claims.1.implicit", "yes"),
    "tags not a list": _set("claims.0.tags", "plan"),
    "empty tag": _set("claims.0.tags", [""]),
    "premises not a list": _set("reasons.0.premises", "p"),
    "no premises": _set("reasons.0.premises", []),
    "premise not an id": _set("reasons.0.premises", [3]),
    "unknown kind": _set("claims.0.kind", "fakt"),
    "unknown reason type": _set("reasons.0.type", "suport"),
    "invalid id": _set("claims.2.id", "2 words"),
    "contradiction with two premises": _set("reasons.1.premises", ["q", "c"]),
    "main not a list": _set("main", "c"),
    "source not a mapping": _set("source", "essay.txt"),
    "claims not a list": _set("claims", {"c": "x"}),
    "not a mapping": ["argmap", 1],
}
# what only the reader can check: names that must exist, uniqueness, cycles, the source text
BEYOND_A_SCHEMA = {
    "unknown premise": _set("reasons.0.premises", ["ghost"]),
    "unknown conclusion": _set("reasons.0.conclusion", "ghost"),
    "unknown main": _set("main", ["ghost"]),
    "unknown group": _set("claims.0.group", "nowhere"),
    "duplicate id": _set("claims.2.id", "p"),
    "circular support": _set("reasons.2", {"id": "back", "conclusion": "p", "premises": ["c"]}),
    "support of a reason": _set("reasons.2.type", "support"),
    "contradiction aimed at a reason": _set("reasons.2.type", "contradiction"),
}


@pytest.mark.parametrize("name", EXPRESSIBLE)
def test_bad_maps_a_schema_can_describe_are_rejected_by_it_too(name):
    data = EXPRESSIBLE[name]
    assert not _valid(data), f"the schema accepts: {name}"
    with pytest.raises(MapError):
        _loads(data)


@pytest.mark.parametrize("name", BEYOND_A_SCHEMA)
def test_what_only_check_can_find_passes_the_schema_and_fails_check(name):
    data = BEYOND_A_SCHEMA[name]
    assert _valid(data)  # the limit of a schema: docs/format.md says so
    with pytest.raises(MapError):
        _loads(data)


@pytest.mark.parametrize(
    "name",
    [
        "unknown-key.yaml",
        "wrong-type.yaml",
        "wrong-version.yaml",
        "bad-values.yaml",
        "no-argmap-key.yaml",
        "not-a-map.yaml",
    ],
)
def test_the_bad_map_files_of_those_classes_fail_the_schema(name):
    data = _yaml((TESTS / "maps" / "bad" / name).read_text("utf-8"))
    assert not _valid(data)
