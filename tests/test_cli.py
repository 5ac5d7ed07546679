"""The command line, through click's CliRunner: exit codes and exact output."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from argmap_cli import main
from argmap.page.package_data import bundled_map_path

COMMANDS = ["check", "render", "export"]


def test_version(runner):
    result = runner.invoke(main, ["--version"])
    assert result.exit_code == 0 and result.output.startswith("argmap, version ")


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_examples(runner, command):
    result = runner.invoke(main, [command, "--help"])
    assert result.exit_code == 0
    assert "Examples:" in result.output


def test_check_clean_map(runner, maps_dir):
    result = runner.invoke(main, ["check", str(maps_dir / "small.yaml"), "--strict"])
    assert result.exit_code == 0
    assert result.output == "1 map checked: 0 error(s), 0 warning(s)\n"


def test_check_bad_map_exits_1_with_located_messages(runner, maps_dir):
    path = maps_dir / "bad" / "circular-support.yaml"
    result = runner.invoke(main, ["check", str(path)])
    assert result.exit_code == 1
    assert result.output.splitlines()[0].startswith(f"{path}:12:5: error: circular support: ")
    assert "Traceback" not in result.output


def test_check_gathers_all_files_before_failing(runner, maps_dir):
    bad, good = maps_dir / "bad" / "empty.yaml", maps_dir / "small.yaml"
    result = runner.invoke(main, ["check", str(bad), str(good)])
    assert result.exit_code == 1
    assert result.output.endswith("2 maps checked: 1 error(s), 0 warning(s)\n")


def test_warnings_fail_only_with_strict(runner, maps_dir):
    path = str(maps_dir / "bad" / "unconnected.yaml")
    assert runner.invoke(main, ["check", path]).exit_code == 0
    assert runner.invoke(main, ["check", path, "--strict"]).exit_code == 1


def test_check_json_report(runner, maps_dir):
    path = maps_dir / "bad" / "wrong-version.yaml"
    result = runner.invoke(main, ["check", str(path), "--format", "json"])
    report = json.loads(result.output)
    assert result.exit_code == 1
    assert report["errors"] == 1 and report["diagnostics"][0]["line"] == 1
    assert report["diagnostics"][0]["column"] == 9


def test_check_without_map_uses_bundled_essay(runner):
    result = runner.invoke(main, ["check", "--strict"])
    assert result.exit_code == 0, result.output
    # and says so, on stderr, so a reader who forgot the map's name is not misled
    assert (
        f"no map given: using the bundled essay map ({bundled_map_path().name})\n" in result.stderr
    )


@pytest.mark.parametrize(
    "args",
    [
        ["check", "no-such.yaml"],
        ["render", "no-such.yaml"],
        ["export", "--to", "json", "no-such.yaml"],
        ["export"],  # --to is required
        ["render", "--theme", "neon"],
        ["frobnicate"],
    ],
)
def test_bad_usage_exits_2(runner, args):
    result = runner.invoke(main, args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output


def test_unknown_export_format_exits_2_naming_valid_ones(runner, maps_dir):
    result = runner.invoke(main, ["export", str(maps_dir / "small.yaml"), "--to", "xml"])
    assert result.exit_code == 2
    assert "unknown export format 'xml' (must be one of " in result.output


def test_render_writes_page_and_reports_it(runner, maps_dir, tmp_path):
    out = tmp_path / "small.html"
    result = runner.invoke(main, ["render", str(maps_dir / "small.yaml"), "-o", str(out)])
    assert result.exit_code == 0
    assert result.output == f"wrote {out}\n"
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_render_default_is_bundled_map_into_current_folder(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["render"])
    assert result.exit_code == 0
    assert (tmp_path / f"{bundled_map_path().stem}.html").exists()
    assert "no map given: using the bundled essay map" in result.stderr


def test_render_bad_map_exits_1_and_writes_nothing(runner, maps_dir, tmp_path):
    out = tmp_path / "out.html"
    result = runner.invoke(
        main, ["render", str(maps_dir / "bad" / "bad-values.yaml"), "-o", str(out)]
    )
    assert result.exit_code == 1
    assert "unknown kind 'opinon'" in result.output
    assert list(tmp_path.iterdir()) == []


def test_render_into_missing_folder_exits_2(runner, maps_dir, tmp_path):
    out = tmp_path / "nope" / "out.html"
    result = runner.invoke(main, ["render", str(maps_dir / "small.yaml"), "-o", str(out)])
    assert result.exit_code == 2
    assert f"cannot write '{out}': folder '{out.parent}' does not exist" in result.output


def test_export_json_uses_the_yaml_field_names(runner, maps_dir):
    result = runner.invoke(main, ["export", str(maps_dir / "small.yaml"), "--to", "json"])
    data = json.loads(result.output)
    assert result.exit_code == 0
    assert list(data) == ["argmap", "title", "source", "main", "groups", "claims", "reasons"]
    assert data["claims"][3] == {
        "id": "affordability-matters",
        "text": "Housing that people cannot afford is a problem a city must address.",
        "kind": "value",
        "implicit": True,
        "note": "The step from high rents to a duty to build needs this value premise.",
    }
    assert data["reasons"][-1] == {
        "id": "o-transit",
        "conclusion": "o-congestion",
        "premises": ["transit"],
        "type": "objection",
        "note": "An undercut of the congestion objection.",
    }


def test_export_json_to_file(runner, maps_dir, tmp_path):
    out = tmp_path / "m.json"
    result = runner.invoke(
        main, ["export", str(maps_dir / "small.yaml"), "--to", "json", "-o", str(out)]
    )
    assert result.exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["main"] == ["build-more"]


ROOT = Path(__file__).parent.parent


def _run(args, stdout) -> subprocess.CompletedProcess:
    """The real command in a subprocess, its standard output going to `stdout`."""
    return subprocess.run(
        [sys.executable, "-m", "argmap_cli", *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


def test_export_onto_a_fifo_is_refused_and_the_fifo_stays(runner, maps_dir, tmp_path):
    fifo = tmp_path / "out.json"
    os.mkfifo(fifo)
    result = runner.invoke(
        main, ["export", str(maps_dir / "small.yaml"), "--to", "json", "-o", str(fifo)]
    )
    assert result.exit_code == 2
    assert result.output == (
        f"cannot write '{fifo}': it is a FIFO (named pipe), not a regular "
        "file (argmap replaces only regular files; choose another output)\n"
    )
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_export_to_dev_stdout_says_to_leave_out_the_option(runner, maps_dir):
    result = runner.invoke(
        main, ["export", str(maps_dir / "small.yaml"), "--to", "json", "-o", "/dev/stdout"]
    )
    assert result.exit_code == 2
    assert result.output == (
        "cannot write '/dev/stdout': it is a standard stream, not a file "
        "(argmap export prints to standard output when -o is left out)\n"
    )


def test_rewriting_a_private_file_keeps_it_private(runner, maps_dir, tmp_path):
    out = tmp_path / "map.json"
    out.write_text("old", encoding="utf-8")
    out.chmod(0o600)
    result = runner.invoke(
        main, ["export", str(maps_dir / "small.yaml"), "--to", "json", "-o", str(out)]
    )
    assert result.exit_code == 0
    written = json.loads(out.read_text(encoding="utf-8"))
    assert written["title"] == "Cities should build more housing"
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_render_folder_onto_an_existing_file_is_a_usage_error(runner, maps_dir, tmp_path):
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "small.yaml").write_bytes((maps_dir / "small.yaml").read_bytes())
    taken = tmp_path / "site"
    taken.write_text("keep me", encoding="utf-8")
    result = runner.invoke(main, ["render", str(tmp_path / "maps"), "-o", str(taken)])
    assert result.exit_code == 2
    assert result.output == (
        f"cannot write into '{taken}': it exists and is not a folder "
        "(name a folder, or one that does not exist yet)\n"
    )
    assert taken.read_text(encoding="utf-8") == "keep me"


def test_new_under_a_file_is_a_usage_error(runner, tmp_path):
    (tmp_path / "notes").write_text("x", encoding="utf-8")
    result = runner.invoke(main, ["new", str(tmp_path / "notes" / "map.yaml")])
    assert result.exit_code == 2
    assert result.output.startswith(f"cannot write into '{tmp_path / 'notes'}': it exists and is")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
# check names its map: without one it says on stderr that it used the bundled essay map
@pytest.mark.parametrize(
    "args", [["export", "--to", "json"], ["check", str(bundled_map_path())], ["analyse"]]
)
def test_a_full_standard_output_is_one_line_and_exit_2(args):
    with open("/dev/full", "w") as full:
        result = _run(args, stdout=full)
    assert result.returncode == 2
    assert result.stderr == "cannot write to standard output: No space left on device\n"


@pytest.mark.skipif(not hasattr(signal, "SIGPIPE"), reason="needs SIGPIPE")
@pytest.mark.parametrize(
    "args",
    [
        ["export", "--to", "json"],
        ["check", str(bundled_map_path())],
        ["analyse"],
        ["check", "--list-rules"],
    ],
)
def test_a_closed_standard_output_ends_quietly_like_cat(args):
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before a byte is written, as after `| head -c1`
    try:
        result = _run(args, stdout=write_end)
    finally:
        os.close(write_end)
    assert result.returncode == -signal.SIGPIPE
    assert result.stderr == ""


def test_the_theme_option_offers_the_pages_themes():
    from argmap.page.render import THEMES
    from argmap_cli import main as cli

    for name in ("render", "serve"):
        option = next(p for p in cli.commands[name].params if p.name == "theme")
        assert tuple(option.type.choices) == THEMES
