"""The model as plain data with exactly the field names of the YAML format (JSON export, page data)."""

from __future__ import annotations

import yaml

from ..model import FORMAT_VERSION, ArgumentMap, Claim, Group, Reason, Source


def _present(pairs) -> dict:
    """Keep the fields that are set; defaults are left out as a map-maker would."""
    return {k: v for k, v in pairs if v not in (None, [], False) or k in ("premises",)}


def claim_to_dict(claim: Claim) -> dict:
    return _present(
        [
            ("id", claim.id),
            ("text", claim.text),
            ("quote", claim.quote),
            ("kind", claim.kind),
            ("implicit", claim.implicit),
            ("group", claim.group),
            ("tags", list(claim.tags)),
            ("note", claim.note),
        ]
    )


def reason_to_dict(reason: Reason) -> dict:
    return _present(
        [
            ("id", reason.id),
            ("conclusion", reason.conclusion),
            ("premises", list(reason.premises)),
            ("type", reason.type),
            ("label", reason.label),
            ("note", reason.note),
        ]
    )


def group_to_dict(group: Group) -> dict:
    return {"id": group.id, "title": group.title}


def source_to_dict(s: Source) -> dict:
    return _present(
        [
            ("title", s.title),
            ("date", s.date),
            ("text", s.text),
            ("url", s.url),
            ("author", s.author),
        ]
    )


def map_to_dict(amap: ArgumentMap) -> dict:
    data: dict = {"argmap": FORMAT_VERSION, "title": amap.title}
    if amap.source:
        data["source"] = source_to_dict(amap.source)
    data["main"] = list(amap.main)
    if amap.groups:
        data["groups"] = [group_to_dict(g) for g in amap.groups.values()]
    data["claims"] = [claim_to_dict(c) for c in amap.claims.values()]
    data["reasons"] = [reason_to_dict(r) for r in amap.reasons.values()]
    return data


# texts longer than this are folded (YAML '>'), so a reader sees whole words on short lines
_FOLD_AT = 80
_WIDTH = 76


class _MapDumper(yaml.SafeDumper):
    """Block style for the map's structure; flow style for short lists of ids and tags."""

    def increase_indent(self, flow=False, indentless=False):
        # list items indented under their key, as people write them
        return super().increase_indent(flow, False)


class _Flow(list):
    """A list written on one line: `premises: [a, b]`."""


def _foldable(text: str) -> bool:
    # YAML folding turns one line break into one space: only text with single spaces between
    # words survives it unchanged (anything else is written quoted, which loses nothing)
    return (
        len(text) > _FOLD_AT
        and text == text.strip()
        and "  " not in text
        and text.isprintable()
        and " " in text
    )


def _represent_str(dumper, text: str):
    style = ">" if _foldable(text) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


def _represent_flow(dumper, items: _Flow):
    return dumper.represent_sequence("tag:yaml.org,2002:seq", items, flow_style=True)


_MapDumper.add_representer(str, _represent_str)
_MapDumper.add_representer(_Flow, _represent_flow)
_MapDumper.ignore_aliases = lambda self, data: True  # type: ignore[method-assign]

_FLOW_KEYS = ("main", "premises", "tags")


def _with_flow_lists(data):
    if isinstance(data, dict):
        return {
            k: _Flow(v) if k in _FLOW_KEYS and isinstance(v, list) else _with_flow_lists(v)
            for k, v in data.items()
        }
    if isinstance(data, list):
        return [_with_flow_lists(v) for v in data]
    return data


def map_to_yaml(amap: ArgumentMap) -> str:
    """The map in the native YAML format: groups, claims and reasons in the map's order, block
    style, long texts folded; read back, it gives the same model."""
    return dict_to_yaml(map_to_dict(amap))


def dict_to_yaml(data: dict) -> str:
    """A map given as plain data (the YAML format's keys) as YAML text, written as map_to_yaml
    writes it."""
    return yaml.dump(
        _with_flow_lists(data),
        Dumper=_MapDumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=_WIDTH,
    )
