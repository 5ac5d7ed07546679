"""Docs kept honest: every command and option in docs/cli.md and the README, every lint rule."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest

from argmap.analysis.lint import RULES
from argmap_cli import main

ROOT = Path(__file__).parent.parent
CLI_DOC = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
LINT_DOC = (ROOT / "docs" / "lint.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")
RUN_CLI = "from argmap_cli import main; main(prog_name='argmap')"  # completion keys on the name


def _commands(runner) -> list[str]:
    """The commands `argmap --help` lists."""
    output = runner.invoke(main, ["--help"]).output
    listing = output.split("\nCommands:\n", 1)[1]
    return [line.split()[0] for line in listing.splitlines() if line.startswith("  ")]


def _section(doc: str, heading: str) -> str:
    """The text under `## heading` up to the next `## `."""
    match = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", doc, re.M | re.S)
    return match.group(1) if match else ""


def test_help_lists_the_commands(runner):
    assert set(_commands(runner)) == {name for name, cmd in main.commands.items() if not cmd.hidden}


def test_every_command_has_a_section_in_cli_doc(runner):
    missing = [c for c in _commands(runner) if not _section(CLI_DOC, f"argmap {c}")]
    assert missing == [], f"docs/cli.md has no '## argmap NAME' section for {missing}"


def test_every_option_is_in_its_command_section(runner):
    missing = []
    for name in _commands(runner):
        section = _section(CLI_DOC, f"argmap {name}")
        for param in main.commands[name].params:
            if isinstance(param, click.Option) and not param.hidden:
                longest = max(param.opts, key=len)
                if longest not in section:
                    missing.append(f"{name} {longest}")
    assert missing == [], (
        f"docs/cli.md does not mention {missing}; paste the command's "
        "`--help` output into its section"
    )


def test_every_command_is_mentioned_in_the_readme(runner):
    missing = [c for c in _commands(runner) if f"argmap {c}" not in README]
    assert missing == [], f"README.md never mentions {missing}"


def test_readme_links_the_cli_reference():
    assert "(docs/cli.md)" in README


def test_every_command_help_has_examples(runner):
    for name in _commands(runner):
        help_text = runner.invoke(main, [name, "--help"]).output
        examples = help_text.split("Examples:\n", 1)
        assert len(examples) == 2, f"argmap {name} --help has no 'Examples:' block"
        assert examples[1].lstrip().startswith(f"argmap {name}"), name


def test_every_lint_rule_has_a_section_with_its_switch():
    for name in RULES:
        section = _section(LINT_DOC, name)
        assert section, f"docs/lint.md has no '## {name}' section"
        switch = "--disable" if RULES[name].default else "--enable"
        assert f"{switch} {name}" in section, f"docs/lint.md: '## {name}' lacks '{switch} {name}'"
        assert "```yaml" in section, f"docs/lint.md: '## {name}' has no example"
    documented = re.findall(r"^## ([a-z-]+)$", LINT_DOC, re.M)
    assert set(documented) == set(RULES)


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_documented_completion_commands_work(shell):
    assert f"_ARGMAP_COMPLETE={shell}_source argmap" in _section(CLI_DOC, "Shell completion")
    script = subprocess.run(
        [sys.executable, "-c", RUN_CLI],
        env={**os.environ, "_ARGMAP_COMPLETE": f"{shell}_source"},
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    ).stdout
    assert "_ARGMAP_COMPLETE" in script


def test_completion_offers_commands_and_rule_names():
    def complete(words: str) -> list[str]:
        env = {
            **os.environ,
            "_ARGMAP_COMPLETE": "bash_complete",
            "COMP_WORDS": words,
            "COMP_CWORD": str(len(words.split()) - 1),
        }
        out = subprocess.run(
            [sys.executable, "-c", RUN_CLI], env=env, capture_output=True, text=True, cwd=ROOT
        ).stdout
        return [line.split(",", 1)[1] for line in out.splitlines()]

    assert "serve" in complete("argmap se")
    assert complete("argmap check --disable rabb") == ["rabbit-rule"]


def test_security_doc_documents_every_limit_with_its_default_and_option():
    from dataclasses import fields

    from argmap.limits import DEFAULT_LIMITS, Limits, option_name

    doc = (ROOT / "docs" / "security.md").read_text(encoding="utf-8")
    rows = {
        line.split("|")[1].strip(" `"): line for line in doc.splitlines() if line.startswith("| `")
    }
    for limit in fields(Limits):
        if limit.name == "source_root":
            assert "`--source-root DIR`" in doc
            continue
        row = rows.get(option_name(limit.name))
        assert row is not None, f"docs/security.md has no row for --limit {option_name(limit.name)}"
        assert f"`{limit.name}`" in row
        default = getattr(DEFAULT_LIMITS, limit.name)
        shown = (
            f"{default // (1024 * 1024)} MiB" if limit.name.endswith("_bytes") else f"{default:,}"
        )
        assert f"| {shown} |" in row, f"docs/security.md gives the wrong default for {limit.name}"
    assert "](docs/security.md)" in README
