"""`argmap analyse`: a map's statistics, every claim's label, and the premises its conclusions rest on."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from itertools import combinations

from .coverage import Coverage, coverage
from .evaluate import ACCEPTED, Evaluator, Labelling
from ..graph import basic_premises, build_graph, levels, main_conclusions
from ..model import ArgumentMap

# Pairs cost one evaluation per pair of basic premises: n(n-1)/2, 1,770 at 60 premises.
PAIR_LIMIT = 60


@dataclass(frozen=True)
class LoadBearing:
    """A minimal set of basic premises whose rejection alone unseats a main conclusion."""

    premises: tuple[str, ...]
    conclusion_label: str  # what the main conclusion becomes: rejected or undecided
    falls: tuple[str, ...]  # other claims accepted before and not after, in map order

    def as_dict(self) -> dict:
        return {
            "premises": list(self.premises),
            "conclusion_label": self.conclusion_label,
            "falls": list(self.falls),
        }


@dataclass
class MainReport:
    id: str
    label: str
    load_bearing: list[LoadBearing] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "label": self.label,
            "load_bearing": [lb.as_dict() for lb in self.load_bearing],
        }


@dataclass
class Analysis:
    title: str
    file: str | None
    rejected: list[str]
    accepted: list[str]
    statistics: dict[str, int]
    labelling: Labelling
    texts: dict[str, str]
    implicit: set[str]
    mains: list[MainReport]
    pairs_checked: bool
    basic_count: int
    coverage: Coverage | None = None  # how much of the source text the map quotes, if it has one

    def as_dict(self) -> dict:
        return {
            "title": self.title,
            "file": self.file,
            "marks": {"rejected": self.rejected, "accepted": self.accepted},
            "statistics": self.statistics,
            "labels": self.labelling.claims,
            "reason_labels": self.labelling.reasons,
            "counts": self.labelling.counts(),
            "main": [m.as_dict() for m in self.mains],
            "pairs": {
                "checked": self.pairs_checked,
                "limit": PAIR_LIMIT,
                "basic_premises": self.basic_count,
            },
            "coverage": self.coverage.as_dict() if self.coverage else None,
        }

    def as_json(self) -> str:
        return json.dumps(self.as_dict(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"

    def as_text(self) -> str:
        stats = self.statistics
        lines = [f"{self.title}" + (f" ({self.file})" if self.file else "")]
        if self.rejected:
            lines.append(f"Rejected by the reader: {', '.join(self.rejected)}")
        if self.accepted:
            lines.append(f"Accepted by the reader: {', '.join(self.accepted)}")
        lines += [
            "",
            "Statistics",
            f"  claims             {stats['claims']}",
            f"  reasons            {stats['reasons']}: {_count(stats['supports'], 'support')}, "
            f"{_count(stats['objections'], 'objection')} "
            f"({_count(stats['rebuttals'], 'rebuttal')}, {_count(stats['undercuts'], 'undercut')})",
            f"  linked reasons     {stats['linked_reasons']}",
            f"  implicit premises  {stats['implicit_premises']}",
            f"  basic premises     {stats['basic_premises']}",
            f"  main conclusions   {stats['main_conclusions']}",
            f"  depth              {stats['depth']}",
            "",
        ]
        counts = self.labelling.counts()
        lines.append(
            f"Labels: {counts['accepted']} accepted, {counts['rejected']} rejected, "
            f"{counts['undecided']} undecided"
        )
        width = max((len(c) for c in self.labelling.claims), default=0)
        for claim, label in self.labelling.claims.items():
            lines.append(f"  {label:<10} {claim:<{width}}  {self.texts[claim]}")
        lines += ["", "Load-bearing premises"]
        if not self.mains:
            lines.append("  (the map has no main conclusion)")
        for main in self.mains:
            lines.append(f"  {main.id} ({main.label})")
            if main.label != ACCEPTED:
                lines.append("    not accepted as it stands, so no premise is load-bearing")
                continue
            if not main.load_bearing:
                lines.append(
                    "    none: no single premise"
                    + (" or pair of premises" if self.pairs_checked else "")
                    + " unseats it"
                )
            for rank, lb in enumerate(main.load_bearing, 1):
                names = " + ".join(
                    p + (" (implicit)" if p in self.implicit else "") for p in lb.premises
                )
                noun = "claim falls" if len(lb.falls) == 1 else "claims fall"
                lines.append(
                    f"    {rank}. {names}: {main.id} becomes {lb.conclusion_label}; "
                    f"{len(lb.falls)} {noun}: {', '.join(lb.falls)}"
                )
        if not self.pairs_checked:
            lines.append(
                f"  (pairs not checked: {self.basic_count} basic premises, more than {PAIR_LIMIT})"
            )
        if self.coverage:
            lines += ["", *self.coverage.as_lines()]
        return "\n".join(lines) + "\n"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _depth(graph) -> int:
    """Reasons on the longest chain up to the top: levels count claim and reason rows alike."""
    claim_levels = [lvl for n, lvl in levels(graph).items() if graph.nodes[n]["node"] == "claim"]
    return (max(claim_levels) + 1) // 2 if claim_levels else 0


def statistics(amap: ArgumentMap, graph=None) -> dict[str, int]:
    graph = graph if graph is not None else build_graph(amap)
    reasons = list(amap.reasons.values())
    objections = [r for r in reasons if r.is_objection]
    return {
        "claims": len(amap.claims),
        "reasons": len(reasons),
        "supports": len(reasons) - len(objections),
        "objections": len(objections),
        "rebuttals": sum(r.conclusion in amap.claims for r in objections),
        "undercuts": sum(r.conclusion in amap.reasons for r in objections),
        "linked_reasons": sum(len(r.premises) > 1 for r in reasons),
        "implicit_premises": sum(c.implicit for c in amap.claims.values()),
        "basic_premises": len(basic_premises(graph)),
        "main_conclusions": len(main_conclusions(graph)),
        "depth": _depth(graph),
    }


def load_bearing(
    evaluator: Evaluator,
    base: Labelling,
    mains: list[str],
    candidates: list[str],
    rejected: frozenset,
    accepted: frozenset,
    pairs: bool,
) -> dict[str, list]:
    """For each main conclusion, the single premises and minimal pairs that unseat it, ranked."""
    before = set(base.accepted())
    order = {c: i for i, c in enumerate(evaluator.claim_ids)}
    found: dict[str, list[LoadBearing]] = {m: [] for m in mains}
    singles: dict[str, set[str]] = {m: set() for m in mains}
    targets = [m for m in mains if base.claims[m] == ACCEPTED]

    def trial(premises: tuple[str, ...], skip) -> None:
        if all(skip(main) for main in targets):
            return
        # only what depends on the premises can change: a trial costs that, not the whole map
        changed = evaluator.changed_labels(
            base, rejected | set(premises), accepted, premises
        ).claims
        for main in targets:
            label = changed.get(main, ACCEPTED)
            if skip(main) or label == ACCEPTED:
                continue
            falls = tuple(
                sorted(
                    (
                        c
                        for c, now in changed.items()
                        if c in before and c not in premises and now != ACCEPTED
                    ),
                    key=order.__getitem__,
                )
            )
            found[main].append(LoadBearing(premises, label, falls))
            if len(premises) == 1:
                singles[main].add(premises[0])

    for premise in candidates:
        trial((premise,), lambda main: False)
    if pairs:
        for first, second in combinations(candidates, 2):
            trial(
                (first, second),
                lambda main, a=first, b=second: a in singles[main] or b in singles[main],
            )
    for main in targets:
        found[main].sort(
            key=lambda lb: (len(lb.premises), -len(lb.falls), [order[p] for p in lb.premises])
        )
    return found


def analyse_map(amap: ArgumentMap, rejected=(), accepted=()) -> Analysis:
    """Statistics, labels under the reader's marks, and load-bearing premises of each main conclusion."""
    evaluator = Evaluator(amap)
    rejected_set, accepted_set = evaluator.check_marks(rejected, accepted)
    graph = build_graph(amap)
    base = evaluator.run(rejected_set, accepted_set)
    mains = main_conclusions(graph)
    basics = basic_premises(graph)
    candidates = [p for p in basics if p not in rejected_set and p not in accepted_set]
    pairs = len(basics) <= PAIR_LIMIT
    found = load_bearing(evaluator, base, mains, candidates, rejected_set, accepted_set, pairs)
    order = {c: i for i, c in enumerate(amap.claims)}
    return Analysis(
        title=amap.title,
        file=amap.path,
        rejected=sorted(rejected_set, key=order.__getitem__),
        accepted=sorted(accepted_set, key=order.__getitem__),
        statistics=statistics(amap, graph),
        labelling=base,
        texts={c.id: c.text for c in amap.claims.values()},
        implicit={c.id for c in amap.claims.values() if c.implicit},
        mains=[MainReport(m, base.claims[m], found[m]) for m in mains],
        pairs_checked=pairs,
        basic_count=len(basics),
        coverage=coverage(amap),
    )
