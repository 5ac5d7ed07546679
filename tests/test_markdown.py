"""The Python-Markdown extension: real markdown.markdown() on fences of every kind, broken maps, superfences."""

from __future__ import annotations

import configparser
import json
import logging
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

markdown = pytest.importorskip("markdown")

from argmap.errors import MapError  # noqa: E402
from argmap.markdown import ArgmapMarkdownError  # noqa: E402

ROOT = Path(__file__).parent.parent

INLINE = """argmap: 1
title: Inline map
main: [a]
claims:
  - id: a
    text: Parks make a city healthier.
  - id: b
    text: People who live near a park walk more.
reasons:
  - {id: r, conclusion: a, premises: [b]}
"""

ARGDOWN = """[Ban]: Cities should ban cars from their centres.
  + <Clean air>: Fewer cars mean cleaner air.
"""


@pytest.fixture
def project(tmp_path, maps_dir):
    """A folder with a map file (and its source text) beside the Markdown file."""
    (tmp_path / "maps").mkdir()
    for name in ("small.yaml", "source.txt"):
        shutil.copy(maps_dir / name, tmp_path / "maps" / name)
    return tmp_path


def _convert(text: str, project: Path, **config) -> str:
    settings = {"document": str(project / "page.md"), "root_dir": str(project), **config}
    return markdown.markdown(
        text, extensions=["argmap.markdown"], extension_configs={"argmap.markdown": settings}
    )


def _page(*fences: str) -> str:
    return "# A page\n\nSome text.\n\n" + "\n\nMore text.\n\n".join(fences) + "\n"


def _fence(body: str, language: str = "argmap", options: str = "") -> str:
    return f"```{language}{' ' + options if options else ''}\n{body.rstrip()}\n```"


def _prefixes(html: str) -> list[str]:
    return re.findall(r'<div class="argmap" data-argmap data-argmap-prefix="([^"]+)"', html)


def _ids(html: str) -> list[str]:
    return re.findall(r'\sid="([^"]+)"', html)


def test_inline_file_and_argdown_fences_become_maps(project):
    html = _convert(
        _page(_fence(INLINE), _fence("file: maps/small.yaml"), _fence(ARGDOWN, "argdown")), project
    )
    assert len(_prefixes(html)) == 3
    # each map's outline is in the HTML for readers without JavaScript, its text escaped once
    for text in (
        "Parks make a city healthier.",
        "Cities should build more housing.",
        "Cities should ban cars from their centres.",
    ):
        assert re.search(r'<nav class="argmap-outline"[^>]*>.*?' + re.escape(text), html, re.S)
    assert "<h1>A page</h1>" in html and "<p>More text.</p>" in html
    assert "```" not in html  # no fence left as text


def test_the_same_map_twice_gets_two_prefixes_and_no_duplicate_ids(project):
    html = _convert(
        _page(
            _fence("file: maps/small.yaml"),
            _fence("file: maps/small.yaml"),
            _fence(INLINE, options="id-prefix=parks"),
        ),
        project,
    )
    first, second, third = _prefixes(html)
    assert second == first + "-2" and third == "parks"
    ids = _ids(html)
    assert ids and [i for i, n in Counter(ids).items() if n > 1] == []


def test_fence_options_reach_the_fragment(project):
    html = _convert(_page(_fence(INLINE, options='height=320 theme=dark id_prefix="p1"')), project)
    assert re.search(
        r'data-theme="dark"\s+data-argmap-prefix="p1" data-argmap-height="320px"', html
    )


def _colour_schemes(html: str) -> list[dict]:
    """What box colours mean in each map of the HTML (its page data's colorBy)."""
    blocks = re.findall(r'class="argmap-data">(.*?)</script>', html, re.S)
    return [json.loads(block)["colorBy"] for block in blocks]


def test_color_by_on_the_fence_or_as_the_default_chooses_box_colours(project):
    html = _convert(
        _page(_fence("file: maps/small.yaml", options="color-by=group"), _fence(INLINE)),
        project,
    )
    grouped, plain = _colour_schemes(html)
    assert grouped["by"] == "group" and grouped["legend"][0][0] == "The housing market"
    assert plain["by"] == "kind"
    html = _convert(_page(_fence("file: maps/small.yaml")), project, color_by="tag")
    assert [scheme["legend"][0][0] for scheme in _colour_schemes(html)] == ["#counter-view"]


def test_an_example_inside_another_fence_stays_text(project):
    example = "````markdown\n" + _fence("file: maps/small.yaml") + "\n````"
    html = _convert(_page(example), project)
    assert _prefixes(html) == []
    assert "file: maps/small.yaml" in html


def test_default_config_inlines_the_library_once_per_map(project):
    html = _convert(_page(_fence(INLINE)), project)
    assert html.count("ns.vis = module.exports") == 1
    shared = _convert(
        _page(_fence(INLINE), _fence(INLINE, options="id-prefix=again")),
        project,
        assets_url="static/",
    )
    assert "ns.vis = module.exports" not in shared
    assert shared.count('<script defer src="static/argmap-') == 1  # tags before the first map only


def test_file_names_resolve_against_base_dir(project):
    (project / "docs").mkdir()
    html = _convert(
        _page(_fence("file: small.yaml")),
        project,
        document=str(project / "docs" / "page.md"),
        base_dir=str(project / "maps"),
    )
    assert len(_prefixes(html)) == 1


def _error(text: str, project: Path, **config) -> ArgmapMarkdownError:
    with pytest.raises(ArgmapMarkdownError) as caught:
        _convert(text, project, **config)
    assert isinstance(caught.value, MapError)
    return caught.value


def test_broken_inline_map_points_at_the_markdown_lines(project):
    broken = INLINE.replace(
        "text: Parks make a city healthier.", "text: Parks help.\n    kind: opinon"
    )
    text = _page(_fence(broken))
    error = _error(text, project)
    lines = text.splitlines()
    fence_line = lines.index("```argmap") + 1
    kind_line = next(i for i, line in enumerate(lines, 1) if "kind: opinon" in line)
    page = str(project / "page.md")
    assert str(error).splitlines() == [
        f"{page}:{fence_line}:1: error: the argmap map in this fence cannot be rendered",
        f"{page}:{kind_line}:11: error: unknown kind 'opinon' of claim 'a' (must be one of fact, "
        "interpretation, policy, prediction, value)",
    ]


def test_broken_map_file_gives_the_fence_and_the_files_own_diagnostics(project, maps_dir):
    shutil.copy(maps_dir / "bad" / "bad-values.yaml", project / "maps" / "bad.yaml")
    error = _error(_page(_fence("file: maps/bad.yaml")), project, line_offset=10)
    first, *rest = str(error).splitlines()
    assert (
        first
        == f"{project / 'page.md'}:15:1: error: the argmap map in this fence cannot be rendered"
    )
    assert len(rest) == 5
    assert rest[0].endswith(
        "maps/bad.yaml:7:11: error: unknown kind 'opinon' of claim 'a' "
        "(must be one of fact, interpretation, policy, prediction, value)"
    )


@pytest.mark.parametrize(
    "body, options, message",
    [
        ("file: maps/missing.yaml", "", "map file 'maps/missing.yaml' not found"),
        ("file: ../outside.yaml", "", "map file '../outside.yaml' is outside"),
        (
            INLINE,
            "colour=red",
            "unknown fence option 'colour' (must be one of color-by, height, id-prefix, theme) "
            "(did you mean 'color-by'?)",
        ),
        (
            INLINE,
            "theme=drak",
            "unknown theme 'drak' (must be one of auto, dark, light) (did you mean 'dark'?)",
        ),
        (INLINE, "height=tall", "invalid height 'tall'"),
        (
            INLINE,
            "color-by=groups",
            "unknown color-by 'groups' (must be one of group, kind, tag) (did you mean 'group'?)",
        ),
        (INLINE, "id-prefix=a:b", "invalid id prefix 'a:b'"),
        (INLINE, "loose", "cannot read 'loose' on the fence line"),
    ],
)
def test_bad_fence_is_reported_at_its_line(project, body, options, message):
    (project.parent / "outside.yaml").write_text(INLINE, encoding="utf-8")
    error = _error(_page(_fence(body, options=options)), project)
    assert str(error).startswith(f"{project / 'page.md'}:5:1: error: {message}")


def test_a_fence_never_closed_is_an_error(project):
    error = _error("Text.\n\n```argmap\nargmap: 1\n", project)
    assert str(error) == (
        f"{project / 'page.md'}:3:1: error: this ```argmap fence is never closed (end it with ```)"
    )


def test_the_same_id_prefix_twice_is_an_error(project):
    error = _error(
        _page(_fence(INLINE, options="id-prefix=x"), _fence(INLINE, options="id-prefix=x")), project
    )
    assert "id-prefix 'x' is used twice in this document" in str(error)


def test_lint_warnings_are_logged_and_fail_only_when_strict(project, caplog):
    no_main = INLINE.replace("main: [a]\n", "")
    text = _page(_fence(no_main))
    with caplog.at_level(logging.WARNING, logger="argmap.markdown"):
        html = _convert(text, project)
    assert len(_prefixes(html)) == 1
    assert [r.getMessage() for r in caplog.records] == [
        f"{project / 'page.md'}:6:1: warning: the map names no main conclusion ('main: [claim-id]')"
    ]
    error = _error(text, project, strict=True)
    assert "has 1 warning(s) (strict)" in str(error).splitlines()[0]
    assert "no main conclusion" in str(error).splitlines()[1]


# ---------- superfences ----------

SUPERFENCES = {
    "custom_fences": [
        {"name": "argmap", "class": "argmap", "format": "FORMAT", "validator": "VALIDATOR"},
        {"name": "argdown", "class": "argdown", "format": "FORMAT", "validator": "VALIDATOR"},
    ]
}


def _superfences(text: str, project: Path, with_extension: bool = True) -> str:
    pytest.importorskip("pymdownx")
    from argmap.markdown import fence_format, fence_validator

    fences = [
        dict(f, format=fence_format, validator=fence_validator)
        for f in SUPERFENCES["custom_fences"]
    ]
    extensions = (["argmap.markdown"] if with_extension else []) + ["pymdownx.superfences"]
    configs = {"pymdownx.superfences": {"custom_fences": fences}}
    if with_extension:
        configs["argmap.markdown"] = {
            "document": str(project / "page.md"),
            "root_dir": str(project),
        }
    return markdown.markdown(text, extensions=extensions, extension_configs=configs)


def test_superfences_renders_nested_fences_and_ordinary_code(project):
    text = (
        '# Page\n\n- A list item with a map:\n\n    ```argmap height="300" id_prefix="nested"\n'
        + "".join("    " + line + "\n" for line in INLINE.splitlines())
        + "    ```\n\n"
        + _fence(ARGDOWN, "argdown")
        + "\n\n```python\nprint('code')\n```\n"
    )
    html = _superfences(text, project)
    assert _prefixes(html)[0] == "nested" and len(_prefixes(html)) == 2
    assert 'data-argmap-height="300px"' in html
    assert "print" in html and "highlight" in html  # other fences stay superfences' own


def test_superfences_alone_still_renders_maps(project, monkeypatch):
    monkeypatch.chdir(project)
    html = _superfences(
        "- item\n\n    ```argmap\n    file: maps/small.yaml\n    ```\n",
        project,
        with_extension=False,
    )
    assert len(_prefixes(html)) == 1


def test_broken_nested_fence_fails_with_its_location(project):
    broken = INLINE.replace("premises: [b]", "premises: [nobody]")
    text = (
        "Intro.\n\n- item\n\n    ```argmap\n"
        + "".join("    " + line + "\n" for line in broken.splitlines())
        + "    ```\n"
    )
    with pytest.raises(ArgmapMarkdownError) as caught:
        _superfences(text, project)
    first, *rest = str(caught.value).splitlines()
    assert (
        first
        == f"{project / 'page.md'}:5:5: error: the argmap map in this fence cannot be rendered"
    )
    # the body's lines counted in the page, its columns after the indentation
    assert [line for line in rest if "'nobody'" in line][0].startswith(
        f"{project / 'page.md'}:15:43: error: "
    )


# ---------- packaging ----------


def test_entry_point_and_extras_are_declared():
    setup = configparser.ConfigParser()
    setup.read(ROOT / "setup.cfg")
    points = setup["options.entry_points"]
    assert points["markdown.extensions"].strip() == "argmap = argmap.markdown:ArgmapExtension"
    assert points["mkdocs.plugins"].strip() == "argmap = argmap.mkdocs:ArgmapPlugin"
    extras = setup["options.extras_require"]
    assert "markdown" in extras["markdown"] and "mkdocs" in extras["mkdocs"]


def test_entry_point_name_works(project, entry_points_shim, monkeypatch):
    from markdown import util

    monkeypatch.syspath_prepend(str(entry_points_shim))
    util.get_installed_extensions.cache_clear()
    try:
        html = markdown.markdown(_page(_fence(INLINE)), extensions=["argmap"])
    finally:
        util.get_installed_extensions.cache_clear()
    assert len(_prefixes(html)) == 1


def test_core_imports_no_publishing_host():
    code = (
        "import sys, argmap_cli, argmap.page.render, argmap.commands.folder_site, argmap.page.assets, argmap.page.fences\n"
        "from argmap.formats import read_map\n"
        "argmap.page.render.render_fragment(read_map('maps/essay.yaml'))\n"
        "print(sorted(m for m in ('markdown', 'mkdocs', 'pymdownx') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
