"""Write a map as Argdown that argmap reads back to the same claims and reasons (docs/argdown.md)."""

from __future__ import annotations

import json

from ..model import ArgumentMap, Claim, Reason
from .argdown_inline import escape_shortcodes

_SPECIAL = set("\\[]<>#{}*_@/`")  # characters Argdown would read as syntax


def _escape_syntax(text: str) -> str:
    return "".join("\\" + c if c in _SPECIAL else c for c in text)


def escape(text: str) -> str:
    """Text on one line with every Argdown syntax character backslash-escaped, shortcodes too."""
    return escape_shortcodes(_escape_syntax(" ".join(text.split())))


def _data_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    # a JSON string is a YAML double-quoted one and keeps line breaks as \n; escaping it for
    # Argdown doubles its backslashes, which the reader undoes before YAML sees them
    return _escape_syntax(json.dumps(str(value), ensure_ascii=False))


def _data(pairs) -> str:
    items = [f"{key}: {_data_value(value)}" for key, value in pairs if value not in (None, False)]
    return " {" + ", ".join(items) + "}" if items else ""


def _tag(tag: str) -> str:
    simple = tag and (tag[0].isalnum()) and all(c.isalnum() or c in "-_" for c in tag)
    return f"#{tag}" if simple else "#(" + escape(tag).replace(")", "\\)") + ")"


def _claim_line(claim: Claim, main: set[str]) -> str:
    tags = "".join(" " + _tag(t) for t in claim.tags)
    data = _data(
        [
            ("kind", claim.kind),
            ("implicit", claim.implicit),
            ("quote", claim.quote),
            ("note", claim.note),
            ("main", claim.id in main),
        ]
    )
    return f"[{claim.id}]: {escape(claim.text)}{tags}{data}"


def _one_line(text: str | None) -> bool:
    """Whether `text` survives being written on one line (white space runs become one space)."""
    return text is None or text == " ".join(text.split())


def _support(reason: Reason) -> list[str]:
    """A support reason is an argument with its premise–conclusion structure.

    Its note is the argument's description and its label the inference rule, both one line
    of Argdown; one that a line would change (a line break, a tab) goes in the data instead."""
    if _one_line(reason.note) and _one_line(reason.label):
        head = f"<{reason.id}>" + (f": {escape(reason.note)}" if reason.note else "")
        rule = reason.label
    else:
        head = f"<{reason.id}>" + _data([("label", reason.label), ("note", reason.note)])
        rule = None
    lines = [head, ""]
    for n, premise in enumerate(reason.premises, 1):
        lines.append(f"({n}) [{premise}]")
    lines += ["--", escape(rule), "--"] if rule else ["----"]
    lines.append(f"({len(reason.premises) + 1}) [{reason.conclusion}]")
    return lines


def _objection(reason: Reason, amap: ArgumentMap) -> list[str]:
    """An objection is an argument made of what supports it (its premises), attacking its target."""
    lines = [f"<{reason.id}>" + _data([("label", reason.label), ("note", reason.note)])]
    lines += [f"  <+ [{premise}]" for premise in reason.premises]
    if reason.conclusion in amap.reasons:
        lines.append(f"  _> <{reason.conclusion}>")
    else:
        lines.append(f"  -> [{reason.conclusion}]")
    return lines


def _contradiction(reason: Reason) -> list[str]:
    """Claims that contradict each other: Argdown's symmetric `><` between two statements
    (which holds no label or note of its own: those are kept as a comment)."""
    lines = [f"[{reason.premises[0]}]", f"  >< [{reason.conclusion}]"]
    extra = "; ".join(x for x in (reason.label, reason.note) if x)
    if extra:
        lines.insert(0, "<!-- " + " ".join(extra.replace("--", "- -").split()) + " -->")
    return lines


def map_to_argdown(amap: ArgumentMap) -> str:
    front = ["===", f"title: {json.dumps(amap.title, ensure_ascii=False)}"]
    if amap.source:
        fields = {
            k: getattr(amap.source, k)
            for k in ("title", "date", "text", "url", "author")
            if getattr(amap.source, k)
        }
        if fields:
            front.append(f"source: {json.dumps(fields, ensure_ascii=False)}")
    front.append("===")
    blocks: list[list[str]] = [front]
    main = set(amap.main)
    ungrouped = [c for c in amap.claims.values() if c.group not in amap.groups]
    blocks += [[_claim_line(c, main)] for c in ungrouped]
    for reason in amap.reasons.values():
        if reason.is_contradiction:
            blocks.append(_contradiction(reason))
        else:
            blocks.append(_objection(reason, amap) if reason.is_objection else _support(reason))
    for group in amap.groups.values():
        members = [c for c in amap.claims.values() if c.group == group.id]
        if members:
            blocks.append([f"# {escape(group.title)}" + _data([("id", group.id)])])
            blocks += [[_claim_line(c, main)] for c in members]
    return "\n\n".join("\n".join(block) for block in blocks) + "\n"
