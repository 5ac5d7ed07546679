"""Read a .json file: an argmap map (key 'argmap', validated like YAML) or AIF ('nodes' or 'AIF')."""
from __future__ import annotations

from pathlib import Path

from ..errors import MapError
from ..model import ArgumentMap


def read_json(path: Path, display: str) -> ArgumentMap:
    """Tell native JSON from AIF by its keys, then read it as that."""
    from ..load import parse_map, read_text
    from .aif import aif_to_map, is_aif, parse_json

    text = read_text(path, display)
    data = parse_json(text, display)
    if isinstance(data, dict) and "argmap" in data:
        # JSON is YAML: the native loader validates it and reports line:col as for YAML
        return parse_map(text, display, base_dir=path.parent)
    if is_aif(data):
        return aif_to_map(data, text, display, Path(display).stem)
    found = (f"an object with keys {', '.join(sorted(map(str, data))) or '(none)'}"
             if isinstance(data, dict) else f"a JSON {type(data).__name__}")
    raise MapError.at("JSON file is neither an argmap map (an object with 'argmap': 1) nor AIF "
                      f"(an object with 'nodes' and 'edges', or with 'AIF'); found {found}",
                      display)
