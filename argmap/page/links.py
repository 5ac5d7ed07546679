"""Links argmap writes from file names: relative, percent-encoded, never read as a scheme."""

from __future__ import annotations

from urllib.parse import quote


def relative_href(path: str) -> str:
    """A link to a file relative to the page: every byte but letters, digits, '-._~' and '/'
    percent-encoded (so ':' can never end a scheme, nor '#' or '?' cut the path), after './'.

    A name that is not UTF-8 on disk (a POSIX name's bytes, held as surrogates) keeps its bytes.
    """
    return "./" + quote(path.encode("utf-8", "surrogateescape"), safe="/")
