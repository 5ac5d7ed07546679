"""How much of its source text a map quotes: the quoted spans, by sentence, character and paragraph."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import quotes
from ..model import ArgumentMap
from ..source_text import paragraphs

# a sentence ends at . ! ? or … (and any closing quotes or brackets) before white space; the
# class and the quantifiers never overlap, so the scan is linear
_SENTENCE_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*\s+")


def sentences(paragraph: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a paragraph."""
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(paragraph):
        spans.append((start, match.end() - 1 if paragraph[match.end() - 1] == " " else match.end()))
        start = match.end()
    if start < len(paragraph):
        spans.append((start, len(paragraph)))
    return spans


def excerpt(paragraph: str, start: int, end: int) -> tuple[int, int]:
    """The passage around a quote that an excerpt shows: from the start of the sentence before
    the quote's first sentence to the end of the sentence after its last one, so it starts and
    ends at sentence boundaries, never mid-sentence."""
    spans = sentences(paragraph) or [(0, len(paragraph))]
    first = next((i for i, (s, e) in enumerate(spans) if e > start), len(spans) - 1)
    last = next((i for i, (s, e) in enumerate(spans) if e >= end), len(spans) - 1)
    return spans[max(first - 1, 0)][0], spans[min(last + 1, len(spans) - 1)][1]


def locate_quotes(amap: ArgumentMap) -> tuple[list[str], dict[str, dict]]:
    """The source's paragraphs, and for each claim whose quote is found: the first paragraph
    it sits in, where, and the sentence-bounded excerpt around it ({"paragraph", "start",
    "end", "excerpt": [from, to]})."""
    body = amap.source.body if amap.source else None
    if not body:
        return [], {}
    texts = paragraphs(body)
    finders = [quotes.QuoteFinder(p) for p in texts]
    found: dict[str, dict] = {}
    for claim in amap.claims.values():
        if not claim.quote:
            continue
        for index, finder in enumerate(finders):
            span = finder.locate(claim.quote)
            if span:
                found[claim.id] = {
                    "paragraph": index,
                    "start": span[0],
                    "end": span[1],
                    "excerpt": list(excerpt(texts[index], span[0], span[1])),
                }
                break
    return texts, found


@dataclass(frozen=True)
class ParagraphCoverage:
    index: int  # 0-based, in the source's order (source_text.paragraphs)
    sentences: int
    quoted_sentences: int
    chars: int
    quoted_chars: int

    def as_dict(self) -> dict:
        return {
            "paragraph": self.index + 1,
            "sentences": self.sentences,
            "quoted_sentences": self.quoted_sentences,
            "chars": self.chars,
            "quoted_chars": self.quoted_chars,
        }


@dataclass(frozen=True)
class Coverage:
    paragraphs: tuple[ParagraphCoverage, ...]

    @property
    def sentences(self) -> int:
        return sum(p.sentences for p in self.paragraphs)

    @property
    def quoted_sentences(self) -> int:
        return sum(p.quoted_sentences for p in self.paragraphs)

    @property
    def chars(self) -> int:
        return sum(p.chars for p in self.paragraphs)

    @property
    def quoted_chars(self) -> int:
        return sum(p.quoted_chars for p in self.paragraphs)

    @property
    def unquoted(self) -> list[int]:
        """1-based numbers of the paragraphs with no quote at all."""
        return [p.index + 1 for p in self.paragraphs if not p.quoted_chars]

    def as_dict(self) -> dict:
        return {
            "sentences": self.sentences,
            "quoted_sentences": self.quoted_sentences,
            "sentence_share": _share(self.quoted_sentences, self.sentences),
            "chars": self.chars,
            "quoted_chars": self.quoted_chars,
            "char_share": _share(self.quoted_chars, self.chars),
            "paragraphs": [p.as_dict() for p in self.paragraphs],
            "unquoted_paragraphs": self.unquoted,
        }

    def summary(self) -> str:
        """One line, as the source view shows it."""
        return (
            f"The map quotes {_percent(self.quoted_sentences, self.sentences)} of the source's "
            f"sentences ({self.quoted_sentences} of {self.sentences}) and "
            f"{_percent(self.quoted_chars, self.chars)} of its characters."
        )

    def as_lines(self) -> list[str]:
        sentences = (
            f"  sentences   {self.quoted_sentences} of {self.sentences} quoted "
            f"({_percent(self.quoted_sentences, self.sentences)})"
        )
        chars = (
            f"  characters  {self.quoted_chars} of {self.chars} quoted "
            f"({_percent(self.quoted_chars, self.chars)})"
        )
        lines = ["Source coverage", sentences, chars]
        for p in self.paragraphs:
            lines.append(
                f"  paragraph {p.index + 1}: {p.quoted_sentences} of {p.sentences} sentences, "
                f"{_percent(p.quoted_chars, p.chars)} of characters"
            )
        unquoted = self.unquoted
        lines.append(
            "  paragraphs with no quote: " + (", ".join(map(str, unquoted)) if unquoted else "none")
        )
        return lines


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole) if whole else 0}%"


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def coverage(amap: ArgumentMap) -> Coverage | None:
    """The map's coverage of its source text; None when the map has no source text."""
    texts, found = locate_quotes(amap)
    if not texts:
        return None
    by_paragraph: dict[int, list[tuple[int, int]]] = {}
    for span in found.values():
        by_paragraph.setdefault(span["paragraph"], []).append((span["start"], span["end"]))
    result = []
    for index, text in enumerate(texts):
        quoted = _merged(by_paragraph.get(index, []))
        spans = sentences(text)
        hit = sum(1 for s, e in spans if any(a < e and s < b for a, b in quoted))
        result.append(
            ParagraphCoverage(index, len(spans), hit, len(text), sum(b - a for a, b in quoted))
        )
    return Coverage(tuple(result))
