"""Argdown's inline markup (links, tags, emphasis) taken out of a text in linear time.

Each function does what one regular expression (kept in its docstring, and in the tests as the
specification) did with `re.sub`, but with hand-written scans: the expressions rescanned the
rest of the line from every opener that never closed, so 80 KB of `#(` took most of a minute.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"\w")
_TAG_BLOCKER = re.compile(r"[\w@#]")  # a tag starts after none of these
_TAG_WORD = re.compile(r"\w[\w-]*")
_LINK_END = re.compile(r"[\]\n]")
_PAREN_END = re.compile(r"[)\n]")
_NEWLINE = re.compile(r"\n")
# strongest first; an underscore inside a word (snake_case) is not emphasis:
# (mark, whether the mark must not touch a word character outside it)
_EMPHASIS = [("***", False), ("___", False), ("**", False), ("__", True), ("*", False), ("_", True)]


class _Next:
    """The first index >= i of a match of `pattern` (len(text) if none), for i that never
    decreases: a found index is reused until passed, so all queries together scan once."""

    def __init__(self, text: str, pattern: re.Pattern):
        self.text, self.search, self.found = text, pattern.search, -1

    def at(self, i: int) -> int:
        if self.found < i:
            m = self.search(self.text, i)
            self.found = m.start() if m else len(self.text)
        return self.found


def _is_word(text: str, i: int) -> bool:
    return 0 <= i < len(text) and _WORD.match(text, i) is not None


def strip_links(text: str) -> str:
    r"""`[label](url)` becomes `label`: re.sub(r"\[([^\]\n]*)\]\(([^)\n]*)\)", r"\1", text)."""
    out: list[str] = []
    n, last, i = len(text), 0, 0
    label_end, url_end = _Next(text, _LINK_END), _Next(text, _PAREN_END)
    while (p := text.find("[", i)) != -1:
        i = p + 1
        q = label_end.at(p + 1)
        if q < n and text[q] == "]" and text.startswith("(", q + 1):
            r = url_end.at(q + 2)
            if r < n and text[r] == ")":
                out += (text[last:p], text[p + 1 : q])
                last = i = r + 1
    out.append(text[last:])
    return "".join(out)


def _tag_spans(text: str) -> list[tuple[int, int, str]]:
    r"""(start, end, tag as written) of each match of
    (?<![\w@#])#\(([^)\n]*)\)|(?<![\w@#])#([^\W][\w-]*) , in order."""
    n, spans, i = len(text), [], 0
    paren_end = _Next(text, _PAREN_END)
    while (p := text.find("#", i)) != -1:
        i = p + 1
        if p > 0 and _TAG_BLOCKER.match(text, p - 1):
            continue
        if text.startswith("(", p + 1):  # `#(tag with spaces)`; '(' cannot start a word tag
            r = paren_end.at(p + 2)
            if r < n and text[r] == ")":
                spans.append((p, r + 1, text[p + 2 : r]))
                i = r + 1
            continue
        word = _TAG_WORD.match(text, p + 1)
        if word:
            spans.append((p, word.end(), word.group()))
            i = word.end()
    return spans


def take_tags(text: str) -> tuple[str, list[str]]:
    """The text without its tags, and each tag as written, in order."""
    spans = _tag_spans(text)
    return _replaced(text, spans, [""] * len(spans)), [tag for _, _, tag in spans]


def take_trailing_tags(text: str) -> tuple[str, list[str]]:
    """Each tag as written, in order; the text keeps the word of a tag inside a sentence
    (`use #hashtags to` reads `use hashtags to`, as Argdown keeps it in the statement) and
    loses the tags that only end it (`... power. #populism`)."""
    spans = _tag_spans(text)
    words = [tag for _, _, tag in spans]
    end = len(text)
    for k in range(len(spans) - 1, -1, -1):  # the run of tags nothing but space follows
        if text[spans[k][1] : end].strip():
            break
        words[k], end = "", spans[k][0]
    return _replaced(text, spans, words), [tag for _, _, tag in spans]


def _replaced(text: str, spans, words) -> str:
    out: list[str] = []
    last = 0
    for (start, end, _), word in zip(spans, words):
        out += (text[last:start], word)
        last = end
    out.append(text[last:])
    return "".join(out)


# Argdown's shortcodes (argdown-core plugins/shortcodes.ts, MIT): `.~.` or `:~:` and the like
# become the character; any other `.x.`/`:x:` stays as written
_SHORTCODE_NAMES = {
    "A": "∀",
    "E": "∃",
    "O": "𝗢",
    "P": "𝗣",
    "->": "→",
    "<->": "↔",
    "~": "¬",
    "^": "∧",
    "v": "∨",
    "v_": "⊻",
    "<>": "◇",
    "[]": "◻",
    "happy": "😀",
    "smiley": "☺",
    "laugh": "😆",
    "lol": "😆",
    "rofl": "🤣",
    "joy": "😂",
    "heart": "❤",
    "?": "❓",
    "question": "❓",
    "love": "😍",
    "wink": "😉",
    "shush": "🤫",
    "meh": "😐",
    "eye-roll": "🙄",
    "sad": "😢",
    "disappointed": "😞",
    "scream": "😱",
    "+1": "👍",
    "up": "👍",
    "-1": "👎",
    "down": "👎",
    "think": "🤔",
    "star": "⭐",
    "y": "✔",
    "agree": "✔",
    "n": "❌",
    "disagree": "❌",
}
SHORTCODES = {f"{d}{name}{d}": char for name, char in _SHORTCODE_NAMES.items() for d in ".:"}
SHORTCODES[":smile:"], SHORTCODES[".smile."] = "☺️", "☺"
_SPACE = re.compile(r"\s")


def _shortcodes(text: str, escaped: bool):
    r"""(start, end) of each known shortcode where Argdown's lexer finds
    (?:\.\S+?\.)|(?::\S+?:); an unknown one is consumed, scanning going on after it. With
    `escaped`, the scan goes on as if each found one's first character were escaped."""
    i, n = 0, len(text)
    space = _Next(text, _SPACE)
    while i < n:
        dot, colon = text.find(".", i), text.find(":", i)
        p = min((x for x in (dot, colon) if x != -1), default=-1)
        if p == -1:
            return
        q = text.find(text[p], p + 2)
        if q == -1 or space.at(p + 1) < q:
            i = p + 1
            continue
        if text[p : q + 1] in SHORTCODES:
            yield p, q + 1
            i = p + 1 if escaped else q + 1
        else:
            i = q + 1


def replace_shortcodes(text: str) -> str:
    """Argdown's special characters: a known shortcode becomes its character."""
    out: list[str] = []
    last = 0
    for start, end in _shortcodes(text, escaped=False):
        out += (text[last:start], SHORTCODES[text[start:end]])
        last = end
    out.append(text[last:])
    return "".join(out)


def escape_shortcodes(text: str) -> str:
    """The text with a backslash before each place Argdown would read a shortcode: written
    so, `.smile.` in a claim stays `.smile.` (replace_shortcodes never finds one in it)."""
    out: list[str] = []
    last = 0
    for start, _ in _shortcodes(text, escaped=True):
        out += (text[last:start], "\\")
        last = start
    out.append(text[last:])
    return "".join(out)


def strip_emphasis(text: str) -> str:
    """`***a***`, `**a**`, `*a*` and the underscore forms become `a`, strongest first."""
    for mark, bounded in _EMPHASIS:
        text = _unwrap(text, mark, bounded)
    return text


def _unwrap(text: str, mark: str, bounded: bool) -> str:
    r"""re.sub(M(?=\S)(.+?)(?<=\S)M, r"\1", text) for the mark M; if `bounded`, also
    (?<!\w) before the opening mark and (?!\w) after the closing one."""
    n, k = len(text), len(mark)
    closers = []  # every place a mark may close, in order (marks may overlap: '***')
    j = text.find(mark, 1)
    while j != -1:
        if not text[j - 1].isspace() and not (bounded and _is_word(text, j + k)):
            closers.append(j)
        j = text.find(mark, j + 1)
    out: list[str] = []
    last, c = 0, 0
    newline = _Next(text, _NEWLINE)
    p = text.find(mark)
    while p != -1:
        if p + k < n and not text[p + k].isspace() and not (bounded and _is_word(text, p - 1)):
            while c < len(closers) and closers[c] < p + k + 1:  # the text is one character or more
                c += 1
            # the nearest closer wins (lazy), if no line break comes first
            if c < len(closers) and closers[c] < newline.at(p + k):
                e = closers[c]
                out += (text[last:p], text[p + k : e])
                last = e + k
                p = text.find(mark, last)
                continue
        p = text.find(mark, p + 1)
    out.append(text[last:])
    return "".join(out)
