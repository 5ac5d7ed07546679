"""A JSON Schema of the map format for editors, built from the native reader's own field specs."""

from __future__ import annotations

import json

from ..model import FORMAT_VERSION, KINDS, REASON_TYPES
from .native_read import (
    CLAIM_FIELDS,
    GROUP_FIELDS,
    ID_PATTERN,
    REASON_FIELDS,
    SOURCE_FIELDS,
    TOP_FIELDS,
)

SCHEMA_FILE = "argmap.schema.json"  # shipped beside the bundled maps (package data)
DIALECT = "https://json-schema.org/draft/2020-12/schema"

# what each key means, shown by an editor as the user types (docs/format.md says it at length)
_HELP: dict[str, dict[str, str]] = {
    "map": {
        "argmap": "Format version: always 1.",
        "title": "The map's title.",
        "source": "The text the map reconstructs.",
        "main": "Ids of the main conclusion(s): the claims the whole argument is for.",
        "groups": "Named groups of claims, drawn and listed together.",
        "claims": "The statements of the argument: one thought each, a full sentence.",
        "reasons": "Premises that together support (or object to) a conclusion.",
    },
    "source": {
        "title": "Title of the source text.",
        "date": 'Its date, e.g. "2025-12-01" (quoted).',
        "text": "Path of the source text, from this file; every quote is checked against it.",
        "url": "Where the source can be read.",
        "author": "Its author.",
    },
    "group": {"id": "The group's id, named by claims' `group`.", "title": "Shown as a heading."},
    "claim": {
        "id": "Letters, digits, '-', '_' or '.', starting with a letter; unique in the map.",
        "text": "One thought: a full declarative sentence that makes sense alone.",
        "quote": "The author's exact words (whitespace aside), found in the source text.",
        "kind": "fact | value | interpretation | prediction | policy.",
        "implicit": "Supplied by the map-maker, not said by the author (drawn dashed).",
        "group": "Id of the group the claim belongs to.",
        "tags": "Free labels for searching and filtering.",
        "note": "The map-maker's remark.",
    },
    "reason": {
        "id": "Letters, digits, '-', '_' or '.', starting with a letter; unique in the map.",
        "conclusion": "The claim supported or objected to; for an objection, a reason's id "
        "undercuts that inference.",
        "premises": "Claim ids that work together (linked): all are needed. A contradiction "
        "has exactly one.",
        "type": "support (default), objection, or contradiction (two claims that attack "
        "each other).",
        "label": "A short name for the inference, e.g. an argument scheme.",
        "note": "The map-maker's remark.",
    },
}
_JSON_TYPES = {str: "string", list: "array", dict: "object", bool: "boolean", int: "integer"}
_ID = {"$ref": "#/$defs/id"}
# the fields whose values are more than their type says
_REFINED: dict[tuple[str, str], dict] = {
    ("map", "argmap"): {"const": FORMAT_VERSION},
    ("map", "title"): {"$ref": "#/$defs/text"},
    ("map", "main"): {"type": "array", "items": _ID},
    ("map", "groups"): {"type": "array", "items": {"$ref": "#/$defs/group"}},
    ("map", "claims"): {"type": "array", "items": {"$ref": "#/$defs/claim"}},
    ("map", "reasons"): {"type": "array", "items": {"$ref": "#/$defs/reason"}},
    ("map", "source"): {"$ref": "#/$defs/source"},
    ("group", "id"): _ID,
    ("claim", "id"): _ID,
    ("claim", "text"): {"$ref": "#/$defs/text"},
    ("claim", "kind"): {"enum": list(KINDS)},
    ("claim", "group"): _ID,
    ("claim", "tags"): {"type": "array", "items": {"type": "string", "minLength": 1}},
    ("reason", "id"): _ID,
    ("reason", "conclusion"): _ID,
    ("reason", "premises"): {"type": "array", "items": _ID, "minItems": 1},
    ("reason", "type"): {"enum": list(REASON_TYPES), "default": "support"},
}
_SPECS: dict[str, dict] = {
    "map": TOP_FIELDS,
    "source": SOURCE_FIELDS,
    "group": GROUP_FIELDS,
    "claim": CLAIM_FIELDS,
    "reason": REASON_FIELDS,
}


def _object(name: str) -> dict:
    """The schema of one mapping of the format: every key the reader knows, no other."""
    properties = {}
    for key, ((types, _), _) in _SPECS[name].items():
        found = dict(_REFINED.get((name, key), {"type": _JSON_TYPES[types[0]]}))
        properties[key] = {"description": _HELP[name][key], **found}
    required = [key for key, (_, needed) in _SPECS[name].items() if needed]
    schema = {"type": "object", "properties": properties, "additionalProperties": False}
    return {**schema, "required": required} if required else schema


def map_schema() -> dict:
    """The JSON Schema (draft 2020-12) of a map file, YAML or JSON."""
    reason = _object("reason")
    # a contradiction joins two claims: one premise
    reason["if"] = {"properties": {"type": {"const": "contradiction"}}, "required": ["type"]}
    reason["then"] = {"properties": {"premises": {"maxItems": 1}}}
    return {
        "$schema": DIALECT,
        "title": "argmap map",
        "description": "An argument map for argmap (docs/format.md): claims, and reasons "
        "that support or object to them. Check one with `argmap check`.",
        **_object("map"),
        "$defs": {
            "id": {
                "type": "string",
                "pattern": ID_PATTERN.pattern.replace("\\Z", "$"),
                "description": _HELP["claim"]["id"],
            },
            "text": {"type": "string", "pattern": "\\S", "description": "Text, not blank."},
            "source": _object("source"),
            "group": _object("group"),
            "claim": _object("claim"),
            "reason": reason,
        },
    }


def schema_text() -> str:
    """The schema as the shipped file holds it."""
    return json.dumps(map_schema(), ensure_ascii=False, indent=2) + "\n"
