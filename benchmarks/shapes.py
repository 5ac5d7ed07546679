"""Benchmark maps of every shape (tree, chain, DAG, fan, real AIF text), deterministic by size and seed.

    python benchmarks/shapes.py chain 10000 -o chain.yaml
    python benchmarks/shapes.py aif-folder 600 -o folder/      # a folder of 600 AIF maps

Each generator returns a native map as plain data (the YAML format's field names); the same
shape, size and seed always give the same map.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from synthetic import KINDS, _sentence, make_map, write_yaml  # noqa: E402

CORPUS = HERE / "corpus" / "aif"
FAN_WIDTH = 2000  # the wide fan: one conclusion with 2,000 reasons


def _claim(rng: random.Random, ident: str, implicit_share: float = 0.10) -> dict:
    claim = {"id": ident, "text": _sentence(rng)}
    if rng.random() < 0.7:
        claim["kind"] = rng.choice(KINDS)
    if rng.random() < implicit_share:
        claim["implicit"] = True
    return claim


def _map(title: str, claims: list[dict], reasons: list[dict], main=("c1",)) -> dict:
    return {"argmap": 1, "title": title, "main": list(main), "claims": claims, "reasons": reasons}


def tree(claims: int, seed: int = 1) -> dict:
    """A broad random tree: each claim has 1-3 reasons of 1-3 premises; 10% implicit, 12% objections."""
    rng = random.Random(seed)
    claim_list = [_claim(rng, "c1")]
    claim_list[0].pop("implicit", None)
    reasons: list[dict] = []
    head = 0
    while len(claim_list) < claims:
        conclusion = claim_list[head]["id"]
        head += 1
        for _ in range(rng.choice((1, 2, 2, 3))):
            room = claims - len(claim_list)
            if room <= 0:
                break
            premises = []
            for _ in range(min(room, rng.choice((1, 1, 2, 3)))):
                premises.append(f"c{len(claim_list) + 1}")
                claim_list.append(_claim(rng, premises[-1]))
            reasons.append(
                {
                    "id": f"r{len(reasons) + 1}",
                    "conclusion": conclusion,
                    "premises": premises,
                    "type": "objection" if rng.random() < 0.12 else "support",
                }
            )
    return _map(f"Broad tree of {claims} claims (seed {seed})", claim_list, reasons)


def chain(claims: int, seed: int = 1) -> dict:
    """A deep chain: c1 <- c2 <- ... <- cN, one premise per reason (depth N-1), 10% objections."""
    rng = random.Random(seed)
    claim_list = [_claim(rng, f"c{i}", 0.05) for i in range(1, claims + 1)]
    claim_list[0].pop("implicit", None)
    reasons = [
        {
            "id": f"r{i}",
            "conclusion": f"c{i}",
            "premises": [f"c{i + 1}"],
            "type": "objection" if rng.random() < 0.10 else "support",
        }
        for i in range(1, claims)
    ]
    return _map(f"Chain of {claims} claims (seed {seed})", claim_list, reasons)


def dag(claims: int, seed: int = 1) -> dict:
    """A dense DAG: premises shared by many reasons, undercuts, and cycles through objections.

    Support always runs from a later claim to an earlier one (so no circular support); an
    objection from an earlier claim back to a later one closes a cycle through that objection."""
    rng = random.Random(seed)
    claim_list = [_claim(rng, f"c{i}") for i in range(1, claims + 1)]
    claim_list[0].pop("implicit", None)
    reasons: list[dict] = []
    fresh = 2  # the next claim not yet used as a premise
    for i in range(1, claims + 1):
        if fresh > claims:
            break
        for _ in range(rng.choice((1, 2, 2))):
            premises = []
            for _ in range(rng.choice((1, 1, 2))):
                if fresh <= claims:
                    premises.append(f"c{fresh}")
                    fresh += 1
            # shared premises: claims already used elsewhere, later than i (support stays acyclic)
            for _ in range(rng.choice((0, 1, 2, 3))):
                if fresh - 1 > i:
                    pick = f"c{rng.randint(i + 1, min(fresh - 1, i + 200))}"
                    if pick not in premises:
                        premises.append(pick)
            if not premises:
                break
            objection = rng.random() < 0.12
            target = f"c{i}"
            if objection and reasons and reasons[-1]["conclusion"] == target and rng.random() < 0.3:
                target = reasons[-1]["id"]  # an undercut
            reasons.append(
                {
                    "id": f"r{len(reasons) + 1}",
                    "conclusion": target,
                    "premises": premises,
                    "type": "objection" if objection else "support",
                }
            )
        if i > 3 and rng.random() < 0.05:  # a cycle: an ancestor-side claim objects to c{i}
            reasons.append(
                {
                    "id": f"r{len(reasons) + 1}",
                    "conclusion": f"c{i}",
                    "premises": [f"c{rng.randint(max(1, i - 50), i - 1)}"],
                    "type": "objection",
                }
            )
    return _map(f"Dense DAG of {claims} claims (seed {seed})", claim_list, reasons)


def fan(claims: int, seed: int = 1) -> dict:
    """A wide fan: one conclusion with up to 2,000 reasons; the rest fan out under those premises."""
    rng = random.Random(seed)
    claim_list = [_claim(rng, f"c{i}") for i in range(1, claims + 1)]
    claim_list[0].pop("implicit", None)
    width = min(claims - 1, FAN_WIDTH)
    reasons = []
    for i in range(2, claims + 1):
        # the first `width` claims answer c1; the rest answer those premises in turn
        conclusion = "c1" if i <= width + 1 else f"c{2 + (i - width - 2) % width}"
        reasons.append(
            {
                "id": f"r{len(reasons) + 1}",
                "conclusion": conclusion,
                "premises": [f"c{i}"],
                "type": "objection" if rng.random() < 0.12 else "support",
            }
        )
    return _map(f"Wide fan of {claims} claims (seed {seed})", claim_list, reasons)


def corpus_files() -> list[Path]:
    return sorted(CORPUS.glob("*.json"), key=lambda p: int(p.stem.removeprefix("nodeset")))


def _corpus_maps() -> list[dict]:
    """The AIF corpus maps as native data, read by argmap's own AIF reader."""
    from argmap.formats import read_map
    from argmap.formats.native_write import map_to_dict

    return [map_to_dict(read_map(path, "aif")) for path in corpus_files()]


def _roots(data: dict) -> list[str]:
    used = {p for r in data["reasons"] for p in r["premises"]}
    return [c["id"] for c in data["claims"] if c["id"] not in used]


def aif(claims: int, seed: int = 1) -> dict:
    """Real AIF corpus maps (real text and structure) joined into one big argument.

    Copies of the corpus maps, ids prefixed per copy, until `claims` is reached; each copy's
    first root claim supports a claim of an earlier copy, so the whole is one broad tree of real maps."""
    rng = random.Random(seed)
    corpus = _corpus_maps()
    claim_list: list[dict] = []
    reasons: list[dict] = []
    roots: list[str] = []
    copy = 0
    while len(claim_list) < claims:
        data = corpus[copy % len(corpus)]
        prefix = f"m{copy + 1}-"
        claim_list += [{**c, "id": prefix + c["id"]} for c in data["claims"]]
        reasons += [
            {
                **r,
                "id": prefix + r["id"],
                "conclusion": prefix + r["conclusion"],
                "premises": [prefix + p for p in r["premises"]],
            }
            for r in data["reasons"]
        ]
        root = prefix + (_roots(data) or [data["claims"][0]["id"]])[0]
        if roots:
            reasons.append(
                {
                    "id": f"link{copy}",
                    "conclusion": rng.choice(roots[-50:]),
                    "premises": [root],
                    "type": "support",
                }
            )
        roots.append(root)
        copy += 1
    return _map(
        f"{copy} AIF corpus maps joined ({len(claim_list)} claims)",
        claim_list,
        reasons,
        main=roots[:1],
    )


def mixed(claims: int, seed: int = 1) -> dict:
    """The older synthetic generator (benchmarks/synthetic.py): a tree with shared premises and cycles."""
    return make_map(claims, seed)


SHAPES = {"tree": tree, "chain": chain, "dag": dag, "fan": fan, "aif": aif, "mixed": mixed}


def write_shape(path: Path, shape: str, claims: int, seed: int = 1) -> Path:
    return write_yaml(path, SHAPES[shape](claims, seed))


def write_aif_folder(folder: Path, count: int) -> list[Path]:
    """`count` AIF maps: the corpus files again and again, each copy's ids and texts varied a little."""
    folder.mkdir(parents=True, exist_ok=True)
    sources = [json.loads(p.read_text("utf-8")) for p in corpus_files()]
    written = []
    for k in range(count):
        data = json.loads(json.dumps(sources[k % len(sources)]))
        variant = k // len(sources)
        for node in data["nodes"]:
            node["nodeID"] = f"{node['nodeID']}v{variant}"
            if node.get("type") == "I" and variant:
                node["text"] = f"{node['text']} (variant {variant})"
        for edge in data.get("edges", []):
            edge["edgeID"] = f"{edge['edgeID']}v{variant}"
            edge["fromID"], edge["toID"] = (
                f"{edge['fromID']}v{variant}",
                f"{edge['toID']}v{variant}",
            )
        for loc in data.get("locutions", []):
            loc["nodeID"] = f"{loc['nodeID']}v{variant}"
        path = folder / f"map{k + 1:04d}.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        written.append(path)
    return written


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shape", choices=[*SHAPES, "aif-folder"])
    parser.add_argument("claims", type=int, help="claims (for aif-folder: how many maps)")
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if args.shape == "aif-folder":
        write_aif_folder(args.output, args.claims)
    else:
        write_shape(args.output, args.shape, args.claims, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
