"""pyvis's Node and Edge classes and its vis-network copy, without running pyvis/__init__.py.

`import pyvis.node` first runs pyvis/__init__.py, which imports pyvis.network, which imports
IPython: about half a second, more than a whole render of a small map. node.py and edge.py
import nothing, so we execute pyvis's own files directly (same code, same output) and skip
the package __init__. If pyvis was already imported for some other reason, its real modules
are used. tests/page/test_vis_nodes.py checks the output is identical to pyvis.node.Node's.
"""

from __future__ import annotations

import importlib.util
import sys
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=None)
def pyvis_dir() -> Path:
    """The installed pyvis package folder, located without importing pyvis."""
    spec = importlib.util.find_spec("pyvis")  # a top-level find_spec does not run __init__
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("pyvis is not installed (pip install pyvis==0.3.2)")
    return Path(list(spec.submodule_search_locations)[0])


@lru_cache(maxsize=None)
def _pyvis_module(name: str):
    loaded = sys.modules.get(f"pyvis.{name}")
    if loaded is not None:
        return loaded
    spec = importlib.util.spec_from_file_location(
        f"argmap._pyvis_{name}", pyvis_dir() / f"{name}.py"
    )
    assert spec is not None and spec.loader is not None  # a .py file path always has both
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def node_class():
    """pyvis.node.Node"""
    return _pyvis_module("node").Node


def edge_class():
    """pyvis.edge.Edge"""
    return _pyvis_module("edge").Edge
