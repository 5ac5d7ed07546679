"""The collector is paused while big trees are built, and a one-shot command freezes the map it keeps."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _frozen_after(setup: str, maps_dir: Path) -> list[int]:
    """gc.get_freeze_count() before and after loading a map, with `setup` run first."""
    code = (
        "import gc, sys\n"
        "from argmap import _gc\n"
        "from argmap.formats.native_read import load_map\n"
        f"{setup}\n"
        "before = gc.get_freeze_count()\n"
        f"amap = load_map({str(maps_dir / 'small.yaml')!r})\n"
        "print(before, gc.get_freeze_count(), gc.isenabled())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    return [int(n) if n.isdigit() else n for n in done.stdout.split()]


def test_a_library_call_leaves_the_collector_as_it_was(maps_dir):
    before, after, enabled = _frozen_after("", maps_dir)
    assert (after, enabled) == (before, "True")


def test_a_cli_command_freezes_the_loaded_map(maps_dir):
    before, after, enabled = _frozen_after("_gc.tune_for_command()", maps_dir)
    assert after > before and enabled == "True"


def test_a_preview_server_never_freezes_what_it_loads(maps_dir):
    # a long-lived process would also freeze the cyclic garbage of earlier rebuilds, for good
    before, after, enabled = _frozen_after("_gc.tune_for_command(); _gc.long_lived()", maps_dir)
    assert (after, enabled) == (before, "True")
