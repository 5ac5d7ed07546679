"""Input limits: --limit NAME=VALUE on every command that reads a map, and clear usage errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.limits import DEFAULT_LIMITS, LIMIT_NAMES, Limits, limits_from_options, parse_limit
from argmap_cli import main

BAD = Path(__file__).parent / "maps" / "bad"
VALID = "file-bytes, source-bytes, text-chars, depth, alias-nodes, int-digits"


@pytest.mark.parametrize(
    "assignment, expected",
    [
        ("file-bytes=200M", ("file_bytes", 200 * 1024**2)),
        ("source-bytes=512k", ("source_bytes", 512 * 1024)),
        ("alias-nodes=2M", ("alias_nodes", 2_000_000)),
        ("depth=300", ("depth", 300)),
        ("TEXT_CHARS=1_000", ("text_chars", 1000)),
    ],
)
def test_a_limit_is_named_with_dashes_and_sizes_take_suffixes(assignment, expected):
    assert parse_limit(assignment) == expected


@pytest.mark.parametrize(
    "assignment, message",
    [
        ("dpeth=3", f"unknown limit 'dpeth' (valid names: {VALID})"),
        ("depth", f"'depth' is not NAME=VALUE (valid names: {VALID})"),
        (
            "depth=0",
            "limit depth needs a whole number above 0, optionally with K, M or G "
            "(e.g. depth=200K), not '0'",
        ),
        (
            "depth=lots",
            "limit depth needs a whole number above 0, optionally with K, M or G "
            "(e.g. depth=200K), not 'lots'",
        ),
    ],
)
def test_a_bad_limit_says_what_is_valid(assignment, message):
    with pytest.raises(ValueError) as caught:
        parse_limit(assignment)
    assert str(caught.value) == message


def test_every_limit_but_the_source_root_has_a_name():
    assert LIMIT_NAMES == [
        "file_bytes",
        "source_bytes",
        "text_chars",
        "depth",
        "alias_nodes",
        "int_digits",
    ]
    assert limits_from_options(["depth=7"], Path("/srv")) == Limits(
        depth=7, source_root=Path("/srv")
    )


@pytest.mark.parametrize(
    "command",
    [
        ["check"],
        ["render", "-o", "x.html"],
        ["export", "--to", "json"],
        ["analyse"],
        ["serve", "--port", "0"],
    ],
)
def test_every_command_that_reads_a_map_refuses_a_bad_limit_as_usage(runner, command):
    result = runner.invoke(main, [*command, "--limit", "nodes=5"])
    assert result.exit_code == 2
    assert (
        f"Invalid value for '--limit': unknown limit 'nodes' (valid names: {VALID})"
        in result.output
    )


@pytest.mark.parametrize("command", [["check"], ["export", "--to", "json"], ["analyse"]])
def test_a_limit_reaches_the_reader(runner, command, maps_dir):
    result = runner.invoke(
        main, [*command, str(maps_dir / "small.yaml"), "--limit", "text-chars=10"]
    )
    assert result.exit_code == 1
    assert "(limit text-chars: 10; raise it with --limit text-chars=N)" in result.output
    assert "Traceback" not in result.output


def test_the_limit_given_is_the_one_applied(runner, maps_dir):
    small = str(maps_dir / "small.yaml")
    assert runner.invoke(main, ["check", small]).exit_code == 0
    lowered = runner.invoke(main, ["check", small, "--limit", "depth=2"])
    assert lowered.exit_code == 1
    assert (
        "nested more than 2 deep (limit depth: 2; raise it with --limit depth=N)" in lowered.output
    )
    # the alias bomb expands to 9^9 values: no budget a user would give lets it through, but the
    # error moves to where the raised budget runs out
    result = runner.invoke(
        main, ["check", str(BAD / "alias-bomb.yaml"), "--limit", "alias-nodes=1M"]
    )
    assert result.exit_code == 1
    assert "more than 1,000,000 values (limit alias-nodes: 1,000,000;" in result.output


def test_render_of_a_folder_takes_the_limits(runner, maps_dir, tmp_path):
    folder = tmp_path / "maps"
    folder.mkdir()
    (folder / "small.yaml").write_text(
        (maps_dir / "small.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (folder / "source.txt").write_text(
        (maps_dir / "source.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    result = runner.invoke(
        main, ["render", str(folder), "-o", str(tmp_path / "site"), "--limit", "source-bytes=10"]
    )
    assert result.exit_code == 1
    assert "source text 'source.txt' is too big" in result.output


def test_the_defaults_are_the_documented_ones():
    assert DEFAULT_LIMITS == Limits(
        file_bytes=64 * 1024**2,
        source_bytes=16 * 1024**2,
        text_chars=100_000,
        depth=100,
        alias_nodes=100_000,
        int_digits=4_300,
        source_root=None,
    )
