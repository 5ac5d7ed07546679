"""Every export of small.yaml is byte for byte as its golden file says.

Regenerate the golden files after an intended change with:
    ARGMAP_REGENERATE=1 python -m pytest tests/formats/test_golden_exports.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from argmap.formats import WRITERS, export_map, read_map

GOLDEN = Path(__file__).parent.parent / "golden"
REGENERATE = "ARGMAP_REGENERATE=1 python -m pytest tests/formats/test_golden_exports.py"


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_export_matches_golden_file(maps_dir, fmt):
    text = export_map(read_map(maps_dir / "small.yaml"), fmt)
    golden = GOLDEN / f"small.{fmt}"
    if os.environ.get("ARGMAP_REGENERATE") == "1":
        golden.write_bytes(text.encode("utf-8"))
    assert golden.exists(), f"no golden file {golden.name}; run: {REGENERATE}"
    assert text.encode("utf-8") == golden.read_bytes(), (
        f"the {fmt} export differs from tests/golden/{golden.name}; "
        f"if the change is intended, run: {REGENERATE}"
    )
