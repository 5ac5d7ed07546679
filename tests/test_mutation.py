"""Mutated valid maps of every format through every command: each loads or fails with a diagnostic.

Hypothesis mutates bytes and lines of a native YAML map, an Argdown file and an AIF file (insert,
delete, duplicate, swap, control characters, syntax tokens, deep brackets, new field values); every
mutant goes through `check`, `render`, `render --embed`, every export and `analyse`. Nothing but
SystemExit may escape, the exit code is 0, 1 or 2, an exit 1 names a file:line:col, and what a
loaded map exports parses as its format. Examples are bounded and derandomized: the same run
every time, in well under a minute.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from pathlib import Path

import xml.etree.ElementTree as ElementTree

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from argmap_cli import main

MAPS = Path(__file__).parent / "maps"
# the valid maps mutated, each with the files it names (copied beside every mutant)
SEEDS = {
    "small.yaml": (MAPS / "small.yaml", [MAPS / "source.txt"]),
    "small.argdown": (MAPS / "argdown" / "small.argdown", []),
    "undercut.json": (MAPS / "aif" / "undercut.json", []),
}
EXPORTS = ("json", "svg", "graphml", "dot", "argdown", "aif")
DIAGNOSTIC = re.compile(r"^.+?:\d+:\d+: error: \S", re.M)
EXAMPLES_PER_FORMAT = 50

# pieces of YAML, JSON and Argdown syntax, and characters no text may hold
TOKENS = [
    b":",
    b"- ",
    b"[",
    b"]",
    b"{",
    b"}",
    b"&x ",
    b"*x",
    b"<<: *x\n",
    b"#",
    b'"',
    b"'",
    b"\\",
    b"\t",
    b"\n",
    b"---\n",
    b"===\n",
    b"  + ",
    b"  - ",
    b"<",
    b">",
    b"_>",
    b"(1) ",
    b"----\n",
    b"{isGroup: true}",
    b"\\u0000",
    b"\\ud800",
    b'\\"',
    b"#(",
    b"***",
    b"[x](",
    b"!!python/object:os.system ",
    b"? ",
    b"|\n",
    b"~",
    b"null",
    b"1" * 4400,
    b"\xef\xbf\xbe",
    b"\xed\xa0\x80",
    b"\xff",
    b"\x00",
    b"\x01",
    b"\x1b",
    b"\x7f",
    b"\xc2\x85",
    b"\r",
]
# (opener, middle, closer): nested N deep, balanced or (closer empty) left open
DEEP = [
    (b"[", b"", b"]"),
    (b"{a: ", b"b", b"}"),
    (b'{"a":', b"1", b"}"),
    (b"[", b"", b""),
    (b"{", b"", b""),
    (b"- ", b"", b""),
    (b"(", b"", b""),
]


def _position(data, blob: bytes) -> int:
    return data.draw(st.integers(0, len(blob)), label="at")


def _insert_bytes(blob, data):
    at = _position(data, blob)
    return blob[:at] + data.draw(st.binary(min_size=1, max_size=8), label="bytes") + blob[at:]


def _insert_token(blob, data):
    at = _position(data, blob)
    return blob[:at] + data.draw(st.sampled_from(TOKENS), label="token") + blob[at:]


def _insert_deep(blob, data):
    at = _position(data, blob)
    opener, middle, closer = data.draw(st.sampled_from(DEEP), label="nesting")
    depth = data.draw(st.integers(50, 3000), label="depth")
    return blob[:at] + opener * depth + middle + closer * depth + blob[at:]


def _delete(blob, data):
    start = _position(data, blob)
    end = data.draw(st.integers(start, min(len(blob), start + 64)), label="to")
    return blob[:start] + blob[end:]


def _duplicate(blob, data):
    start = _position(data, blob)
    end = data.draw(st.integers(start, min(len(blob), start + 200)), label="to")
    return blob[:end] + blob[start:end] + blob[end:]


def _lines(blob: bytes) -> list[bytes]:
    return blob.split(b"\n")


def _swap_lines(blob, data):
    lines = _lines(blob)
    i = data.draw(st.integers(0, len(lines) - 1), label="line")
    j = data.draw(st.integers(0, len(lines) - 1), label="other")
    lines[i], lines[j] = lines[j], lines[i]
    return b"\n".join(lines)


def _duplicate_line(blob, data):
    lines = _lines(blob)
    i = data.draw(st.integers(0, len(lines) - 1), label="line")
    return b"\n".join(lines[: i + 1] + lines[i:])


def _delete_line(blob, data):
    lines = _lines(blob)
    i = data.draw(st.integers(0, len(lines) - 1), label="line")
    return b"\n".join(lines[:i] + lines[i + 1 :])


def _control_char(blob, data):
    at = _position(data, blob)
    char = chr(
        data.draw(
            st.sampled_from(
                [*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F, *range(0x80, 0xA0), 0xFFFE, 0xFFFF]
            ),
            label="char",
        )
    )
    return blob[:at] + char.encode("utf-8") + blob[at:]


# a line holding a text value: YAML `key: value`, JSON `"key": "value"`, Argdown `[Title]: text`
_VALUE_LINE = re.compile(
    rb"^(?P<head>\s*(?:- )?(?:(?:id|text|quote|title|note|label|kind|type|"
    rb'conclusion|group|main|premises): |"(?:text|nodeID|type|fromID|toID|'
    rb'scheme)": |.*?\]: ))(?P<value>.*?)(?P<tail>,?)$'
)


def _replace_value(blob, data):
    """Give one field a new value, kept syntactically a value so the map may still load."""
    lines = _lines(blob)
    candidates = [i for i, line in enumerate(lines) if _VALUE_LINE.match(line)]
    if not candidates:
        return blob
    i = data.draw(st.sampled_from(candidates), label="value line")
    found = _VALUE_LINE.match(lines[i])
    text = data.draw(st.text(max_size=40), label="value")
    # a JSON string is also a YAML double-quoted scalar; Argdown takes the text as it is
    value = (
        text.encode("utf-8", "surrogatepass")
        if found["head"].endswith(b"]: ")
        else json.dumps(text).encode()
    )
    lines[i] = found["head"] + value + found["tail"]
    return b"\n".join(lines)


MUTATIONS = [
    _insert_bytes,
    _insert_token,
    _insert_deep,
    _delete,
    _duplicate,
    _swap_lines,
    _duplicate_line,
    _delete_line,
    _control_char,
    _replace_value,
    _replace_value,
    _replace_value,
]


def _commands(folder: Path) -> list[list[str]]:
    return [
        ["check"],
        ["render", "-q", "-o", str(folder / "page.html")],
        ["render", "-q", "--embed", "-o", str(folder / "fragment.html")],
        *(["export", "--to", to] for to in EXPORTS),
        ["analyse"],
    ]


def _assert_loads_or_reports(runner: CliRunner, command: list[str], path: Path) -> None:
    result = runner.invoke(main, [*command, str(path)])
    said = (
        f"argmap {' '.join(command)} on:\n{path.read_bytes()[:2000]!r}\nstdout:\n"
        f"{result.stdout[-500:]}\nstderr:\n{result.stderr[-2000:]}"
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{type(result.exception).__name__}: {result.exception}\n{said}"
    )
    assert result.exit_code in (0, 1, 2), said
    assert "Traceback" not in result.output, said
    if result.exit_code == 1:
        # check reports on stdout (its report is its output); the other commands on stderr
        report = result.stdout if command[0] == "check" else result.stderr
        assert DIAGNOSTIC.search(report), f"exit 1 without file:line:col: error:\n{said}"
    if result.exit_code == 0 and command[0] == "export":
        _assert_well_formed(command[2], result.stdout, said)


def _assert_well_formed(to: str, text: str, said: str) -> None:
    """What a loaded map exports parses as its format: the reader let no bad character in."""
    try:
        if to in ("json", "aif"):
            json.loads(text)
        elif to in ("svg", "graphml"):
            ElementTree.fromstring(text.encode("utf-8"))
    except (ValueError, ElementTree.ParseError) as exc:
        raise AssertionError(f"{to} export is not well-formed: {exc}\n{said}") from None
    if to == "dot":
        assert "\x00" not in text, f"a NUL in the DOT export (Graphviz stops there)\n{said}"


@pytest.mark.parametrize("seed", sorted(SEEDS))
# no shrinking: it re-runs every command hundreds of times, and the mutant is printed whole anyway
@settings(
    max_examples=EXAMPLES_PER_FORMAT,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_a_mutated_map_loads_or_fails_with_a_diagnostic(seed, data):
    original, companions = SEEDS[seed]
    blob = original.read_bytes()
    for _ in range(data.draw(st.integers(1, 2), label="mutations")):
        blob = data.draw(st.sampled_from(MUTATIONS), label="mutation")(blob, data)
    runner = CliRunner()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        for companion in companions:
            shutil.copy(companion, folder / companion.name)
        path = folder / original.name
        path.write_bytes(blob)
        for command in _commands(folder):
            _assert_loads_or_reports(runner, command, path)
