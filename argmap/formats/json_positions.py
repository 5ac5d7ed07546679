"""JSON parsed into yaml_positions's positioned dicts and lists, in one linear pass within the budgets."""

from __future__ import annotations

import json
import re
import sys
from json.decoder import scanstring  # type: ignore[attr-defined]  # public, not in typeshed

from ..charset import describe_forbidden, first_forbidden
from ..errors import MapError
from ..limits import DEFAULT_LIMITS, Limits, how_to_raise
from .yaml_positions import Mapping, Sequence

# One token after optional whitespace. A string stops at a line break or a raw control
# character (both invalid in JSON), so a token never spans lines and an unfinished string
# costs one scan, not one per quote; every part is unambiguous, so nothing backtracks.
_TOKEN = re.compile(
    r"[ \t\n\r]*(?:"
    r'("[^"\\\x00-\x1f]*(?:\\.[^"\\\x00-\x1f]*)*")'
    r"|(-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?)"
    r"|([\[\]{}:,])"
    r"|(true|false|null|NaN|-?Infinity))"
)
_SPACE = re.compile(r"[ \t\n\r]*")
# an object or array with none inside (strings may hold brackets): decoded whole, in C
_FLAT = re.compile(r'[\[{](?:[^\[\]{}"]|"[^"\\]*(?:\\.[^"\\]*)*")*[\]}]')
_LITERALS = {
    "true": True,
    "false": False,
    "null": None,
    "NaN": float("nan"),
    "Infinity": float("inf"),
    "-Infinity": float("-inf"),
}
_STRING, _NUMBER, _PUNCT, _LITERAL = 1, 2, 3, 4
# what the parser waits for next
_VALUE, _KEY, _COLON, _COMMA = "value", "key", "colon", "comma"


def limit_message(what: str, name: str, limit: int) -> str:
    """'WHAT (limit NAME: N; raise it with --limit NAME=N)': the words every reader uses."""
    return f"{what} {how_to_raise(name, limit)}"


def parse(text: str, display: str, limits: Limits = DEFAULT_LIMITS):
    """The JSON value of `text`: objects as yaml_positions.Mapping, arrays as yaml_positions.Sequence,
    each knowing the line and column of itself and of what it holds; below the top, flat ones
    (holding no object or array) are plain dicts and lists.

    Raises MapError at file:line:col for invalid JSON, nesting deeper than `limits.depth`,
    integers longer than `limits.int_digits`, strings longer than `limits.text_chars` and
    characters charset.py forbids (raw or written as escapes, lone surrogates included).
    """
    raw = first_forbidden(text.replace("\r", " "))  # CR is whitespace in JSON, not text
    if raw is not None:
        line, column = _position(text, raw)
        raise MapError.at(
            f"character a map may not hold: {describe_forbidden(text, raw)}", display, line, column
        )
    return _Parser(text, display, limits).value()


def _position(text: str, offset: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


class _Exact(Exception):
    """A flat value breaks a budget: read it again token by token to say exactly where."""


class _Parser:
    """A stack machine over tokens, so nesting costs no recursion. Below the top, an object or
    array without objects or arrays inside (an AIF node, an edge) is decoded whole by json's C
    decoder, ten times faster: it is a plain dict or list with its position in its parent."""

    def __init__(self, text: str, display: str, limits: Limits):
        self.text, self.file, self.limits = text, display, limits
        # Python's own int() refuses what int_digits does unless the budget is lower
        python_digits = sys.get_int_max_str_digits() or float("inf")
        self.decoder = json.JSONDecoder(
            parse_int=self._flat_int if limits.int_digits < python_digits else None
        )
        self.exact_until = 0  # the flat value being read token by token ends here

    def fail(self, message: str, where) -> None:
        raise MapError.at(message, self.file, *where)

    def value(self):
        text, limits, match = self.text, self.limits, _TOKEN.match
        pos, line, line_start = 0, 1, 0
        stack: list = []  # open containers
        keys: list = []  # for each open mapping: (key, where) of the value being read
        expect = _VALUE
        while True:
            m = match(text, pos)
            if m is None:
                return self._invalid(pos)
            kind = m.lastindex
            start = m.start(kind)
            breaks = text.count("\n", pos, start)
            if breaks:
                line += breaks
                line_start = text.rfind("\n", pos, start) + 1
            where = (line, start - line_start + 1)
            token = m.group(kind)
            pos = m.end()
            if kind == _PUNCT:
                if token in "[{":
                    if expect != _VALUE:
                        return self._invalid(start)
                    if len(stack) >= limits.depth:
                        self.fail(
                            limit_message(
                                f"arrays and objects nested more than {limits.depth:,} deep",
                                "depth",
                                limits.depth,
                            ),
                            where,
                        )
                    # the whole document always has positions, even when flat
                    value = self._flat(start) if stack and start >= self.exact_until else None
                    if value is not None:
                        value, pos = value
                        breaks = text.count("\n", start, pos)
                        if breaks:
                            line += breaks
                            line_start = text.rfind("\n", start, pos) + 1
                    else:
                        if token == "{":
                            value = Mapping()
                            value.where, value.key_at, value.value_at = where, {}, {}
                            keys.append(None)
                            expect = _KEY
                        else:
                            value = Sequence()
                            value.where, value.item_at = where, []
                            expect = _VALUE
                        stack.append(value)
                        continue
                elif token == ",":
                    if expect != _COMMA:
                        return self._invalid(start)
                    expect = _KEY if type(stack[-1]) is Mapping else _VALUE
                    continue
                elif token == ":":
                    if expect != _COLON:
                        return self._invalid(start)
                    expect = _VALUE
                    continue
                else:  # a closing bracket: right after its opener (empty) or after a value
                    closing = Mapping if token == "}" else Sequence
                    if not stack or type(stack[-1]) is not closing:
                        return self._invalid(start)
                    value = stack[-1]
                    opened = _KEY if token == "}" else _VALUE
                    if not (expect == _COMMA or (not value and expect == opened)):
                        return self._invalid(start)
                    stack.pop()
                    if token == "}":
                        keys.pop()
                    where = value.where
            elif expect == _KEY:
                if kind != _STRING:
                    return self._invalid(start)
                keys[-1] = (self._string(token, where), where)
                expect = _COLON
                continue
            elif expect != _VALUE:
                return self._invalid(start)
            elif kind == _STRING:
                value = self._string(token, where)
            elif kind == _NUMBER:
                value = self._number(token, where)
            else:
                value = _LITERALS[token]
            # a finished value goes into the open container, or is the whole document
            if not stack:
                end = _SPACE.match(text, pos).end()
                return value if end == len(text) else self._invalid(end)
            parent = stack[-1]
            if type(parent) is Sequence:
                parent.append(value)
                parent.item_at.append(where)
            else:
                key, key_where = keys[-1]
                parent[key] = value  # a repeated key: the later value wins, as in json.loads
                parent.key_at[key] = key_where
                parent.value_at[key] = where
            expect = _COMMA

    # ---- flat values, decoded whole ---------------------------------------------------------
    def _flat(self, start: int):
        """(value, end) of a flat object or array at `start`, or None to read it by tokens."""
        flat = _FLAT.match(self.text, start)
        if flat is None:
            return None
        end = flat.end()
        try:
            value, decoded_end = self.decoder.raw_decode(self.text, start)
            if decoded_end != end:
                raise _Exact
            self._check_flat(value, start, end)
        except (_Exact, ValueError):  # a budget, a long int or bad syntax: the tokens say where
            self.exact_until = end
            return None
        return value, end

    def _check_flat(self, value, start: int, end: int) -> None:
        # every character was checked raw; only escapes can add one, only a long value a long text
        escaped = self.text.find("\\", start, end) != -1
        if not escaped and end - start <= self.limits.text_chars:
            return
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for key, item in items:
            for text in (key, item):
                if isinstance(text, str) and (
                    len(text) > self.limits.text_chars or first_forbidden(text) is not None
                ):
                    raise _Exact

    def _flat_int(self, token: str) -> int:
        if len(token) - token.startswith("-") > self.limits.int_digits:
            raise _Exact
        return int(token)

    # ---- scalars ----------------------------------------------------------------------------
    def _string(self, token: str, where) -> str:
        limit = self.limits.text_chars
        if len(token) - 2 > limit:  # escapes only shorten it: decode only what may pass
            self._too_long(token, where)
        if "\\" not in token:
            return token[1:-1]
        try:
            value = scanstring(token, 1, True)[0]
        except ValueError:  # an invalid escape: json's own message says which
            return self._invalid(0)
        if len(value) > limit:
            self._too_long(value, where)
        bad = first_forbidden(value)
        if bad is not None:
            self.fail(
                f"a string holds a character a map may not hold, at character {bad + 1}: "
                f"{describe_forbidden(value, bad)}",
                where,
            )
        return value

    def _too_long(self, token: str, where) -> None:
        limit = self.limits.text_chars
        self.fail(
            limit_message(f"a string of more than {limit:,} characters", "text_chars", limit), where
        )

    def _number(self, token: str, where):
        if "." in token or "e" in token or "E" in token:
            return float(token)
        digits = len(token) - token.startswith("-")
        limit = self.limits.int_digits
        if digits > limit:
            self.fail(
                limit_message(f"a number of {digits:,} digits is too long", "int_digits", limit),
                where,
            )
        try:
            return int(token)
        except ValueError:  # beyond Python's own digit limit, if int_digits was raised past it
            self.fail(f"a number of {digits:,} digits is longer than Python can read", where)

    def _invalid(self, offset: int):
        """json's own message for the first syntax error (it checks the same grammar)."""
        try:
            json.loads(self.text)
        except json.JSONDecodeError as exc:
            self.fail(f"invalid JSON: {exc.msg}", (exc.lineno, exc.colno))
        except (ValueError, RecursionError):
            pass
        self.fail("invalid JSON", _position(self.text, offset))
