"""A fragment's own options, checked once: its id prefix (unique element ids per map) and its height."""

from __future__ import annotations

import hashlib
import json
import re

from ..errors import UsageError
from ..model import ArgumentMap

# Letters first, no ':' (it separates prefix and claim in a deep link #PREFIX:CLAIM) and no '.'
# (ids stay plain CSS identifiers).
_ID_PREFIX = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,63}\Z")
_HEIGHT = re.compile(r"(\d{1,5}(?:\.\d{1,3})?)(px|em|rem|vh|svh|dvh|lvh|%)?\Z")

# Outline anchors are the only ids in the HTML of a map (templates/_outline.html.j2); the script
# names its own from the prefix (viewer.js setUpDom). Escaped map text cannot hold `="` (the
# quote becomes &#34;, in the JSON block \"), so these match our own attributes only.
_OUTLINE_ID = 'id="argmap-o-'
_OUTLINE_HREF = 'href="#argmap-o-'


def default_id_prefix(amap: ArgumentMap, occurrence: int = 1) -> str:
    """A deterministic prefix: the map's content hash, and which time it appears on the page.

    Callers that put several maps on one page count occurrences of the same map (1, 2, ...)."""
    from ..formats.native_write import map_to_dict

    text = json.dumps(map_to_dict(amap), sort_keys=True, ensure_ascii=False, default=str)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
    return f"m{digest}" if occurrence == 1 else f"m{digest}-{occurrence}"


def check_id_prefix(value: str) -> str:
    if not isinstance(value, str) or not _ID_PREFIX.match(value):
        raise UsageError(
            f"invalid id prefix '{value}' (use a letter, then up to 63 letters, digits, '-' or '_')"
        )
    return value


def check_height(value: int | float | str) -> str:
    """A CSS length for the map's canvas: a number is pixels; units px, em, rem, vh, %."""
    text = str(value).strip()
    match = _HEIGHT.match(text)
    if isinstance(value, bool) or not match or float(match.group(1)) <= 0:
        raise UsageError(
            f"invalid height '{value}' (a positive number of pixels, or a length "
            "such as 480px, 30em, 60vh)"
        )
    return text if match.group(2) else f"{text}px"


def prefix_ids(html: str, prefix: str) -> str:
    """The fragment's HTML with every element id (and the links to them) under `prefix`."""
    return html.replace(_OUTLINE_ID, f'id="argmap-{prefix}-o-').replace(
        _OUTLINE_HREF, f'href="#argmap-{prefix}-o-'
    )
