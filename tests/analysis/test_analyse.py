"""`argmap analyse`: statistics, labels, load-bearing premises, and the command's exact output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from argmap.analysis.analyse import PAIR_LIMIT, analyse_map
from argmap.formats.native_read import load_map
from argmap.model import ArgumentMap, Claim, Reason
from argmap_cli import main

from conftest import HERE

MAPS = HERE / "maps"

SMALL_TEXT = """\
Cities should build more housing (small.yaml)

Statistics
  claims             7
  reasons            4: 2 supports, 2 objections (1 rebuttal, 1 undercut)
  linked reasons     1
  implicit premises  1
  basic premises     6
  main conclusions   1
  depth              2

Labels: 7 accepted, 0 rejected, 0 undecided
  accepted   build-more              Cities should build more housing.
  accepted   rents-doubled           Rents have doubled in ten years while wages stayed flat.
  accepted   shortage-raises-prices  When housing supply is short, prices rise.
  accepted   affordability-matters   Housing that people cannot afford is a problem a city must address.
  accepted   zoning                  Zoning rules forbid apartments on most residential land.
  accepted   congestion              New towers bring congestion.
  accepted   transit                 Transit can absorb the growth that new housing brings.

Load-bearing premises
  build-more (accepted)
    1. transit: build-more becomes rejected; 1 claim falls: build-more
    2. rents-doubled + zoning: build-more becomes rejected; 1 claim falls: build-more
    3. shortage-raises-prices + zoning: build-more becomes rejected; 1 claim falls: build-more
    4. affordability-matters (implicit) + zoning: build-more becomes rejected; 1 claim falls: build-more

Source coverage
  sentences   5 of 5 quoted (100%)
  characters  235 of 260 quoted (90%)
  paragraph 1: 2 of 2 sentences, 99% of characters
  paragraph 2: 2 of 2 sentences, 99% of characters
  paragraph 3: 1 of 1 sentences, 71% of characters
  paragraphs with no quote: none
"""

SMALL_REJECT_TRANSIT = """\
Cities should build more housing (small.yaml)
Rejected by the reader: transit

Statistics
  claims             7
  reasons            4: 2 supports, 2 objections (1 rebuttal, 1 undercut)
  linked reasons     1
  implicit premises  1
  basic premises     6
  main conclusions   1
  depth              2

Labels: 5 accepted, 2 rejected, 0 undecided
  rejected   build-more              Cities should build more housing.
  accepted   rents-doubled           Rents have doubled in ten years while wages stayed flat.
  accepted   shortage-raises-prices  When housing supply is short, prices rise.
  accepted   affordability-matters   Housing that people cannot afford is a problem a city must address.
  accepted   zoning                  Zoning rules forbid apartments on most residential land.
  accepted   congestion              New towers bring congestion.
  rejected   transit                 Transit can absorb the growth that new housing brings.

Load-bearing premises
  build-more (rejected)
    not accepted as it stands, so no premise is load-bearing

Source coverage
  sentences   5 of 5 quoted (100%)
  characters  235 of 260 quoted (90%)
  paragraph 1: 2 of 2 sentences, 99% of characters
  paragraph 2: 2 of 2 sentences, 99% of characters
  paragraph 3: 1 of 1 sentences, 71% of characters
  paragraphs with no quote: none
"""


def claim_map(claims, reasons, main) -> ArgumentMap:
    return ArgumentMap(
        title="t",
        claims={c: Claim(c, c.upper()) for c in claims},
        reasons={r: Reason(r, c, list(p), t) for r, c, p, t in reasons},
        main=list(main),
    )


@pytest.fixture
def in_maps(monkeypatch):
    monkeypatch.chdir(MAPS)


def test_cli_text_report_is_exact(runner, in_maps):
    result = runner.invoke(main, ["analyse", "small.yaml"])
    assert result.exit_code == 0, result.output
    assert result.output == SMALL_TEXT


def test_cli_reject_relabels_and_reports_the_fallen_conclusion(runner, in_maps):
    result = runner.invoke(main, ["analyse", "small.yaml", "--reject", "transit"])
    assert result.exit_code == 0, result.output
    assert result.output == SMALL_REJECT_TRANSIT


def test_cli_json_report(runner, in_maps):
    result = runner.invoke(
        main,
        [
            "analyse",
            "small.yaml",
            "--format",
            "json",
            "--reject",
            "congestion",
            "--accept",
            "zoning",
        ],
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["marks"] == {"rejected": ["congestion"], "accepted": ["zoning"]}
    assert report["labels"]["congestion"] == "rejected"
    assert report["reason_labels"]["o-congestion"] == "fails"
    assert report["counts"] == {"accepted": 6, "rejected": 1, "undecided": 0}
    # zoning is accepted by the reader, so it is no candidate; no other premise carries alone
    assert report["main"] == [{"id": "build-more", "label": "accepted", "load_bearing": []}]
    assert report["statistics"]["undercuts"] == 1
    assert report["pairs"] == {"checked": True, "limit": PAIR_LIMIT, "basic_premises": 6}


def test_cli_output_is_byte_identical_between_runs(runner, in_maps):
    runs = [
        runner.invoke(main, ["analyse", "small.yaml", "--format", fmt]).output
        for fmt in ("json", "json", "text", "text")
    ]
    assert runs[0] == runs[1] and runs[2] == runs[3]


def test_cli_unknown_id_is_a_usage_error_with_a_suggestion(runner, in_maps):
    result = runner.invoke(main, ["analyse", "small.yaml", "--reject", "zonning"])
    assert result.exit_code == 2
    assert result.output == (
        "cannot reject 'zonning': no claim has that id (did you mean 'zoning'?) (claim ids: "
        "affordability-matters, build-more, congestion, rents-doubled, shortage-raises-prices, "
        "transit, zoning)\n"
    )


def test_cli_accepting_a_reason_is_a_usage_error(runner, in_maps):
    result = runner.invoke(main, ["analyse", "small.yaml", "--accept", "o-transit"])
    assert result.exit_code == 2
    assert "cannot accept 'o-transit': it is a reason" in result.output
    assert "Traceback" not in result.output


def test_cli_bad_map_exits_1_with_location(runner):
    result = runner.invoke(main, ["analyse", str(MAPS / "bad" / "unknown-ref.yaml")])
    assert result.exit_code == 1
    assert "unknown-ref.yaml:" in result.output and "Traceback" not in result.output


def test_cli_missing_file_exits_2(runner, in_maps):
    result = runner.invoke(main, ["analyse", "no-such-map.yaml"])
    assert result.exit_code == 2
    assert "does not exist" in result.output


def test_cli_help_has_examples(runner):
    result = runner.invoke(main, ["analyse", "--help"])
    assert result.exit_code == 0
    assert "Examples:" in result.output and "--reject" in result.output


def test_cli_without_map_analyses_the_bundled_map(runner):
    result = runner.invoke(main, ["analyse", "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["statistics"]["claims"] > 0
    assert set(report["labels"].values()) <= {"accepted", "rejected", "undecided"}


def test_statistics_of_the_small_map():
    stats = analyse_map(load_map(MAPS / "small.yaml")).statistics
    assert stats == {
        "claims": 7,
        "reasons": 4,
        "supports": 2,
        "objections": 2,
        "rebuttals": 1,
        "undercuts": 1,
        "linked_reasons": 1,
        "implicit_premises": 1,
        "basic_premises": 6,
        "main_conclusions": 1,
        "depth": 2,
    }


def test_depth_counts_reasons_on_the_longest_chain():
    chain = claim_map(
        "abcd",
        [("r1", "a", "b", "support"), ("r2", "b", "c", "support"), ("r3", "c", "d", "support")],
        "a",
    )
    assert analyse_map(chain).statistics["depth"] == 3


def test_single_premises_come_first_and_pairs_are_minimal():
    # m <- (x, y linked) ; m <- z ; m <- w : no single carries alone... except through x+y
    amap = claim_map(
        ["m", "mid", "x", "y", "z"],
        [
            ("r1", "m", ["mid"], "support"),
            ("r2", "mid", ["x", "y"], "support"),
            ("r3", "mid", ["z"], "support"),
        ],
        ["m"],
    )
    report = analyse_map(amap).mains[0]
    assert [lb.premises for lb in report.load_bearing] == [("x", "z"), ("y", "z")]
    assert report.load_bearing[0].falls == ("m", "mid")

    amap.reasons["r4"] = Reason("r4", "m", ["k"])
    amap.claims["k"] = Claim("k", "K")
    amap.reasons["r1"] = Reason("r1", "m", ["mid", "k"])  # now k alone unseats m
    del amap.reasons["r4"]
    report = analyse_map(amap).mains[0]
    singles = [lb.premises for lb in report.load_bearing if len(lb.premises) == 1]
    pairs = [lb.premises for lb in report.load_bearing if len(lb.premises) == 2]
    assert singles == [("k",)]
    assert all("k" not in pair for pair in pairs)  # a pair holding a single is not minimal
    assert pairs == [("x", "z"), ("y", "z")]


def test_ranking_by_how_many_claims_fall():
    # m needs b and c; b rests on d, which rests on f; c rests on e.
    # Rejecting e takes down c and m; rejecting f takes down d, b and m: f ranks first.
    amap = claim_map(
        ["m", "b", "c", "d", "e", "f"],
        [
            ("r1", "m", ["b", "c"], "support"),
            ("r2", "b", ["d"], "support"),
            ("r3", "c", ["e"], "support"),
            ("r4", "d", ["f"], "support"),
        ],
        ["m"],
    )
    ranked = [(lb.premises, lb.falls) for lb in analyse_map(amap).mains[0].load_bearing]
    assert ranked == [(("f",), ("m", "b", "d")), (("e",), ("m", "c"))]


def test_premises_that_unseat_by_undecided_are_reported_with_that_label():
    # rejecting x turns an undercut into an even cycle: m becomes undecided, not rejected
    amap = claim_map(
        ["m", "p", "x", "y", "z"],
        [
            ("r", "m", ["p"], "support"),
            ("o-y", "m", ["y"], "objection"),
            ("o-x", "o-y", ["x"], "objection"),
            ("o-z", "y", ["z"], "objection"),
            ("o-y2", "z", ["y"], "objection"),
        ],
        ["m"],
    )
    report = analyse_map(amap).mains[0]
    labels = {lb.premises: lb.conclusion_label for lb in report.load_bearing}
    assert labels[("x",)] == "undecided"


def test_pairs_are_skipped_above_the_limit_and_singles_still_found():
    def wide(n):
        basics = [f"p{i}" for i in range(n)]
        # m has two convergent reasons; only pairs across them unseat it, and q alone does
        reasons = [
            ("ra", "m", basics[: n // 2] + ["q"], "support"),
            ("rb", "m", basics[n // 2 :] + ["q"], "support"),
        ]
        return claim_map(["m", "q"] + basics, reasons, ["m"])

    under = analyse_map(wide(PAIR_LIMIT - 1))
    assert under.pairs_checked
    assert len(under.mains[0].load_bearing) == 1 + (PAIR_LIMIT - 1) // 2 * (PAIR_LIMIT // 2)
    over = analyse_map(wide(PAIR_LIMIT))  # PAIR_LIMIT + 1 basic premises with q
    assert not over.pairs_checked
    assert [lb.premises for lb in over.mains[0].load_bearing] == [("q",)]
    assert f"more than {PAIR_LIMIT}" in over.as_text()


def test_unaccepted_main_conclusion_has_no_load_bearing_premises():
    report = analyse_map(load_map(MAPS / "objection-cycle.yaml"))
    assert report.mains[0].label == "undecided" and report.mains[0].load_bearing == []


def test_essay_map_guide_lists_the_load_bearing_premises_analyse_finds():
    """docs/essay-map.md's tables are `argmap analyse` output; they must follow the map."""
    import re

    from argmap.page.package_data import bundled_map_path
    from conftest import ROOT

    text = (ROOT / "docs" / "essay-map.md").read_text("utf-8")
    section = text.split("## Load-bearing premises", 1)[1]
    documented: dict[str, list] = {}
    for table in re.finditer(r"\*\*`([\w-]+)`\*\*[^\n]*\n\n((?:\|[^\n]*\n)+)", section):
        rows = table.group(2).splitlines()[2:]  # past the header and the |---| line
        documented[table.group(1)] = [
            (tuple(re.findall(r"`([\w-]+)`", cells[2])), cells[3].strip(), int(cells[4]))
            for cells in (row.split("|") for row in rows)
        ]
    found = {
        main.id: [(lb.premises, lb.conclusion_label, len(lb.falls)) for lb in main.load_bearing]
        for main in analyse_map(load_map(bundled_map_path())).mains
    }
    assert documented == found, (
        "the 'Load-bearing premises' tables of docs/essay-map.md differ from `argmap analyse` on "
        "maps/essay.yaml: update them from its output"
    )


def _coverage(runner, folder: Path, source: str, quote_a: str, quote_b: str) -> dict:
    """`analyse --format json`'s coverage of a two-claim map quoting `source`: claim a (the
    main conclusion) quotes `quote_a`, its premise b `quote_b`."""
    (folder / "source.txt").write_text(source, encoding="utf-8")
    (folder / "m.yaml").write_text(
        "argmap: 1\ntitle: T\nsource: {title: S, text: source.txt}\nmain: [a]\nclaims:\n"
        f"  - {{id: a, text: A, quote: '{quote_a}'}}\n"
        f"  - {{id: b, text: B, quote: '{quote_b}'}}\n"
        "reasons:\n  - {id: r, conclusion: a, premises: [b]}\n",
        encoding="utf-8",
    )
    result = runner.invoke(main, ["analyse", str(folder / "m.yaml"), "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)["coverage"]


def test_coverage_reports_sentences_characters_and_unquoted_paragraphs(runner, tmp_path):
    cov = _coverage(
        runner,
        tmp_path,
        "First point. Second point is longer!\n\nNothing here is quoted. Nor here.\n\n"
        "A \u201cthird\u201d point? Yes.\n",
        "Second point is longer",
        "third",
    )
    assert cov["sentences"] == 6 and cov["quoted_sentences"] == 2
    assert cov["chars"] == len("First point. Second point is longer!") + len(
        "Nothing here is quoted. Nor here."
    ) + len("A \u201cthird\u201d point? Yes.")
    assert cov["quoted_chars"] == len("Second point is longer") + len("third")
    assert cov["unquoted_paragraphs"] == [2]
    assert [p["quoted_sentences"] for p in cov["paragraphs"]] == [1, 0, 1]
    text = runner.invoke(main, ["analyse", str(tmp_path / "m.yaml")]).output
    assert "  sentences   2 of 6 quoted (33%)\n" in text
    assert "  paragraphs with no quote: 2\n" in text


# a text hard-wrapped at 40 columns, blank lines between its paragraphs; the quote of `a`
# crosses the soft line break after "wrapped"
_WRAPPED = (
    "Cities grow when people can build. A text\n"
    "wrapped at forty columns keeps its\n"
    "sentences whole.\n"
    "\n"
    "Nothing in this paragraph is quoted by\n"
    "the map at all.\n"
    "\n"
    "The last paragraph. It holds the second\n"
    "quote, short.\n"
)


def test_coverage_of_a_hard_wrapped_text_counts_its_paragraphs_not_its_lines(runner, tmp_path):
    cov = _coverage(
        runner,
        tmp_path,
        _WRAPPED,
        "A text wrapped at forty columns keeps its sentences whole",
        "It holds the second quote",
    )
    first = "Cities grow when people can build. A text wrapped at forty columns keeps its sentences whole."
    second = "Nothing in this paragraph is quoted by the map at all."
    third = "The last paragraph. It holds the second quote, short."
    assert cov["paragraphs"] == [
        {
            "paragraph": 1,
            "sentences": 2,
            "quoted_sentences": 1,
            "chars": len(first),
            "quoted_chars": len("A text wrapped at forty columns keeps its sentences whole"),
        },
        {
            "paragraph": 2,
            "sentences": 1,
            "quoted_sentences": 0,
            "chars": len(second),
            "quoted_chars": 0,
        },
        {
            "paragraph": 3,
            "sentences": 2,
            "quoted_sentences": 1,
            "chars": len(third),
            "quoted_chars": len("It holds the second quote"),
        },
    ]
    assert cov["unquoted_paragraphs"] == [2]


def test_a_text_without_blank_lines_has_one_paragraph_per_line():
    from argmap.source_text import paragraphs

    assert paragraphs("One line.\nAnother  line.\n\n") == ["One line.", "Another line."]
    assert paragraphs("A wrapped\nparagraph.\n \nAnother\none.") == [
        "A wrapped paragraph.",
        "Another one.",
    ]
    assert paragraphs("\n\n") == []
    # an essay with a paragraph per (long) line stays so under a title and a blank line
    long_lines = ["A paragraph of an essay, pasted from a web page, one line. " * 3] * 2
    assert paragraphs("Title\n\n" + "\n".join(long_lines)) == [
        "Title",
        *[line.strip() for line in long_lines],
    ]


def test_the_essays_coverage_counts_one_paragraph_per_line(runner):
    # the essay has no blank lines: its paragraphs, and so its figures, are its lines as before
    from argmap.quotes import normalise

    result = runner.invoke(
        main, ["analyse", str(HERE.parent / "maps" / "essay.yaml"), "--format", "json"]
    )
    cov = json.loads(result.output)["coverage"]
    lines = (HERE.parent / "maps" / "essay.txt").read_text("utf-8").splitlines()
    texts = [normalise(line) for line in lines if line.strip()]
    assert [p["chars"] for p in cov["paragraphs"]] == [len(t) for t in texts]
    assert len(texts) > 20


def test_a_map_without_source_text_has_no_coverage(runner, tmp_path):
    (tmp_path / "m.yaml").write_text(
        "argmap: 1\ntitle: T\nmain: [a]\nclaims:\n  - {id: a, text: A}\n", encoding="utf-8"
    )
    result = runner.invoke(main, ["analyse", str(tmp_path / "m.yaml"), "--format", "json"])
    assert json.loads(result.output)["coverage"] is None
    assert (
        "Source coverage" not in runner.invoke(main, ["analyse", str(tmp_path / "m.yaml")]).output
    )


def test_an_excerpt_runs_from_a_sentence_start_to_a_sentence_end():
    from argmap.analysis.coverage import excerpt

    text = "One. Two is here. Three has the quote inside it. Four. Five."
    at = text.index("the quote")
    assert (
        text[slice(*excerpt(text, at, at + 9))]
        == "Two is here. Three has the quote inside it. Four."
    )
    assert text[slice(*excerpt(text, 0, 3))] == "One. Two is here."
    end = text.index("Five")
    assert text[slice(*excerpt(text, end, end + 4))] == "Four. Five."
