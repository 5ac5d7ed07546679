"""Argdown import: the real corpus against Argdown's own model, and each mapping rule on small inputs."""

from __future__ import annotations

import collections
import json
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.errors import MapError
from argmap.formats import export_map, read_map
from argmap.formats.argdown_syntax import parse_argdown
from argmap.formats.native_write import map_to_dict
from argmap.formats.native_read import ID_PATTERN, parse_map
from argmap_cli import main

from conftest import CORPUS_ROOT

CORPUS = CORPUS_ROOT / "argdown"
MAPS = Path(__file__).parent.parent / "maps" / "argdown"
CORPUS_FILES = sorted(CORPUS.glob("**/*.argdown"))

# Every difference from expected/NAME.json, with its reason (docs/argdown.md lists the same).
# A file not named here must agree exactly: statements and arguments by title, relations by
# type, source and target.
KNOWN_DIFFERENCES = {
    "semmelweis_betz.argdown": {
        "statements": -1,
        "reason": "expected/semmelweis_betz.json was made from core-tests/semmelweis_betz.argdown, "
        "which has one more statement ('.A.x.E.y: F(x) . G(y)'); the top-level copy "
        "lacks it, so it has one statement fewer and its untitled statements are "
        "numbered one lower",
    },
}


def _name(key: str) -> str:
    """Argdown's name for a statement or argument: its title, or 'Untitled N'."""
    title = key[2:]
    return f"Untitled {title[1:]}" if title.startswith("\0") else title


def _expected_for(path: Path) -> Path:
    return CORPUS / "expected" / f"{path.stem}.json"


def _relative(path: Path) -> str:
    return path.relative_to(CORPUS).as_posix()


def test_corpus_is_present_and_has_expected_models():
    with_expected = [p for p in CORPUS_FILES if _expected_for(p).exists()]
    assert len(CORPUS_FILES) >= 30 and len(with_expected) >= 25


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: _relative(p))
def test_every_corpus_file_imports_into_a_valid_map(path):
    amap = read_map(path)
    # the same validation as a native map: the map's JSON goes through the YAML loader
    parse_map(json.dumps(map_to_dict(amap), ensure_ascii=False), "imported.json")
    for ident in list(amap.claims) + list(amap.reasons):
        assert ID_PATTERN.match(ident)
    for warning in amap.warnings:
        assert warning.severity == "warning" and warning.line >= 1


@pytest.mark.parametrize(
    "path", [p for p in CORPUS_FILES if _expected_for(p).exists()], ids=lambda p: _relative(p)
)
def test_corpus_file_agrees_with_argdowns_own_model(path):
    expected = json.loads(_expected_for(path).read_text("utf-8"))
    doc = parse_argdown(path.read_text("utf-8-sig"), str(path))
    known = KNOWN_DIFFERENCES.get(_relative(path))
    expected_relations = collections.Counter(
        (r["relationType"], r["fromType"], r["toType"]) for r in expected["relations"]
    )
    assert doc.relation_counts() == dict(expected_relations)
    if known:
        assert len(doc.statements) == len(expected["statements"]) + known["statements"]
        assert len(doc.arguments) == len(expected["arguments"])
        return
    assert [_name(k) for k in doc.statements] == list(expected["statements"])
    assert [_name(k) for k in doc.arguments] == list(expected["arguments"])
    ours = collections.Counter((r.type, _name(r.source), _name(r.target)) for r in doc.relations)
    theirs = collections.Counter(
        (r["relationType"], r["from"], r["to"]) for r in expected["relations"]
    )
    assert ours == theirs


def test_known_differences_are_real_and_documented():
    docs = (Path(__file__).parent.parent.parent / "docs" / "argdown.md").read_text("utf-8")
    for name in KNOWN_DIFFERENCES:
        assert (CORPUS / name).exists()
        assert name in docs
    # the justification: the copy in core-tests is the one the oracle was made from
    copy = CORPUS / "core-tests" / "semmelweis_betz.argdown"
    expected = json.loads(_expected_for(copy).read_text("utf-8"))
    doc = parse_argdown(copy.read_text("utf-8"), str(copy))
    assert [_name(k) for k in doc.statements] == list(expected["statements"])


@pytest.mark.parametrize(
    "path", [p for p in CORPUS_FILES if _expected_for(p).exists()], ids=lambda p: _relative(p)
)
def test_every_statement_is_a_claim_and_every_argument_is_in_the_map(path):
    from argmap.formats._ids import slugify

    doc = parse_argdown(path.read_text("utf-8-sig"), str(path))
    amap = read_map(path)
    texts = collections.Counter(c.text for c in amap.claims.values())
    for ec in doc.statements.values():
        assert texts[ec.text or ec.title] >= 1, ec.title
    for argument in doc.arguments.values():
        if argument.steps and argument.title:  # a reconstruction: its last inference's reason
            assert slugify(argument.title, "a") in amap.reasons, argument.title
        elif argument.description:  # known by its description: a claim saying it
            assert texts[argument.description] >= 1, argument.title


# ---- the mapping, rule by rule -------------------------------------------------------------


@pytest.fixture
def small():
    return read_map(MAPS / "small.argdown")


def test_front_matter_title_and_inline_main(small):
    assert small.title == "Small debate"
    assert small.main == ["Ban"]


def test_titles_become_ids_and_untitled_statements_get_readable_ones(small):
    assert {"Ban", "Trade", "Evidence", "Pollution", "Harm"} <= set(small.claims)
    assert small.claims["air-pollution-shortens-lives"].text == "Air pollution shortens lives."


def test_equivalence_class_is_one_claim_and_keeps_the_other_wording(small):
    trade = small.claims["Trade"]
    assert trade.text == "Shops in the centre would lose customers."
    assert trade.note == "Also stated as: Shops would lose their customers."


def test_tags_and_inline_kind_are_read_and_taken_out_of_the_text(small):
    ban = small.claims["Ban"]
    assert ban.text == "Cities should ban cars from their centres."
    assert ban.tags == ["policy"] and ban.kind == "policy"
    assert small.claims["Clean-air"].tags == ["health"]


def test_headings_are_groups_unless_is_group_false(small):
    assert [(g.id, g.title) for g in small.groups.values()] == [
        ("Policy", "Policy"),
        ("Reconstruction", "Reconstruction"),
    ]
    assert small.claims["Ban"].group == "Policy"
    assert small.claims["Pollution"].group == "Reconstruction"


def test_pcs_becomes_linked_reasons_chained_through_the_intermediate_conclusion(small):
    first = small.reasons["Health-argument-step-1"]
    last = small.reasons["Health-argument"]
    assert (first.premises, first.conclusion) == (
        ["Pollution", "air-pollution-shortens-lives"],
        "Harm",
    )
    assert first.label == "Causal reasoning"
    assert (last.premises, last.conclusion) == (
        ["Harm", "what-shortens-lives-should-be-banned"],
        "Ban",
    )
    assert last.note == "Cleaner air saves lives."  # the argument's description


def test_described_argument_is_a_claim_that_supports_its_target(small):
    assert small.claims["Clean-air"].text == "Fewer cars mean cleaner air."
    reason = small.reasons["Clean-air-supports-Ban"]
    assert (reason.type, reason.premises, reason.conclusion) == ("support", ["Clean-air"], "Ban")


def test_nested_attacks_become_objections_on_their_parents(small):
    assert (
        small.reasons["Trade-attacks-Ban"].type,
        small.reasons["Trade-attacks-Ban"].conclusion,
    ) == ("objection", "Ban")
    assert small.reasons["Evidence-attacks-Trade"].conclusion == "Trade"


def test_undercut_of_a_reconstruction_objects_to_its_inference(small):
    undercut = small.reasons["Undercutter-undercuts-Health-argument"]
    assert undercut.type == "objection"
    assert undercut.conclusion == "Health-argument"  # a reason id: the inference itself
    assert undercut.premises == ["Undercutter"]


def test_comments_are_skipped(small):
    assert not any("comment" in c.text for c in small.claims.values())
    assert small.claims["Too-few"].text == "The number of deaths is tiny."


def test_inference_data_is_ignored_with_a_warning_at_its_line(small):
    warnings = [str(w) for w in small.warnings if w.rule == "argdown-data"]
    assert warnings == [
        f"{MAPS / 'small.argdown'}:22:1: warning: inline data 'uses' of an "
        "inference is ignored (argmap links every premise since the previous "
        "conclusion)"
    ]


def _map(tmp_path, text: str, name: str = "t.argdown"):
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return read_map(path)


def test_relation_symbols_and_indentation(tmp_path):
    amap = _map(tmp_path, "A\n  + B\n  - C\n      <+ D\n        <- E\n          +> F\n    -> G\n")
    got = sorted((r.type, r.premises[0], r.conclusion) for r in amap.reasons.values())
    ids = {c.text: c.id for c in amap.claims.values()}
    want = sorted(
        [
            ("support", ids["B"], ids["A"]),
            ("objection", ids["C"], ids["A"]),
            ("support", ids["D"], ids["C"]),
            ("objection", ids["E"], ids["D"]),
            ("support", ids["E"], ids["F"]),
            # a dedent that matches no level joins the level above, as in Argdown
            ("objection", ids["A"], ids["G"]),
        ]
    )
    assert got == want


def test_contradiction_between_statements_is_one_symmetric_reason(tmp_path):
    amap = _map(tmp_path, "[A]: It rains.\n  >< [B]: It does not rain.\n\n[B]\n  >< [A]\n")
    (reason,) = amap.reasons.values()
    assert (reason.id, reason.type, reason.premises, reason.conclusion, reason.label) == (
        "A-contradicts-B",
        "contradiction",
        ["A"],
        "B",
        None,
    )


def test_contradiction_is_written_back_as_argdowns_symmetric_relation(tmp_path):
    amap = _map(tmp_path, "[A]: It rains.\n  >< [B]: It does not rain.\n")
    text = export_map(amap, "argdown")
    assert "[A]\n  >< [B]\n" in text
    again = _map(tmp_path, text)
    assert again.reasons == amap.reasons


def test_strict_mode_makes_statement_attacks_contrary(tmp_path):
    amap = _map(tmp_path, "===\nmodel:\n  mode: strict\n===\n\n[A]: a\n  -> [B]: b\n")
    (reason,) = amap.reasons.values()
    assert (reason.type, reason.label) == ("objection", "contrary")


def test_support_for_a_reconstructed_argument_supports_its_conclusion_with_a_note(tmp_path):
    text = "<Arg>\n\n(1) [P]: p\n----\n(2) [C]: c\n\n[S]: s\n  +> <Arg>\n"
    amap = _map(tmp_path, text)
    reason = amap.reasons["S-supports-C"]
    assert (reason.type, reason.premises, reason.conclusion) == ("support", ["S"], "C")
    assert "without naming the premise" in reason.note


def test_attack_on_a_reconstructed_argument_objects_to_its_inference(tmp_path):
    text = "<Arg>\n\n(1) [P]: p\n----\n(2) [C]: c\n\n[S]: s\n  -> <Arg>\n"
    reason = _map(tmp_path, text).reasons["S-attacks-Arg"]
    assert (reason.type, reason.conclusion) == ("objection", "Arg")


def test_bare_argument_is_made_of_the_statements_that_support_it(tmp_path):
    text = "<Obj>\n  <+ [P1]: one\n  <+ [P2]: two\n  -> [C]: c\n"
    amap = _map(tmp_path, text)
    assert set(amap.claims) == {"P1", "P2", "C"}
    reason = amap.reasons["Obj"]
    assert (reason.type, reason.premises, reason.conclusion) == ("objection", ["P1", "P2"], "C")


def test_titles_that_slug_alike_get_distinct_ids(tmp_path):
    amap = _map(tmp_path, "[A b]: one\n  + [A-b]: two\n  - [A: b]: three\n")
    assert list(amap.claims) == ["A-b", "A-b-2", "A-b-3"]
    assert all(ID_PATTERN.match(i) for i in amap.claims)
    assert [c.text for c in amap.claims.values()] == ["one", "two", "three"]


def test_non_ascii_titles_become_ascii_ids(tmp_path):
    amap = _map(tmp_path, "[Natürlichkeitsprinzip]: Natur ist gut.\n  + [Straße]: s\n")
    assert list(amap.claims) == ["Naturlichkeitsprinzip", "Strasse"]


def test_escapes_emphasis_and_links_leave_plain_text(tmp_path):
    amap = _map(
        tmp_path, "[T]: 1 \\< 3, \\[x\\] and **bold** _it_ [a link](http://x.org) \\#no-tag\n"
    )
    claim = amap.claims["T"]
    assert claim.text == "1 < 3, [x] and bold it a link #no-tag"
    assert claim.tags == []


def test_support_cycle_drops_the_closing_reason_with_a_warning():
    amap = read_map(MAPS / "cycle.argdown")
    assert [(r.premises, r.conclusion) for r in amap.reasons.values()] == [(["B"], "A")]
    (warning,) = [w for w in amap.warnings if w.rule == "import-dropped"]
    assert (warning.line, warning.column) == (5, 3)
    assert "circle of support" in warning.message


def test_unsupported_syntax_warns_with_file_and_line_and_does_not_crash():
    amap = read_map(MAPS / "unsupported.argdown")
    messages = {(w.line, w.rule): w.message for w in amap.warnings}
    assert "not supported" in messages[(4, "argdown-unsupported")]
    assert "no statement or argument above it" in messages[(6, "argdown-syntax")]
    assert "'color' is ignored" in messages[(2, "argdown-data")]
    assert amap.claims["a-relation-without-parent"].text == "a relation without parent"


# ---- the CLI -------------------------------------------------------------------------------


def test_check_reads_argdown_by_extension(runner):
    result = runner.invoke(main, ["check", str(MAPS / "unsupported.argdown")])
    assert result.exit_code == 0, result.output
    assert f"{MAPS / 'unsupported.argdown'}:4:1: warning: statements referenced" in result.output


def test_from_overrides_the_extension(runner, tmp_path):
    path = tmp_path / "debate.txt"
    path.write_text("[A]: a\n  + [B]: b\n", "utf-8")
    result = runner.invoke(main, ["export", str(path), "--from", "argdown", "--to", "json"])
    assert result.exit_code == 0, result.output
    assert [r["id"] for r in json.loads(result.output)["reasons"]] == ["B-supports-A"]


def test_ad_extension_is_argdown(runner, tmp_path):
    path = tmp_path / "debate.ad"
    path.write_text("[A]: a\n  - [B]: b\n", "utf-8")
    result = runner.invoke(main, ["export", str(path), "--to", "json"])
    assert json.loads(result.output)["reasons"][0]["type"] == "objection"


@pytest.mark.parametrize(
    "name,message",
    [
        ("latin1.argdown", ":1:9: error: not UTF-8: byte 0xe9 cannot be decoded"),
    ],
)
def test_unreadable_argdown_is_a_map_error_with_exit_1(runner, name, message):
    result = runner.invoke(main, ["check", str(MAPS / name)])
    assert result.exit_code == 1
    assert f"{MAPS / name}{message}" in result.output


def test_empty_argdown_file_is_a_map_error(runner, tmp_path):
    path = tmp_path / "empty.argdown"
    path.write_text("<!-- nothing but a comment -->\n", "utf-8")
    with pytest.raises(MapError, match="empty Argdown file"):
        read_map(path)
    result = runner.invoke(main, ["render", str(path), "-o", str(tmp_path / "e.html")])
    assert result.exit_code == 1
    assert result.output.startswith(f"{path}:1:1: error: empty Argdown file")
    assert not (tmp_path / "e.html").exists()


def test_render_an_argdown_corpus_file(runner, tmp_path):
    out = tmp_path / "legal.html"
    result = runner.invoke(
        main, ["render", str(CORPUS / "legalisation-softdrugs.argdown"), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    html = out.read_text("utf-8")
    assert "Pros and Cons Legalisation of Soft Drugs" in html
    assert "Soft drugs should be legal." in html


# ---- never a crash -------------------------------------------------------------------------

_PIECES = [
    "[A]",
    "[B]: b",
    "<X>",
    "<Y>: y",
    "(1)",
    "(2) p",
    "--",
    "----",
    "-- rule --",
    "+ ",
    "- ",
    "_ ",
    "<+ ",
    "+> ",
    "-> ",
    "<- ",
    "_> ",
    "<_ ",
    "><",
    "# H",
    "## H2",
    "===",
    "title: t",
    "{a: 1}",
    "{",
    "}",
    "<!--",
    "-->",
    "/*",
    "*/",
    "//",
    "#tag",
    "#(t t)",
    "@[A]",
    "\\",
    "*",
    "_",
    "**",
    "text",
    "more text",
    "1.",
    "* item",
    "\t",
    "  ",
    "    ",
    "é",
    "\r",
    "#()",
    "[]",
    "<>",
    "[A]:",
    "<X>(1)",
    # hostile shapes: forbidden and private-use characters (the escape placeholders'
    # range), deep data, unclosed markup, long dash runs, YAML tricks in data
    "\x01",
    "\x7f",
    "\ud800",
    "\ufffe",
    "\ue05b",
    "\uefff",
    "\\\ue05d",
    "{a: " + "[" * 150 + "]" * 150 + "}",
    "{a: &x [1], b: [*x, *x]}",
    "#(" * 30,
    "***a " * 10,
    "[x](" * 10,
    "-" * 60 + "x",
]
_SYNTAX = st.text(
    st.sampled_from(list("[]<>()+-_#*{}:@/\\!=. \n\t\rab1é\x01\ue05b\uefff")), max_size=120
)


@settings(max_examples=int(os.environ.get("ARGMAP_EXAMPLES", "150")), deadline=None)
@given(
    st.one_of(
        st.lists(st.lists(st.sampled_from(_PIECES), max_size=6).map(" ".join), max_size=25).map(
            "\n".join
        ),
        _SYNTAX,
    )
)
def test_any_argdown_text_imports_or_is_a_clean_error(text):
    from argmap.formats.argdown_read import argdown_to_map

    try:
        amap = argdown_to_map(parse_argdown(text, "fuzz.argdown"))
    except MapError as error:
        assert all(d.file == "fuzz.argdown" for d in error.diagnostics)
        return
    parse_map(json.dumps(map_to_dict(amap)), "fuzz.json")


# ---- in a real browser ---------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize(
    "name",
    [
        "core-tests/veggie_debate.argdown",
        "argdown-primer.argdown",
        "core-tests/lexer-relations.argdown",
    ],
)
def test_imported_argdown_page_opens_cleanly(name, runner, tmp_path, open_page):
    """Ids from titles, gist claims, undercuts and even an empty map draw without an error."""
    out = tmp_path / "page.html"
    result = runner.invoke(main, ["render", str(CORPUS / name), "-o", str(out)])
    assert result.exit_code == 0, result.output
    watch = open_page(out, viewport={"width": 1200, "height": 800})
    amap = read_map(CORPUS / name)
    assert amap.title in watch.page.title()
    watch.assert_clean()


def test_a_document_of_headings_only_imports_as_an_empty_map_with_a_warning(tmp_path):
    path = tmp_path / "outline.argdown"
    path.write_text("# Part one\n\n## Details\n\n# Part two\n", "utf-8")
    amap = read_map(path)
    assert (amap.claims, amap.reasons) == ({}, {})
    assert [w.message for w in amap.warnings] == [
        "no statements or arguments found: the map is empty"
    ]


def test_export_reports_ignored_inline_data_as_check_does(runner, tmp_path):
    path = tmp_path / "data.argdown"
    path.write_text("[A]: It rains. {colour: red}\n  + [B]: Clouds.\n", "utf-8")
    out = tmp_path / "data.yaml"
    exported = runner.invoke(main, ["export", str(path), "--to", "yaml", "-o", str(out)])
    checked = runner.invoke(main, ["check", str(path)])
    assert exported.exit_code == 0
    line = f"{path}:1:1: warning: inline data 'colour' is ignored"
    assert line in exported.output and line in checked.output


def test_a_tag_inside_a_sentence_keeps_its_word_and_is_a_tag(tmp_path):
    amap = _map(tmp_path, "[A]: And you can use #hashtags to colour #(all the) statements. #end\n")
    claim = amap.claims["A"]
    assert claim.text == "And you can use hashtags to colour all the statements."
    assert claim.tags == ["hashtags", "all the", "end"]


def test_shortcodes_and_logical_symbols_become_characters_as_argdown_does(tmp_path):
    amap = _map(tmp_path, "[A]: .~.(p.^.q).<->.(.~.p).v.(.~.q) :love: e.g. 10:30:45 \\.A\\.\n")
    assert amap.claims["A"].text == "¬(p∧q)↔(¬p)∨(¬q) 😍 e.g. 10:30:45 .A."


def test_a_bare_argument_supported_by_an_argument_keeps_its_node(tmp_path):
    amap = _map(tmp_path, "[C]: The claim.\n  - <B>\n    <+ <A>: A describes.\n")
    assert amap.claims["B"].text == "B"
    assert (amap.reasons["A-supports-B"].premises, amap.reasons["A-supports-B"].conclusion) == (
        ["A"],
        "B",
    )
    assert amap.reasons["B-attacks-C"].premises == ["B"]


def test_text_that_looks_like_a_shortcode_is_written_so_it_reads_back_as_written(tmp_path):
    for text in (".smile. is not a smile", "ratio 1:love:2", ".smile.happy.", "e.g. :y: .n."):
        amap = parse_map(
            json.dumps(
                {"argmap": 1, "title": "T", "main": ["a"], "claims": [{"id": "a", "text": text}]}
            ),
            "t.json",
        )
        assert _map(tmp_path, export_map(amap, "argdown")).claims["a"].text == text
