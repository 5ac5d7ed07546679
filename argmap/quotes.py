"""Find a quote in a source text with whitespace normalised, and the closest passage when it is not there."""

from __future__ import annotations

import re
from collections import Counter

_SPACE = re.compile(r"\s+")
# a word this common says nothing about where a passage is: it does not vote (see closest)
_COMMON = 64


def normalise(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _key(word: str) -> str:
    return word.casefold().strip(".,;:!?\"'()[]“”‘’«»—–-")


class QuoteFinder:
    """Looks quotes up in one source text; each lookup costs about the quote's length, not the
    source's (a map of thousands of misquotes against a long source stays fast)."""

    def __init__(self, text: str):
        self.text = normalise(text)
        self._words: list[str] | None = None
        self._places: dict[str, list[tuple[int, int]]] | None = None

    def _index(self) -> tuple[list[str], dict[str, list[tuple[int, int]]]]:
        """The source's words, and where each word key occurs as (word number, character
        offset): only the first _COMMON + 1 places, so a longer list means "common".
        Built on first need, once."""
        if self._places is None:
            self._words = self.text.split(" ") if self.text else []
            places: dict[str, list[tuple[int, int]]] = {}
            offset = 0
            for position, word in enumerate(self._words):
                found = places.setdefault(_key(word), [])
                if len(found) <= _COMMON:
                    found.append((position, offset))
                offset += len(word) + 1
            self._places = places
        assert self._words is not None  # filled with _places, just above
        return self._words, self._places

    def contains(self, quote: str) -> bool:
        quote = normalise(quote)
        if not quote:
            return False
        words = quote.split(" ")
        if len(words) < 3:
            return quote in self.text
        _, places = self._index()
        # the first and last words may be parts of words; every word between is whole, so the
        # quote can only sit where its rarest whole word does: look there, not everywhere
        rarest, rarest_at, offset = None, 0, len(words[0]) + 1
        for word in words[1:-1]:
            found = places.get(_key(word))
            if found is None:
                return False  # a whole word of the quote is nowhere in the source
            if len(found) <= _COMMON and (rarest is None or len(found) < len(rarest)):
                rarest, rarest_at = found, offset
            offset += len(word) + 1
        if rarest is None:  # only common words: the plain search is as good as any
            return quote in self.text
        return any(
            start >= 0 and self.text.startswith(quote, start)
            for start in (at - rarest_at for _, at in rarest)
        )

    def closest(self, quote: str, limit: int = 160) -> str:
        """The passage of the source most like the quote: the alignment of the quote's words
        with the source's that matches the most of them (rare words vote; ties go to the
        earliest place), as long as the quote, trimmed to whole words."""
        words, places = self._index()
        if not words:
            return ""
        quote_words = normalise(quote).split(" ")
        votes: Counter = Counter()
        for offset, word in enumerate(quote_words):
            found = places.get(_key(word), ())
            if len(found) <= _COMMON:
                votes.update(position - offset for position, _ in found)
        start = 0
        if votes:
            best = max(votes.values())
            start = max(0, min(shift for shift, count in votes.items() if count == best))
        passage = " ".join(words[start : start + len(quote_words)])
        return passage if len(passage) <= limit else passage[:limit].rsplit(" ", 1)[0] + "…"

    def locate(self, quote: str) -> tuple[int, int] | None:
        """Start and end of the quote in the normalised text, or None."""
        quote = normalise(quote)
        index = self.text.find(quote) if quote else -1
        return None if index < 0 else (index, index + len(quote))
