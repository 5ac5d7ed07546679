"""Errors and diagnostics: every problem in a map points at file:line:col."""

from __future__ import annotations

from dataclasses import dataclass
import difflib


class ArgmapError(Exception):
    """Base of every error argmap reports to a user without a traceback."""

    exit_code = 1


class UsageError(ArgmapError):
    """The command was used wrongly (bad option value, missing file)."""

    exit_code = 2


@dataclass(frozen=True)
class Diagnostic:
    """One problem found in a map, with where it is."""

    message: str
    file: str
    line: int = 1
    column: int = 1
    severity: str = "error"  # error | warning
    rule: str | None = None

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.severity}: {self.message}"

    def as_dict(self) -> dict:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "severity": self.severity,
            "rule": self.rule,
            "message": self.message,
        }


class MapError(ArgmapError):
    """A map that cannot be used; carries every diagnostic found in it."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = list(diagnostics)
        super().__init__("\n".join(str(d) for d in self.diagnostics))

    def __reduce__(self):
        # Exception pickles its args (the joined message); rebuild from the diagnostics
        # instead, so a MapError crosses a multiprocessing boundary whole
        return (type(self), (self.diagnostics,))

    @classmethod
    def at(cls, message: str, file: str, line: int = 1, column: int = 1) -> "MapError":
        return cls([Diagnostic(message, file, line, column)])


def did_you_mean(value: str, valid) -> str:
    """' (did you mean 'x'?)' for a near miss, else ''."""
    close = difflib.get_close_matches(str(value), [str(v) for v in valid], n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def one_of(valid) -> str:
    """'must be one of a, b, c' with the valid values sorted."""
    return "must be one of " + ", ".join(sorted(str(v) for v in valid))
