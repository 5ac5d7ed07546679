"""The Python API: load, build, validate, render, export and analyse maps (docs/api.md)."""

from __future__ import annotations

from pathlib import Path

from .errors import MapError, UsageError, one_of
from .limits import DEFAULT_LIMITS, Limits
from .model import BUILT_MAP, FORMAT_VERSION, ArgumentMap, Claim, Group, Reason, Source

# what `loads` reads: a text has no file extension to tell its format by
_TEXT_FORMATS = ("yaml", "json", "argdown", "aif")


def load(
    path: str | Path, *, format: str | None = None, limits: Limits = DEFAULT_LIMITS
) -> ArgumentMap:
    """The map in a file (YAML, JSON, Argdown or AIF, told by its extension unless `format`
    names it), validated; MapError names every problem with file:line:col."""
    from .formats import read_map

    return read_map(path, format, limits=limits)


def loads(
    text: str,
    format: str = "yaml",
    *,
    base_dir: str | Path | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> ArgumentMap:
    """The map in a string; `base_dir` is where the map's source text (`source: text:`) is
    looked for, as a file's own folder is (None: quotes are not checked against it)."""
    if format not in _TEXT_FORMATS:
        raise UsageError(f"unknown format '{format}' ({one_of(_TEXT_FORMATS)})")
    if not isinstance(text, str):
        raise UsageError(f"loads reads text (str), not {type(text).__name__}")
    base = Path(base_dir) if base_dir is not None else None
    display = f"<{format} string>"
    if format == "argdown":
        from .formats.argdown_read import argdown_to_map
        from .formats.argdown_syntax import parse_argdown

        return argdown_to_map(
            parse_argdown(text, display, limits=limits), "Argdown map", base_dir=base, limits=limits
        )
    if format == "yaml":
        from .formats.native_read import parse_map

        return parse_map(text, display, base_dir=base, limits=limits)
    from .formats import json_positions
    from .formats.aif_read import aif_to_map, is_aif

    data = json_positions.parse(text, display, limits)
    if format == "json" and isinstance(data, dict) and "argmap" in data:
        from .formats.json_read import yaml_compatible
        from .formats.native_read import parse_map

        return parse_map(yaml_compatible(text), display, base_dir=base, limits=limits)
    if format == "json" and not is_aif(data):
        raise MapError.at(
            "JSON text is neither an argmap map (an object with 'argmap': 1) nor "
            "AIF (an object with 'nodes' and 'edges', or with 'AIF')",
            display,
        )
    return aif_to_map(data, display, "AIF map")


def build(
    title: str,
    claims=(),
    reasons=(),
    *,
    main=(),
    groups=(),
    source=None,
    limits: Limits = DEFAULT_LIMITS,
) -> ArgumentMap:
    """A map built in code from claims, reasons and groups (model objects, or dicts with the
    YAML format's keys), checked exactly as a file is: MapError names every problem."""
    import yaml  # lazy, as every format: a plain `import argmap` stays light

    from .formats import native_write
    from .formats.native_read import parse_map

    def plain(item, kind, to_dict):
        return to_dict(item) if isinstance(item, kind) else item

    data = {
        "argmap": FORMAT_VERSION,
        "title": title,
        "main": list(main),
        "groups": [plain(g, Group, native_write.group_to_dict) for g in groups],
        "claims": [plain(c, Claim, native_write.claim_to_dict) for c in claims],
        "reasons": [plain(r, Reason, native_write.reason_to_dict) for r in reasons],
    }
    body = None
    if source is not None:
        body = source.body if isinstance(source, Source) else None
        data["source"] = plain(source, Source, native_write.source_to_dict)
    try:
        text = native_write.dict_to_yaml(data)
    except yaml.YAMLError as exc:  # a value YAML has no word for (an object, a set...)
        raise UsageError(f"a map holds text, numbers, lists and dicts only: {exc}") from None
    return parse_map(text, BUILT_MAP, limits=limits, source_body=body)


def validate(amap: ArgumentMap, *, limits: Limits = DEFAULT_LIMITS) -> ArgumentMap:
    """Check a map held in memory as a file is checked; MapError names every problem (an
    unknown premise, a bad kind...). Returns the map; one built in code gets the check's
    `warnings`, one read from a file keeps those of its file."""
    from .formats.native_read import validate_map

    if not isinstance(amap, ArgumentMap):
        raise UsageError(f"expected an ArgumentMap, not {type(amap).__name__}")
    return validate_map(amap, limits=limits)


def render_page(amap: ArgumentMap, *, theme: str = "auto", color_by: str = "kind") -> str:
    """The map as one self-contained interactive HTML page (validated first); `color_by`
    (kind, group or tag) says what a box's colour means."""
    from .page.render import render_page as _render_page

    return _render_page(_checked(amap, theme, color_by), theme, color_by=color_by)


def render_fragment(
    amap: ArgumentMap,
    *,
    theme: str = "auto",
    height=None,
    id_prefix: str | None = None,
    color_by: str = "kind",
) -> str:
    """The map as an HTML fragment to paste into a page (validated first)."""
    from .page.render import render_fragment as _render_fragment

    return _render_fragment(
        _checked(amap, theme, color_by),
        theme,
        height=height,
        id_prefix=id_prefix,
        color_by=color_by,
    )


def export(amap: ArgumentMap, to: str, *, color_by: str = "kind") -> str | bytes:
    """The map in an export format: text ('yaml', 'svg', 'argdown', 'aif', 'dot'...), or bytes
    for an image ('png', 'pdf': the extra argmap[images]). `color_by` ('kind', 'group' or
    'tag'): what box colours mean in the drawn formats (svg, png, pdf with a legend; dot)."""
    from .formats import export_map

    return export_map(validate(amap), to, color_by)


def analyse(amap: ArgumentMap, *, rejected=(), accepted=()):
    """Statistics, labels and load-bearing premises (an Analysis: .as_text(), .as_dict())."""
    from .analysis.analyse import analyse_map

    return analyse_map(validate(amap), rejected, accepted)


def _checked(amap: ArgumentMap, theme: str, color_by: str) -> ArgumentMap:
    from .drawing.colour_by import check_color_by
    from .page.render import THEMES

    if theme not in THEMES:
        raise UsageError(f"unknown theme '{theme}' ({one_of(THEMES)})")
    check_color_by(color_by)
    return validate(amap)
