"""Every class of bad input gives its exact file:line:col message; good maps load into the model."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.errors import MapError
from argmap.limits import DEFAULT_LIMITS
from argmap.formats.native_read import load_map, parse_map

BAD = Path(__file__).parent.parent / "maps" / "bad"

# file -> the exact diagnostics `argmap check` prints for it, in order
EXPECTED = {
    "yaml-syntax.yaml": [
        "6:1: error: invalid YAML: while parsing a flow sequence: did not find expected ',' or ']'"
    ],
    "empty.yaml": [
        "1:1: error: empty file: a map needs at least 'argmap: 1', 'title' and 'claims'"
    ],
    "comment-only.yaml": [
        "1:1: error: empty file: a map needs at least 'argmap: 1', 'title' and 'claims'"
    ],
    "not-utf8.yaml": [
        "2:11: error: not UTF-8: byte 0xe9 cannot be decoded (save the file as UTF-8)"
    ],
    "not-a-map.yaml": [
        "1:1: error: not an argmap map: expected a mapping that starts with 'argmap: 1', "
        "found a list"
    ],
    "no-argmap-key.yaml": [
        "1:1: error: not an argmap map: expected a mapping that starts with 'argmap: 1', "
        "found a mapping without 'argmap'"
    ],
    "wrong-version.yaml": [
        "1:9: error: unsupported format version 2 (this argmap reads version 1)"
    ],
    "unknown-key.yaml": [
        "7:5: error: unknown key 'knd' in claim 'a' (did you mean 'kind'?) "
        "(valid keys: id, text, quote, kind, implicit, group, tags, note)",
        "8:5: warning: claim 'b' is not connected: no reason uses it and it is not a main "
        "conclusion",
        "11:5: error: reason 'r1' is missing required key 'premises'",
        "13:5: error: unknown key 'premisses' in reason 'r1' (did you mean 'premises'?) "
        "(valid keys: id, conclusion, premises, type, label, note)",
    ],
    "wrong-type.yaml": [
        "7:15: error: 'implicit' of claim 'a' must be true or false, not 'no'",
        "9:11: error: 'text' of claim 'b' must be text, not the number 42",
        "10:5: error: claim 'c' is missing required key 'text'",
        "14:15: error: 'premises' of reason 'r1' must be a list, not 'b'",
    ],
    "duplicate-id.yaml": [
        "7:5: warning: claim 'b' is not connected: no reason uses it and it is not a main "
        "conclusion",
        "9:9: error: duplicate id 'a': already used by the claim on line 5",
        "12:9: error: duplicate id 'b': already used by the claim on line 7",
    ],
    "unknown-ref.yaml": [
        "7:12: error: claim 'conclusion' names unknown group 'mian' (the map defines no groups)",
        "13:25: error: reason 'r1' has unknown premise 'premis' (did you mean 'premise'?)",
        "15:17: error: reason 'r2' concludes unknown claim 'nowhere' "
        "(known: conclusion, premise, r1, r2)",
    ],
    "circular-support.yaml": [
        "12:5: error: circular support: a → c → b → a (a claim cannot support itself; make one "
        "of these an objection or drop a reason)"
    ],
    "quote-not-found.yaml": [
        "10:12: error: quote of claim 'a' is not in the source text 'source.txt' (whitespace "
        'aside); closest passage: "Cities should build more housing. Rents"'
    ],
    "unreadable-source.yaml": [
        "5:9: error: cannot read source text 'no-such-file.txt': No such file or directory"
    ],
    "bad-values.yaml": [
        "7:11: error: unknown kind 'opinon' of claim 'a' (must be one of fact, interpretation, "
        "policy, prediction, value)",
        "8:9: error: invalid claim id '2nd' (use letters, digits, '-', '_' or '.', starting with "
        "a letter)",
        "16:11: error: unknown type 'suport' of reason 'r1' (must be one of contradiction, objection, support) "
        "(did you mean 'support'?)",
        "18:17: error: reason 'r2' supports reason 'r1': only an objection can target a reason "
        "(an undercut); support a claim instead",
        "22:15: error: reason 'r3' has no premises (list at least one claim id)",
    ],
    "alias-bomb.yaml": [
        "10:10: error: YAML aliases expand to more than 100,000 values (limit alias-nodes: "
        "100,000; raise it with --limit alias-nodes=N)"
    ],
    "recursive-alias.yaml": [
        "3:13: error: invalid YAML: alias '*x' is used inside the value it names (a recursive "
        "alias cannot be expanded)"
    ],
    "duplicate-id-missing-field.yaml": [
        "9:10: error: duplicate id 'a': already used by the claim on line 8",
        "10:36: error: claim 'b' names unknown group 'nowhere' (known: g)",
        "11:10: error: duplicate id 'b': already used by the claim on line 10",
        "14:5: error: reason 'r' is missing required key 'conclusion'",
        "14:10: error: duplicate id 'r': already used by the reason on line 13",
    ],
    "control-characters.yaml": [
        "6:11: error: the value of 'text' holds a character a map may not hold, at character 9: "
        "control character U+0001 (only tab and newline may appear besides printable text)",
        "7:11: error: the value of 'note' holds a character a map may not hold, at character 8: "
        "control character U+001B (only tab and newline may appear besides printable text)",
        "10:18: error: an item of 'tags' holds a character a map may not hold, at character 6: "
        "control character U+0007 (only tab and newline may appear besides printable text)",
    ],
    "merge-override.yaml": ["10:5: error: duplicate key 'text' (first given on line 9)"],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_map_reports_every_problem_with_its_place(name):
    path = BAD / name
    with pytest.raises(MapError) as caught:
        load_map(path)
    assert [str(d) for d in caught.value.diagnostics] == [
        f"{path}:{line}" for line in EXPECTED[name]
    ]


def test_every_bad_map_file_has_an_expectation():
    assert sorted(p.name for p in BAD.glob("*.yaml")) == sorted([*EXPECTED, "unconnected.yaml"])


def test_warnings_do_not_stop_a_map_from_loading():
    amap = load_map(BAD / "unconnected.yaml")
    assert [str(w) for w in amap.warnings] == [
        f"{BAD / 'unconnected.yaml'}:10:5: warning: claim 'stray' is not connected: no reason "
        "uses it and it is not a main conclusion"
    ]


def test_good_map_loads_into_the_model(maps_dir):
    amap = load_map(maps_dir / "small.yaml")
    assert amap.title == "Cities should build more housing"
    assert amap.main == ["build-more"]
    assert list(amap.claims)[:2] == ["build-more", "rents-doubled"]
    r = amap.reasons["r-rents"]
    assert r.premises == ["rents-doubled", "shortage-raises-prices", "affordability-matters"]
    assert r.type == "support" and r.label == "affordability"
    assert amap.reasons["o-transit"].conclusion == "o-congestion"
    assert amap.claims["affordability-matters"].implicit is True
    assert amap.claims["congestion"].tags == ["counter-view"]
    assert amap.source.date == "2024-05-01"  # a YAML date stays text
    assert amap.source.body.startswith("Cities should build more housing.")
    assert amap.claims["build-more"].pos.line == 15
    assert amap.warnings == []


def test_cycles_through_objections_are_legitimate(maps_dir):
    amap = load_map(maps_dir / "objection-cycle.yaml")
    assert {r.type for r in amap.reasons.values()} == {"support", "objection"}


def test_quotes_match_with_whitespace_normalised(maps_dir, tmp_path):
    (tmp_path / "s.txt").write_text("One  line\nbroken   across\n\nlines.", encoding="utf-8")
    (tmp_path / "m.yaml").write_text(
        "argmap: 1\ntitle: T\nsource: {text: s.txt}\nmain: [a]\n"
        "claims:\n  - {id: a, text: A., quote: 'line broken across lines.'}\n",
        encoding="utf-8",
    )
    assert load_map(tmp_path / "m.yaml").claims["a"].quote == "line broken across lines."


def test_duplicate_yaml_keys_are_reported():
    with pytest.raises(MapError) as caught:
        parse_map("argmap: 1\ntitle: A\ntitle: B\nclaims: []\n", "dup.yaml")
    assert str(caught.value) == "dup.yaml:3:1: error: duplicate key 'title' (first given on line 2)"


def test_format_version_must_be_a_number_not_true():
    with pytest.raises(MapError) as caught:
        parse_map("argmap: true\ntitle: A\nclaims: []\n", "v.yaml")
    assert str(caught.value) == (
        "v.yaml:1:9: error: unsupported format version true (this argmap reads version 1)"
    )


# ---------------------------------------------------------------- hostile input (issue #12)


def _errors(text: str, limits=None) -> list[str]:
    with pytest.raises(MapError) as caught:
        parse_map(text, "m.yaml", **({"limits": limits} if limits else {}))
    return [str(d) for d in caught.value.diagnostics]


def test_deep_nesting_stops_where_the_depth_limit_is_passed():
    # the top-level mapping is level 1: the 100th '[' (column 8 + 100) is level 101
    assert _errors("argmap: 1\ntitle: T\nclaims: " + "[" * 1000 + "]" * 1000 + "\n") == [
        "m.yaml:3:108: error: lists and mappings nested more than 100 deep (limit depth: 100; "
        "raise it with --limit depth=N)"
    ]


def test_a_hundred_thousand_open_brackets_do_not_crash_the_parser(tmp_path):
    # libyaml's own composer recurses in C and dies of a segfault here: argmap never calls it
    path = tmp_path / "deep.yaml"
    path.write_text("argmap: 1\ntitle: T\nclaims: " + "[" * 100_000 + "\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "argmap_cli", "check", "-q", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{path}:3:108: error: lists and mappings nested more than 100 deep (limit depth: 100; "
        "raise it with --limit depth=N)"
    ]


def test_an_alias_counts_the_depth_of_what_it_names():
    deep = "[" * 60 + "]" * 60
    text = f"argmap: 1\ntitle: T\nnote: &d {deep}\nclaims: {'[' * 44}*d{']' * 44}\n"
    [error] = _errors(text)
    assert error.startswith(
        "m.yaml:4:53: error: alias '*d' nests lists and mappings more than "
        "100 deep (limit depth: 100;"
    )


def test_an_integer_past_the_digit_limit_is_an_error_at_its_place():
    assert _errors("argmap: 1\ntitle: T\nclaims: []\nnote: " + "9" * 4_301 + "\n") == [
        "m.yaml:4:7: error: a number of 4,301 digits is too long (limit int-digits: 4,300; "
        "raise it with --limit int-digits=N)"
    ]
    # exactly at the limit the number is read (and then refused as a note, which is text)
    assert _errors("argmap: 1\ntitle: T\nclaims: []\nnote: " + "9" * 4_300 + "\n")[0].startswith(
        "m.yaml:4:1: error: unknown key 'note' in the map"
    )


def test_a_nul_byte_is_reported_where_it_is_on_one_line():
    assert _errors('argmap: 1\ntitle: T\nclaims:\n  - id: a\n    text: "é\0"\n') == [
        "m.yaml:5:13: error: invalid YAML: control character U+0000 (only tab and newline may "
        "appear besides printable text)"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "argmap: 1\ntitle: [\n",
        "argmap: 1\n\tx: 1\n",
        "a: 1\n---\nb: 2\n",
        "argmap: 1\ntitle: *nowhere\n",
        "argmap: 1\ntitle: \x07\n",
        "argmap: 1\n<<: 3\n",
    ],
)
def test_yaml_errors_are_one_line_without_the_parser_s_input_name(text):
    for line in _errors(text):
        assert "\n" not in line and "<unicode string>" not in line
        assert line.startswith("m.yaml:") and ": error: " in line


def test_an_id_with_a_final_newline_is_not_an_id():
    assert _errors(
        'argmap: 1\ntitle: T\nmain: [a]\nclaims:\n  - {id: "a\\n", text: A.}\n'
        "  - {id: a, text: B.}\n"
    ) == [
        "m.yaml:5:10: error: invalid claim id 'a\\n' (use letters, digits, '-', '_' or '.', "
        "starting with a letter)"
    ]


def test_merge_keys_let_explicit_keys_override_merged_ones():
    amap = parse_map(
        "argmap: 1\ntitle: T\nmain: [a, b]\nclaims:\n"
        "  - &base {id: a, text: A holds., kind: fact}\n"
        "  - <<: *base\n    id: b\n    text: B holds.\n"
    )
    assert amap.claims["b"].text == "B holds." and amap.claims["b"].kind == "fact"
    assert amap.claims["a"].text == "A holds."


def test_a_text_longer_than_the_limit_is_an_error():
    limits = DEFAULT_LIMITS.with_values(text_chars=20)
    assert _errors(
        "argmap: 1\ntitle: T\nclaims:\n  - {id: a, text: " + "x" * 21 + "}\n", limits
    ) == [
        "m.yaml:4:19: error: the value of 'text' is 21 characters long (limit text-chars: 20; "
        "raise it with --limit text-chars=N)"
    ]


def test_a_map_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_text("argmap: 1\ntitle: T\nclaims: []\n" + "# padding\n" * 100, encoding="utf-8")
    with pytest.raises(MapError) as caught:
        load_map(path, limits=DEFAULT_LIMITS.with_values(file_bytes=100))
    assert str(caught.value) == (
        f"{path}:1:1: error: cannot read file: it is 1,030 bytes "
        "(limit file-bytes: 100; raise it with --limit file-bytes=N)"
    )


@pytest.mark.parametrize("kind", ["fifo", "folder", "device"])
def test_a_map_that_is_not_a_regular_file_is_refused_without_waiting(tmp_path, kind):
    if kind == "fifo":
        path = tmp_path / "map.yaml"
        os.mkfifo(path)  # opening it for reading would wait for a writer forever
        expected = "it is a FIFO (named pipe), not a regular file"
    elif kind == "folder":
        path = tmp_path / "map.yaml"
        path.mkdir()
        expected = "it is a folder, not a regular file"
    else:
        path = Path("/dev/zero")  # reading it would never end
        expected = "it is a character device, not a regular file"
    with pytest.raises(MapError) as caught:
        load_map(path)
    assert str(caught.value) == f"{path}:1:1: error: cannot read file: {expected}"


def test_quote_lookup_agrees_with_a_plain_search():
    # the word index must never change an answer, only how fast it comes
    import random

    from argmap.quotes import QuoteFinder, normalise

    rng = random.Random(12)
    words = "a b c dd ee. Ff, the of x y".split()
    for _ in range(200):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(0, 300)))
        finder, plain = QuoteFinder(text), normalise(text)
        for _ in range(40):
            if plain and rng.random() < 0.5:
                start = rng.randint(0, len(plain))
                quote = plain[start : start + rng.randint(0, 40)]
            else:
                quote = " ".join(rng.choice(words) for _ in range(rng.randint(1, 7)))
            assert finder.contains(quote) == (
                bool(normalise(quote)) and normalise(quote) in plain
            ), (text, quote)


def test_the_closest_passage_aligns_the_most_words():
    from argmap.quotes import QuoteFinder

    finder = QuoteFinder("Intro words here. Cities should build more housing now. Rents rose.")
    assert finder.closest("Cities must build more housing now") == (
        "Cities should build more housing now."
    )
    assert QuoteFinder("").closest("anything") == ""
