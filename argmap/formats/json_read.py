"""Read a .json file: an argmap map (key 'argmap', validated like YAML) or AIF ('nodes' or 'AIF')."""

from __future__ import annotations

import json
import re
from pathlib import Path

from ..errors import MapError
from ..limits import DEFAULT_LIMITS, Limits
from ..model import ArgumentMap
from .json_positions import parse as parse_json


# a JSON escape: a surrogate pair, an escaped slash, or any other (kept as it is)
_ESCAPE = re.compile(
    r"\\(u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}"
    r"|/|u[0-9a-fA-F]{4}|.)"
)


def _unescape_for_yaml(match: re.Match) -> str:
    escape = match.group(1)
    if escape == "/":
        return "/"
    if len(escape) == 11:  # a surrogate pair, which YAML cannot read: the character itself
        return json.loads(f'"\\{escape}"')
    return match.group(0)


# outside strings a tab is only whitespace, which YAML refuses before a token; inside, raw line
# separators would be folded by YAML into spaces (and counted as lines): written as escapes
_FOR_YAML = str.maketrans({"\t": " ", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def yaml_compatible(text: str) -> str:
    """Valid JSON that PyYAML also reads, with every line where it was (for line:col)."""
    return _ESCAPE.sub(_unescape_for_yaml, text).translate(_FOR_YAML)


def read_json(path: Path, display: str, limits: Limits = DEFAULT_LIMITS) -> ArgumentMap:
    """Tell native JSON from AIF by its keys, then read it as that."""
    from .native_read import parse_map, read_text
    from .aif_read import aif_to_map, is_aif

    text = read_text(path, display, limits)
    # syntax, budgets and characters checked here, at JSON's own line:col, before YAML sees it
    data = parse_json(text, display, limits)
    if isinstance(data, dict) and "argmap" in data:
        # JSON is YAML: the native loader validates it and reports line:col as for YAML
        return parse_map(yaml_compatible(text), display, base_dir=path.parent, limits=limits)
    if is_aif(data):
        return aif_to_map(data, display, Path(display).stem)
    found = (
        f"an object with keys {', '.join(sorted(map(str, data))) or '(none)'}"
        if isinstance(data, dict)
        else f"a JSON {type(data).__name__}"
    )
    raise MapError.at(
        "JSON file is neither an argmap map (an object with 'argmap': 1) nor AIF "
        f"(an object with 'nodes' and 'edges', or with 'AIF'); found {found}",
        display,
    )
