"""templates/evaluate.js gives the same labels as argmap/analysis/evaluate.py, in headless Chromium."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from argmap.analysis.evaluate import evaluate
from argmap.formats.native_write import map_to_dict
from argmap.formats.native_read import load_map
from argmap.page.package_data import templates_dir

from conftest import HERE

# the map generators are the Python evaluation tests' own (tests/analysis/test_evaluate.py), so
# both sides are fed the same maps; importable also when this file runs alone
sys.path.insert(0, str(Path(__file__).parent.parent / "analysis"))
from test_evaluate import dung, support_maps  # noqa: E402

pytestmark = pytest.mark.browser

CALL = "([data, rejected, accepted]) => window.argmap.evaluate(data, rejected, accepted)"


@pytest.fixture(scope="module")
def js(browser):
    """A blank page with evaluate.js loaded; returns evaluate(amap, rejected, accepted)."""
    context = browser.new_context()
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.set_content("<!DOCTYPE html><title>evaluate</title>")
    page.add_script_tag(content=(templates_dir() / "evaluate.js").read_text("utf-8"))

    def run(amap, rejected=(), accepted=()):
        return page.evaluate(CALL, [map_to_dict(amap), list(rejected), list(accepted)])

    yield run
    assert errors == []
    context.close()


def python_labels(amap, rejected=(), accepted=()):
    labels = evaluate(amap, rejected, accepted)
    return {"claims": labels.claims, "reasons": labels.reasons}


def test_keeps_an_existing_namespace(browser):
    page = browser.new_page()
    page.set_content("<!DOCTYPE html><title>ns</title>")
    page.evaluate("window.argmap = {init: 1}")
    page.add_script_tag(content=(templates_dir() / "evaluate.js").read_text("utf-8"))
    assert page.evaluate("[window.argmap.init, typeof window.argmap.evaluate]") == [1, "function"]
    page.close()


@pytest.mark.parametrize(
    "name, rejected",
    [
        ("carneades-linked-convergent", ["s"]),
        ("carneades-toulmin", []),
        ("carneades-toulmin", ["s11516"]),
        ("carneades-rebuttal", []),
        ("carneades-reinstatement", []),
        ("carneades-reinstatement-specificity", []),
        ("small", []),
        ("small", ["transit"]),
        ("objection-cycle", []),
    ],
)
def test_same_labels_as_python_on_test_maps(js, name, rejected):
    amap = load_map(HERE / "maps" / f"{name}.yaml")
    assert js(amap, rejected) == python_labels(amap, rejected)


def test_known_labels_in_js(js):
    # not only equal to Python: the expected answer itself (Toulmin: the undercut wins)
    amap = load_map(HERE / "maps" / "carneades-toulmin.yaml")
    labels = js(amap)
    assert labels["claims"]["s11521"] == "rejected"
    assert labels["reasons"]["u-a1"] == "holds"
    assert js(dung("abc", [("a", "b"), ("b", "a")]))["claims"] == {
        "a": "undecided",
        "b": "undecided",
        "c": "accepted",
    }


def test_a_contradiction_is_a_mutual_attack_in_js(js):
    from test_evaluate import make_map

    amap = make_map("abc", [("x", "a", ["b"], "contradiction"), ("o", "a", ["c"], "objection")])
    assert js(amap)["claims"] == {"a": "rejected", "b": "accepted", "c": "accepted"}
    assert js(amap, ["c"]) == python_labels(amap, ["c"])


def test_marks_naming_no_claim_are_ignored(js):
    amap = load_map(HERE / "maps" / "small.yaml")
    assert js(amap, ["no-such-claim", "r-zoning"]) == python_labels(amap)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.data())
def test_same_labels_as_python_on_random_maps(js, data):
    amap = data.draw(support_maps(objections=True, contradictions=True))
    claims = list(amap.claims)
    rejected = data.draw(st.lists(st.sampled_from(claims), unique=True, max_size=3))
    accepted = data.draw(
        st.lists(
            st.sampled_from([c for c in claims if c not in rejected] or claims),
            unique=True,
            max_size=2,
        )
    )
    accepted = [c for c in accepted if c not in rejected]
    assert js(amap, rejected, accepted) == python_labels(amap, rejected, accepted)
