"""The command line, through click's CliRunner: exit codes and exact output."""
from __future__ import annotations

import json

import pytest

from argmap_cli import main
from argmap.resources import bundled_map_path

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


@pytest.mark.parametrize("args", [
    ["check", "no-such.yaml"],
    ["render", "no-such.yaml"],
    ["export", "--to", "json", "no-such.yaml"],
    ["export"],  # --to is required
    ["render", "--theme", "neon"],
    ["frobnicate"],
])
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


def test_render_bad_map_exits_1_and_writes_nothing(runner, maps_dir, tmp_path):
    out = tmp_path / "out.html"
    result = runner.invoke(main, ["render", str(maps_dir / "bad" / "bad-values.yaml"),
                                  "-o", str(out)])
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
        "kind": "value", "implicit": True,
        "note": "The step from high rents to a duty to build needs this value premise."}
    assert data["reasons"][-1] == {"id": "o-transit", "conclusion": "o-congestion",
                                   "premises": ["transit"], "type": "objection",
                                   "note": "An undercut of the congestion objection."}


def test_export_json_to_file(runner, maps_dir, tmp_path):
    out = tmp_path / "m.json"
    result = runner.invoke(main, ["export", str(maps_dir / "small.yaml"), "--to", "json",
                                  "-o", str(out)])
    assert result.exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["main"] == ["build-more"]
