"""How much of what Argdown itself reads (tests/corpus/argdown/expected/*.json, made by
`argdown json`) survives into our maps: statement recall and relation recall, printed and held
to the issue's bar (statements ≥ 99%, relations ≥ 98%, across every relation type)."""

from __future__ import annotations

import collections
import json

from conftest import CORPUS_ROOT

from argmap.formats.argdown_inline import take_trailing_tags
from argmap.formats.argdown_read import _Builder
from argmap.formats.argdown_syntax import parse_argdown

CORPUS = CORPUS_ROOT / "argdown"
STATEMENT_BAR, RELATION_BAR = 0.99, 0.98
SUPPORTING = {"support", "entails"}


def _cases():
    for path in sorted(CORPUS.rglob("*.argdown")):
        expected = CORPUS / "expected" / f"{path.stem}.json"
        # the top-level semmelweis_betz differs from the copy the oracle was made from
        if expected.exists() and not (path.parent == CORPUS and path.stem == "semmelweis_betz"):
            yield path, json.loads(expected.read_text("utf-8"))


def _name(key: str) -> str:
    title = key[2:]
    return f"Untitled {title[1:]}" if title.startswith("\0") else title


def _as_we_keep_it(text: str) -> str:
    """Argdown's statement text as argmap keeps it: a tag inside a sentence keeps its word,
    tags that only end it are taken out (they are the claim's tags)."""
    return " ".join(take_trailing_tags(text)[0].split())


def _read(path):
    doc = parse_argdown(path.read_text("utf-8-sig"), str(path))
    builder = _Builder(doc)
    return doc, builder, builder.build(path.stem)


def _nodes(builder, amap, key: str) -> set[str]:
    """The claims and reasons of the map that stand for one Argdown statement or argument."""
    if key in builder.claim_of:
        return {builder.claim_of[key]}
    found = {builder.handle.get(key), builder.final_reason.get(key)}
    found.update(builder.hub_reasons.get(key, ()))
    base = builder.id_of.get(key)
    found.update(r for r in amap.reasons if r == base or r.startswith(f"{base}-step-"))
    # an argument known by its gist claim: its inferences are the reasons leaving that claim
    gist = builder.handle.get(key)
    found.update(r.id for r in amap.reasons.values() if gist and r.premises == [gist])
    return found - {None}


def _kept(relation: dict, keys: dict, builder, amap) -> bool:
    source = _nodes(builder, amap, keys[relation["from"], relation["fromType"]])
    target = _nodes(builder, amap, keys[relation["to"], relation["toType"]])
    kind = relation["relationType"]
    for reason in amap.reasons.values():
        if (kind in SUPPORTING) == reason.is_objection:
            continue
        ends = [(set(reason.premises) | {reason.id}, {reason.conclusion, reason.id})]
        if reason.is_contradiction:  # symmetric: either way round
            ends.append(({reason.conclusion}, set(reason.premises)))
        if any(fro & source and to & target and fro != to for fro, to in ends):
            return True
    return False


def _measure():
    statements = collections.Counter()
    relations: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    missed = []
    for path, expected in _cases():
        doc, builder, amap = _read(path)
        keys = {(_name(k), "equivalence-class"): k for k in doc.statements}
        keys.update({(_name(k), "argument"): k for k in doc.arguments})
        for name, ec in expected["statements"].items():
            texts = {_as_we_keep_it(m["text"]) for m in ec.get("members", []) if m.get("text")}
            claim = amap.claims.get(builder.claim_of.get(keys.get((name, "equivalence-class"))))
            said = (
                {claim.text} | set((claim.note or "").split("Also stated as: ")) if claim else set()
            )
            ok = claim is not None and (not texts or bool(texts & said))
            statements[ok] += 1
            if not ok:
                missed.append(f"{path.name}: statement [{name}] {sorted(texts)}")
        for relation in expected["relations"]:
            ok = _kept(relation, keys, builder, amap)
            relations[relation["relationType"]][ok] += 1
            if not ok:
                missed.append(
                    f"{path.name}: {relation['relationType']} {relation['from']} -> "
                    f"{relation['to']}"
                )
    return statements, relations, missed


def test_statement_and_relation_recall_against_argdowns_own_model(capsys):
    statements, relations, missed = _measure()
    statement_recall = statements[True] / sum(statements.values())
    kept = sum(c[True] for c in relations.values())
    relation_recall = kept / sum(sum(c.values()) for c in relations.values())
    with capsys.disabled():
        print(
            f"\nArgdown oracle: statement recall {statement_recall:.1%} "
            f"({statements[True]}/{sum(statements.values())}), relation recall "
            f"{relation_recall:.1%} ({kept}/{sum(sum(c.values()) for c in relations.values())})"
        )
        for kind, counts in sorted(relations.items()):
            print(f"  {kind:14} {counts[True]}/{sum(counts.values())}")
        for line in missed:
            print("  missed:", line)
    assert set(relations) >= {"support", "attack", "undercut", "contrary", "contradictory"}
    assert statement_recall >= STATEMENT_BAR
    assert relation_recall >= RELATION_BAR
    for kind, counts in relations.items():  # no relation type may be the one left behind
        assert counts[True] / sum(counts.values()) >= RELATION_BAR, kind
