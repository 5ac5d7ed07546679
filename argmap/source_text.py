"""The source text a map names, read only from inside the map's folder tree (or --source-root)."""

from __future__ import annotations

import os
from pathlib import Path

from . import charset
from .bounded_read import ReadRefused, TooBig, read_regular
from .limits import DEFAULT_LIMITS, Limits, how_to_raise
from .quotes import normalise


class SourceRefused(Exception):
    """A source text that may not or cannot be read; the message names the path and the rule,
    never a byte of what the file holds. The caller adds where the map names it.

    `breaks_rule`: refused by the confinement rule or a budget (outside the tree, not a regular
    file, too big, a NUL in the name), as opposed to a file that is merely missing or unreadable:
    a reader that tolerates a missing source (Argdown) must still fail on these."""

    def __init__(self, message: str, breaks_rule: bool = True):
        super().__init__(message)
        self.breaks_rule = breaks_rule


def read_source_text(name: str, base_dir: Path, limits: Limits = DEFAULT_LIMITS) -> str:
    """The text of the file `name` (relative to the map's folder `base_dir`), confined.

    It must resolve (symlinks followed, '..' resolved) to a regular file inside `base_dir`'s
    tree or inside `limits.source_root`, of at most `limits.source_bytes`, in UTF-8.
    A map someone else wrote must not be able to pull /etc/passwd or ../../.env into a page.
    """
    shown = charset.shown(name)
    if "\x00" in name:
        raise SourceRefused(
            f"source text '{shown}' holds a NUL character: name a file inside the map's folder"
        )
    roots = [base_dir] + ([limits.source_root] if limits.source_root is not None else [])
    try:
        target = (base_dir / name).resolve()
        allowed = [root.resolve() for root in roots]
    except (OSError, RuntimeError) as exc:  # a symlink loop, a name too long
        raise SourceRefused(
            f"cannot read source text '{shown}': {_reason(exc)}", breaks_rule=False
        ) from None
    if not any(target.is_relative_to(root) for root in allowed):
        where = " or ".join(f"'{root}'" for root in roots)
        raise SourceRefused(
            f"source text '{shown}' is outside the map's folder tree ({where}): "
            "a map may name only a file in its own folder or below (to allow "
            "another folder, give --source-root DIR)"
        )
    try:
        raw = read_regular(target, limits.source_bytes, follow_last_link=False)
    except TooBig as exc:
        raise SourceRefused(
            f"source text '{shown}' is too big: {exc} "
            f"{how_to_raise('source_bytes', limits.source_bytes)}"
        ) from None
    except ReadRefused as exc:  # a device, a FIFO, a folder break the rule; a missing file not
        raise SourceRefused(
            f"cannot read source text '{shown}': {exc}", breaks_rule=os.path.lexists(target)
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceRefused(
            f"cannot read source text '{shown}': it is not UTF-8 (byte "
            f"{exc.start + 1:,} cannot be decoded; save it as UTF-8)",
            breaks_rule=False,
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")  # as a text-mode read would


# a line this long is a paragraph of its own, not a hard wrap: wrapped texts break at 60-80
# columns, while an essay pasted from a web page has one paragraph of hundreds per line
WRAPPED_LINE_MAX = 100


def paragraphs(body: str) -> list[str]:
    """The paragraphs of a source text, whitespace normalised: the one rule the source view,
    the "In the source" excerpt and coverage all count by.

    When blank lines separate the text's blocks, a block of short lines is one paragraph
    hard-wrapped (as e-mail and Project Gutenberg texts are, like Markdown): its single
    newlines are soft wraps, read as spaces. Otherwise each line is a paragraph: a text with
    no blank line at all, or a block holding a line longer than WRAPPED_LINE_MAX (an essay
    pasted from a web page, even under a title and a blank line)."""
    blocks: list[list[str]] = [[]]
    for line in body.splitlines():
        if line.strip():
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    blocks = [block for block in blocks if block]
    found = []
    for block in blocks:
        if len(blocks) > 1 and all(len(line) <= WRAPPED_LINE_MAX for line in block[:-1]):
            found.append(normalise(" ".join(block)))
        else:
            found += [normalise(line) for line in block]
    return found


def _reason(exc: Exception) -> str:
    return getattr(exc, "strerror", None) or str(exc)
