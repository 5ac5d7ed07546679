"""The flagship map (maps/essay.yaml): what a careful reviewer checks of the essay's reconstruction.

The map reproduces the author's argument; these tests check its form and fidelity to the text
(verbatim quotes, paragraph coverage, the chain the issue asks for), never whether the
author is right.
"""

from __future__ import annotations

import hashlib

import re
from pathlib import Path

import networkx as nx
import pytest

from argmap.formats.native_read import load_map
from argmap.model import KINDS

ROOT = Path(__file__).resolve().parent.parent
MAP = ROOT / "maps" / "essay.yaml"
ESSAY = ROOT / "maps" / "essay.txt"

# Lines of maps/essay.txt (one paragraph per line, numbered from 1) that argue something.
# Not argumentative, so context only:
#   1  the dateline ("Monday, 1 December 2025");
#   2  the news peg: who meets whom in the Kremlin this week, and the envoys' Gaza record.
# Line 3 counts: it states the two expectations (the SMO will soon end / nothing will come of
# it) that the closing paragraph answers, so the map keeps both as counter-views.
NON_ARGUMENTATIVE = {1, 2}
ARGUMENTATIVE = set(range(3, 23))

# The chain the issue asks for, premise before conclusion, every step a support reason:
# NATO enlargement (Bucharest 2008) → the West's one-sided "rules" → no rules-based order →
# no inherent rights → rights won by struggle → capitulation → the victor's architecture.
NATO_TO_MAIN = [
    "bucharest-2008",
    "west-dismissed-russia-rights",
    "no-rules-order",
    "no-inherent-rights",
    "rights-won-by-struggle",
    "capitulation-aim",
    "victor-architecture",
]
MAIN = ["victor-architecture", "outlook-no-illusions"]


def normalise(text: str) -> str:
    """Whitespace-normalised text, written here rather than borrowed from the loader."""
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def amap():
    return load_map(MAP)


@pytest.fixture(scope="module")
def paragraphs() -> dict[int, str]:
    lines = ESSAY.read_text(encoding="utf-8").splitlines()
    return {number: normalise(line) for number, line in enumerate(lines, 1) if line.strip()}


def support_graph(amap) -> nx.DiGraph:
    """premise → conclusion for every support reason (objections left out)."""
    graph = nx.DiGraph()
    graph.add_nodes_from(amap.claims)
    for reason in amap.reasons.values():
        if reason.is_objection:
            continue
        for premise in reason.premises:
            graph.add_edge(premise, reason.conclusion, reason=reason.id)
    return graph


# ------------------------------------------------------------------ validity


def test_loads_without_errors_or_warnings(amap):
    assert amap.warnings == []
    assert 35 <= len(amap.claims) <= 65
    assert len(amap.reasons) >= len(amap.claims) // 2


def test_check_strict_is_clean():
    check = pytest.importorskip("argmap.analysis.check")
    report = check.check_maps([str(MAP)])
    assert not report.failed(strict=True), report.as_text()


def test_ids_are_readable_kebab_case(amap):
    for ident in [*amap.claims, *amap.reasons, *amap.groups]:
        assert re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", ident), ident


# SHA-256 of the essay as published (1 December 2025): the bundled copy is never edited
ESSAY_SHA256 = "4c848a8a7c45c73593f9db62a418f60c977c5ede579f7174fdda48823d3a63e0"


def test_the_essay_copy_is_the_published_text():
    assert hashlib.sha256(ESSAY.read_bytes()).hexdigest() == ESSAY_SHA256


def test_source_says_whose_argument_and_where_from(amap):
    source = amap.source
    assert source.text == "essay.txt"
    assert source.date == "2025-12-01"
    assert source.title
    assert source.author is None  # the essay names no author; none is invented
    assert "essay" in amap.title.lower() and "argument" in amap.title.lower()


def test_the_bundled_default_map_is_this_one():
    try:
        from argmap.page.package_data import bundled_map_path
    except ImportError:
        assert MAP.is_file()
        return
    assert bundled_map_path().resolve() == MAP.resolve()


# ------------------------------------------------------------------ fidelity to the text


def test_every_quote_is_verbatim_in_the_essay(amap):
    essay = normalise(ESSAY.read_text(encoding="utf-8"))
    for claim in amap.claims.values():
        if claim.quote is not None:
            assert normalise(claim.quote) in essay, claim.id


def test_the_essay_has_the_expected_paragraphs(paragraphs):
    assert set(paragraphs) == NON_ARGUMENTATIVE | ARGUMENTATIVE
    assert paragraphs[1] == "Monday, 1 December 2025"


def test_every_argumentative_paragraph_is_quoted_by_a_claim(amap, paragraphs):
    quotes = [normalise(c.quote) for c in amap.claims.values() if c.quote]
    uncovered = [n for n in sorted(ARGUMENTATIVE) if not any(q in paragraphs[n] for q in quotes)]
    assert uncovered == []


def test_context_paragraphs_stay_out_of_the_map(amap, paragraphs):
    for claim in amap.claims.values():
        if claim.quote:
            assert not any(normalise(claim.quote) in paragraphs[n] for n in NON_ARGUMENTATIVE)


def test_explicit_claims_quote_and_implicit_premises_explain(amap):
    implicit = [c for c in amap.claims.values() if c.implicit]
    assert len(implicit) >= 5
    for claim in amap.claims.values():
        if claim.implicit:
            assert claim.quote is None, claim.id
            assert claim.note and len(claim.note) > 30, claim.id
        else:
            assert claim.quote, claim.id


def test_implicit_premises_are_premises_of_support_reasons(amap):
    used = {p for r in amap.reasons.values() if not r.is_objection for p in r.premises}
    for claim in amap.claims.values():
        if claim.implicit:
            assert claim.id in used, claim.id


def test_every_claim_has_a_kind_and_a_group(amap):
    for claim in amap.claims.values():
        assert claim.kind in KINDS, claim.id
        assert claim.group in amap.groups, claim.id


def test_claims_are_single_declarative_sentences(amap):
    for claim in amap.claims.values():
        text = claim.text.strip()
        assert not text.endswith("?"), claim.id
        assert text[0].isupper() and text.endswith("."), claim.id
        assert not re.search(r"\b(because|therefore|hence|thus|so that)\b", text, re.I), claim.id
        assert text.count(". ") == 0, claim.id  # one sentence


def test_groups_follow_the_essays_movement(amap, paragraphs):
    assert 5 <= len(amap.groups) <= 8

    def paragraph_of(claim):
        quote = normalise(claim.quote)
        return next(n for n, text in paragraphs.items() if quote in text)

    last_paragraph = []
    for group in amap.groups:
        quoted = [paragraph_of(c) for c in amap.claims.values() if c.group == group and c.quote]
        assert quoted, f"group {group} quotes nothing"
        last_paragraph.append(max(quoted))
    assert last_paragraph == sorted(last_paragraph)


# ------------------------------------------------------------------ structure


def test_main_conclusions_are_marked_and_supported(amap):
    assert amap.main == MAIN
    for main in amap.main:
        assert any(r.conclusion == main and not r.is_objection for r in amap.reasons.values())


def test_every_claim_is_connected(amap):
    used = set(amap.main)
    for reason in amap.reasons.values():
        used.add(reason.conclusion)
        used.update(reason.premises)
    assert set(amap.claims) <= used


def test_support_has_no_cycles(amap):
    assert nx.is_directed_acyclic_graph(support_graph(amap))


def test_a_chain_of_support_runs_from_nato_through_the_rules_based_order_to_the_main(amap):
    graph = support_graph(amap)
    for premise, conclusion in zip(NATO_TO_MAIN, NATO_TO_MAIN[1:]):
        assert graph.has_edge(premise, conclusion), (premise, conclusion)
    assert amap.claims[NATO_TO_MAIN[0]].group == "nato"
    assert amap.claims["no-rules-order"].group == "rules-order"
    assert NATO_TO_MAIN[-1] in amap.main
    # the NATO motive also reaches the main conclusion, through the new security architecture
    assert nx.has_path(graph, "nato-encircling", "new-architecture-needed")
    assert graph.has_edge("new-architecture-needed", "victor-architecture")
    # and the rules-based-order section feeds the outlook for the talks, via the value gap
    path = nx.shortest_path(graph, "no-rules-order", "outlook-no-illusions")
    assert len(path) > 2


def test_every_claim_supports_a_main_conclusion_but_the_dialectic(amap):
    graph = support_graph(amap)
    reach = set(amap.main)
    for main in amap.main:
        reach |= nx.ancestors(graph, main)
    # only the counter-views and what the author answers them with stand off the support chains
    off_chain = set(amap.claims) - reach
    assert off_chain == {
        "absolute-choice-principle",
        "sovereignty-contradicts-reality",
        "smo-end-soon",
        "nothing-will-come",
        "room-for-miracle",
    }
    objection_premises = {p for r in objections(amap) for p in r.premises}
    objection_targets = {r.conclusion for r in objections(amap)}
    assert off_chain <= objection_premises | objection_targets


def test_the_issue_s_stations_are_on_the_way(amap):
    """The stations issue 3 lists, each a claim that supports its way to a main conclusion."""
    graph = support_graph(amap)
    stations = [
        "putin-motive-nato",
        "west-refused-security-talks",
        "bucharest-2008",
        "nord-stream-sanctions",
        "sanctions-justification-2016",
        "us-lng-market",
        "tariffs-on-allies",
        "canada-ad-tariff",
        "denmark-monitors",
        "eu-silent",
        "putin-cannot-accept",
        "no-return-as-reward",
        "value-gap",
        "eu-nato-enemies",
        "west-needs-conflict",
        "europe-militarising",
        "ukraine-proving-ground",
        "us-arms-testing",
        "plan-rewritten",
        "new-architecture-needed",
        "rights-won-by-struggle",
        "mobilisation-limit",
        "russia-war-footing",
        "capitulation-aim",
    ]
    for station in stations:
        assert any(nx.has_path(graph, station, main) for main in amap.main), station


def test_linked_premises_share_one_reason(amap):
    reason = amap.reasons["r-sanctions-pretext"]
    assert set(reason.premises) == {
        "sanctions-justification-2016",
        "accusations-unproven",
        "sanctions-strengthened",
        "rule-based-sanctions",
    }
    # independent grounds for the same conclusion are separate (convergent) reasons
    for_no_order = [
        r for r in amap.reasons.values() if r.conclusion == "no-rules-order" and not r.is_objection
    ]
    assert len(for_no_order) >= 3


# ------------------------------------------------------------------ hedges and counter-views


def objections(amap):
    return [r for r in amap.reasons.values() if r.is_objection]


def test_the_author_s_hedges_are_kept_as_qualifications(amap):
    hedged = {c.id for c in amap.claims.values() if "hedge" in c.tags}
    assert {"room-for-miracle", "capitulation-aim"} <= hedged
    miracle = [r for r in objections(amap) if "room-for-miracle" in r.premises]
    assert miracle and miracle[0].conclusion == "nothing-will-come"
    assert "But there is always room for a miracle" in amap.claims["room-for-miracle"].quote


def test_the_counter_views_the_essay_mentions_are_objected_to(amap):
    counter = {c.id for c in amap.claims.values() if "counter-view" in c.tags}
    assert counter == {"absolute-choice-principle", "smo-end-soon", "nothing-will-come"}
    targets = {r.conclusion for r in objections(amap)}
    assert counter <= targets
    # the optimists' view is itself an objection to the outlook
    assert any(
        r.conclusion == "outlook-no-illusions" and r.premises == ["smo-end-soon"]
        for r in objections(amap)
    )


def test_an_undercut_answers_the_fatigue_objection(amap):
    undercut = amap.reasons["u-war-footing"]
    assert undercut.is_objection and undercut.conclusion in amap.reasons


def test_read_as_the_author_argues_the_mains_stand_and_counter_views_fall(amap):
    evaluate = pytest.importorskip("argmap.analysis.evaluate")
    labels = evaluate.evaluate(amap).claims
    for main in amap.main:
        assert labels[main] == "accepted", main
    rejected = {c for c, label in labels.items() if label != "accepted"}
    assert rejected == {"absolute-choice-principle", "smo-end-soon", "nothing-will-come"}
