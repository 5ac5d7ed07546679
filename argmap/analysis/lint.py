"""Lint rules from argument-mapping practice: warnings about a valid map, switchable by name."""

from __future__ import annotations

import difflib
import functools
import re
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Iterator

from .. import connections
from ..errors import Diagnostic, UsageError, did_you_mean
from ..model import ArgumentMap, Claim, Position, Reason


@dataclass(frozen=True)
class Rule:
    name: str
    summary: str
    default: bool  # enabled when the user names no --enable/--disable
    check: Callable[[ArgumentMap], Iterator[tuple]]  # yields (message, position)


RULES: dict[str, Rule] = {}


def rule(name: str, summary: str, default: bool = True):
    """Register a rule function under `name`; it yields (message, Position-or-None)."""

    def register(func):
        RULES[name] = Rule(name, summary, default, func)
        return func

    return register


def default_rules() -> set[str]:
    return {name for name, r in RULES.items() if r.default}


def select_rules(enable=(), disable=()) -> set[str]:
    """The rules to run: the defaults, plus `enable`, less `disable`; 'all' names every rule.

    Raises UsageError naming the valid rules for an unknown name.
    """
    for name in [*enable, *disable]:
        if name != "all" and name not in RULES:
            raise UsageError(
                f"unknown lint rule '{name}'{did_you_mean(name, RULES)} "
                f"(valid rules: {', '.join(sorted(RULES))}, or 'all')"
            )
    chosen = default_rules()
    chosen |= set(RULES) if "all" in enable else set(enable)
    chosen -= set(RULES) if "all" in disable else set(disable)
    return chosen


def lint_map(amap: ArgumentMap, rules: set[str] | None = None) -> list[Diagnostic]:
    """Warnings of the given rules (default: the default rules), in file order.

    Rules the reader already ran on this map (`amap.linted`) are skipped: their warnings are
    in `amap.warnings` (see `reader_warnings`)."""
    rules = default_rules() if rules is None else rules
    found: list[Diagnostic] = []
    for name, r in RULES.items():
        if name not in rules or name in amap.linted:
            continue
        found.extend(
            connections.warning(amap, name, message, pos) for message, pos in r.check(amap)
        )
    return sorted(found, key=lambda d: (d.line, d.column))


def reader_warnings(amap: ArgumentMap, rules: set[str] | None = None) -> list[Diagnostic]:
    """The warnings the reader left on the map that these rules (default: the default rules)
    let through: a reader's own (import notes), and lint rules' it ran itself when switched on."""
    rules = default_rules() if rules is None else rules
    return [d for d in amap.warnings if d.rule not in RULES or d.rule in rules]


# ---------------------------------------------------------------- text helpers

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_PUNCT = re.compile(r"[^\w\s]")

# "since" and "so" are not here: "since 1991" and "so much" are far more often time and
# degree than inference, and flagging them would bury real findings in false positives.
# "because of" names a cause inside one causal claim; "because" + clause embeds a second one.
REASONING_WORDS = re.compile(
    r"\b(because(?!\s+of\b)|therefore|hence|thus|consequently|so\s+that|as\s+a\s+result)\b",
    re.IGNORECASE,
)

STOPWORDS = frozenset(
    """
a about above after again against all almost also although always am among an and another any
are as at be became because become been before being below between both but by can cannot could
did do does doing done down during each either else even ever every few for from further had has
have having he her here hers herself him himself his how however i if in into is it its itself
just least less let like made make many may me might more most much must my myself neither never
no nor not now of off often on once one only or other others our ours ourselves out over own per
perhaps quite rather really same several shall she should since so some such than that the their
theirs them themselves then there these they thing things this those though through thus to too
under until up upon us very was way we well were what whatever when where whether which while who
whom whose why will with within without would yet you your yours yourself yourselves
""".split()
)


def normalise(text: str) -> str:
    """Case-folded words only: what two texts share when punctuation and spacing are ignored."""
    return " ".join(_PUNCT.sub(" ", text.casefold()).split())


@functools.lru_cache(maxsize=1 << 16)  # a map repeats its words: each is stemmed once
def stem(word: str) -> str:
    """A light suffix-stripping stem: enough to match plural, possessive and verb forms."""
    word = re.sub(r"['’]s?$", "", word)
    for suffix, replacement in (
        ("ies", "y"),
        ("ied", "y"),
        ("ing", ""),
        ("ed", ""),
        ("es", ""),
        ("s", ""),
        ("ly", ""),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                continue
            word = word[: -len(suffix)] + replacement
            break
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]  # "expansive"/"expand" aside, this joins "cause"/"caused"/"causing"
    return word


def terms(text: str) -> dict[str, str]:
    """Content words of a text by stem (stem -> first word seen), stopwords dropped."""
    found: dict[str, str] = {}
    for word in _WORD.findall(text.casefold()):
        word = word.replace("’", "'")
        if word in STOPWORDS or len(word) < 3:
            continue
        found.setdefault(stem(word), re.sub(r"'s$", "", word))
    return found


def _at(thing, name: str):
    """Where a field of a claim or reason was written; the thing itself if the reader
    did not record it (Argdown, AIF)."""
    where = thing.field_pos.get(name)
    return Position(thing.pos.file, *where) if where and thing.pos else thing.pos


def _support_reasons(amap: ArgumentMap) -> Iterator[tuple[Reason, Claim]]:
    for reason in amap.reasons.values():
        if not reason.is_objection and reason.conclusion in amap.claims:
            yield reason, amap.claims[reason.conclusion]


# ---------------------------------------------------------------- rules


@rule(
    "reasoning-word",
    "a claim contains an inference word (because, therefore, so that, …): one thought per claim",
)
def _reasoning_words(amap):
    for claim in amap.claims.values():
        match = REASONING_WORDS.search(claim.text)
        if match:
            word = " ".join(match.group(0).split()).lower()
            yield (
                f"claim '{claim.id}' contains '{word}': one thought per claim; split it into "
                "a conclusion and a premise joined by a reason",
                _at(claim, "text"),
            )


@rule("question", "a claim is phrased as a question: claims are declarative sentences")
def _questions(amap):
    for claim in amap.claims.values():
        # only a bare final '?': 'The mayor asked "why not?"' reports a question, asserting a fact
        if claim.text.strip().endswith("?"):
            yield (
                f"claim '{claim.id}' is a question: state it as a declarative sentence that "
                "can be true or false (a rhetorical question usually asserts its answer)",
                _at(claim, "text"),
            )


RESTATE_SIMILARITY = 0.75  # word similarity at which a premise only restates its conclusion
# word pairs compared in order: SequenceMatcher takes up to len(a) * len(b) steps, so texts
# longer than sentences (a hostile 100,000-character claim) are judged by their words alone
_ORDERED_PAIRS = 250_000


def restates(premise: str, conclusion: str) -> bool:
    """Whether two sentences say the same: their stemmed words nearly match, in order or sorted.

    Words, not characters: "C holds." and "A holds." differ in the one word that matters.
    Sorted words catch a reordering ("the West ignored X" / "X was ignored by the West").
    """
    return _restates(_stemmed_words(premise), _stemmed_words(conclusion))


def _stemmed_words(text: str) -> tuple[list[str], Counter]:
    """A text's stemmed words (the words of `normalise`), in order and counted."""
    words = list(map(stem, _PUNCT.sub(" ", text.casefold()).split()))
    return words, Counter(words)


def _restates(premise: tuple[list[str], Counter], conclusion: tuple[list[str], Counter]) -> bool:
    a, a_count = premise
    b, b_count = conclusion
    if not a or not b:
        return False
    # shared words in any order (difflib's quick_ratio, without building a SequenceMatcher)
    # bound both ratios below from above, in linear time: most premises are ruled out
    # without the costly comparison
    if len(a_count) > len(b_count):
        a_count, b_count = b_count, a_count
    shared = sum(min(n, b_count[word]) for word, n in a_count.items() if word in b_count)
    bound = 2.0 * shared / (len(a) + len(b))
    if bound < RESTATE_SIMILARITY or len(a) * len(b) > _ORDERED_PAIRS:
        return bound >= RESTATE_SIMILARITY
    similarity = max(
        difflib.SequenceMatcher(None, a, b, autojunk=False).ratio(),
        difflib.SequenceMatcher(None, sorted(a), sorted(b), autojunk=False).ratio(),
    )
    return similarity >= RESTATE_SIMILARITY


@rule(
    "restated-premise", "a reason's single premise restates its conclusion (begging the question)"
)
def _restated_premises(amap):
    words: dict[str, tuple[list[str], Counter]] = {}  # by claim id: a conclusion has many reasons

    def words_of(claim: Claim) -> tuple[list[str], Counter]:
        found = words.get(claim.id)
        if found is None:
            found = words[claim.id] = _stemmed_words(claim.text)
        return found

    for reason, conclusion in _support_reasons(amap):
        if len(reason.premises) != 1 or reason.premises[0] not in amap.claims:
            continue
        premise = amap.claims[reason.premises[0]]
        if _restates(words_of(premise), words_of(conclusion)):
            yield (
                f"reason '{reason.id}': its only premise '{premise.id}' restates its "
                f"conclusion '{conclusion.id}' (begging the question); give a premise that "
                "says why the conclusion is true",
                _at(reason, "premises"),
            )


@rule("quoted-implicit", "an implicit premise carries a quote")
def _quoted_implicit(amap):
    for claim in amap.claims.values():
        if claim.implicit and claim.quote:
            yield (
                f"implicit claim '{claim.id}' carries a quote: an implicit premise is what the "
                "map-maker supplies, not what the author said; drop the quote or the "
                "'implicit: true'",
                _at(claim, "quote"),
            )


@rule("unchecked-quote", "a quote cannot be checked because the map's source has no text file")
def _unchecked_quotes(amap):
    if amap.source is not None and amap.source.body is not None:
        return
    for claim in amap.claims.values():
        if claim.quote is not None:
            yield (
                f"quote of claim '{claim.id}' cannot be checked: the map's source has no "
                "'text' file",
                _at(claim, "quote"),
            )


@rule(
    "quote-across-paragraphs",
    "a quote that runs from one paragraph of the source into the next",
)
def _quote_across_paragraphs(amap):
    if amap.source is None or not amap.source.body:
        return
    from .. import quotes
    from .coverage import locate_quotes

    _, located = locate_quotes(amap)  # each quote within one paragraph, as the reader sees it
    whole = quotes.QuoteFinder(amap.source.body)
    for claim in amap.claims.values():
        # a quote found nowhere is the reader's error already
        if claim.quote and claim.id not in located and whole.locate(claim.quote):
            yield (
                f"quote of claim '{claim.id}' runs from one paragraph of the source into the "
                "next: the source view highlights, and coverage counts, a quote within one "
                "paragraph; quote one paragraph's words (split the claim if it needs both)",
                _at(claim, "quote"),
            )


# found in the core: the native reader reports them too, beside a map's errors
rule("unconnected", connections.UNCONNECTED)(connections.unconnected)
rule("no-main", connections.NO_MAIN)(connections.no_main)


@rule("unsupported-main", "a main conclusion that no reason supports")
def _unsupported_main(amap):
    supported = {reason.conclusion for reason, _ in _support_reasons(amap)}
    for claim_id in amap.main:
        claim = amap.claims.get(claim_id)
        if claim is not None and claim_id not in supported:
            yield (
                f"main conclusion '{claim_id}' has no supporting reason: the map does not "
                "show why it is true",
                claim.pos,
            )


@rule("duplicate-text", "two claims with the same text (ignoring case, spacing and punctuation)")
def _duplicate_texts(amap):
    first: dict[str, Claim] = {}
    for claim in amap.claims.values():
        key = normalise(claim.text)
        if not key:
            continue
        if key in first:
            original = first[key]
            where = f" on line {original.pos.line}" if original.pos else ""
            yield (
                f"claim '{claim.id}' has the same text as claim '{original.id}'{where}: "
                "use one claim in both places",
                _at(claim, "text"),
            )
        else:
            first[key] = claim


@rule(
    "rabbit-rule",
    "a hint: a term of a conclusion appears in none of its premises (off by default)",
    default=False,
)
def _rabbit_rule(amap):
    for reason, conclusion in _support_reasons(amap):
        offered: set[str] = set()
        for premise in reason.premises:
            if premise in amap.claims:
                offered |= set(terms(amap.claims[premise].text))
        missing = [word for key, word in terms(conclusion.text).items() if key not in offered]
        if missing:
            listed = ", ".join(f"'{w}'" for w in missing)
            yield (
                f"reason '{reason.id}': conclusion '{conclusion.id}' uses {listed}, which "
                "none of its premises mention (rabbit rule hint: is an implicit premise "
                "missing?)",
                reason.pos,
            )


def describe_rules() -> str:
    """One line per rule: name, on/off by default, what it catches."""
    width = max(len(name) for name in RULES)
    return "\n".join(
        f"{name:<{width}}  {'on ' if r.default else 'off'}  {r.summary}"
        for name, r in sorted(RULES.items())
    )
