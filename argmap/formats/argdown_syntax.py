"""Parse Argdown text into its own model (statements, arguments, relations, sections), with positions."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .yaml_positions import YamlProblem
from .yaml_positions import parse as parse_yaml
from ..charset import describe_forbidden, first_forbidden, shown
from ..errors import Diagnostic
from ..limits import DEFAULT_LIMITS, Limits
from .argdown_inline import replace_shortcodes, strip_emphasis, strip_links, take_trailing_tags
from .json_positions import limit_message

# Relation symbols, longest first: (symbol, type, the child is the source)
RELATION_SYMBOLS = [
    ("<+", "support", True),
    ("<-", "attack", True),
    ("<_", "undercut", True),
    ("+>", "support", False),
    ("->", "attack", False),
    ("_>", "undercut", False),
    ("><", "contradictory", False),
    ("+", "support", True),
    ("-", "attack", True),
    ("_", "undercut", True),
]
_RELATION = re.compile(r"^(<\+|<-|<_|\+>|->|_>|><|\+|-|_)(?:\s+(.*)|\s*$)")
_PCS_ITEM = re.compile(r"^\((\d+)\)\s*(.*)$")
_DASHES = re.compile(r"^-{2,}\s*$")
_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_LIST_ITEM = re.compile(r"^(\*|\d+\.)\s+(.*)$")
_TITLE = re.compile(r"^(\[|<)([^\]>\n]+)(\]|>)(?=$|\s|:)(:?)\s*")
_BY_NUMBER = re.compile(r"^<[^>\n]+>\(\d+\)")
# An escaped character hides in the private use area until text is cleaned, so that it is
# never syntax; a real character of that area is kept behind _LITERAL, so it never turns into
# the character it would stand for (U+E05B is not '[')
_ESCAPE_BASE = 0xE000
_LITERAL = "\uefff"
_TO_HIDE = re.compile("\\\\(.)|[\ue000-\uefff]")
_HIDDEN = re.compile("\uefff([\ue000-\uefff])|[\ue000-\ueffe]")


def _hide(match: re.Match) -> str:
    char = match.group(1) if match.group(1) is not None else match.group(0)
    if _ESCAPE_BASE <= ord(char) <= ord(_LITERAL):
        return _LITERAL + char
    return chr(_ESCAPE_BASE + ord(char)) if ord(char) < 0xFFF else char


def _reveal(match: re.Match) -> str:
    if match.group(1) is not None:
        return match.group(1)
    return chr(ord(match.group(0)) - _ESCAPE_BASE)


def _inference_rule(content: str) -> str | None:
    r"""The rule of an inference line (`-- rule --`, '' for a plain one of 4+ dashes), or None.

    What re.match(r"^-{2,}\s*(.*?)\s*-{2,}\s*$", content).group(1) gives, without the
    regex's cubic backtracking on a long run of dashes.
    """
    body = content.rstrip()
    lead = len(body) - len(body.lstrip("-"))
    if lead < 2:
        return None
    if lead == len(body):  # only dashes: two at each end at least
        return "" if lead >= 4 else None
    trail = len(body) - len(body.rstrip("-"))
    return body[lead : len(body) - trail].strip() if trail >= 2 else None


@dataclass
class Member:
    """One occurrence of a statement: a definition (with text) or a reference."""

    text: str
    line: int
    column: int
    tags: list[str] = field(default_factory=list)
    data: dict = field(default_factory=dict)


@dataclass
class Section:
    title: str
    level: int
    line: int
    column: int
    parent: "Section | None" = None
    is_group: bool = True
    data: dict = field(default_factory=dict)


@dataclass
class EquivalenceClass:
    """Statements with the same title; an untitled statement is a class of its own."""

    key: str
    title: str | None
    members: list[Member] = field(default_factory=list)
    section: Section | None = None

    @property
    def text(self) -> str:
        return next((m.text for m in self.members if m.text), "")

    @property
    def line(self) -> int:
        return self.members[0].line

    @property
    def column(self) -> int:
        return self.members[0].column


@dataclass
class Inference:
    rule: str
    line: int
    column: int
    data: dict = field(default_factory=dict)


@dataclass
class Step:
    """One inference in a premise–conclusion structure: premises ⊢ conclusion."""

    premises: list[str]  # statement keys
    conclusion: str
    inference: Inference


@dataclass
class Argument:
    key: str
    title: str | None
    line: int
    column: int
    members: list[Member] = field(default_factory=list)  # descriptions and references
    steps: list[Step] = field(default_factory=list)
    section: Section | None = None

    @property
    def description(self) -> str:
        return next((m.text for m in self.members if m.text), "")

    @property
    def conclusion(self) -> str | None:
        return self.steps[-1].conclusion if self.steps else None


@dataclass
class Relation:
    type: str  # support | attack | undercut | contrary | contradictory | entails
    source: str  # key of a statement ("s:…") or an argument ("a:…")
    target: str
    line: int
    column: int


@dataclass
class ArgdownDocument:
    file: str
    title: str | None = None
    front_matter: dict = field(default_factory=dict)
    statements: dict[str, EquivalenceClass] = field(default_factory=dict)
    arguments: dict[str, Argument] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def relation_counts(self) -> dict[tuple[str, str, str], int]:
        counts: dict[tuple[str, str, str], int] = {}
        for r in self.relations:
            kind = (r.type, _kind_of(r.source), _kind_of(r.target))
            counts[kind] = counts.get(kind, 0) + 1
        return counts


def _kind_of(key: str) -> str:
    return "argument" if key.startswith("a:") else "equivalence-class"


@dataclass
class _Element:
    """A statement, argument or heading being read: its text may continue on later lines."""

    kind: str  # statement | argument | heading | ignored
    line: int
    column: int
    parts: list[str]
    pcs_number: int | None = None
    key: str | None = None  # set once finished
    scanned: int = 0  # parts looked at for the end of a title (see _is_bare_reference)
    past_title: bool = False


class _Parser:
    def __init__(self, text: str, file: str, limits: Limits = DEFAULT_LIMITS):
        self.doc = ArgdownDocument(file)
        self.file = file
        self.limits = limits
        self.lines = self._prepare(text)
        self.untitled = 0
        self.section: Section | None = None
        self.pending: list[tuple] = []  # relations between elements, resolved once text is known
        self.finished: list[tuple[str, Any]] = []  # ('element', _Element) or ('pcs', dict)
        self.seen_relations: set[tuple[str, str, str]] = set()

    # ---- diagnostics -------------------------------------------------------------------------
    def warn(self, message: str, line: int, column: int = 1, rule: str = "argdown-syntax"):
        self.doc.diagnostics.append(Diagnostic(message, self.file, line, column, "warning", rule))

    def error(self, message: str, line: int, column: int = 1):
        self.doc.diagnostics.append(Diagnostic(message, self.file, line, column))

    def _check_length(self, text: str, what: str, line: int, column: int) -> None:
        limit = self.limits.text_chars
        if len(text) > limit:
            self.error(
                limit_message(f"{what} is {len(text):,} characters long", "text_chars", limit),
                line,
                column,
            )

    # ---- text preparation: front matter, escapes, comments --------------------------------
    def _prepare(self, text: str) -> list[str | None]:
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        self._forbidden_characters(lines)
        self._front_matter(lines)  # YAML has escapes of its own: read it before Argdown's
        lines = [_TO_HIDE.sub(_hide, line) for line in lines]
        return self._strip_comments(lines)

    def _forbidden_characters(self, lines: list[str]) -> None:
        """Any text may become a claim, a title or a tag: no line may hold what charset forbids."""
        if first_forbidden("\n".join(lines)) is None:  # one scan for the usual clean file
            return
        for number, line in enumerate(lines, 1):
            bad = first_forbidden(line)
            if bad is not None:
                self.error(
                    f"character a map may not hold: {describe_forbidden(line, bad)}",
                    number,
                    bad + 1,
                )

    def _front_matter(self, lines: list) -> None:
        first = next((i for i, line in enumerate(lines) if line.strip()), None)
        if first is None or lines[first].strip() != "===":
            return
        end = next((i for i in range(first + 1, len(lines)) if lines[i].strip() == "==="), None)
        if end is None:
            self.warn("front matter opened with '===' is never closed by another '==='", first + 1)
            return
        try:  # under the same budgets as a YAML map: no alias bomb, no deep nesting
            data = parse_yaml("\n".join(lines[first + 1 : end]), self.limits)
        except YamlProblem as problem:
            self.error(f"front matter: {problem.message}", first + 1 + problem.line, problem.column)
            data = None
        if isinstance(data, dict):
            self.doc.front_matter = data
            if isinstance(data.get("title"), str):
                self.doc.title = " ".join(data["title"].split())
        for i in range(first, end + 1):
            lines[i] = ""

    def _strip_comments(self, lines: list) -> list[str | None]:
        """Blank out comments; a line that held only a comment disappears (None)."""
        text = "\n".join(lines)
        out, had_comment, i = [], set(), 0
        line = 0
        pattern = re.compile(r"<!--|/\*|(?:(?<=\s)|^)//", re.M)
        while True:
            m = pattern.search(text, i)
            if not m:
                out.append(text[i:])
                break
            out.append(text[i : m.start()])
            line += text.count("\n", i, m.start())
            closer = {"<!--": "-->", "/*": "*/"}.get(m.group(0), "\n")
            end = text.find(closer, m.end())
            if end == -1:
                if closer != "\n":
                    self.warn(
                        f"comment opened with '{m.group(0)}' is never closed by "
                        f"'{closer}'; the rest of the file is a comment",
                        line + 1,
                        m.start() - text.rfind("\n", 0, m.start()),
                    )
                end = len(text)
            elif closer != "\n":
                end += len(closer)
            body = text[m.start() : end]
            for offset in range(body.count("\n") + 1):
                had_comment.add(line + offset)
            out.append(re.sub(r"[^\n]", " ", body))
            line += body.count("\n")
            i = end
        result: list[str | None] = list("".join(out).split("\n"))
        for n in had_comment:
            if n < len(result) and not (result[n] or "").strip():
                result[n] = None
        return result

    # ---- blocks and elements ----------------------------------------------------------------
    def parse(self) -> ArgdownDocument:
        block_open = False
        self.current: _Element | None = None
        self.levels: list[int] = []
        self.chain: list[_Element] = []
        self.pcs: Any = None  # the premise–conclusion structure being read (a dict)
        self.last_top_argument: _Element | None = None
        for index, raw in enumerate(self.lines):
            number = index + 1
            if raw is None:  # a line that only held a comment
                continue
            if not raw.strip():
                if block_open:
                    self._end_element()
                    self._end_block()
                block_open = False
                continue
            indent = len(raw) - len(raw.lstrip())
            self._line(raw.strip(), number, indent + 1, indent, starts_block=not block_open)
            block_open = True
        self._end_element()
        self._end_block(final=True)
        self._finish()
        return self.doc

    def _line(self, content: str, line: int, column: int, indent: int, starts_block: bool):
        if (
            self.pcs is not None
            and self.pcs["rule_open"]
            and not _DASHES.match(content)
            and _inference_rule(content) is None
        ):
            self.pcs["rule_parts"].append(content)
            return
        heading = _HEADING.match(content)
        if heading and indent == 0:
            self._end_element()
            self._close_pcs_if_done()
            self.current = _Element("heading", line, column, [heading.group(2)])
            self.current.pcs_number = len(heading.group(1))  # the heading level
            self.chain, self.levels = [], []
            return
        relation = _RELATION.match(content)
        if relation and not _DASHES.match(content) and _inference_rule(content) is None:
            self._relation_line(relation, line, column, indent, starts_block)
            return
        pcs_item = _PCS_ITEM.match(content)
        if pcs_item:
            self._end_element()
            self._pcs_statement(int(pcs_item.group(1)), pcs_item.group(2), line, column, indent)
            return
        if _DASHES.match(content) or _inference_rule(content) is not None:
            self._end_element()
            self._inference_line(content, line, column)
            return
        listed = _LIST_ITEM.match(content)
        if listed and (starts_block or self.current is None or self.current.kind != "heading"):
            self._end_element()
            self._close_pcs()
            self._top_element(listed.group(2), line, column + len(listed.group(1)) + 1, indent)
            return
        if self.current is not None and not starts_block and not self._is_bare_reference():
            self.current.parts.append(content)
            return
        self._end_element()
        self._close_pcs()
        self._top_element(content, line, column, indent)

    def _is_bare_reference(self) -> bool:
        """A line after a bare `[Title]` or `<Title>` starts a new element."""
        element = self.current
        if element is None or element.kind not in ("statement", "argument") or element.past_title:
            return False
        # until a part closes the title nothing can match; once one does, the answer is final
        # (a bare title ends the element, anything after it never becomes bare): so each line
        # is looked at once, not the whole element again for every line
        closed = any("]" in part or ">" in part for part in element.parts[element.scanned :])
        element.scanned = len(element.parts)
        if not closed:
            return False
        element.past_title = True
        joined = " ".join(element.parts).strip()
        m = _TITLE.match(joined)
        return m is not None and not m.group(4) and m.end() == len(joined)

    def _top_element(self, content: str, line: int, column: int, indent: int):
        element = self._new_element(content, line, column)
        self.current = element
        self.chain, self.levels = [element], [indent]
        if element.kind == "argument":
            self.last_top_argument = element
        else:
            self.last_top_argument = None

    def _new_element(self, content: str, line: int, column: int) -> _Element:
        if _BY_NUMBER.match(content):
            self.warn(
                "statements referenced by argument and number ('<Argument>(1)') are not "
                "supported; the line is ignored",
                line,
                column,
                "argdown-unsupported",
            )
            return _Element("ignored", line, column, [content])
        m = _TITLE.match(content)
        kind = "argument" if m and m.group(1) == "<" and m.group(3) == ">" else "statement"
        return _Element(kind, line, column, [content])

    def _relation_line(self, match, line: int, column: int, indent: int, starts_block: bool):
        self._end_element()
        symbol, rest = match.group(1), (match.group(2) or "").strip()
        if not rest:
            self.warn(
                f"relation '{symbol}' names no statement or argument; ignored",
                line,
                column,
                "argdown-syntax",
            )
            self.current = None
            return
        if not self.chain or (starts_block and indent == 0):
            # only an indented relation after a blank line continues the tree above it
            self.warn(
                f"relation '{symbol}' has no statement or argument above it to relate to; "
                "its text is read as a statement of its own",
                line,
                column,
            )
            self._close_pcs()
            self._top_element(rest, line, column + len(symbol) + 1, indent)
            return
        base = self.levels[0] if self.levels else 0
        indent = max(indent, base + 1)
        if len(self.levels) == 1 or indent > self.levels[-1]:
            self.levels.append(indent)
        else:
            while len(self.levels) > 2 and self.levels[-1] > indent:
                self.levels.pop()
        depth = len(self.levels) - 1
        parent = self.chain[depth - 1]
        element = self._new_element(rest, line, column + len(symbol) + 1)
        self.chain = self.chain[:depth] + [element]
        self.current = element
        _, rtype, child_is_source = next(s for s in RELATION_SYMBOLS if s[0] == symbol)
        if parent.kind in ("ignored", "heading"):
            self.warn(
                f"relation '{symbol}' relates to a line that was not read; ignored", line, column
            )
            return
        if element.kind == "ignored":
            return
        source, target = (element, parent) if child_is_source else (parent, element)
        self.pending.append((rtype, source, target, line, column))

    # ---- premise–conclusion structures ----------------------------------------------------
    def _pcs_statement(self, number: int, content: str, line: int, column: int, indent: int):
        if self.pcs is None:
            self._open_pcs(line, column)
        element = _Element(
            "statement", line, column + len(str(number)) + 3, [content], pcs_number=number
        )
        if _TITLE.match(content) and content.startswith("<"):
            self.warn(
                "an argument cannot be a premise or conclusion; read as a statement",
                line,
                column,
                "argdown-syntax",
            )
        if self.pcs["inference"] is not None:
            self.pcs["items"].append(("conclusion", element, self.pcs["inference"]))
            self.pcs["inference"] = None
        else:
            self.pcs["items"].append(("premise", element, None))
        self.current = element
        self.chain, self.levels = [element], [indent]
        self.last_top_argument = None

    def _open_pcs(self, line: int, column: int):
        owner = self.last_top_argument
        if owner is None:
            owner = _Element("argument", line, column, [])  # an untitled argument,
            self.finished.append(("element", owner))  # numbered before its statements
        self.pcs = {
            "owner": owner,
            "items": [],
            "inference": None,
            "rule_open": False,
            "rule_parts": [],
            "line": line,
        }
        self.last_top_argument = None

    def _inference_line(self, content: str, line: int, column: int):
        if self.pcs is not None and self.pcs["rule_open"]:
            self._set_inference(" ".join(self.pcs["rule_parts"]), *self.pcs["rule_at"])
            self.pcs["rule_open"] = False
            return
        if self.pcs is None or not self.pcs["items"]:
            self.warn(
                "inference line without numbered premises above it; ignored",
                line,
                column,
                "argdown-syntax",
            )
            return
        inline = _inference_rule(content)
        if inline is not None and not _DASHES.match(content):
            self._set_inference(inline, line, column)
            return
        next_line = self._next_content(line)
        # a dash line followed by text opens a rule ("--", rule, "--"); else it is the whole line
        if (
            next_line is not None
            and not _PCS_ITEM.match(next_line)
            and not _DASHES.match(next_line)
        ):
            self.pcs["rule_open"] = True
            self.pcs["rule_parts"] = []
            self.pcs["rule_at"] = (line, column)
        else:
            self._set_inference("", line, column)
        self.current, self.chain, self.levels = None, [], []

    def _next_content(self, line: int) -> str | None:
        for raw in self.lines[line:]:
            if raw is None:
                continue
            return raw.strip() or None
        return None

    def _set_inference(self, rule: str, line: int, column: int):
        rule, data = self._take_data(rule, line)
        if self.pcs["inference"] is not None:
            self.warn("two inference lines in a row; the first is ignored", line, column)
        self.pcs["inference"] = Inference(self._clean(rule), line, column, data)
        self._check_length(self.pcs["inference"].rule, "an inference rule", line, column)

    def _close_pcs_if_done(self):
        if self.pcs is not None and self._pcs_complete():
            self._close_pcs()

    def _pcs_complete(self) -> bool:
        items = self.pcs["items"]
        return bool(items) and items[-1][0] == "conclusion" and self.pcs["inference"] is None

    def _close_pcs(self):
        if self.pcs is None:
            return
        pcs, self.pcs = self.pcs, None
        if pcs["rule_open"]:
            self.warn(
                "inference rule opened with '--' is never closed by another '--'",
                pcs["rule_at"][0],
                pcs["rule_at"][1],
            )
        self.finished.append(("pcs", pcs))

    def _end_block(self, final: bool = False):
        """A blank line ends a premise–conclusion structure only once it has a conclusion."""
        if self.pcs is not None and (final or self._pcs_complete()):
            if final and not self._pcs_complete() and self.pcs["items"]:
                item = self.pcs["items"][-1][1]
                self.warn(
                    "premise–conclusion structure ends without a conclusion after its last "
                    "inference line; its last premises are ignored",
                    item.line,
                    item.column,
                )
            self._close_pcs()
        self.current = None

    def _end_element(self):
        element, self.current = self.current, None
        if element is not None:
            self.finished.append(("element", element))

    # ---- from elements to the model --------------------------------------------------------
    def _finish(self):
        for what, item in self.finished:
            if what == "element":
                self._finish_element(item)
            else:
                self._finish_pcs(item)
        for rtype, source, target, line, column in self.pending:
            if source.key is None or target.key is None:
                continue
            self._add_relation(rtype, self._outgoing_from(source.key), target.key, line, column)

    def _outgoing_from(self, key: str) -> str:
        """Like Argdown: a reconstructed argument's outgoing relations leave from its conclusion."""
        argument = self.doc.arguments.get(key)
        if argument is not None and argument.conclusion is not None:
            return argument.conclusion
        return key

    def _finish_element(self, element: _Element):
        if element.key is not None or element.kind == "ignored":
            return
        text = " ".join(element.parts)
        if element.kind == "heading":
            self._heading(text, element)
            return
        title = None
        m = _TITLE.match(text)
        if m and (m.group(1) == "[") == (m.group(3) == "]"):
            title, text = self._unescape(m.group(2)).strip(), text[m.end() :]
        text, data = self._take_data(text, element.line)
        text, tags = self._take_tags(text)
        member = Member(self._clean(text), element.line, element.column, tags, data)
        where = (element.line, element.column)
        self._check_length(member.text, f"the text of a {element.kind}", *where)
        for tag in [title] + tags if title is not None else tags:
            self._check_length(tag, "a title or tag", *where)
        if element.kind == "argument":
            element.key = self._argument(title, element.line, element.column).key
            self.doc.arguments[element.key].members.append(member)
        else:
            ec = self._statement(title, element.line, element.column)
            if member.text and not ec.text:
                ec.section = self.section  # a statement belongs where its text is given
            ec.members.append(member)
            element.key = ec.key

    def _heading(self, text: str, element: _Element):
        text, data = self._take_data(text, element.line)
        level = element.pcs_number or 1
        parent = self.section
        while parent is not None and parent.level >= level:
            parent = parent.parent
        section = Section(self._clean(text), level, element.line, element.column, parent, data=data)
        self._check_length(section.title, "a heading", element.line, element.column)
        if data.get("isGroup") is False:
            section.is_group = False
        self.doc.sections.append(section)
        self.section = section

    def _statement(self, title: str | None, line: int, column: int) -> EquivalenceClass:
        if title is None:
            self.untitled += 1
            key = f"s:\0{self.untitled}"
        else:
            key = f"s:{title}"
        ec = self.doc.statements.get(key)
        if ec is None:
            ec = self.doc.statements[key] = EquivalenceClass(key, title, section=self.section)
        return ec

    def _argument(self, title: str | None, line: int, column: int) -> Argument:
        if title is None:
            self.untitled += 1
            key = f"a:\0{self.untitled}"
        else:
            key = f"a:{title}"
        argument = self.doc.arguments.get(key)
        if argument is None:
            argument = self.doc.arguments[key] = Argument(
                key, title, line, column, section=self.section
            )
        return argument

    def _finish_pcs(self, pcs: dict):
        owner: _Element = pcs["owner"]
        assert owner.key is not None  # the owner finished before its structure
        argument = self.doc.arguments[owner.key]
        for _, element, _ in pcs["items"]:
            self._finish_element(element)
        if argument.steps:
            self.warn(
                f"argument <{argument.title}> is reconstructed twice; the second "
                "premise–conclusion structure is added to the first",
                pcs["line"],
            )
        premises: list[str] = []
        previous = argument.steps[-1].conclusion if argument.steps else None
        for role, element, inference in pcs["items"]:
            if role == "premise":
                premises.append(element.key)
                continue
            used = ([previous] if previous else []) + premises
            if not used:
                self.warn(
                    "inference line without premises above it; ignored",
                    inference.line,
                    inference.column,
                )
            else:
                argument.steps.append(Step(used, element.key, inference))
            previous, premises = element.key, []
        if not argument.steps and pcs["items"]:
            first = pcs["items"][0][1]
            self.warn(
                "numbered statements without an inference line ('----') are not an "
                "argument reconstruction; read as plain statements",
                first.line,
                first.column,
            )
            if argument.title is None and not argument.members:
                del self.doc.arguments[argument.key]

    def _add_relation(self, rtype: str, source: str, target: str, line: int, column: int):
        if source == target:
            return  # an argument relating to its own conclusion says nothing new
        if (
            source.startswith("s:")
            and target.startswith("s:")
            and self._strict()
            and rtype in ("support", "attack")
        ):
            rtype = {"support": "entails", "attack": "contrary"}[rtype]
        if rtype == "undercut" and not target.startswith("a:"):
            self.warn("only an argument can be undercut ('_'); read as an attack", line, column)
            rtype = "attack"
        if (rtype, source, target) in self.seen_relations:
            return  # Argdown keeps one relation however often it is written
        self.seen_relations.add((rtype, source, target))
        if rtype == "contradictory":  # symmetric: B >< A is A >< B
            self.seen_relations.add((rtype, target, source))
        self.doc.relations.append(Relation(rtype, source, target, line, column))

    def _strict(self) -> bool:
        model = self.doc.front_matter.get("model")
        return isinstance(model, dict) and model.get("mode") == "strict"

    # ---- inline text ----------------------------------------------------------------------
    def _take_data(self, text: str, line: int) -> tuple[str, dict]:
        """Remove `{…}` data (YAML flow mappings) from a text; return the text and the data."""
        data: dict = {}
        out, depth, start, nesting, deepest = [], 0, None, 0, 0
        for i, ch in enumerate(text):
            if ch == "{":
                if depth == 0:
                    start, nesting, deepest = i, 0, 0
                depth += 1
            elif ch == "}" and depth:
                depth -= 1
                if depth == 0:
                    if deepest > self.limits.depth:  # refused before YAML walks into it
                        limit = self.limits.depth
                        self.error(
                            limit_message(
                                f"inline data nested more than {limit:,} deep", "depth", limit
                            ),
                            line,
                        )
                    else:
                        data.update(self._parse_data(text[start : i + 1], line))
                    continue
            if depth == 0:
                out.append(ch)
            elif ch == "{" or ch == "[":  # lists nest in data as mappings do
                nesting += 1
                deepest = max(deepest, nesting)
            elif ch == "]" or ch == "}":
                nesting -= 1
        if depth:
            out.append(text[start:])
        return "".join(out), data

    def _parse_data(self, raw: str, line: int) -> dict:
        try:
            value = parse_yaml(self._unescape(raw), self.limits)
        except YamlProblem as problem:
            if problem.breaks_rule:
                self.error(f"inline data: {problem.message}", line, 1)
            else:
                self.warn(
                    f"inline data '{shown(self._unescape(raw))}' ignored: {problem.message}",
                    line,
                    1,
                    "argdown-data",
                )
            return {}
        if not isinstance(value, dict):
            self.warn(
                f"inline data '{shown(self._unescape(raw))}' is not a YAML mapping; ignored",
                line,
                1,
                "argdown-data",
            )
            return {}
        return value

    def _take_tags(self, text: str) -> tuple[str, list[str]]:
        text, written = take_trailing_tags(strip_links(text))
        tags: dict[str, None] = {}  # in order, each once
        for tag in written:
            tag = self._unescape(tag).strip()
            if tag:
                tags[tag] = None
        return text, list(tags)

    def _clean(self, text: str) -> str:
        # shortcodes before escapes are revealed: an escaped `\.` is never one
        text = replace_shortcodes(strip_emphasis(strip_links(text)))
        return " ".join(self._unescape(text).split())

    @staticmethod
    def _unescape(text: str) -> str:
        return _HIDDEN.sub(_reveal, text)


def parse_argdown(
    text: str, file: str = "<argdown>", *, limits: Limits = DEFAULT_LIMITS
) -> ArgdownDocument:
    """Argdown text as Argdown's own model; problems are diagnostics, never exceptions."""
    return _Parser(text, file, limits).parse()
