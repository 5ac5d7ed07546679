"""Synthetic argument maps of any size for benchmarks and scale tests: linked reasons, objections, cycles.

`python benchmarks/synthetic.py 1000 -o big.yaml` writes a native YAML map with 1,000 claims.
The same size and seed always give the same map.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

WORDS = (
    "the policy evidence market growth risk state public trade energy price rule cost "
    "benefit citizens government effect long term law court security alliance treaty "
    "expansion threat interest war peace talks envoy demand supply inflation wage tax "
    "reform crisis order claim source report data study shows suggests will would must "
    "cannot never always most some many few no although sovereignty budget"
).split()
KINDS = ("fact", "value", "interpretation", "prediction", "policy")


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(5, 24))]
    return " ".join(words).capitalize() + "."


def make_map(claims: int, seed: int = 1) -> dict:
    """A map with `claims` claims: a broad support tree from one main conclusion, plus
    shared premises (a claim in two reasons), objections (rebuttals and undercuts) and
    cycles through objections (a conclusion objecting to one of its own premises)."""
    rng = random.Random(seed)
    claim_list: list[dict] = [{"id": "c1", "text": _sentence(rng), "kind": "interpretation"}]
    reasons: list[dict] = []
    depth, parent = {"c1": 0}, {"c1": "c1"}
    queue, head = ["c1"], 0

    def new_claim(parent_id: str) -> str:
        ident = f"c{len(claim_list) + 1}"
        claim = {"id": ident, "text": _sentence(rng)}
        if rng.random() < 0.7:
            claim["kind"] = rng.choice(KINDS)
        if rng.random() < 0.05:
            claim["implicit"] = True
        claim_list.append(claim)
        depth[ident] = depth[parent_id] + 1
        parent[ident] = parent_id
        queue.append(ident)
        return ident

    while len(claim_list) < claims and head < len(queue):
        conclusion = queue[head]
        head += 1
        for _ in range(rng.choice((1, 1, 2, 2, 3))):
            if len(claim_list) >= claims:
                break
            objection = rng.random() < 0.25
            target = conclusion
            if objection and rng.random() < 0.3:  # undercut: object to an inference
                own = [r["id"] for r in reasons if r["conclusion"] == conclusion]
                target = own[-1] if own else conclusion
            room = claims - len(claim_list)
            premises = [new_claim(conclusion) for _ in range(min(room, rng.choice((1, 1, 2, 3))))]
            # a shared premise: a recent claim still waiting in the queue (a cousin: no
            # premises yet, so no support cycle)
            if rng.random() < 0.15 and head < len(queue) - len(premises) - 1:
                shared = queue[max(head, len(queue) - len(premises) - rng.randint(1, 6))]
                if shared != conclusion and shared not in premises:
                    premises.append(shared)
            reasons.append(
                {
                    "id": f"r{len(reasons) + 1}",
                    "conclusion": target,
                    "premises": premises,
                    "type": "objection" if objection else "support",
                }
            )
        # a cycle through an objection: a claim two steps up objects to this claim below it
        if depth[conclusion] >= 3 and rng.random() < 0.03:
            ancestor = parent[parent[conclusion]]
            reasons.append(
                {
                    "id": f"r{len(reasons) + 1}",
                    "conclusion": conclusion,
                    "premises": [ancestor],
                    "type": "objection",
                }
            )
    return {
        "argmap": 1,
        "title": f"Synthetic map of {len(claim_list)} claims (seed {seed})",
        "main": ["c1"],
        "claims": claim_list,
        "reasons": reasons,
    }


def write_yaml(path: Path, data: dict) -> Path:
    """A generated map written as YAML (libyaml's dumper where present: big maps)."""
    import yaml

    text = yaml.dump(
        data,
        Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper),
        sort_keys=False,
        allow_unicode=True,
        width=1000,
    )
    Path(path).write_text(text, encoding="utf-8")
    return Path(path)


def write_map(path: Path, claims: int, seed: int = 1) -> Path:
    return write_yaml(path, make_map(claims, seed))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("claims", type=int)
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    write_map(args.output, args.claims, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
