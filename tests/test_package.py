"""The package's shape: imports point down the pipeline, errors pickle, `python -m argmap` runs."""

from __future__ import annotations

import ast
import importlib
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.errors import Diagnostic, MapError, UsageError

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "argmap"

# Each module may import modules of its own layer or of a lower one (docs/architecture.md).
CORE = {
    "model",
    "errors",
    "graph",
    "quotes",
    "charset",
    "limits",
    "bounded_read",
    "source_text",
    "output_files",
    "_gc",
    "_version",
    "connections",
}
STAGES = ["drawing", "formats", "analysis", "page", "commands"]  # folders, lowest first
TOP = {"__init__", "__main__", "api", "markdown", "mkdocs", "sphinx", "pandoc", "notebook"}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    found = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}
    found["argmap_cli"] = ROOT / "argmap_cli.py"
    return found


def _imports(name: str, path: Path, modules) -> set[str]:
    """Every argmap module `name` imports, at the top or inside a function (lazy imports too)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                stem = ".".join(base + ([node.module] if node.module else []))
            else:
                stem = node.module or ""
            # `from . import lint` names a module; `from .model import Claim` names attributes
            targets = [
                f"{stem}.{alias.name}" if f"{stem}.{alias.name}" in modules else stem
                for alias in node.names
            ]
        else:
            continue
        found.update(t for t in targets if t in modules and t != name)
    return found


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(name, path, modules) for name, path in modules.items()}


def _layer(name: str) -> int:
    if name == "argmap_cli":
        return len(STAGES) + 3
    parts = name.split(".")[1:] or ["__init__"]
    if parts[0] in STAGES:
        return 1 + STAGES.index(parts[0])
    if parts[0] in CORE:
        return 0
    assert parts[0] in TOP, (
        f"{name}: place it in a layer (tests/test_package.py, docs/architecture.md)"
    )
    return len(STAGES) + 1 + 3 * (parts[0] == "__main__")  # __main__ runs argmap_cli


def test_every_module_imports():
    for name in _modules():
        importlib.import_module(name)


def test_imports_point_down_the_layers():
    upward = [
        f"{name} imports {target}"
        for name, targets in _graph().items()
        for target in sorted(targets)
        if _layer(target) > _layer(name)
    ]
    assert upward == []


def test_no_import_cycle():
    graph = _graph()
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    for start in sorted(graph):
        if state.get(start):
            continue
        path, stack = [start], [iter(sorted(graph[start]))]
        state[start] = 1
        while stack:
            target = next(stack[-1], None)
            if target is None:
                state[path.pop()] = 2
                stack.pop()
            elif state.get(target) == 1:
                cycle = path[path.index(target) :] + [target]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            elif not state.get(target):
                state[target] = 1
                path.append(target)
                stack.append(iter(sorted(graph[target])))


def test_the_library_never_imports_click_and_the_cli_builds_no_html():
    for name, path in _modules().items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {
            alias.name.split(".")[0]
            for node in ast.walk(tree)
            if isinstance(node, ast.Import)
            for alias in node.names
        }
        imported |= {
            (node.module or "").split(".")[0]
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and not node.level
        }
        if name == "argmap_cli":
            assert not imported & {"jinja2", "markupsafe", "html", "xml"}, name
        else:
            assert "click" not in imported, name


def test_the_model_shows_in_jupyter_without_importing_the_page():
    code = (
        "import sys, argmap.formats.native_read as r\n"
        "m = r.parse_map('argmap: 1\\ntitle: T\\nmain: [a]\\nclaims:\\n  - id: a\\n"
        "    text: A.\\n', 'm.yaml')\n"
        "assert not any(n.startswith('argmap.page') for n in sys.modules), 'page loaded'\n"
        "print(m._repr_html_()[:15])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert done.stdout == "<iframe srcdoc=\n"


def test_python_m_argmap_is_the_argmap_command():
    from argmap import __version__

    done = subprocess.run(
        [sys.executable, "-m", "argmap", "--version"], capture_output=True, text=True, cwd=ROOT
    )
    assert (done.returncode, done.stdout) == (0, f"argmap, version {__version__}\n")


def test_map_error_survives_pickling():
    error = MapError(
        [
            Diagnostic("unknown kind 'opinon'", "m.yaml", 3, 9),
            Diagnostic("claim 'x' is not connected", "m.yaml", 5, 3, "warning", "unconnected"),
        ]
    )
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is MapError
    assert copy.diagnostics == error.diagnostics
    assert (
        str(copy)
        == str(error)
        == (
            "m.yaml:3:9: error: unknown kind 'opinon'\n"
            "m.yaml:5:3: warning: claim 'x' is not connected"
        )
    )


def test_usage_error_survives_pickling():
    error = UsageError("unknown theme 'blue' (must be one of auto, dark, light)")
    copy = pickle.loads(pickle.dumps(error))
    assert (type(copy), str(copy), copy.exit_code) == (UsageError, str(error), 2)


def _modules_after_cli(args: list[str]) -> set[str]:
    """The modules loaded once the CLI has run `args` in a fresh interpreter."""
    code = (
        "import sys, argmap_cli\n"
        f"try:\n    argmap_cli.main({args!r})\n"
        "except SystemExit as done:\n    assert not done.code, done.code\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    return set(done.stdout.split())


@pytest.mark.parametrize(
    "command",
    [
        ["render", "{map}", "-o", "{out}/page.html", "-q"],
        ["check", "{map}", "-q"],
        ["export", "{map}", "--to", "svg", "-o", "{out}/map.svg"],
        ["analyse", "{map}"],
    ],
    ids=["render", "check", "export-svg", "analyse"],
)
def test_commands_do_not_import_networkx(tmp_path, maps_dir, command):
    # importing networkx cost more than rendering a small map; only the GraphML export needs it
    args = [a.format(map=maps_dir / "small.yaml", out=tmp_path) for a in command]
    loaded = _modules_after_cli(args)
    assert "argmap.graph" in loaded or command[0] == "check"
    assert not {m for m in loaded if m == "networkx" or m.startswith("networkx.")}


def test_check_does_not_load_the_renderer_or_the_layout(maps_dir):
    loaded = _modules_after_cli(["check", str(maps_dir / "small.yaml"), "-q"])
    # (argmap.drawing.colour_by and style are constants: the CLI's --color-by choices)
    heavy = ("argmap.page.render", "argmap.drawing.layout", "argmap.graph", "jinja2")
    assert not {m for m in loaded if m.startswith(heavy)}


def test_graphml_export_still_uses_networkx(tmp_path, maps_dir):
    out = tmp_path / "map.graphml"
    loaded = _modules_after_cli(
        ["export", str(maps_dir / "small.yaml"), "--to", "graphml", "-o", str(out)]
    )
    assert "networkx" in loaded
    assert out.read_text(encoding="utf-8").startswith("<?xml")
