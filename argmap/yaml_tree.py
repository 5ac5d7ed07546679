"""YAML parsed into dicts and lists that remember the line and column of every key and value."""
from __future__ import annotations

import datetime

import yaml

from .gcpause import paused_gc
from .limits import DEFAULT_LIMITS, Limits

try:  # the C parser is several times faster; both give the same marks
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader


class YamlProblem(Exception):
    """A YAML text that cannot be parsed; line and column are 1-based."""

    def __init__(self, message: str, line: int, column: int):
        super().__init__(message)
        self.message, self.line, self.column = message, line, column


class Mapping(dict):
    """A YAML mapping; `where` is its own (line, col), `key_at`/`value_at` those of each entry."""

    where: tuple[int, int]
    key_at: dict
    value_at: dict


class Sequence(list):
    """A YAML sequence; `where` is its own (line, col), `item_at` that of each item."""

    where: tuple[int, int]
    item_at: list


_STR_TAG = "tag:yaml.org,2002:str"


def _where(node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def parse(text: str, limits: Limits = DEFAULT_LIMITS):
    """Parse one YAML document; None for an empty one. Raises YamlProblem."""
    loader = _Loader(text)
    try:
        with paused_gc():  # ~10^5 nodes and marks, none garbage: see gcpause.py
            node = loader.get_single_node()
            if node is None:
                return None
            return _build(loader, node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        if exc.context and exc.problem:
            problem = f"{exc.context}: {exc.problem}"
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise YamlProblem(f"invalid YAML: {problem}", line, col) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(f"invalid YAML: {exc}", 1, 1) from None
    finally:
        loader.dispose()


def _build(loader, node):
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)  # merge keys (<<) as PyYAML would
        result = Mapping()
        result.where, result.key_at, result.value_at = _where(node), {}, {}
        for key_node, value_node in node.value:
            key = _build(loader, key_node)
            if isinstance(key, (dict, list)):
                raise YamlProblem("invalid YAML: a key must be a plain value", *_where(key_node))
            if key in result:
                line, _ = result.key_at[key]
                raise YamlProblem(f"duplicate key '{key}' (first given on line {line})", *_where(key_node))
            result[key] = _build(loader, value_node)
            result.key_at[key] = _where(key_node)
            result.value_at[key] = _where(value_node)
        return result
    if isinstance(node, yaml.SequenceNode):
        result = Sequence(_build(loader, item) for item in node.value)
        result.where, result.item_at = _where(node), [_where(item) for item in node.value]
        return result
    if node.tag == _STR_TAG:  # most scalars; the constructor would return node.value after a slow detour
        return node.value
    value = loader.construct_object(node)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()  # dates are text in a map
    return value
