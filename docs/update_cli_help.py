"""Refresh the `argmap ... --help` blocks in docs/cli.md: python docs/update_cli_help.py"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from argmap_cli import main  # noqa: E402 - after the path is set

CLI_DOC = ROOT / "docs" / "cli.md"
BLOCK = re.compile(r"```text\n\$ argmap (?P<args>[a-z-]* ?--help)\n.*?```", re.S)


def help_block(args: str) -> str:
    output = CliRunner().invoke(main, args.split(), terminal_width=100, prog_name="argmap").output
    return f"```text\n$ argmap {args}\n{output.rstrip()}\n```"


def refresh(text: str) -> str:
    return BLOCK.sub(lambda m: help_block(m.group("args")), text)


if __name__ == "__main__":
    CLI_DOC.write_text(refresh(CLI_DOC.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"refreshed {CLI_DOC}")
