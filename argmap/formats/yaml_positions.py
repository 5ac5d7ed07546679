"""YAML parsed into dicts and lists that remember the line and column of every key and value."""

from __future__ import annotations

import datetime
import re

import yaml
from yaml.nodes import ScalarNode

from ..charset import describe_forbidden, first_forbidden, shown
from .._gc import paused_gc
from ..limits import DEFAULT_LIMITS, Limits, how_to_raise

_Loader: type[yaml.SafeLoader] | type[yaml.CSafeLoader]
try:  # the C parser is several times faster; both give the same marks
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader


class YamlProblem(Exception):
    """A YAML text that cannot be parsed; line and column are 1-based. `others` holds further
    problems found in the same text (texts with forbidden characters are all reported).

    `breaks_rule`: a budget or a forbidden character, which no map may pass wherever the YAML
    sits (a reader that merely ignores bad YAML, like Argdown's inline data, must still fail)."""

    def __init__(self, message: str, line: int, column: int, breaks_rule: bool = False):
        super().__init__(message)
        self.message, self.line, self.column = message, line, column
        self.breaks_rule = breaks_rule
        self.others: list[YamlProblem] = []

    def all(self) -> list["YamlProblem"]:
        return [self, *self.others]


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
_INT_TAG = "tag:yaml.org,2002:int"
_MERGE_TAG = "tag:yaml.org,2002:merge"
# libyaml's own messages name the input as '<unicode string>' on a line of their own
_STRAY_INPUT_NAME = re.compile(r'\s*in "<[^"]*>"(, line \d+, column \d+|, position \d+)?')


def _where(event) -> tuple[int, int]:
    return event.start_mark.line + 1, event.start_mark.column + 1


def _raise_limit(what: str, name: str, limit: int, where) -> None:
    raise YamlProblem(f"{what} {how_to_raise(name, limit)}", where[0], where[1], breaks_rule=True)


def parse(text: str, limits: Limits = DEFAULT_LIMITS):
    """Parse one YAML document; None for an empty one. Raises YamlProblem.

    The tree is composed from libyaml's events with an explicit stack, never by recursion, so
    that `limits` can stop deep nesting, alias bombs, huge integers and long texts at their
    place before they cost memory or crash the parser.
    """
    loader = _Loader(text)
    try:
        with paused_gc():  # ~10^5 values and marks, none garbage: see _gc.py
            composer = _Composer(loader, limits, first_forbidden(text) is not None)
            value = composer.document()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        if exc.context and exc.problem:
            problem = f"{exc.context}: {exc.problem}"
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise YamlProblem(f"invalid YAML: {_one_line(problem)}", line, col) from None
    except yaml.reader.ReaderError as exc:  # a character YAML refuses (NUL, most controls)
        line, col = _byte_position(text, exc.position)
        char = chr(exc.character) if isinstance(exc.character, int) else str(exc.character)
        raise YamlProblem(
            f"invalid YAML: {describe_forbidden(char, 0)}", line, col, breaks_rule=True
        ) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(f"invalid YAML: {_one_line(str(exc))}", 1, 1) from None
    finally:
        loader.dispose()
    if composer.problems:
        first, *others = composer.problems
        first.others = others
        raise first
    return value


def _one_line(message: str) -> str:
    return " ".join(_STRAY_INPUT_NAME.sub("", message).split())


def _byte_position(text: str, offset: int) -> tuple[int, int]:
    """Line and column of a UTF-8 byte offset (libyaml counts bytes) in `text`."""
    before = text.encode("utf-8", "surrogatepass")[:offset].decode("utf-8", "ignore")
    line = before.count("\n") + 1
    return line, len(before) - (before.rfind("\n") + 1) + 1


class _Open:
    """A mapping or sequence being composed: its value, where it is, what it holds so far."""

    __slots__ = ("value", "anchor", "size", "height", "key", "key_where", "merges")

    def __init__(self, value, anchor):
        self.value, self.anchor = value, anchor
        self.size, self.height = 1, 1  # values inside (itself included), levels below + 1
        self.key, self.key_where = _NO_KEY, None  # the key whose value comes next
        self.merges: list = []  # the mappings '<<' names, in order


_TAG_CACHE_CHARS = 40  # ids, keys, kinds: the scalars that repeat
_TAG_CACHE_SIZE = 50_000  # bounded whatever the map

_NO_KEY = object()  # a mapping waits for a key, not a value
_MERGE = object()  # the key '<<': its value is merged, not stored


class _Composer:
    """Builds Mapping/Sequence/scalars from parser events, counting what limits bound."""

    def __init__(self, loader, limits: Limits, text_has_forbidden: bool = True):
        self.loader, self.limits = loader, limits
        # A scalar holds only characters of the text, except through a double-quoted
        # escape ("\x01"): a clean text needs only those scalars checked
        self.check_every_text = text_has_forbidden
        self.anchors: dict[str, tuple] = {}  # name -> (value, size, height)
        self.open_anchors: set[str] = set()
        self.expanded = 0  # values built through alias references
        self.problems: list[YamlProblem] = []  # reported together once the text is parsed
        self.tags: dict[tuple, str] = {}  # (short value, implicit) -> resolved tag

    def document(self):
        loader = self.loader
        loader.get_event()  # stream start
        if loader.check_event(yaml.StreamEndEvent):
            return None
        loader.get_event()  # document start
        value = self._node()
        loader.get_event()  # document end
        if not loader.check_event(yaml.StreamEndEvent):
            event = loader.get_event()
            raise YamlProblem(
                "invalid YAML: expected a single document, but found another "
                "(remove the '---' line)",
                *_where(event),
            )
        return value

    def _node(self):
        """The value of the node starting at the next event, composed without recursion.

        The common events (a plain text, a key, an item) are handled inline: a 20,000-claim
        map is ~400,000 events, and a method call each was a third of the parse."""
        loader, limits = self.loader, self.limits
        get_event, tags, anchors = loader.get_event, self.tags, self.anchors
        text_chars, check_every_text = limits.text_chars, self.check_every_text
        scalar_event = yaml.ScalarEvent
        stack: list[_Open] = []
        while True:
            event = get_event()
            kind = type(event)
            if kind is scalar_event:
                mark = event.start_mark
                where = (mark.line + 1, mark.column + 1)
                value = event.value
                tag = None
                if event.tag is None and len(value) <= _TAG_CACHE_CHARS:
                    tag = tags.get((value, event.implicit))
                if tag == _STR_TAG and len(value) <= text_chars:
                    # a text whose spelling was resolved before: the constructor would return it
                    if check_every_text or event.style == '"':
                        self._check_text(value, where, stack)
                else:
                    value = self._scalar(event, stack, where)
                if event.anchor is not None:
                    anchors[event.anchor] = (value, 1, 0)
                if not stack:
                    return value
                parent = stack[-1]
                items = parent.value
                if type(items) is Sequence:
                    parent.size += 1
                    items.append(value)
                    items.item_at.append(where)
                    continue
                if parent.key is _NO_KEY and type(value) is str:
                    parent.size += 1
                    parent.key, parent.key_where = value, where
                    continue
                done = (value, 1, 0)  # a mapping's value, or an unusual key: _add
            elif kind is yaml.AliasEvent:
                where = _where(event)
                done = self._alias(event, len(stack))
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                where = _where(event)
                if len(stack) >= limits.depth:
                    _raise_limit(
                        f"lists and mappings nested more than {limits.depth:,} deep",
                        "depth",
                        limits.depth,
                        where,
                    )
                opened: Mapping | Sequence
                if kind is yaml.MappingStartEvent:
                    opened = Mapping()
                    opened.where, opened.key_at, opened.value_at = where, {}, {}
                else:
                    opened = Sequence()
                    opened.where, opened.item_at = where, []
                if event.anchor is not None:
                    self.open_anchors.add(event.anchor)
                stack.append(_Open(opened, event.anchor))
                continue
            else:  # the end of the innermost mapping or sequence
                top = stack.pop()
                if top.merges:
                    _merge(top)
                done = (top.value, top.size, top.height)
                where = top.value.where  # a container that just ended is where it started
                if top.anchor is not None:
                    self.open_anchors.discard(top.anchor)
                    self.anchors[top.anchor] = done
            if not stack:
                return done[0]
            self._add(stack[-1], done, where)

    def _add(self, parent: _Open, done: tuple, where: tuple[int, int]) -> None:
        value, size, height = done
        parent.size += size
        if height >= parent.height:
            parent.height = height + 1
        container = parent.value
        if type(container) is Sequence:
            container.append(value)
            container.item_at.append(where)
            return
        if parent.key is _NO_KEY:  # this value is a key
            if isinstance(value, (dict, list)):
                raise YamlProblem("invalid YAML: a key must be a plain value", *where)
            parent.key, parent.key_where = value, where
            return
        key, key_where = parent.key, parent.key_where
        parent.key = _NO_KEY
        if key is _MERGE:
            parent.merges.extend(_merge_sources(value, where))
            return
        if key in container:
            raise YamlProblem(
                f"duplicate key '{key}' (first given on line {container.key_at[key][0]})",
                *key_where,
            )
        container[key] = value
        container.key_at[key] = key_where
        container.value_at[key] = where

    def _alias(self, event, depth: int) -> tuple:
        name, where = event.anchor, _where(event)
        if name in self.open_anchors:
            raise YamlProblem(
                f"invalid YAML: alias '*{name}' is used inside the value it names "
                "(a recursive alias cannot be expanded)",
                *where,
            )
        if name not in self.anchors:
            raise YamlProblem(
                f"invalid YAML: alias '*{name}' names no anchor before it (define '&{name}' first)",
                *where,
            )
        value, size, height = self.anchors[name]
        self.expanded += size
        limit = self.limits.alias_nodes
        if self.expanded > limit:
            _raise_limit(
                f"YAML aliases expand to more than {limit:,} values", "alias_nodes", limit, where
            )
        if depth + height > self.limits.depth:
            _raise_limit(
                f"alias '*{name}' nests lists and mappings more than {self.limits.depth:,} deep",
                "depth",
                self.limits.depth,
                where,
            )
        return self.anchors[name]

    def _scalar(self, event, stack: list[_Open], where: tuple[int, int]):
        value = event.value
        if len(value) > self.limits.text_chars:  # before any regex or conversion looks at it
            _raise_limit(
                f"{_field_name(stack)} is {len(value):,} characters long",
                "text_chars",
                self.limits.text_chars,
                where,
            )
        if event.tag is None or event.tag == "!":
            # keys and short values repeat thousands of times: resolve each spelling once
            cache_key = (value, event.implicit) if len(value) <= _TAG_CACHE_CHARS else None
            tag = self.tags.get(cache_key) if cache_key else None
            if tag is None:
                tag = self.loader.resolve(ScalarNode, value, event.implicit)
                if cache_key and len(self.tags) < _TAG_CACHE_SIZE:
                    self.tags[cache_key] = tag
        else:
            tag = event.tag
        if tag == _STR_TAG:  # most scalars: the constructor would return the value itself
            if self.check_every_text or event.style == '"':
                self._check_text(value, where, stack)
            return value
        if (
            tag == _MERGE_TAG
            and stack
            and isinstance(stack[-1].value, Mapping)
            and stack[-1].key is _NO_KEY
        ):
            return _MERGE
        if tag == _INT_TAG and len(value) > self.limits.int_digits:
            limit = self.limits.int_digits
            _raise_limit(
                f"a number of {len(value):,} digits is too long", "int_digits", limit, where
            )
        node = ScalarNode(tag, value, event.start_mark, event.end_mark, event.style)
        try:
            built = self.loader.construct_object(node)
        except ValueError as exc:  # a date that does not exist, or Python's own digit limit
            kind = tag.rsplit(":", 1)[-1]
            raise YamlProblem(f"invalid {kind} '{value}': {_one_line(str(exc))}", *where) from None
        if isinstance(built, (datetime.date, datetime.datetime)):
            return built.isoformat()  # dates are text in a map
        if isinstance(built, str):  # an explicit !!str or other tag that gives text
            self._check_text(built, where, stack)
        return built

    def _check_text(self, value: str, where, stack: list[_Open]) -> None:
        index = first_forbidden(value)
        if index is not None:
            self.problems.append(
                YamlProblem(
                    f"{_field_name(stack)} holds a character a map may not hold, at character "
                    f"{index + 1}: {describe_forbidden(value, index)}",
                    where[0],
                    where[1],
                    breaks_rule=True,
                )
            )


def _field_name(stack: list[_Open]) -> str:
    """How a message names the text being composed: the key it is the value of, if any."""
    if not stack:
        return "the text"
    top = stack[-1]
    if isinstance(top.value, Sequence):
        outer = stack[-2] if len(stack) > 1 else None
        if outer is not None and isinstance(outer.key, str):
            return f"an item of '{shown(outer.key)}'"
        return "an item of a list"
    if top.key is _NO_KEY or top.key is _MERGE:
        return "a key"
    return f"the value of '{shown(str(top.key))}'"


def _merge_sources(value, where) -> list:
    """The mappings a '<<' value merges: one mapping, or a list of them, earlier ones first."""
    if isinstance(value, Mapping):
        return [value]
    if isinstance(value, Sequence) and all(isinstance(item, Mapping) for item in value):
        return list(value)
    raise YamlProblem("invalid YAML: '<<' (merge) needs a mapping or a list of mappings", *where)


def _merge(top: _Open) -> None:
    """Add merged keys that the mapping does not give itself (YAML's merge rule): explicit keys
    win, and of the merged mappings the earlier one wins."""
    mapping = top.value
    for source in top.merges:
        for key, value in source.items():
            if key not in mapping:
                mapping[key] = value
                mapping.key_at[key] = source.key_at[key]
                mapping.value_at[key] = source.value_at[key]
