"""Labelling semantics: Carneades corpus cases, Dung's grounded semantics on attack cycles, marks."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings, strategies as st

from argmap.errors import UsageError
from argmap.analysis.evaluate import ACCEPTED, REJECTED, UNDECIDED, Evaluator, evaluate
from argmap.formats.native_read import load_map
from argmap.model import ArgumentMap, Claim, Reason

from conftest import CORPUS_ROOT, HERE

CARNEADES = CORPUS_ROOT / "carneades"
MAPS = HERE / "maps"


# ---- building maps in code -------------------------------------------------------------------


def make_map(claims, reasons, main=()) -> ArgumentMap:
    """claims: ids; reasons: (id, conclusion, premises, type) tuples."""
    return ArgumentMap(
        title="test",
        claims={c: Claim(c, f"Claim {c}.") for c in claims},
        reasons={
            r: Reason(r, conclusion, list(premises), kind)
            for r, conclusion, premises, kind in reasons
        },
        main=list(main),
    )


def dung(arguments, attacks) -> ArgumentMap:
    """A Dung framework as a map: each argument a claim, each attack an objection."""
    return make_map(arguments, [(f"{a}-attacks-{b}", b, [a], "objection") for a, b in attacks])


def grounded_extension(arguments, attacks) -> set:
    """Dung (1995) grounded extension, straight from the definition: iterate F from the empty set.

    F(S) = the arguments every attacker of which is attacked by some member of S.
    """
    attackers = {a: {x for x, y in attacks if y == a} for a in arguments}
    current: set = set()
    while True:
        defended = {a for a in arguments if all(attackers[x] & current for x in attackers[a])}
        if defended == current:
            return current
        current = defended


# ---- the Carneades corpus --------------------------------------------------------------------


def carneades_id(name: str) -> str:
    """Our claim id for a Carneades statement: ¬p -> not-p, ¬app(a1) -> not-app-a1."""
    return name.replace("¬", "not-").replace("(", "-").replace(")", "")


def carneades_case(name: str) -> dict:
    path = CARNEADES / f"{name}.yml"
    if not path.exists():
        pytest.skip(f"corpus file {path} not available")
    return yaml.safe_load(path.read_text("utf-8"))


def carneades_reader_rejects(case: dict) -> list[str]:
    """Carneades labels out a statement that is neither assumed nor concluded by an argument;
    argmap accepts unsupported claims unless the reader rejects them, so the reader rejects those."""
    statements = case.get("statements") or {}
    assumed = set(case.get("assumptions") or [])
    assumed |= {s for s, v in statements.items() if isinstance(v, dict) and v.get("assumed")}
    concluded = {a["conclusion"] for a in (case.get("arguments") or {}).values()}
    return [carneades_id(s) for s in statements if s not in assumed and s not in concluded]


def expected_labels(case: dict) -> dict[str, str]:
    tests = case["tests"]
    return {
        **{carneades_id(s): ACCEPTED for s in tests.get("in", [])},
        **{carneades_id(s): REJECTED for s in tests.get("out", [])},
    }


@pytest.mark.parametrize(
    "case_name, map_name",
    [
        ("linked-convergent", "carneades-linked-convergent"),
        ("toulmin", "carneades-toulmin"),
        ("reinstatement", "carneades-reinstatement-specificity"),
    ],
)
def test_carneades_cases_we_cover_get_carneades_labels(case_name, map_name):
    case = carneades_case(case_name)
    amap = load_map(MAPS / f"{map_name}.yaml")
    claims = evaluate(amap, rejected=carneades_reader_rejects(case)).claims
    expected = expected_labels(case)
    assert set(expected) <= set(claims)
    assert {c: claims[c] for c in expected} == expected


def test_toulmin_undercutter_defeats_the_inference_not_its_premises():
    labels = evaluate(load_map(MAPS / "carneades-toulmin.yaml"))
    assert labels.reasons["u-a1"] == "holds"
    assert labels.reasons["a1"] == "fails"
    assert labels.claims["s11520"] == labels.claims["s11519"] == ACCEPTED
    # reject the undercutter's ground and the inference is reinstated
    reinstated = evaluate(load_map(MAPS / "carneades-toulmin.yaml"), rejected=["s11516"])
    assert reinstated.claims["s11521"] == ACCEPTED


def test_linked_convergent_needs_all_linked_premises_and_one_convergent_reason():
    amap = load_map(MAPS / "carneades-linked-convergent.yaml")
    assert evaluate(amap, rejected=["s"]).claims["t"] == ACCEPTED  # p alone carries t
    assert evaluate(amap, rejected=["q"]).claims["p"] == REJECTED  # linked: q and r together
    assert evaluate(amap, rejected=["q"]).claims["t"] == ACCEPTED  # ...but s still carries t
    assert evaluate(amap, rejected=["q", "s"]).claims["t"] == REJECTED


@pytest.mark.parametrize(
    "case_name, map_name",
    [
        ("rebuttal", "carneades-rebuttal"),
        ("reinstatement", "carneades-reinstatement"),
    ],
)
def test_carneades_cases_decided_by_weights_stay_undecided(case_name, map_name):
    """Carneades settles these issues by argument weights; argmap has none, so grounded
    semantics leaves both positions undecided while agreeing on everything else."""
    case = carneades_case(case_name)
    amap = load_map(MAPS / f"{map_name}.yaml")
    claims = evaluate(amap, rejected=carneades_reader_rejects(case)).claims
    positions = {carneades_id(p) for issue in case["issues"].values() for p in issue["positions"]}
    for claim, label in expected_labels(case).items():
        assert claims[claim] == (UNDECIDED if claim in positions else label), claim


# ---- Dung's grounded semantics on pure attack graphs -----------------------------------------


def labels_of(amap, **marks):
    return evaluate(amap, **marks).claims


def test_unattacked_argument_is_accepted_and_its_target_rejected():
    assert labels_of(dung("ab", [("a", "b")])) == {"a": ACCEPTED, "b": REJECTED}


def test_reinstatement_attacker_of_an_attacker_defends():
    labels = labels_of(dung("abc", [("a", "b"), ("b", "c")]))
    assert labels == {"a": ACCEPTED, "b": REJECTED, "c": ACCEPTED}


def test_even_cycle_is_undecided():
    labels = labels_of(dung("abcd", [("a", "b"), ("b", "a"), ("c", "d"), ("d", "c")]))
    assert set(labels.values()) == {UNDECIDED}


def test_even_cycle_with_a_defender_is_decided():
    labels = labels_of(dung("abc", [("a", "b"), ("b", "a"), ("c", "b")]))
    assert labels == {"a": ACCEPTED, "b": REJECTED, "c": ACCEPTED}


@pytest.mark.parametrize("length", [1, 3, 5])
def test_odd_cycle_is_undecided_and_so_is_what_it_alone_attacks(length):
    ring = [f"x{i}" for i in range(length)]
    attacks = [(ring[i], ring[(i + 1) % length]) for i in range(length)] + [(ring[0], "t")]
    labels = labels_of(dung(ring + ["t", "free"], attacks))
    assert {labels[x] for x in ring} == {UNDECIDED}
    assert labels["t"] == UNDECIDED
    assert labels["free"] == ACCEPTED


def test_self_attack_is_undecided():
    # a map file cannot say this (an objection may not use its own target as premise), but
    # the semantics must still be defined on the model
    labels = labels_of(dung("ab", [("a", "a"), ("a", "b")]))
    assert labels == {"a": UNDECIDED, "b": UNDECIDED}


def test_self_defeating_argument_in_a_loadable_map_is_undecided(tmp_path):
    path = tmp_path / "self.yaml"
    path.write_text("""argmap: 1
title: Self-defeat
main: [c]
claims:
  - {id: c, text: C holds.}
  - {id: p, text: P holds.}
reasons:
  - {id: r, conclusion: c, premises: [p]}
  - {id: o, conclusion: r, premises: [c], type: objection}
""")
    labels = evaluate(load_map(path))
    assert labels.claims == {"c": UNDECIDED, "p": ACCEPTED}
    assert labels.reasons == {"r": UNDECIDED, "o": UNDECIDED}


def test_objection_cycle_map_is_undecided_where_the_cycle_is():
    labels = evaluate(load_map(MAPS / "objection-cycle.yaml"))
    assert labels.claims == {"a": UNDECIDED, "b": UNDECIDED, "c": ACCEPTED}
    # the reader breaks the cycle by rejecting b: a's support now carries it
    assert evaluate(load_map(MAPS / "objection-cycle.yaml"), rejected=["b"]).claims["a"] == ACCEPTED


ATTACK_GRAPHS = st.integers(1, 7).flatmap(
    lambda n: st.tuples(
        st.just([f"a{i}" for i in range(n)]),
        st.sets(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=n * 3),
    )
)


@settings(max_examples=300, deadline=None)
@given(ATTACK_GRAPHS)
def test_pure_attack_graphs_get_dungs_grounded_labelling(graph):
    arguments, index_attacks = graph
    attacks = {(arguments[x], arguments[y]) for x, y in index_attacks}
    labels = labels_of(dung(arguments, sorted(attacks)))
    grounded = grounded_extension(arguments, attacks)
    defeated = {b for a, b in attacks if a in grounded}
    expected = {
        a: ACCEPTED if a in grounded else REJECTED if a in defeated else UNDECIDED
        for a in arguments
    }
    assert labels == expected


# ---- support, rebuttal and undercut together -------------------------------------------------


def test_holding_rebuttal_beats_holding_support():
    amap = make_map("cpq", [("r", "c", "p", "support"), ("o", "c", "q", "objection")])
    assert labels_of(amap) == {"c": REJECTED, "p": ACCEPTED, "q": ACCEPTED}
    assert labels_of(amap, rejected=["q"])["c"] == ACCEPTED


def test_undecided_rebuttal_leaves_a_supported_claim_undecided():
    amap = make_map(
        "cpxy",
        [
            ("r", "c", "p", "support"),
            ("o", "c", "x", "objection"),
            ("x-y", "y", "x", "objection"),
            ("y-x", "x", "y", "objection"),
        ],
    )
    assert labels_of(amap)["c"] == UNDECIDED


def test_undercut_of_an_objection_reinstates_the_claim():
    labels = labels_of(load_map(MAPS / "small.yaml"))
    assert labels["build-more"] == ACCEPTED
    after = evaluate(load_map(MAPS / "small.yaml"), rejected=["transit"])
    assert after.reasons["o-congestion"] == "holds"
    assert after.claims["build-more"] == REJECTED


def test_claim_whose_every_support_fails_is_rejected_even_if_unopposed():
    amap = make_map("cpq", [("r1", "c", "p", "support"), ("r2", "c", "q", "support")])
    assert labels_of(amap, rejected=["p"])["c"] == ACCEPTED
    assert labels_of(amap, rejected=["p", "q"])["c"] == REJECTED


def test_reader_marks_override_the_argument():
    amap = make_map("cpq", [("r", "c", "p", "support"), ("o", "c", "q", "objection")])
    assert labels_of(amap, accepted=["c"])["c"] == ACCEPTED  # despite the holding objection
    amap = make_map("cp", [("r", "c", "p", "support")])
    assert labels_of(amap, rejected=["c"]) == {"c": REJECTED, "p": ACCEPTED}


def test_rejected_premise_of_an_undecided_reason_decides_it():
    # Kleene: one false conjunct settles a linked reason even when another premise is undecided
    amap = make_map(
        "cpxy",
        [
            ("r", "c", ["p", "x"], "support"),
            ("x-y", "y", "x", "objection"),
            ("y-x", "x", "y", "objection"),
        ],
    )
    assert labels_of(amap)["c"] == UNDECIDED
    assert labels_of(amap, rejected=["p"])["c"] == REJECTED


# ---- marks -----------------------------------------------------------------------------------


def test_unknown_mark_names_the_id_a_near_miss_and_the_valid_ids():
    amap = load_map(MAPS / "small.yaml")
    with pytest.raises(UsageError) as info:
        evaluate(amap, rejected=["transt"])
    message = str(info.value)
    assert "'transt'" in message and "did you mean 'transit'?" in message
    assert "build-more, congestion" in message
    assert info.value.exit_code == 2


def test_marking_a_reason_says_to_mark_its_premises():
    with pytest.raises(UsageError, match=r"'r-zoning': it is a reason.*\(zoning\)"):
        evaluate(load_map(MAPS / "small.yaml"), accepted=["r-zoning"])


def test_marking_a_claim_both_ways_is_refused():
    with pytest.raises(UsageError, match="'zoning' is marked both rejected and accepted"):
        evaluate(load_map(MAPS / "small.yaml"), rejected=["zoning"], accepted=["zoning"])


# ---- properties ------------------------------------------------------------------------------


@st.composite
def support_maps(draw, objections: bool = False, contradictions: bool = False):
    """Random maps whose support runs from higher-numbered claims to lower (no support cycle);
    contradictions join pairs of claims and may be undercut."""
    n = draw(st.integers(1, 9))
    claims = [f"c{i}" for i in range(n)]
    reasons = []
    for i in range(n - 1):
        for k in range(draw(st.integers(0, 2))):
            premises = draw(
                st.lists(st.sampled_from(claims[i + 1 :]), min_size=1, max_size=3, unique=True)
            )
            reasons.append((f"r{i}-{k}", claims[i], premises, "support"))
    if objections:
        targets = claims + [r[0] for r in reasons]
        for k in range(draw(st.integers(0, 4))):
            premises = draw(st.lists(st.sampled_from(claims), min_size=1, max_size=2, unique=True))
            target = draw(st.sampled_from(targets))
            reasons.append((f"o{k}", target, premises, "objection"))
            targets.append(f"o{k}")
    if contradictions and n > 1:
        for k in range(draw(st.integers(0, 3))):
            one, other = draw(
                st.lists(st.sampled_from(claims), min_size=2, max_size=2, unique=True)
            )
            reasons.append((f"x{k}", one, [other], "contradiction"))
            if draw(st.booleans()):
                reasons.append((f"u{k}", f"x{k}", [draw(st.sampled_from(claims))], "objection"))
    return make_map(claims, reasons)


def _as_mutual_objections(amap: ArgumentMap) -> ArgumentMap:
    """The map with each contradiction written out as two objections, one each way (an undercut
    of the contradiction then undercuts both)."""
    reasons = []
    for r in amap.reasons.values():
        if r.type != "contradiction":
            reasons.append((r.id, r.conclusion, r.premises, r.type))
            continue
        reasons.append((r.id, r.conclusion, r.premises, "objection"))
        reasons.append((r.id + "-back", r.premises[0], [r.conclusion], "objection"))
    for r in list(reasons):
        if r[1] in amap.reasons and amap.reasons[r[1]].type == "contradiction":
            reasons.append((r[0] + "-too", r[1] + "-back", r[2], r[3]))
    return make_map(list(amap.claims), reasons)


def test_a_contradiction_is_a_mutual_attack():
    amap = make_map("ab", [("x", "a", ["b"], "contradiction")])
    assert labels_of(amap) == {"a": UNDECIDED, "b": UNDECIDED}
    assert labels_of(amap, rejected=["a"]) == {"a": REJECTED, "b": ACCEPTED}
    assert labels_of(amap, rejected=["b"]) == {"a": ACCEPTED, "b": REJECTED}
    assert evaluate(amap, rejected=["b"]).reasons == {"x": "holds"}  # a's attack on b holds


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_contradictions_label_claims_as_two_objections_would(data):
    amap = data.draw(support_maps(objections=True, contradictions=True))
    rejected = data.draw(st.lists(st.sampled_from(list(amap.claims)), unique=True, max_size=2))
    assert evaluate(amap, rejected).claims == evaluate(_as_mutual_objections(amap), rejected).claims


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_what_if_reruns_agree_with_full_runs_on_contradictions(data):
    from argmap.analysis.evaluate import Evaluator

    amap = data.draw(support_maps(objections=True, contradictions=True))
    changed = data.draw(
        st.lists(st.sampled_from(list(amap.claims)), unique=True, min_size=1, max_size=2)
    )
    evaluator = Evaluator(amap)
    base = evaluator.run()
    assert evaluator.rerun(base, changed, (), changed) == evaluator.run(changed)


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_rejecting_more_premises_never_accepts_more_claims(data):
    amap = data.draw(support_maps())
    fewer = data.draw(st.sets(st.sampled_from(list(amap.claims))))
    more = fewer | data.draw(st.sets(st.sampled_from(list(amap.claims))))
    accepted_fewer = set(evaluate(amap, rejected=fewer).accepted())
    accepted_more = set(evaluate(amap, rejected=more).accepted())
    assert accepted_more <= accepted_fewer


def _rule(amap, labels, node):
    """The label the rules give `node` from the labels of its neighbours (True/False/None)."""
    value = {
        **{c: {ACCEPTED: True, REJECTED: False}.get(v) for c, v in labels.claims.items()},
        **{r: {"holds": True, "fails": False}.get(v) for r, v in labels.reasons.items()},
    }
    against = [
        value[r.id] for r in amap.reasons.values() if r.is_objection and r.conclusion == node
    ]
    if node in amap.reasons:
        parts = [value[p] for p in amap.reasons[node].premises] + [
            None if v is None else not v for v in against
        ]
    else:
        supports = [
            value[r.id]
            for r in amap.reasons.values()
            if not r.is_objection and r.conclusion == node
        ]
        supported = (
            True
            if not supports
            else True
            if True in supports
            else None
            if None in supports
            else False
        )
        parts = [supported] + [None if v is None else not v for v in against]
    return False if False in parts else None if None in parts else True


@settings(max_examples=200, deadline=None)
@given(support_maps(objections=True))
def test_labelling_is_a_fixed_point_of_the_rules(amap):
    labels = evaluate(amap)
    assert set(labels.claims.values()) <= {ACCEPTED, REJECTED, UNDECIDED}
    for node in list(amap.claims) + list(amap.reasons):
        word = labels.claims.get(node) or labels.reasons[node]
        value = {ACCEPTED: True, "holds": True, REJECTED: False, "fails": False}.get(word)
        assert _rule(amap, labels, node) == value, node


def test_evaluator_reused_for_many_questions_gives_fresh_answers():
    evaluator = Evaluator(load_map(MAPS / "small.yaml"))
    assert evaluator.run({"transit"}).claims["build-more"] == REJECTED
    assert evaluator.run().claims["build-more"] == ACCEPTED


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_rerun_from_a_base_labelling_equals_a_fresh_run(data):
    # analyse asks thousands of what-ifs and re-solves only what depends on the changed marks
    amap = data.draw(support_maps(objections=True))
    claims = list(amap.claims)
    base_marks = data.draw(st.sets(st.sampled_from(claims), max_size=2))
    extra = data.draw(st.sets(st.sampled_from(claims), min_size=1, max_size=2)) - base_marks
    evaluator = Evaluator(amap)
    base = evaluator.run(base_marks)
    fresh = evaluator.run(base_marks | extra)
    assert evaluator.rerun(base, base_marks | extra, (), extra) == fresh
