"""pyvis's Node/Edge loaded without its package __init__ behave exactly like pyvis's own."""

from __future__ import annotations

import subprocess
import sys

from argmap.page.vis_nodes import edge_class, node_class, pyvis_dir


def test_node_and_edge_match_pyvis_exactly():
    code = """
import json
from argmap.page.vis_nodes import edge_class, node_class
Node, Edge = node_class(), edge_class()
a = [Node("c1", "box", "A claim", x=1.5, y=-2, widthConstraint={"maximum": 220}).options,
     Node("r1", "circle", "+", font_color="#fff").options,
     Edge("c1", "r1", False, width=2).options, Edge("r1", "c2", True).options]
import pyvis.node, pyvis.edge
b = [pyvis.node.Node("c1", "box", "A claim", x=1.5, y=-2, widthConstraint={"maximum": 220}).options,
     pyvis.node.Node("r1", "circle", "+", font_color="#fff").options,
     pyvis.edge.Edge("c1", "r1", False, width=2).options, pyvis.edge.Edge("r1", "c2", True).options]
print(json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True), json.dumps(a, sort_keys=True))
"""
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    same, dumped = out.split(" ", 1)
    assert same == "True", dumped
    assert '"arrows": "to"' in dumped and '"label": "A claim"' in dumped


def test_loaded_from_pyvis_own_files():
    assert (pyvis_dir() / "network.py").exists()
    assert node_class().__module__ in ("argmap._pyvis_node", "pyvis.node")
    assert edge_class()("a", "b").options == {"from": "a", "to": "b"}


def test_rendering_does_not_import_ipython_or_pyvis_package():
    code = (
        "import sys, argmap.page.render as r, argmap.formats.native_read as l, argmap.page.package_data as res\n"
        "r.render_page(l.load_map(res.bundled_map_path()))\n"
        "print(sorted(m for m in sys.modules if m == 'pyvis' or m.startswith(('IPython', 'pyvis.'))))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"
