"""A map's source text comes only from a regular file inside its folder tree (or --source-root),
and no refusal ever shows what the refused file holds."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from argmap.errors import MapError
from argmap.formats import read_map
from argmap.limits import DEFAULT_LIMITS
from argmap.formats.native_read import load_map
from argmap.source_text import SourceRefused, read_source_text
from argmap_cli import main

SECRET = "TOP-SECRET-LINE the quoted words are here"
OUTSIDE = (
    "is outside the map's folder tree ('{folder}'): a map may name only a file in its own "
    "folder or below (to allow another folder, give --source-root DIR)"
)


@pytest.fixture
def layout(tmp_path):
    """tmp/secret.txt beside tmp/maps/, where the maps live."""
    (tmp_path / "secret.txt").write_text(SECRET + "\n", encoding="utf-8")
    folder = tmp_path / "maps"
    folder.mkdir()
    (folder / "inside.txt").write_text("Inside text here.\n", encoding="utf-8")
    return folder


def _map(folder: Path, source: str, quote: str = "the quoted words", name: str = "m.yaml"):
    path = folder / name
    path.write_text(
        f"argmap: 1\ntitle: T\nsource:\n  text: '{source}'\nmain: [a]\nclaims:\n"
        f"  - {{id: a, text: A holds., quote: '{quote}'}}\n",
        encoding="utf-8",
    )
    return path


def _refusal(path: Path, **kwargs) -> str:
    with pytest.raises(MapError) as caught:
        load_map(path, **kwargs)
    [diagnostic] = caught.value.diagnostics
    assert SECRET not in str(caught.value) and "quoted" not in diagnostic.message
    assert (diagnostic.line, diagnostic.column) == (4, 9)  # at the text: value
    return diagnostic.message


@pytest.mark.parametrize("source", ["../secret.txt", "{abs}", "sub/../../secret.txt"])
def test_a_path_out_of_the_map_folder_is_refused(layout, source):
    source = source.format(abs=layout.parent / "secret.txt")
    message = _refusal(_map(layout, source))
    assert message == f"source text '{source}' " + OUTSIDE.format(folder=layout)


def test_a_symlink_pointing_out_is_refused(layout):
    (layout / "link.txt").symlink_to(layout.parent / "secret.txt")
    assert _refusal(_map(layout, "link.txt")) == "source text 'link.txt' " + OUTSIDE.format(
        folder=layout
    )


def test_a_symlink_to_a_device_is_refused_without_reading_it(layout):
    (layout / "zero.txt").symlink_to("/dev/zero")
    assert "outside the map's folder tree" in _refusal(_map(layout, "zero.txt"))


def test_a_symlink_inside_the_tree_is_followed(layout):
    (layout / "alias.txt").symlink_to(layout / "inside.txt")
    assert load_map(_map(layout, "alias.txt", quote="Inside text")).source.body.startswith("Inside")


def test_a_fifo_source_is_refused_without_waiting(layout):
    os.mkfifo(layout / "pipe.txt")
    assert _refusal(_map(layout, "pipe.txt")) == (
        "cannot read source text 'pipe.txt': it is a FIFO (named pipe), not a regular file"
    )


def test_a_folder_source_is_refused(layout):
    (layout / "texts").mkdir()
    assert _refusal(_map(layout, "texts")) == (
        "cannot read source text 'texts': it is a folder, not a regular file"
    )


def test_a_source_over_the_size_limit_is_refused(layout):
    limits = DEFAULT_LIMITS.with_values(source_bytes=10)
    assert _refusal(_map(layout, "inside.txt"), limits=limits) == (
        "source text 'inside.txt' is too big: it is 18 bytes (limit source-bytes: 10; raise it "
        "with --limit source-bytes=N)"
    )


def test_a_source_that_is_not_utf8_is_refused_without_its_bytes(layout):
    (layout / "latin.txt").write_bytes(b"caf\xe9 " + SECRET.encode())
    assert _refusal(_map(layout, "latin.txt")) == (
        "cannot read source text 'latin.txt': it is not UTF-8 (byte 4 cannot be decoded; save it "
        "as UTF-8)"
    )


def test_a_nul_in_the_path_is_refused():
    with pytest.raises(SourceRefused) as caught:
        read_source_text("inside.txt\0../../etc/passwd", Path("."))
    assert str(caught.value) == (
        "source text 'inside.txt\\x00../../etc/passwd' holds a NUL "
        "character: name a file inside the map's folder"
    )


def test_source_root_widens_the_tree(layout):
    path = _map(layout, "../secret.txt")
    amap = load_map(path, limits=DEFAULT_LIMITS.with_values(source_root=layout.parent))
    assert amap.source.body.startswith("TOP-SECRET-LINE")


def test_a_misquote_against_a_refused_file_never_shows_its_lines(layout, runner):
    path = _map(layout, "../secret.txt", quote="the quoted wordz")
    for command in (
        ["check"],
        ["render", "-o", str(layout / "out.html")],
        ["export", "--to", "json"],
    ):
        result = runner.invoke(main, [*command, str(path)])
        assert result.exit_code == 1
        assert SECRET not in result.output and "TOP-SECRET" not in result.output
        assert "--source-root DIR" in result.output
    assert not (layout / "out.html").exists()


def test_the_cli_source_root_option_allows_the_folder(layout, runner):
    path = _map(layout, "../secret.txt")
    result = runner.invoke(main, ["check", str(path), "--source-root", str(layout.parent)])
    assert result.exit_code == 0, result.output


def test_argdown_front_matter_source_is_confined_too(layout):
    path = layout / "debate.argdown"
    path.write_text(
        "===\nsource:\n  text: ../secret.txt\n===\n\n[A]: A holds.\n  + B holds.\n",
        encoding="utf-8",
    )
    with pytest.raises(MapError) as caught:
        read_map(path)
    [error] = caught.value.diagnostics
    assert "outside the map's folder tree" in error.message and SECRET not in str(caught.value)


def test_argdown_source_that_is_missing_only_costs_the_context(layout):
    """A missing source is no breach of the rule: Argdown maps still load, with a warning."""
    path = layout / "debate.argdown"
    path.write_text(
        "===\nsource:\n  text: nowhere.txt\n===\n\n[A]: A holds.\n  + B holds.\n", encoding="utf-8"
    )
    amap = read_map(path)
    assert amap.source.body is None
    [warning] = [w for w in amap.warnings if w.rule == "argdown-source"]
    assert "nowhere.txt" in warning.message
