"""`argmap render DIR -o OUTDIR`: every map gets a page, an index links them, a bad map is reported."""
from __future__ import annotations

import shutil

from argmap_cli import main


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
    assert sorted(p.name for p in out.iterdir()) == ["_argmap", "index.html",
                                                     "objection-cycle.html", "small.html"]
    assert f"{folder / 'broken.yaml'}:1:9: error: unsupported format version 2" in result.output
    index = (out / "index.html").read_text(encoding="utf-8")
    assert '<a href="small.html">Cities should build more housing</a>' in index
    assert '<a href="objection-cycle.html">Mutual attack</a>' in index
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


def test_empty_folder_is_a_usage_error(runner, tmp_path):
    (tmp_path / "empty").mkdir()
    result = runner.invoke(main, ["render", str(tmp_path / "empty"), "-o", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert "no maps in" in result.output
