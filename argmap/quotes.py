"""Find a quote in a source text with whitespace normalised, and the closest passage when it is not there."""
from __future__ import annotations

import difflib
import re

_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


class QuoteFinder:
    """Looks quotes up in one source text."""

    def __init__(self, text: str):
        self.text = normalise(text)

    def contains(self, quote: str) -> bool:
        quote = normalise(quote)
        return bool(quote) and quote in self.text

    def closest(self, quote: str, limit: int = 160) -> str:
        """The passage of the source most like the quote, trimmed to whole words."""
        quote = normalise(quote)
        matcher = difflib.SequenceMatcher(None, self.text, quote, autojunk=False)
        match = matcher.find_longest_match(0, len(self.text), 0, len(quote))
        start = max(0, match.a - match.b)
        end = min(len(self.text), start + len(quote))
        # widen to word boundaries so the passage reads as text
        while start > 0 and self.text[start - 1] != " ":
            start -= 1
        while end < len(self.text) and self.text[end] != " ":
            end += 1
        passage = self.text[start:end]
        return passage if len(passage) <= limit else passage[:limit].rsplit(" ", 1)[0] + "…"

    def locate(self, quote: str) -> tuple[int, int] | None:
        """Start and end of the quote in the normalised text, or None."""
        quote = normalise(quote)
        index = self.text.find(quote) if quote else -1
        return None if index < 0 else (index, index + len(quote))
