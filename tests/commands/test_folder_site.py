"""`argmap render DIR -o OUTDIR`: every map gets a page, an index links them, a bad map is reported."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path
from urllib.parse import unquote_to_bytes

import pytest

from argmap.page.csp import content_security_policy
from argmap_cli import main

# file names a folder may hold, each a valid map: none may become a script, a scheme or a path
HOSTILE_NAMES = [
    "javascript:alert(1).json",
    "data:text,x.yaml",
    "a:b.yaml",
    "x#frag.yaml",
    "what?.yaml",
    "100%.yaml",
    "two words.yaml",
    'it\'s "quoted".yaml',
    "<b>bold<\\b>.yaml",
    "ünïcødé ✓.yaml",
    "-rf.yaml",
    "index.yaml",
    "INDEX.yml",
    "back\\slash.yaml",
    "tab\tnew\nline.yaml",
]
ROOT = Path(__file__).resolve().parents[2]
HREF = re.compile(r'<a href="([^"]*)">')


def _folder(tmp_path, maps_dir):
    folder = tmp_path / "maps"
    folder.mkdir()
    for name in ("small.yaml", "source.txt", "objection-cycle.yaml"):
        shutil.copy(maps_dir / name, folder / name)
    shutil.copy(maps_dir / "bad" / "wrong-version.yaml", folder / "broken.yaml")
    (folder / "notes.md").write_text("not a map", encoding="utf-8")
    return folder


def test_folder_renders_every_good_map_and_reports_the_bad_one(runner, maps_dir, tmp_path):
    folder, out = _folder(tmp_path, maps_dir), tmp_path / "site"
    result = runner.invoke(main, ["render", str(folder), "-o", str(out)])
    assert result.exit_code == 1
    assert sorted(p.name for p in out.iterdir()) == [
        "_argmap",
        "index.html",
        "objection-cycle.html",
        "small.html",
    ]
    assert f"{folder / 'broken.yaml'}:1:9: error: unsupported format version 2" in result.output
    index = (out / "index.html").read_text(encoding="utf-8")
    assert '<a href="./small.html">Cities should build more housing</a>' in index
    assert '<a href="./objection-cycle.html">Mutual attack</a>' in index
    assert "broken.yaml:1:9: error: unsupported format version 2" in index
    assert "2 maps rendered, 1 could not be rendered." in index


def test_folder_of_good_maps_exits_0(runner, maps_dir, tmp_path):
    folder, out = _folder(tmp_path, maps_dir), tmp_path / "site"
    (folder / "broken.yaml").unlink()
    result = runner.invoke(main, ["render", str(folder), "-o", str(out)])
    assert result.exit_code == 0
    assert result.output == f"wrote 2 page(s) and {out / 'index.html'}\n"


def test_same_stem_in_two_formats_gets_two_pages(runner, maps_dir, tmp_path):
    folder, out = _folder(tmp_path, maps_dir), tmp_path / "site"
    (folder / "broken.yaml").unlink()
    shutil.copy(folder / "small.yaml", folder / "small.yml")
    runner.invoke(main, ["render", str(folder), "-o", str(out)])
    assert {"small.html", "small-yml.html"} <= {p.name for p in out.iterdir()}


def _colour_scheme(page: Path) -> dict:
    """What box colours mean on a page (its page data's colorBy)."""
    html = page.read_text(encoding="utf-8")
    return json.loads(html.split('class="argmap-data">', 1)[1].split("</script>", 1)[0])["colorBy"]


def test_color_by_reaches_every_page_of_the_folder(runner, maps_dir, tmp_path):
    folder, out = _folder(tmp_path, maps_dir), tmp_path / "site"
    (folder / "broken.yaml").unlink()
    result = runner.invoke(main, ["render", str(folder), "-o", str(out), "--color-by", "tag"])
    assert result.exit_code == 0, result.output
    small, cycle = _colour_scheme(out / "small.html"), _colour_scheme(out / "objection-cycle.html")
    assert small["by"] == cycle["by"] == "tag"
    assert [label for label, _ in small["legend"]] == ["#counter-view", "no tag"]
    bad = runner.invoke(main, ["render", str(folder), "-o", str(out), "--color-by", "groups"])
    assert bad.exit_code == 2
    assert "Invalid value for '--color-by': 'groups' is not one of 'kind', 'group', 'tag'." in (
        bad.output
    )


def test_empty_folder_is_a_usage_error(runner, tmp_path):
    (tmp_path / "empty").mkdir()
    result = runner.invoke(main, ["render", str(tmp_path / "empty"), "-o", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert "no maps in" in result.output


def _map_file(path, title):
    """A small valid map titled `title`, written as JSON or YAML as its name says."""
    data = {
        "argmap": 1,
        "title": title,
        "main": ["a"],
        "claims": [{"id": "a", "text": "A holds."}, {"id": "b", "text": "B is so."}],
        "reasons": [{"id": "r", "conclusion": "a", "premises": ["b"]}],
    }
    text = json.dumps(data)  # JSON is YAML too
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def hostile_site(runner, tmp_path):
    folder, out = tmp_path / "maps", tmp_path / "site"
    folder.mkdir()
    for number, name in enumerate(HOSTILE_NAMES):
        _map_file(folder / name, f"Map {number}")
    result = runner.invoke(main, ["render", str(folder), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_links_from_file_names_are_relative_percent_encoded_and_never_a_scheme(hostile_site):
    index = (hostile_site / "index.html").read_text(encoding="utf-8")
    hrefs = HREF.findall(index)
    assert len(hrefs) == len(HOSTILE_NAMES)
    for href in hrefs:
        assert re.fullmatch(r"\./[A-Za-z0-9%._~-]+", href), href
        target = hostile_site / os.fsdecode(unquote_to_bytes(href[2:]))
        assert target.is_file() and target.parent == hostile_site, href
    assert '<a href="./javascript-alert%281%29.html">Map 0</a>' in index
    assert "javascript:alert" not in index.replace("javascript:alert(1).json", "")


def test_output_names_stay_in_the_folder_unique_and_plain(hostile_site):
    names = sorted(p.name for p in hostile_site.iterdir() if p.is_file())
    assert len(names) == len(HOSTILE_NAMES) + 1  # a page each, and the index
    assert len({n.casefold() for n in names}) == len(names)  # also on a case-insensitive disk
    for name in names:
        assert not name.startswith((".", "-")), name
        assert not re.search(r'[\\/\x00-\x1f<>:"|?*]', name), name
    assert "index.html" in names and "rf.html" in names


def test_file_names_are_shown_as_text(hostile_site):
    index = (hostile_site / "index.html").read_text(encoding="utf-8")
    assert "&lt;b&gt;bold&lt;\\b&gt;.yaml" in index and "<b>" not in index
    assert "it&#39;s &#34;quoted&#34;.yaml" in index


def test_the_index_carries_the_same_hash_only_policy_as_a_map_page(hostile_site):
    index = (hostile_site / "index.html").read_text(encoding="utf-8")
    assert "<!-- argmap:csp -->" not in index
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', index)
    assert policy and policy.group(1) == content_security_policy(index)
    assert "script-src 'none'" in policy.group(1) and "style-src 'sha256-" in policy.group(1)
    page = (hostile_site / "rf.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; ' in page


def test_a_file_name_that_is_not_utf8_keeps_its_bytes_in_the_link(runner, tmp_path):
    folder, out = tmp_path / "maps", tmp_path / "site"
    folder.mkdir()
    try:
        _map_file(folder / os.fsdecode(b"caf\xe9.yaml"), "Latin-1 name")
    except OSError:
        pytest.skip("this file system only takes UTF-8 names")
    result = runner.invoke(main, ["render", str(folder), "-o", str(out)])
    assert result.exit_code == 0, result.output
    index = (out / "index.html").read_text(encoding="utf-8")
    assert '<a href="./caf%E9.html">Latin-1 name</a>' in index
    assert (out / os.fsdecode(b"caf\xe9.html")).is_file()


def test_a_map_that_breaks_a_reader_is_reported_and_the_others_still_render(tmp_path, maps_dir):
    """Whatever a bad map makes a reader raise, it costs only its own page (in a subprocess:
    a traceback would show on stderr)."""
    import subprocess
    import sys

    folder, out = tmp_path / "maps", tmp_path / "site"
    folder.mkdir()
    _map_file(folder / "good.yaml", "Good map")
    # a repeated id whose later copy lacks a field: a reader bug once (KeyError), an error now
    (folder / "dup.yaml").write_text(
        "argmap: 1\ntitle: Dup\nclaims: [{id: a, text: A., quote: x}, {id: a, text: B.}]\n",
        encoding="utf-8",
    )
    # a lone surrogate passes an AIF reader and cannot be written as UTF-8
    (folder / "surrogate.json").write_text(
        '{"nodes": [{"nodeID": "1", "text": "A \\ud800 b", "type": "I"}], "edges": []}',
        encoding="utf-8",
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    result = subprocess.run(
        [sys.executable, "-m", "argmap_cli", "render", str(folder), "-o", str(out)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "2 map(s) failed:" in result.stderr
    for name in ("dup.yaml", "surrogate.json"):
        assert re.search(
            rf"^{re.escape(str(folder / name))}:\d+:\d+: error: ", result.stderr, re.M
        ), result.stderr
    assert sorted(p.name for p in out.iterdir() if p.is_file()) == ["good.html", "index.html"]
    index = (out / "index.html").read_text(encoding="utf-8")
    assert '<a href="./good.html">Good map</a>' in index
    assert "2 could not be rendered" in index


@pytest.mark.browser
def test_clicking_a_hostile_link_in_the_index_opens_the_page_and_runs_nothing(
    hostile_site, open_page
):
    watch = open_page(hostile_site / "index.html", ready=False)
    page = watch.page
    page.get_by_role("link", name="Map 0", exact=True).click()
    page.wait_for_selector("[data-argmap-ready='1']", state="attached", timeout=15000)
    assert page.url.endswith("/javascript-alert%281%29.html")
    assert page.title() == "Map 0"
    assert watch.dialogs == [] and watch.errors == []


# -- worker processes ------------------------------------------------------------------------


def _tree_files(root):
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_worker_processes_write_the_same_files_and_report_as_one_process(tmp_path, maps_dir):
    from argmap.commands.folder_site import render_site

    folder = _folder(tmp_path, maps_dir)
    for k in range(6):  # more maps than workers and than one chunk of work
        _map_file(folder / f"extra-{k}.yaml", f"Extra map {k}")
    alone = render_site(folder, tmp_path / "one", workers=1)
    pooled = render_site(folder, tmp_path / "pool", workers=3)
    assert _tree_files(tmp_path / "one") == _tree_files(tmp_path / "pool")
    assert [(p.source, p.title, p.claims) for p in alone.pages] == [
        (p.source, p.title, p.claims) for p in pooled.pages
    ]
    assert [(f.source, str(f.error)) for f in pooled.failures] == [
        (f.source, str(f.error)) for f in alone.failures
    ]
    assert [f.source.name for f in pooled.failures] == ["broken.yaml"]
    assert "unsupported format version 2" in str(pooled.failures[0].error)


def test_a_map_error_crosses_a_process_boundary_whole():
    import pickle

    from argmap.errors import Diagnostic, MapError

    error = MapError(
        [
            Diagnostic("bad kind 'opinon'", "m.yaml", 3, 7),
            Diagnostic("unused claim", "m.yaml", 9, 1, "warning", "unused"),
        ]
    )
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is MapError and copy.diagnostics == error.diagnostics
    assert (
        str(copy)
        == str(error)
        == ("m.yaml:3:7: error: bad kind 'opinon'\nm.yaml:9:1: warning: unused claim")
    )


def test_ctrl_c_stops_the_workers_and_ends_without_a_traceback(tmp_path):
    """Ctrl-C reaches the whole process group: the parent reports it once, no worker prints
    a traceback, and no worker is left running (in a subprocess, with a hang guard)."""
    import signal
    import subprocess
    import sys
    import time

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from synthetic import write_map

    folder, out = tmp_path / "maps", tmp_path / "site"
    folder.mkdir()
    first = write_map(folder / "m0.yaml", 3000)
    for k in range(1, 10):
        shutil.copy(first, folder / f"m{k}.yaml")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    process = subprocess.Popen(
        [sys.executable, "-m", "argmap_cli", "render", str(folder), "-o", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,  # its own process group, as a shell gives a command
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        deadline = time.monotonic() + 120  # hang guard only
        while not out.is_dir() or not any(out.glob("m*.html")):  # interrupt mid-run
            assert process.poll() is None and time.monotonic() < deadline
            time.sleep(0.05)
        os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
        _, stderr = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode == 1
    assert "Traceback" not in stderr and "Aborted!" in stderr
    assert len(list(out.glob("m*.html"))) < 10
    deadline = time.monotonic() + 30  # workers may take a moment to exit: hang guard only
    while True:
        try:
            os.killpg(process.pid, 0)  # anything left in its process group?
        except ProcessLookupError:
            break
        assert time.monotonic() < deadline, "worker processes outlived the command"
        time.sleep(0.05)
