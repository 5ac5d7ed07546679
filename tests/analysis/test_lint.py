"""Lint rules: each catches its problem at the field it is about, and each can be switched off."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from argmap.analysis.lint import (
    RULES,
    default_rules,
    lint_map,
    reader_warnings,
    restates,
    select_rules,
    stem,
    terms,
)
from argmap.errors import UsageError
from argmap.formats.native_read import load_map
from argmap_cli import main

LINT = Path(__file__).parent.parent / "maps" / "lint"
BAD = Path(__file__).parent.parent / "maps" / "bad"

# file -> the warnings `argmap check FILE` prints with the default rules (rabbit-rule off);
# a rule about one field points at that field's value, not at the start of its entry
EXPECTED = {
    "reasoning-word.yaml": [
        "7:11: warning: claim 'tax' contains 'because': one thought per claim; split it into a "
        "conclusion and a premise joined by a reason",
        "9:11: warning: claim 'harm' contains 'therefore': one thought per claim; split it into a "
        "conclusion and a premise joined by a reason",
        "15:11: warning: claim 'purpose' contains 'so that': one thought per claim; split it into "
        "a conclusion and a premise joined by a reason",
    ],
    "question.yaml": [
        "6:11: warning: claim 'ban' is a question: state it as a declarative sentence that can be "
        "true or false (a rhetorical question usually asserts its answer)",
        "8:11: warning: claim 'air' is a question: state it as a declarative sentence that can be "
        "true or false (a rhetorical question usually asserts its answer)",
    ],
    "restated-premise.yaml": [
        "18:15: warning: reason 'begs': its only premise 'passive' restates its conclusion "
        "'ignored' (begging the question); give a premise that says why the conclusion is true"
    ],
    "quoted-implicit.yaml": [
        "16:12: warning: implicit claim 'duty' carries a quote: an implicit premise is what the "
        "map-maker supplies, not what the author said; drop the quote or the 'implicit: true'"
    ],
    "quote-across-paragraphs.yaml": [
        "12:12: warning: quote of claim 'short' runs from one paragraph of the source into the "
        "next: the source view highlights, and coverage counts, a quote within one paragraph; "
        "quote one paragraph's words (split the claim if it needs both)"
    ],
    "unchecked-quote.yaml": [
        "7:12: warning: quote of claim 'build' cannot be checked: the map's source has no 'text' "
        "file"
    ],
    "unconnected.yaml": [
        "9:5: warning: claim 'stray' is not connected: no reason uses it and it is not a main "
        "conclusion"
    ],
    "no-main.yaml": ["1:1: warning: the map names no main conclusion ('main: [claim-id]')"],
    "unsupported-main.yaml": [
        "9:5: warning: main conclusion 'ban' has no supporting reason: the map does not show why "
        "it is true",
        "13:5: warning: main conclusion 'alone' has no supporting reason: the map does not show "
        "why it is true",
    ],
    "duplicate-text.yaml": [
        "10:11: warning: claim 'build-again' has the same text as claim 'build' on line 5: use one "
        "claim in both places"
    ],
    "rabbit-rule.yaml": [],
}


def _check(runner, *args):
    return runner.invoke(main, ["check", *map(str, args)])


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_rule_reports_its_problem_at_the_entry(runner, name):
    path = LINT / name
    result = _check(runner, path, "--quiet")
    assert result.exit_code == 0  # warnings never fail check without --strict
    expected = [f"{path}:{line}" for line in EXPECTED[name]]
    assert result.output.splitlines() == expected


def test_every_rule_has_a_map_that_triggers_it_and_no_other():
    for name in RULES:
        amap = load_map(LINT / f"{name}.yaml")
        rules = set(RULES) - {"rabbit-rule"} | {name}
        found = {d.rule for d in reader_warnings(amap, rules) + lint_map(amap, rules)}
        assert found == {name}, name


def test_connection_rules_run_once_for_a_native_map():
    """The reader finds unconnected claims (so a map with errors still shows them); lint and
    check take its findings instead of computing them again."""
    amap = load_map(LINT / "unconnected.yaml")
    assert amap.linted == {"unconnected", "no-main"}
    assert [d.rule for d in reader_warnings(amap, {"unconnected"})] == ["unconnected"]
    assert lint_map(amap, {"unconnected"}) == []
    assert reader_warnings(amap, set()) == []  # switched off: the reader's copy is dropped too


def test_rabbit_rule_is_off_by_default_and_a_hint_when_enabled(runner):
    path = LINT / "rabbit-rule.yaml"
    assert "rabbit-rule" not in default_rules()
    result = _check(runner, path, "--enable", "rabbit-rule", "--quiet")
    # r2's premises mention every term of the conclusion ('building' -> 'build'); the
    # objection o1 is not asked to share terms
    assert result.output.splitlines() == [
        f"{path}:14:5: warning: reason 'r1': conclusion 'build' uses 'cities', 'build', which "
        "none of its premises mention (rabbit rule hint: is an implicit premise missing?)"
    ]
    assert result.exit_code == 0


def test_strict_fails_on_lint_warnings(runner):
    path = LINT / "question.yaml"
    assert _check(runner, path, "--strict").exit_code == 1
    assert _check(runner, path, "--strict", "--disable", "question").exit_code == 0


def test_disable_switches_a_rule_off_and_summary_counts_the_rest(runner):
    path = LINT / "unsupported-main.yaml"
    result = _check(runner, path)
    assert result.output.endswith("1 map checked: 0 error(s), 2 warning(s)\n")
    result = _check(runner, path, "--disable", "unsupported-main")
    assert result.output == "1 map checked: 0 error(s), 0 warning(s)\n"


def test_disable_reaches_warnings_in_a_map_with_errors(runner):
    # the loader runs the connection rules itself so a broken map still shows them
    path = BAD / "unknown-key.yaml"
    with_rule = _check(runner, path).output
    without = _check(runner, path, "--disable", "unconnected").output
    assert f"{path}:8:5: warning: claim 'b' is not connected" in with_rule
    assert "not connected" not in without
    assert "error: unknown key 'knd'" in without


def test_disable_all_and_enable_all(runner):
    path = LINT / "rabbit-rule.yaml"
    assert "rabbit-rule" in _check(runner, path, "--enable", "all").output
    result = _check(runner, LINT / "question.yaml", "--disable", "all", "--strict")
    assert result.exit_code == 0


def test_unknown_rule_is_a_usage_error_with_the_valid_names(runner):
    result = _check(runner, LINT / "question.yaml", "--disable", "questoin")
    assert result.exit_code == 2
    assert result.output == (
        "unknown lint rule 'questoin' (did you mean 'question'?) (valid rules: duplicate-text, "
        "no-main, question, quote-across-paragraphs, quoted-implicit, rabbit-rule, "
        "reasoning-word, restated-premise, unchecked-quote, unconnected, unsupported-main, "
        "or 'all')\n"
    )
    with pytest.raises(UsageError):
        select_rules(enable=["nope"])


def test_json_report_names_the_rule(runner):
    result = _check(runner, LINT / "duplicate-text.yaml", "--format", "json")
    report = json.loads(result.output)
    assert report["warnings"] == 1
    assert report["diagnostics"][0] == {
        "file": str(LINT / "duplicate-text.yaml"),
        "line": 10,
        "column": 11,
        "severity": "warning",
        "rule": "duplicate-text",
        "message": "claim 'build-again' has the same text as claim 'build' on line 5: use one "
        "claim in both places",
    }


def test_quiet_prints_nothing_for_a_clean_map(runner, maps_dir):
    result = _check(runner, maps_dir / "small.yaml", "--quiet")
    assert (result.exit_code, result.output) == (0, "")


def test_list_rules_names_every_rule_with_its_default(runner):
    lines = runner.invoke(main, ["check", "--list-rules"]).output.splitlines()
    assert [line.split()[0] for line in lines] == sorted(RULES)
    assert [line.split()[1] for line in lines if line.startswith("rabbit-rule")] == ["off"]
    assert [line.split()[1] for line in lines if line.startswith("question")] == ["on"]


def test_bundled_map_is_clean_under_strict_with_default_rules(runner):
    result = runner.invoke(main, ["check", "--strict"])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    "premise, conclusion, expected",
    [
        (
            "Russia's security concerns were ignored by the West.",
            "The West ignored Russia's security concerns.",
            True,
        ),  # passive restatement
        ("NATO’s expansion threatens Russia", "NATO expansion threatens Russia.", True),
        ("C holds.", "A holds.", False),  # one word differs, and it is the one that matters
        (
            "NATO expansion posed existential threats to Russia.",
            "Russia had to counter existential threats from NATO.",
            False,
        ),
    ],
)
def test_restates(premise, conclusion, expected):
    assert restates(premise, conclusion) is expected


def test_terms_drop_stopwords_and_join_word_forms():
    assert set(terms("The cities are building houses")) == set(terms("a city builds a house"))
    assert terms("It is not what they said") == {"said": "said"}
    assert stem("russia’s".replace("’", "'")) == "russia"
    assert stem("class") == "class"  # not a plural
