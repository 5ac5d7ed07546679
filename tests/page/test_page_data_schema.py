"""The page-data contract between Python and viewer.js, written as a JSON Schema, holds for every page we render."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from argmap.formats import read_map
from argmap.page.package_data import bundled_map_path
from argmap.page.render import page_data, render_fragment, render_page

HERE = Path(__file__).parent.parent
SCHEMA_PATH = Path(__file__).parent.parent.parent / "argmap" / "page" / "page_data.schema.json"
DATA = re.compile(r'<script type="application/json" class="argmap-data">(.*?)</script>', re.S)
MAPS = [
    *sorted((HERE / "maps").glob("*.yaml")),
    bundled_map_path(),
    HERE / "maps" / "argdown" / "small.argdown",
    HERE / "maps" / "aif" / "undercut.json",
    HERE / "corpus" / "aif" / "nodeset10.json",
    HERE / "corpus" / "argdown" / "legalisation-softdrugs.argdown",
]


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text("utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def _problems(validator, data) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}"
        for e in validator.iter_errors(data)
    ]


@pytest.mark.parametrize("path", MAPS, ids=lambda p: p.name)
def test_every_page_holds_page_data_the_schema_accepts(validator, path):
    amap = read_map(path)
    for html in (render_page(amap), render_fragment(amap)):
        (raw,) = DATA.findall(html)
        assert _problems(validator, json.loads(raw)) == []


def test_a_big_folded_map_matches_too(validator):
    """Above FOLD_ABOVE_CLAIMS the page data gains drawing options and a compact first layout."""
    from argmap.formats.native_read import parse_map
    from argmap.page.folding import FOLD_ABOVE_CLAIMS

    claims = [
        {"id": f"c{i}", "text": f"Claim number {i} holds."} for i in range(FOLD_ABOVE_CLAIMS + 1)
    ]
    reasons = [
        {
            "id": f"r{i}",
            "conclusion": f"c{(i - 1) // 3}",
            "premises": [f"c{i}"],
            "type": "objection" if i % 7 == 0 else "support",
        }
        for i in range(1, len(claims))
    ]
    amap = parse_map(
        json.dumps(
            {"argmap": 1, "title": "Big", "main": ["c0"], "claims": claims, "reasons": reasons}
        )
    )
    data = page_data(amap)
    assert data["fold"]["folded"] and "start" in data["fold"] and "options" in data["vis"]
    assert _problems(validator, data) == []


def test_the_schema_catches_a_broken_contract(validator):
    data = page_data(read_map(HERE / "maps" / "small.yaml"))
    assert _problems(validator, data) == []
    # a key the schema does not know, a claim with its text (the outline carries it), a reason
    # row without premises, a node row with a fraction of a pixel, a folded list not a list
    data["surprise"] = True
    data["claims"][0]["text"] = "Sent twice."
    data["reasons"][0] = data["reasons"][0][:2]
    data["vis"]["nodes"][0][1] = 0.5
    data["fold"]["folded"] = "r1"
    problems = _problems(validator, data)
    assert any("surprise" in p for p in problems)
    assert any(p.startswith("claims/0") and "'text'" in p for p in problems)
    assert any(p.startswith("reasons/0") for p in problems)
    assert any(p.startswith("vis/nodes/0/1") for p in problems)
    assert any(p.startswith("fold/folded") for p in problems)


def test_the_schema_ships_with_the_package():
    from importlib.resources import files

    shipped = files("argmap.page").joinpath("page_data.schema.json").read_text("utf-8")
    assert json.loads(shipped)["title"] == "argmap page data"
