"""docs/format.md stays true: its complete example is a real map that checks clean."""

from __future__ import annotations

import re
from pathlib import Path

from argmap.formats.native_read import load_map

ROOT = Path(__file__).parent.parent.parent


def test_complete_example_in_format_doc_is_the_tested_small_map(maps_dir):
    doc = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    example = re.search(r"```yaml\n(.*?)```", doc, re.S).group(1)
    small = (maps_dir / "small.yaml").read_text(encoding="utf-8")
    assert small.split("\n", 1)[1] == example
    assert load_map(maps_dir / "small.yaml").warnings == []


def test_every_claim_and_reason_key_is_documented():
    from argmap.formats.native_read import CLAIM_FIELDS, REASON_FIELDS, SOURCE_FIELDS, TOP_FIELDS

    doc = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    for fields in (TOP_FIELDS, SOURCE_FIELDS, CLAIM_FIELDS, REASON_FIELDS):
        for key in fields:
            assert f"| `{key}` |" in doc, key
