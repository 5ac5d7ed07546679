"""Map ids from foreign titles and texts: deterministic, unique, and valid for native_read.ID_PATTERN."""

from __future__ import annotations

import re
import unicodedata

_INVALID = re.compile(r"[^A-Za-z0-9_.-]+")
_SPECIAL = str.maketrans(
    {
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "ø": "o",
        "Ø": "O",
        "œ": "oe",
        "Œ": "OE",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "þ": "th",
    }
)


def slugify(text: str, fallback: str = "x") -> str:
    """An id for `text`: the identity on ids that are already valid, readable otherwise."""
    ascii_text = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    ascii_text = "".join(c for c in ascii_text if not unicodedata.combining(c))
    ascii_text = _INVALID.sub(" ", ascii_text).strip()  # invalid runs at either end vanish
    slug = _INVALID.sub("-", ascii_text.replace(" ", "-"))
    slug = re.sub(r"-{2,}", "-", slug) if slug != text else slug
    if not slug:
        return fallback
    if not slug[0].isalpha():
        slug = f"{fallback}-{slug}"
    return slug


def words_slug(text: str, words: int = 6, fallback: str = "s") -> str:
    """A short id from the first few words of a text (for things that have no title)."""
    first = re.findall(r"[^\W_]+", unicodedata.normalize("NFKC", text))[:words]
    return slugify(" ".join(first).lower(), fallback) if first else fallback


class IdMaker:
    """Hands out ids that are unique across everything registered so far."""

    def __init__(self, taken=()):
        self.taken: set[str] = set(taken)
        # wanted id -> the next number to try: every lower one was taken already, so
        # thousands of things wanting the same id cost no rescan from 2 each time
        self.next_number: dict[str, int] = {}

    def make(self, wanted: str) -> str:
        ident, n = wanted, self.next_number.get(wanted, 2)
        if ident in self.taken:
            ident = f"{wanted}-{n}"
            while ident in self.taken:
                n += 1
                ident = f"{wanted}-{n}"
            self.next_number[wanted] = n + 1
        self.taken.add(ident)
        return ident
