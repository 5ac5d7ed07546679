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
        self._places: dict[str, list[int]] | None = None

    def _index(self) -> tuple[list[str], dict[str, list[int]]]:
        """The source's words, and where each word key occurs (only the first _COMMON + 1
        places: a word past that does not vote). Built on first need, once."""
        if self._places is None:
            self._words = self.text.split(" ") if self.text else []
            places: dict[str, list[int]] = {}
            for position, word in enumerate(self._words):
                found = places.setdefault(_key(word), [])
                if len(found) <= _COMMON:
                    found.append(position)
            self._places = places
        return self._words, self._places

    def contains(self, quote: str) -> bool:
        quote = normalise(quote)
        if not quote:
            return False
        inner = quote.split(" ")[1:-1]  # the first and last words may be parts of words
        if inner:
            _, places = self._index()
            if any(_key(word) not in places for word in inner):
                return False  # a whole word of the quote is nowhere in the source
        return quote in self.text

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
                votes.update(position - offset for position in found)
        start = 0
        if votes:
            best = max(votes.values())
            start = max(0, min(shift for shift, count in votes.items() if count == best))
        passage = " ".join(words[start:start + len(quote_words)])
        return passage if len(passage) <= limit else passage[:limit].rsplit(" ", 1)[0] + "…"

    def locate(self, quote: str) -> tuple[int, int] | None:
        """Start and end of the quote in the normalised text, or None."""
        quote = normalise(quote)
        index = self.text.find(quote) if quote else -1
        return None if index < 0 else (index, index + len(quote))
