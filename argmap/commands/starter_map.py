"""`argmap new`: a commented starter map (and its source text beside it) that passes `check`."""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import UsageError
from ..formats.map_schema import SCHEMA_FILE
from ..page.package_data import schema_path
from ..output_files import ensure_folder, write_atomic
from ..source_text import paragraphs

QUOTE_MAX_WORDS = 25  # a longer first sentence is cut to its first words: still a verbatim quote

_SOURCE_BLOCK_EXAMPLE = """\
# source:                       # the text this map reconstructs (argmap new --source TEXT)
#   title: Title of the essay
#   author: Its author
#   date: "2025-12-01"
#   text: essay.txt             # path from this file; every quote is checked against it
#   url: https://example.org/essay
"""

_QUOTE_EXAMPLE = """\
    # quote: the author's exact words (whitespace aside); `argmap check` finds them in
    # the source text. This is the text's first sentence: move it to the claim it states.
    quote: {quote}
"""

_TEMPLATE = """\
# yaml-language-server: $schema={schema}
# A starter argument map. Replace the example argument with your own, then run:
#   argmap check {name}        lists problems as file:line:col (editors parse this)
#   argmap serve {name}        live preview in your browser, reloaded on every save
#   argmap render {name}       one self-contained HTML page
# One thought per claim: a full declarative sentence that makes sense alone.
argmap: 1
title: {title}
{source}main: [plant-trees]             # the claim(s) the whole argument is for
claims:
  - id: plant-trees
    text: Cities should plant more street trees.
{quote}    kind: policy                # fact | value | interpretation | prediction | policy
  - id: trees-cool
    text: Street trees cool city streets in summer.
    kind: fact
  - id: cooling-worth-it
    text: Cities should plant what cools their streets in summer.
    kind: value
    implicit: true              # supplied by the map-maker, not said by the author: drawn dashed
    note: The step from cooler streets to planting trees needs this value premise.
  - id: trees-cost
    text: Street trees cost money to plant and to water.
    kind: fact
  - id: savings
    text: Cooler streets save more on air conditioning than the trees cost.
    kind: prediction
reasons:
  # Premises that support the conclusion only together go in ONE reason (linked).
  - id: cooling
    conclusion: plant-trees
    premises: [trees-cool, cooling-worth-it]
    label: cooling
  # An objection attacks a claim...
  - id: cost
    conclusion: plant-trees
    premises: [trees-cost]
    type: objection
  # ...or, naming a reason as its conclusion, the inference itself (an undercut).
  - id: pays-back
    conclusion: cost
    premises: [savings]
    type: objection
"""


def _scalar(text: str) -> str:
    """A YAML double-quoted scalar that reads back as exactly `text`."""
    import yaml

    return yaml.safe_dump(text, default_style='"', allow_unicode=True, width=10**9).strip()


def first_sentence(text: str) -> str | None:
    """The first sentence of the text's first real paragraph (at most QUOTE_MAX_WORDS words).

    Paragraphs as source_text.paragraphs reads them (a hard-wrapped sentence stays whole);
    short ones (a date, a heading) are skipped when a longer one follows, so the quote is
    prose the author argues with.
    """
    lines = paragraphs(text)
    if not lines:
        return None
    flat = next((line for line in lines if len(line.split(" ")) >= 6), lines[0])
    match = re.match(r".+?[.!?](?=\s|$)", flat)
    sentence = match.group(0) if match else flat
    words = sentence.split(" ")
    return " ".join(words[:QUOTE_MAX_WORDS])


def starter_text(name: str, source_name: str | None = None, source_text: str | None = None) -> str:
    """The starter map for a file called `name`; with a source, it names it and quotes it."""
    if source_name is None:
        title, source, quote = "Cities should plant more street trees", _SOURCE_BLOCK_EXAMPLE, ""
    else:
        stem = Path(source_name).stem
        title = _scalar(f"The argument of {stem}")
        source = (
            f"source:                         # the text this map reconstructs\n"
            f"  title: {_scalar(stem)}\n"
            f"  text: {_scalar(source_name)}"
            "  # path from this file; every quote is checked against it\n"
        )
        sentence = first_sentence(source_text or "")
        quote = _QUOTE_EXAMPLE.format(quote=_scalar(sentence)) if sentence else ""
    return _TEMPLATE.format(name=name, title=title, source=source, quote=quote, schema=SCHEMA_FILE)


def _read_source(source: Path) -> tuple[bytes, str]:
    try:
        raw = source.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read source text '{source}': {exc.strerror}") from None
    try:
        return raw, raw.decode("utf-8")
    except UnicodeDecodeError:
        raise UsageError(f"source text '{source}' is not UTF-8 (save it as UTF-8 first)") from None


def write_starter(path: str | Path, source: str | Path | None = None) -> list[Path]:
    """Write a starter map to `path` (and copy `source`, and the map format's JSON Schema,
    beside it); return the files written.

    Never overwrites: an existing `path`, or a different file where the source copy
    would go, is a UsageError (exit 2) and nothing is written.
    """
    path = Path(path)
    if path.suffix.lower() not in (".yaml", ".yml"):
        raise UsageError(f"the map's name must end in .yaml or .yml, not '{path.name}'")
    if path.exists():
        raise UsageError(
            f"'{path}' already exists: argmap new never overwrites a file (choose another name)"
        )
    written = []
    copy_to = raw = text = None
    if source is not None:
        source = Path(source)
        raw, text = _read_source(source)
        copy_to = path.parent / source.name
        if copy_to.exists():
            same = copy_to.resolve() == source.resolve() or copy_to.read_bytes() == raw
            if not same:
                raise UsageError(
                    f"'{copy_to}' already exists and differs from '{source}': "
                    "argmap new never overwrites a file (rename one of them)"
                )
            copy_to = None  # the text is already beside the map
    ensure_folder(path.parent)
    if copy_to is not None and raw is not None:
        write_atomic(copy_to, raw)
        written.append(copy_to)
    # the schema the first line names, for editors that complete and check keys as one types
    # (an existing copy is left as it is: never overwrite)
    schema = path.parent / SCHEMA_FILE
    if not schema.exists():
        write_atomic(schema, schema_path().read_bytes())
        written.append(schema)
    content = starter_text(path.name, source.name if source is not None else None, text)
    write_atomic(path, content)
    written.insert(0, path)
    return written
