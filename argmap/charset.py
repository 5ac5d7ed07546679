"""Which characters a map's text may hold: only those every output (XML, DOT, JSON, HTML) can carry."""

from __future__ import annotations

import re

# C0 controls but tab and newline, DEL and the C1 controls, lone surrogates, and the
# non-characters U+FFFE/U+FFFF: XML 1.0 refuses most of them, Graphviz stops at NUL, and
# none is ever meant in an argument's text.
_FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def first_forbidden(text: str) -> int | None:
    """The index of the first character a map's text may not hold, or None."""
    found = _FORBIDDEN.search(text)
    return found.start() if found else None


def describe_forbidden(text: str, index: int) -> str:
    """'control character U+0001' (or surrogate / non-character) for the message."""
    code = ord(text[index])
    if 0xD800 <= code <= 0xDFFF:
        kind = "lone surrogate"
    elif code in (0xFFFE, 0xFFFF):
        kind = "non-character"
    else:
        kind = "control character"
    return f"{kind} U+{code:04X} (only tab and newline may appear besides printable text)"


def shown(text: str, limit: int = 200) -> str:
    """A value as a one-line message shows it: escapes for what is not printable, cut short."""
    if not text.isprintable():
        text = text.encode("unicode_escape").decode("ascii")
    return text if len(text) <= limit else text[:limit] + "…"
