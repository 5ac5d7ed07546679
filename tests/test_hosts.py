"""Sphinx, Pandoc and Jupyter: real builds by the real tools, their pages opened in Chromium."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import urllib.request
import zipfile
from pathlib import Path

import pytest

from argmap.page.assets import shared_assets
from conftest import SiteReader

ROOT = Path(__file__).parent.parent
MAPS = Path(__file__).parent / "maps"

INLINE_MAP = """\
argmap: 1
title: Inline map
main: [a]
claims:
  - id: a
    text: Claim A holds.
  - id: b
    text: Claim B supports A.
reasons:
  - id: r
    conclusion: a
    premises: [b]
"""
BROKEN_MAP = """\
argmap: 1
title: Broken
main: [a]
claims:
  - id: a
    text: A.
    kind: opinon
"""
ARGDOWN = """\
[Ban]: Cities should ban cars from their centres. {main: true}
  + <Clean air>: Fewer cars mean cleaner air.
  - [Trade]: Shops in the centre would lose customers.
"""


def _env() -> dict:
    """The environment for tools that run our code (sphinx-build, pandoc's filter, a kernel):
    this checkout first, whatever else is installed."""
    path = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)
    return {**os.environ, "PYTHONPATH": path}


def _unavailable(message: str):
    """Skip on a developer's machine; fail in CI, which installs every tool (.ci/run)."""
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def _needs_tool(program: str, install: str) -> None:
    if shutil.which(program) is None:
        _unavailable(f"{program} not installed ({install})")


def _needs_module(name: str):
    try:
        return __import__(name)
    except ImportError:
        _unavailable(f"{name} not installed (pip install -e '.[test]')")


def _copy_maps(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("small.yaml", "source.txt", "objection-cycle.yaml"):
        shutil.copy(MAPS / name, folder / name)
    (folder / "debate.argdown").write_text(ARGDOWN, encoding="utf-8")


def check_page(
    browser,
    base: str,
    page_name: str,
    link: str,
    *,
    selected: list,
    prefixes: list[str],
    library_fetches: int,
):
    """Every map ready, nothing fetched from outside the site, no console error, the library
    fetched `library_fetches` times, the deep link `link` selecting `selected` (one entry per
    map), and each map's outline in the HTML for readers without JavaScript."""
    reader = SiteReader(browser)
    try:
        page = reader.open(f"{base}{page_name}#{link}", maps=len(selected))
        assert reader.errors == [], reader.errors
        outside = [url for url in reader.requests if not url.startswith(base)]
        assert outside == [], f"requests outside the built site: {outside}"
        assert reader.fetched(shared_assets().js) == library_fetches
        scripts = [url for url in reader.requests if re.search(r"argmap-\w+\.js", url)]
        assert len(scripts) == library_fetches
        assert page.evaluate("window.argmap.views.map(v => v.selected)") == selected
        assert page.evaluate("window.argmap.views.map(v => v.prefix)") == prefixes
        with urllib.request.urlopen(base + page_name) as response:  # what a no-JS reader gets
            html = response.read().decode("utf-8")
        for prefix in prefixes:
            assert re.search(
                rf'<nav [^>]*class="argmap-outline"[^>]*>\s*<h2>Outline</h2>\s*'
                rf'<ul class="argmap-o-root">\s*<li[^>]*>\s*'
                rf'<span id="argmap-{prefix}-o-',
                html,
            ), prefix
        ids = page.evaluate("[...document.querySelectorAll('[id]')].map(e => e.id)")
        assert len(ids) == len(set(ids)), "duplicate element ids"
    finally:
        reader.close()


# ====================================================================== Sphinx

SPHINX_INDEX = """\
Maps
====

.. toctree::

   myst

Two maps from files and one in Argdown, on one page.

.. argmap:: maps/small.yaml
   :id-prefix: housing
   :height: 320

Between the maps.

.. argmap:: /maps/objection-cycle.yaml
   :theme: light

.. argmap:: maps/debate.argdown
   :format: argdown
"""
SPHINX_MYST = """\
# The same in MyST

```{argmap} maps/small.yaml
:id-prefix: housing
```

```{argmap} maps/debate.argdown
:height: 300
```
"""


def _sphinx_project(folder: Path, conf: str = "") -> Path:
    _copy_maps(folder / "maps")
    (folder / "conf.py").write_text(
        f'project = "Maps"\nextensions = ["argmap.sphinx", "myst_parser"]\n{conf}', encoding="utf-8"
    )
    (folder / "index.rst").write_text(SPHINX_INDEX, encoding="utf-8")
    (folder / "myst.md").write_text(SPHINX_MYST, encoding="utf-8")
    return folder


def _sphinx(
    folder: Path, builder: str, *extra: str, strict: bool = True, out: str = ""
) -> subprocess.CompletedProcess:
    """sphinx-build in `folder` into _build/`out` (default: the builder's name); `strict`:
    with -W, a warning fails the build."""
    _needs_module("sphinx")
    _needs_module("myst_parser")
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            *(["-W"] if strict else []),
            "-q",
            "-b",
            builder,
            *extra,
            ".",
            f"_build/{out or builder}",
        ],
        cwd=folder,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )


def _prefix_of(path: Path, occurrence: int = 1) -> str:
    from argmap.formats import read_map
    from argmap.page.fragment_options import default_id_prefix

    return default_id_prefix(read_map(path), occurrence)


@pytest.mark.browser
def test_sphinx_html_pages_show_every_map_and_load_the_library_once(
    browser, tmp_path, serve_folder
):
    project = _sphinx_project(tmp_path / "docs")
    result = _sphinx(project, "html")
    assert result.returncode == 0 and result.stderr == "", result.stderr  # -W: no warning at all
    site = project / "_build" / "html"
    assets = shared_assets()
    assert sorted(p.name for p in (site / "_static").glob("argmap-*")) == sorted(
        [assets.css, assets.js]
    )
    # only pages with a map load the files
    assert assets.js not in (site / "genindex.html").read_text("utf-8")
    base = serve_folder(site)
    cycle = _prefix_of(project / "maps" / "objection-cycle.yaml")
    debate = _prefix_of(project / "maps" / "debate.argdown")
    check_page(
        browser,
        base,
        "index.html",
        "housing:zoning",
        selected=["zoning", None, None],
        prefixes=["housing", cycle, debate],
        library_fetches=1,
    )
    check_page(
        browser,
        base,
        "index.html",
        f"{cycle}:b",
        selected=[None, "b", None],
        prefixes=["housing", cycle, debate],
        library_fetches=1,
    )
    # the MyST form is the same directive
    check_page(
        browser,
        base,
        "myst.html",
        "housing:transit",
        selected=["transit", None],
        prefixes=["housing", debate],
        library_fetches=1,
    )
    index = (site / "index.html").read_text("utf-8")
    assert 'data-argmap-height="320px"' in index and 'data-theme="light"' in index


def test_sphinx_broken_map_fails_the_build_with_both_locations(tmp_path):
    project = _sphinx_project(tmp_path / "docs")
    (project / "maps" / "broken.yaml").write_text(BROKEN_MAP, encoding="utf-8")
    (project / "index.rst").write_text(
        SPHINX_INDEX + "\n.. argmap:: maps/broken.yaml\n", encoding="utf-8"
    )
    result = _sphinx(project, "html")
    assert result.returncode != 0
    line = SPHINX_INDEX.count("\n") + 2
    assert f"index.rst:{line}: WARNING: cannot render the map 'maps/broken.yaml':" in result.stderr
    assert (
        "maps/broken.yaml:7:11: error: unknown kind 'opinon' of claim 'a' (must be one of "
        "fact, interpretation, policy, prediction, value)"
    ) in result.stderr
    assert "Traceback" not in result.stderr
    # the MyST form reports the same, at its own line
    (project / "index.rst").write_text(SPHINX_INDEX, encoding="utf-8")
    (project / "myst.md").write_text(
        SPHINX_MYST + "\n```{argmap} maps/broken.yaml\n```\n", encoding="utf-8"
    )
    result = _sphinx(project, "html")
    assert result.returncode != 0
    line = SPHINX_MYST.count("\n") + 2
    assert f"myst.md:{line}: WARNING: cannot render the map 'maps/broken.yaml':" in result.stderr
    assert "maps/broken.yaml:7:11: error: unknown kind 'opinon'" in result.stderr


@pytest.mark.parametrize(
    "directive, message",
    [
        (".. argmap:: maps/missing.yaml", "maps/missing.yaml:1:1: error: cannot read file"),
        (".. argmap:: ../outside.yaml", "the map file is outside the source folder"),
        (".. argmap:: maps/small.yaml\n   :theme: purple", "unknown theme 'purple'"),
        (".. argmap:: maps/small.yaml\n   :format: docx", "unknown input format 'docx'"),
        (".. argmap:: maps/small.yaml\n   :height: tall", "invalid height 'tall'"),
        (
            ".. argmap:: maps/small.yaml\n   :color-by: colour",
            "unknown color-by 'colour' (must be one of group, kind, tag)",
        ),
        (
            ".. argmap:: maps/small.yaml\n   :id-prefix: housing",
            "id-prefix 'housing' is used twice",
        ),
    ],
)
def test_sphinx_bad_directives_are_warnings_at_the_directive(tmp_path, directive, message):
    project = _sphinx_project(tmp_path / "docs")
    (tmp_path / "outside.yaml").write_text(INLINE_MAP, encoding="utf-8")
    (project / "index.rst").write_text(SPHINX_INDEX + f"\n{directive}\n", encoding="utf-8")
    result = _sphinx(project, "html")
    assert result.returncode != 0
    assert (
        f"index.rst:{SPHINX_INDEX.count(chr(10)) + 2}: WARNING: cannot render the map"
        in result.stderr
    )
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def _colour_schemes(html: str) -> list[dict]:
    """What box colours mean in each map of the HTML (its page data's colorBy)."""
    blocks = re.findall(r'class="argmap-data">(.*?)</script>', html, re.S)
    return [json.loads(block)["colorBy"] for block in blocks]


def test_sphinx_color_by_option_and_its_conf_default(tmp_path):
    project = _sphinx_project(tmp_path / "docs", conf='argmap_color_by = "tag"\n')
    (project / "index.rst").write_text(
        "Maps\n====\n\n.. toctree::\n\n   myst\n\n"
        ".. argmap:: maps/small.yaml\n   :color-by: group\n\n"
        ".. argmap:: maps/small.yaml\n",
        encoding="utf-8",
    )
    result = _sphinx(project, "html")
    assert result.returncode == 0 and result.stderr == "", result.stderr
    html = (project / "_build" / "html" / "index.html").read_text("utf-8")
    grouped, tagged = _colour_schemes(html)
    assert grouped["by"] == "group" and grouped["legend"][0][0] == "The housing market"
    assert tagged["by"] == "tag" and tagged["legend"][0][0] == "#counter-view"


def test_sphinx_rebuilds_a_page_when_its_map_changes(tmp_path):
    project = _sphinx_project(tmp_path / "docs")
    assert _sphinx(project, "html").returncode == 0
    small = project / "maps" / "small.yaml"
    small.write_text(
        small.read_text("utf-8").replace(
            "title: Cities should build more housing", "title: A changed title"
        ),
        "utf-8",
    )
    result = _sphinx(project, "html")  # incremental: no -E
    assert result.returncode == 0, result.stderr
    assert "A changed title" in (project / "_build" / "html" / "index.html").read_text("utf-8")
    assert "A changed title" in (project / "_build" / "html" / "myst.html").read_text("utf-8")


def test_sphinx_latex_includes_each_map_as_a_pdf(tmp_path):
    _needs_tool("rsvg-convert", "apt-get install librsvg2-bin")
    project = _sphinx_project(tmp_path / "docs")
    result = _sphinx(project, "latex")
    assert result.returncode == 0 and result.stderr == "", result.stderr
    out = project / "_build" / "latex"
    tex = (out / "maps.tex").read_text("utf-8")
    names = re.findall(r"\\sphinxincludegraphics\{(argmap-[0-9a-f]{12}\.pdf)\}", tex)
    assert len(names) == 5 and len(set(names)) == 3  # the same map is one file
    for name in set(names):
        assert (out / name).read_bytes().startswith(b"%PDF")
    first = {name: (out / name).read_bytes() for name in set(names)}
    shutil.rmtree(out)
    assert _sphinx(project, "latex").returncode == 0
    assert {name: (out / name).read_bytes() for name in set(names)} == first  # deterministic


def test_sphinx_latex_without_converter_warns_and_writes_the_outline(tmp_path):
    project = _sphinx_project(tmp_path / "docs", 'argmap_rsvg_convert = "no-such-converter"\n')
    result = _sphinx(project, "latex")
    assert result.returncode != 0
    assert (
        "cannot convert the map 'Cities should build more housing' to PDF with "
        "'no-such-converter'" in result.stderr
    )
    assert "librsvg2-bin" in result.stderr
    lenient = _sphinx(project, "latex", strict=False, out="lenient")
    assert lenient.returncode == 0, lenient.stderr
    tex = (project / "_build" / "lenient" / "maps.tex").read_text("utf-8")
    assert "Zoning rules forbid apartments on most residential land." in tex
    assert "sphinxincludegraphics" not in tex
    assert 2 < _itemize_depth(tex) <= LATEX_LISTS  # nested, within what LaTeX compiles


def test_sphinx_text_builder_writes_the_outline(tmp_path):
    project = _sphinx_project(tmp_path / "docs")
    result = _sphinx(project, "text")
    assert result.returncode == 0, result.stderr
    text = (project / "_build" / "text" / "index.txt").read_text("utf-8")
    assert "**Cities should build more housing**" in text
    assert re.search(
        r"\* Cities should build more housing\.\n\n\s+\* \*Because \(affordability\), "
        r"together:\*\n\n\s+\* Rents have doubled",
        text,
    ), text[:2000]
    assert "(implicit: added by the map-maker)" in text


LATEX_LISTS = 4  # LaTeX stops at five nested itemize lists ("Too deeply nested")


def _itemize_depth(tex: str) -> int:
    depth = deepest = 0
    for end in re.findall(r"\\(begin|end)\{itemize\}", tex):
        depth += 1 if end == "begin" else -1
        deepest = max(deepest, depth)
    return deepest


def test_sphinx_writes_a_deep_chain_in_every_builder(browser, tmp_path, serve_folder):
    """A 1,000-claim chain: nested whole, its outline ended the build (RecursionError in
    docutils), and Sphinx's text writer failed 35 items deep. Each builder nests it as deep
    as it can and continues the rest in lists of their own, linked both ways."""
    from test_deep_maps import support_chain

    project = _sphinx_project(tmp_path / "docs", 'argmap_rsvg_convert = "no-such-converter"\n')
    data = support_chain(1_000)
    (project / "maps" / "deep.json").write_text(json.dumps(data), encoding="utf-8")
    (project / "index.rst").write_text("Deep\n====\n\n.. argmap:: maps/deep.json\n", "utf-8")
    (project / "myst.md").unlink()
    last = data["claims"][-1]["text"]

    result = _sphinx(project, "html")
    assert result.returncode == 0 and result.stderr == "", result.stderr
    site = project / "_build" / "html"
    reader = SiteReader(browser)
    try:
        page = reader.open(serve_folder(site) + "index.html", maps=1)
        assert reader.errors == []
        assert page.evaluate("window.argmap.views[0].data.claims.length") == 1_000
    finally:
        reader.close()

    result = _sphinx(project, "text")
    assert result.returncode == 0, result.stderr
    text = (project / "_build" / "text" / "index.txt").read_text("utf-8")
    assert " ".join(text.split()).count("(its reasons continue below)") >= 1_000 // 16 - 1
    assert last in " ".join(text.split())
    assert max(len(line) - len(line.lstrip()) for line in text.splitlines()) <= 40

    lenient = _sphinx(project, "latex", strict=False)  # no converter: the outline instead
    assert lenient.returncode == 0, lenient.stderr
    tex = (project / "_build" / "latex" / "maps.tex").read_text("utf-8")
    assert _itemize_depth(tex) <= LATEX_LISTS
    links = set(re.findall(r"\\hyperref\[\\detokenize\{([^}]*)\}\]", tex))
    targets = set(re.findall(r"\\label\{\\detokenize\{([^}]*)\}\}", tex))
    assert len(links) > 1_000 // 2 and links <= targets  # both ways, every link to a target
    assert last in tex


# ====================================================================== Pandoc


def _inline_argdown_prefix() -> str:
    from argmap.formats.argdown_read import argdown_to_map
    from argmap.formats.argdown_syntax import parse_argdown
    from argmap.page.fragment_options import default_id_prefix

    return default_id_prefix(argdown_to_map(parse_argdown(ARGDOWN, "article.md")))


PANDOC_DOC = f"""\
---
title: An article
---

# Maps in an article

An inline map:

```{{.argmap #rent height=300}}
{INLINE_MAP}```

- A list item holding a map from a file:

  ```{{.argmap id-prefix=housing}}
  file: maps/small.yaml
  ```

And one in Argdown:

```argdown
{ARGDOWN}```

A plain code block stays:

```python
print("argmap")
```
"""


@pytest.fixture
def pandoc(tmp_path):
    """pandoc(*args, cwd=...) running real pandoc with our filter (this checkout's code)."""
    _needs_tool("pandoc", "apt-get install pandoc")
    # the console script of this checkout (an editable install may point at another one)
    wrapper = tmp_path / "bin" / "argmap-pandoc"
    wrapper.parent.mkdir()
    wrapper.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m argmap.pandoc "$@"\n', "utf-8")
    wrapper.chmod(0o755)

    def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
        return subprocess.run(
            ["pandoc", *args, "--filter", str(wrapper)],
            cwd=cwd,
            env=_env(),
            capture_output=True,
            timeout=300,
        )

    return _run


def _pandoc_project(folder: Path, text: str = PANDOC_DOC) -> Path:
    _copy_maps(folder / "maps")
    (folder / "article.md").write_text(text, encoding="utf-8")
    return folder


@pytest.mark.browser
def test_pandoc_standalone_html_works_alone(browser, pandoc, tmp_path, serve_folder):
    project = _pandoc_project(tmp_path / "doc")
    (project / "site").mkdir()
    result = pandoc("article.md", "-s", "-o", "site/article.html", cwd=project)
    assert result.returncode == 0, result.stderr.decode()
    site = project / "site"
    html = (site / "article.html").read_text("utf-8")
    assert html.count("ns.vis = module.exports") == 1  # the library inlined once for 3 maps
    assert 'class="sourceCode python"' in html  # other code blocks are left alone
    assert sorted(p.name for p in site.iterdir()) == ["article.html"]  # nothing else needed
    prefixes = ["rent", "housing", _inline_argdown_prefix()]
    check_page(
        browser,
        serve_folder(site),
        "article.html",
        "rent:b",
        selected=["b", None, None],
        prefixes=prefixes,
        library_fetches=0,
    )
    # and opened from disk
    reader = SiteReader(browser)
    page = reader.open((site / "article.html").as_uri() + "#housing:zoning", maps=3)
    assert page.evaluate("window.argmap.views.map(v => v.selected)") == [None, "zoning", None]
    assert reader.errors == [] and reader.requests == [(site / "article.html").as_uri()]
    # pandoc's page is an article column: the narrow layout still takes the map's height option
    assert page.evaluate("window.argmap.views[0].container.clientWidth") < 760
    assert page.evaluate("getComputedStyle(window.argmap.views[0].canvas).height") == "300px"
    reader.close()


@pytest.mark.browser
def test_pandoc_html_with_shared_assets(browser, pandoc, tmp_path, serve_folder):
    project = _pandoc_project(tmp_path / "doc")
    site = project / "site"
    site.mkdir()
    shutil.copytree(project / "maps", site / "maps")
    (site / "article.md").write_text(PANDOC_DOC, encoding="utf-8")
    result = pandoc(
        "article.md", "-s", "-o", "article.html", "-M", "argmap-assets=_argmap", cwd=site
    )
    assert result.returncode == 0, result.stderr.decode()
    html = (site / "article.html").read_text("utf-8")
    assets = shared_assets()
    assert html.count(f'<script defer src="_argmap/{assets.js}"></script>') == 1
    assert "ns.vis = module.exports" not in html
    assert sorted(p.name for p in (site / "_argmap").iterdir()) == sorted([assets.css, assets.js])
    check_page(
        browser,
        serve_folder(site),
        "article.html",
        "housing:zoning",
        selected=[None, "zoning", None],
        prefixes=["rent", "housing", _inline_argdown_prefix()],
        library_fetches=1,
    )


def test_pandoc_docx_and_latex_get_the_svg_image(pandoc, tmp_path):
    project = _pandoc_project(tmp_path / "doc")
    result = pandoc("article.md", "-o", "article.docx", cwd=project)
    assert result.returncode == 0, result.stderr.decode()
    figures = sorted((project / "argmap-figures").glob("argmap-*.svg"))
    assert len(figures) == 3
    assert all("<svg" in f.read_text("utf-8")[:200] for f in figures)
    with zipfile.ZipFile(project / "article.docx") as docx:
        media = [n for n in docx.namelist() if n.startswith("word/media/")]
        assert len(media) == 3
        embedded = {docx.read(n) for n in media}
        document = docx.read("word/document.xml").decode("utf-8")
    assert embedded == {f.read_bytes() for f in figures}
    assert document.count("<pic:pic") == 3 and 'descr="Inline map"' in document
    latex = pandoc("article.md", "-t", "latex", "-M", "argmap-figures=figs", cwd=project)
    assert latex.returncode == 0, latex.stderr.decode()
    included = re.findall(
        r"\\includegraphics(?:\[[^]]*\])?\{(figs/argmap-[0-9a-f]{12}\.svg)\}", latex.stdout.decode()
    )
    assert len(included) == 3 and all((project / name).is_file() for name in included)


def test_pandoc_broken_map_fails_with_its_location(pandoc, tmp_path):
    doc = PANDOC_DOC.replace(INLINE_MAP, BROKEN_MAP)
    project = _pandoc_project(tmp_path / "doc", doc)
    result = pandoc("article.md", "-s", "-o", "article.html", cwd=project)
    assert result.returncode != 0
    stderr = result.stderr.decode()
    assert (
        "argmap block 1:7:11: error: unknown kind 'opinon' of claim 'a' (must be one of "
        "fact, interpretation, policy, prediction, value)"
    ) in stderr
    assert "Traceback" not in stderr
    # read with source positions, the lines are the document's own
    sourcepos = pandoc(
        "article.md", "-f", "commonmark_x+sourcepos", "-s", "-o", "article.html", cwd=project
    )
    fence = doc.splitlines().index("```{.argmap #rent height=300}") + 1
    assert (
        f"article.md:{fence}:1: error: the argmap map in this fence cannot be rendered"
        in sourcepos.stderr.decode()
    )
    assert f"article.md:{fence + 7}:11: error: unknown kind 'opinon'" in sourcepos.stderr.decode()
    # a missing map file, in a figure output too
    missing = _pandoc_project(tmp_path / "missing", "```argmap\nfile: maps/nowhere.yaml\n```\n")
    result = pandoc("article.md", "-o", "article.docx", cwd=missing)
    assert result.returncode != 0
    assert (
        "argmap block 1:1:1: error: map file 'maps/nowhere.yaml' not found"
        in result.stderr.decode()
    )


def test_pandoc_file_maps_stay_inside_the_folder_unless_widened(pandoc, tmp_path):
    project = _pandoc_project(tmp_path / "doc", "```argmap\nfile: ../maps/small.yaml\n```\n")
    writing = project / "writing"
    writing.mkdir()
    shutil.move(project / "article.md", writing / "article.md")
    result = pandoc("article.md", "-o", "article.docx", cwd=writing)
    assert result.returncode != 0
    assert (
        "argmap block 1:1:1: error: map file '../maps/small.yaml' is outside '.'"
        in result.stderr.decode()
    )
    result = pandoc("article.md", "-o", "article.docx", "-M", "argmap-root=..", cwd=writing)
    assert result.returncode == 0, result.stderr.decode()
    assert len(list((writing / "argmap-figures").iterdir())) == 1


def test_filter_finds_blocks_in_document_order_at_any_depth():
    from argmap.pandoc import filter_document

    def code(text, *classes, ident=""):
        return {"t": "CodeBlock", "c": [[ident, list(classes), []], text]}

    deep = code(INLINE_MAP, "argmap", ident="deep")
    for _ in range(300):  # nesting deeper than Python would recurse comfortably through
        deep = {"t": "BlockQuote", "c": [deep]}
    doc = {
        "pandoc-api-version": [1, 22],
        "meta": {},
        "blocks": [
            code(INLINE_MAP, "argmap", ident="first"),
            {"t": "BulletList", "c": [[code(INLINE_MAP, "argmap", ident="listed")]]},
            deep,
            code("x = 1", "python"),
        ],
    }
    out = filter_document(doc, "html5", warn=lambda text: None)
    html = json.dumps(out)
    order = [html.index(f'data-argmap-prefix=\\"{name}\\"') for name in ("first", "listed", "deep")]
    assert order == sorted(order)
    assert out["blocks"][3] == code("x = 1", "python")
    assert out["blocks"][-1]["t"] == "RawBlock" and "<script>" in out["blocks"][-1]["c"][1]


def test_filter_color_by_attribute_and_metadata_default():
    from argmap.errors import ArgmapError
    from argmap.pandoc import filter_document

    def doc(meta: dict, *attributes: list[str]) -> dict:
        return {
            "pandoc-api-version": [1, 22],
            "meta": {
                f"argmap-{name}": {"t": "MetaInlines", "c": [{"t": "Str", "c": value}]}
                for name, value in meta.items()
            },
            "blocks": [
                {"t": "CodeBlock", "c": [["", ["argmap"], pairs], INLINE_MAP]}
                for pairs in attributes
            ],
        }

    out = filter_document(
        doc({"color-by": "tag"}, [["color-by", "group"]], []), "html5", warn=lambda text: None
    )
    html = "".join(block["c"][1] for block in out["blocks"] if block["t"] == "RawBlock")
    assert [scheme["by"] for scheme in _colour_schemes(html)] == ["group", "tag"]
    with pytest.raises(ArgmapError, match=r"argmap block 1:1:1: error: unknown color-by 'red'"):
        filter_document(doc({}, [["color-by", "red"]]), "html5", warn=lambda text: None)


def test_filter_rejects_input_that_is_not_pandoc_json():
    result = subprocess.run(
        [sys.executable, "-m", "argmap.pandoc", "html"],
        input=b"# hi\n",
        env=_env(),
        capture_output=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.decode() == (
        "argmap-pandoc: error: expected Pandoc's JSON document on "
        "stdin (run it as `pandoc --filter argmap-pandoc`)\n"
    )


def test_filter_rejects_a_bad_theme_in_metadata():
    doc = {
        "meta": {"argmap-theme": {"t": "MetaInlines", "c": [{"t": "Str", "c": "purple"}]}},
        "blocks": [],
    }
    result = subprocess.run(
        [sys.executable, "-m", "argmap.pandoc", "html"],
        input=json.dumps(doc).encode(),
        env=_env(),
        capture_output=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.decode().startswith("argmap-pandoc: error: unknown theme 'purple'")


# ====================================================================== Jupyter

NOTEBOOK_CELLS = [
    "import argmap\nfrom argmap.formats.native_read import parse_map\n"
    f"inline = parse_map({INLINE_MAP!r}, 'inline.yaml')",
    "argmap.show(inline, height=300)",
    "argmap.show('maps/small.yaml', id_prefix='housing')\nargmap.show('maps/debate.argdown')",
]


@pytest.mark.browser
def test_notebook_shows_maps_inline_and_its_html_export_works(
    browser, tmp_path, serve_folder, monkeypatch
):
    nbformat, nbclient, nbconvert = (
        _needs_module(name) for name in ("nbformat", "nbclient", "nbconvert")
    )
    _needs_module("ipykernel")
    project = tmp_path / "nb"
    _copy_maps(project / "maps")
    notebook = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell(c) for c in NOTEBOOK_CELLS]
    )
    monkeypatch.setenv("PYTHONPATH", _env()["PYTHONPATH"])  # the kernel runs this checkout
    nbclient.NotebookClient(
        notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(project)}}
    ).execute()
    outputs = [o for cell in notebook.cells for o in cell.get("outputs", [])]
    assert [o["output_type"] for o in outputs] == ["display_data"] * 3
    assert all(
        "text/html" in o["data"] and o["data"]["text/plain"].startswith("<argmap ") for o in outputs
    )
    # exported as a page; nbconvert's own scripts served locally, as offline setups do
    site = project / "site"
    (site / "vendor").mkdir(parents=True)
    for name in ("require.js", "mathjax.js"):
        (site / "vendor" / name).write_text("", encoding="utf-8")
    exporter = nbconvert.HTMLExporter(
        template_name="lab", require_js_url="vendor/require.js", mathjax_url="vendor/mathjax.js"
    )
    body, _ = exporter.from_notebook_node(notebook)
    (site / "notebook.html").write_text(body, encoding="utf-8")
    from argmap.page.fragment_options import default_id_prefix
    from argmap.formats.native_read import parse_map

    inline = default_id_prefix(parse_map(INLINE_MAP, "inline.yaml"))
    debate = _prefix_of(project / "maps" / "debate.argdown")
    base = serve_folder(site)
    for link, selected in (
        ("housing:zoning", [None, "zoning", None]),
        (f"{inline}:b", ["b", None, None]),
    ):
        check_page(
            browser,
            base,
            "notebook.html",
            link,
            selected=selected,
            prefixes=[inline, "housing", debate],
            library_fetches=0,
        )


def test_show_the_same_map_twice_gets_two_prefixes(maps_dir):
    from argmap.formats import read_map
    from argmap.page.fragment_options import default_id_prefix
    from argmap.notebook import map_view

    first, second = map_view(maps_dir / "small.yaml"), map_view(maps_dir / "small.yaml")
    prefixes = [
        re.search(r'data-argmap-prefix="([^"]+)"', v._repr_html_()).group(1)
        for v in (first, second)
    ]
    base = default_id_prefix(read_map(maps_dir / "small.yaml"))
    assert prefixes[0] != prefixes[1] and all(p.startswith(base) for p in prefixes)
    assert repr(first) == "<argmap 'Cities should build more housing'>"


def test_a_notebook_map_may_colour_its_boxes_by_group(maps_dir):
    from argmap.errors import UsageError
    from argmap.notebook import map_view

    html = map_view(maps_dir / "small.yaml", color_by="group")._repr_html_()
    assert [scheme["by"] for scheme in _colour_schemes(html)] == ["group"]
    with pytest.raises(UsageError, match="unknown color-by 'tags'.*did you mean 'tag'"):
        map_view(maps_dir / "small.yaml", color_by="tags")


def test_show_displays_through_ipython(maps_dir):
    _needs_module("IPython")
    from IPython.core.interactiveshell import InteractiveShell

    import argmap

    shell = InteractiveShell.instance()
    shown: list = []
    shell.display_pub.publish = lambda data, **kwargs: shown.append(data)
    try:
        argmap.show(maps_dir / "small.yaml", theme="dark", height="50vh", id_prefix="nb")
    finally:
        InteractiveShell.clear_instance()
    assert len(shown) == 1
    html = shown[0]["text/html"]
    assert 'data-argmap-prefix="nb"' in html and 'data-theme="dark"' in html
    assert 'data-argmap-height="50vh"' in html and "ns.vis = module.exports" in html


def test_show_reports_bad_input_without_rendering(maps_dir, tmp_path):
    from argmap.errors import MapError, UsageError
    from argmap.notebook import map_view

    with pytest.raises(UsageError, match="unknown theme 'purple'"):
        map_view(maps_dir / "small.yaml", theme="purple")
    broken = tmp_path / "broken.yaml"
    broken.write_text(BROKEN_MAP, encoding="utf-8")
    with pytest.raises(MapError, match=r"broken.yaml:7:11: error: unknown kind 'opinon'"):
        map_view(broken)
