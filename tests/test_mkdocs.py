"""The MkDocs plugin: real `mkdocs build` of small projects (default theme and Material), opened in Chromium."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("mkdocs")

from argmap.page.assets import shared_assets  # noqa: E402

ROOT = Path(__file__).parent.parent

INLINE = """argmap: 1
title: Parks
main: [parks]
claims:
  - id: parks
    text: Parks make a city healthier.
  - id: walking
    text: People who live near a park walk more.
reasons:
  - {id: r, conclusion: parks, premises: [walking]}
"""

ARGDOWN = """[Ban]: Cities should ban cars from their centres. {main: true}
  + <Clean air>: Fewer cars mean cleaner air.
"""

THEMES = {
    # highlight.js and Google fonts load from CDNs by default: a site must load nothing from outside
    "mkdocs": "theme:\n  name: mkdocs\n  highlightjs: false\n",
    "material": (
        "theme:\n  name: material\n  font: false\nmarkdown_extensions:\n  - pymdownx.superfences\n"
    ),
}


def _indented(text: str, by: str = "    ") -> str:
    return "".join(by + line + "\n" for line in text.splitlines())


def _maps_page(theme: str, inline: str = INLINE) -> str:
    page = (
        "---\ntitle: Maps\n---\n\n# Maps\n\nAn inline map:\n\n"
        f"```argmap id-prefix=inline\n{inline}```\n\n"
        "A map from a file:\n\n```argmap\nfile: ../../maps/small.yaml\n```\n\n"
    )
    if theme == "material":  # nested in a list: superfences' custom fence renders it
        return page + "- And an Argdown map:\n\n    ```argdown\n" + _indented(ARGDOWN) + "    ```\n"
    return page + f"And an Argdown map:\n\n```argdown\n{ARGDOWN}```\n"


def _project(folder: Path, maps_dir: Path, theme: str, inline: str = INLINE) -> Path:
    (folder / "docs" / "guide").mkdir(parents=True)
    (folder / "maps").mkdir()
    for name in ("small.yaml", "source.txt"):
        shutil.copy(maps_dir / name, folder / "maps" / name)
    (folder / "mkdocs.yml").write_text(
        "site_name: Test site\n" + THEMES[theme] + "plugins:\n  - search\n  - argmap\n"
        "nav:\n  - Home: index.md\n  - Maps: guide/maps.md\n",
        encoding="utf-8",
    )
    (folder / "docs" / "index.md").write_text("# Home\n\nNo map here.\n", encoding="utf-8")
    (folder / "docs" / "guide" / "maps.md").write_text(_maps_page(theme, inline), encoding="utf-8")
    return folder


def _mkdocs(project: Path, shim: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(
        os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), str(shim)]), NO_MKDOCS_2_WARNING="1"
    )
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.browser
@pytest.mark.parametrize("theme", sorted(THEMES))
def test_site_pages_show_every_map(
    theme, browser, maps_dir, tmp_path, entry_points_shim, serve_folder
):
    if theme == "material":
        pytest.importorskip("material")
        pytest.importorskip("pymdownx")
    project = _project(tmp_path / "project", maps_dir, theme)
    result = _mkdocs(project, entry_points_shim, "--strict")
    assert result.returncode == 0, result.stderr
    site = project / "site"
    assets = shared_assets()
    assert sorted(p.name for p in (site / "_argmap").iterdir()) == sorted([assets.js, assets.css])
    page_html = (site / "guide" / "maps" / "index.html").read_text("utf-8")
    assert page_html.count(f'<script defer src="../../_argmap/{assets.js}"></script>') == 1
    assert "ns.vis = module.exports" not in page_html  # the library is not inlined
    assert "_argmap" not in (site / "index.html").read_text("utf-8")  # no map, no tags
    # the outline is in the HTML for readers without JavaScript
    assert page_html.count('<nav class="argmap-outline"') == 3
    for text in (
        "People who live near a park walk more.",
        "Zoning rules forbid apartments",
        "Fewer cars mean cleaner air.",
    ):
        assert text in page_html
    # the search index holds the maps' text, not their page data
    index = (site / "search" / "search_index.json").read_text("utf-8")
    assert "People who live near a park walk more." in index
    assert "widthConstraint" not in index and "widthConstraint" in page_html

    base = serve_folder(site)
    for link, selected in (
        ("#zoning", [None, "zoning", None]),
        ("#inline:walking", ["walking", None, None]),
    ):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        requests, errors = [], []
        page.on("request", lambda r, seen=requests: seen.append(r.url))
        page.on("console", lambda m, seen=errors: m.type == "error" and seen.append(m.text))
        page.on("pageerror", lambda e, seen=errors: seen.append(str(e)))
        page.goto(base + "guide/maps/" + link)
        page.wait_for_function(
            "document.querySelectorAll('.argmap[data-argmap-ready=\"1\"]').length === 3",
            timeout=30000,
        )
        assert page.evaluate("window.argmap.views.map(v => v.selected)") == selected
        assert errors == []
        assert [u for u in requests if not u.startswith(base)] == []
        assert sum(u.endswith(assets.js) for u in requests) == 1
        assert sum(u.endswith(".js") and "argmap" in u for u in requests) == 1
        context.close()


def test_color_by_setting_is_every_maps_default(maps_dir, tmp_path, entry_points_shim):
    project = _project(tmp_path / "project", maps_dir, "mkdocs")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8").replace("  - argmap\n", "  - argmap:\n      color_by: group\n"),
        encoding="utf-8",
    )
    result = _mkdocs(project, entry_points_shim, "--strict")
    assert result.returncode == 0, result.stderr
    html = (project / "site" / "guide" / "maps" / "index.html").read_text("utf-8")
    schemes = [
        json.loads(block)["colorBy"]
        for block in re.findall(r'class="argmap-data">(.*?)</script>', html, re.S)
    ]
    assert [scheme["by"] for scheme in schemes] == ["group"] * 3
    assert schemes[1]["legend"][0][0] == "The housing market"
    config.write_text(
        config.read_text("utf-8").replace("color_by: group", "color_by: colour"), encoding="utf-8"
    )
    result = _mkdocs(project, entry_points_shim)
    assert result.returncode != 0
    assert "color_by" in result.stderr and "'kind', 'group', 'tag'" in result.stderr


def test_broken_map_fails_the_build_with_its_location(maps_dir, tmp_path, entry_points_shim):
    broken = INLINE.replace("premises: [walking]", "premises: [running]")
    project = _project(tmp_path / "project", maps_dir, "mkdocs", inline=broken)
    result = _mkdocs(project, entry_points_shim)
    assert result.returncode == 1
    lines = _maps_page("mkdocs", broken).splitlines()
    fence = lines.index("```argmap id-prefix=inline") + 1
    premises = next(i for i, line in enumerate(lines, 1) if "[running]" in line)
    assert (
        f"docs/guide/maps.md:{fence}:1: error: the argmap map in this fence cannot be rendered"
        in result.stderr
    )
    assert re.search(
        rf"docs/guide/maps\.md:{premises}:\d+: error: reason 'r' has unknown "
        r"premise 'running'",
        result.stderr,
    )
    assert "Traceback" not in result.stderr


def test_strict_setting_fails_on_lint_warnings(maps_dir, tmp_path, entry_points_shim):
    project = _project(
        tmp_path / "project", maps_dir, "mkdocs", inline=INLINE.replace("main: [parks]\n", "")
    )
    assert _mkdocs(project, entry_points_shim).returncode == 0  # a warning, logged
    assert "the map names no main conclusion" in _mkdocs(project, entry_points_shim).stderr
    assert _mkdocs(project, entry_points_shim, "--strict").returncode == 1
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8").replace("  - argmap\n", "  - argmap:\n      strict: true\n"),
        encoding="utf-8",
    )
    result = _mkdocs(project, entry_points_shim)
    assert result.returncode == 1 and "warning(s) (strict)" in result.stderr


def test_serve_watches_the_map_files_and_their_source_texts(
    maps_dir, tmp_path, entry_points_shim, monkeypatch
):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.livereload import LiveReloadServer

    project = _project(tmp_path / "project", maps_dir, "mkdocs")
    monkeypatch.syspath_prepend(str(entry_points_shim))
    monkeypatch.chdir(project)
    config = load_config(str(project / "mkdocs.yml"))
    build(config)
    server = LiveReloadServer(
        builder=lambda: None, host="127.0.0.1", port=0, root=str(project / "site")
    )
    try:
        config.plugins["argmap"].on_serve(server, config=config, builder=lambda: None)
        watched = set(server._watched_paths)
    finally:
        server.server_close()
    assert {str((project / "maps" / n).resolve()) for n in ("small.yaml", "source.txt")} <= watched


def test_the_projects_own_docs_build_strict(tmp_path, entry_points_shim):
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env=dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), str(entry_points_shim)])),
    )
    assert result.returncode == 0, result.stderr
    essay = (tmp_path / "site" / "essay-map" / "index.html").read_text("utf-8")
    assert 'data-argmap-prefix="essay"' in essay
    assert f'src="../_argmap/{shared_assets().js}"' in essay
