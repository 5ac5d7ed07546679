"""`argmap check`: validate maps like a compiler, gathering every diagnostic of every file."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from ..errors import Diagnostic, MapError
from ..formats import read_map
from ..limits import DEFAULT_LIMITS, Limits


@dataclass
class CheckReport:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    maps_checked: int = 0

    @property
    def errors(self) -> int:
        return sum(d.severity == "error" for d in self.diagnostics)

    @property
    def warnings(self) -> int:
        return sum(d.severity == "warning" for d in self.diagnostics)

    def failed(self, strict: bool) -> bool:
        return self.errors > 0 or (strict and self.warnings > 0)

    def as_text(self, summary: bool = True) -> str:
        lines = [str(d) for d in self.diagnostics]
        if not summary:  # --quiet: only the problems, nothing at all for a clean map
            return "\n".join(lines)
        noun = "map" if self.maps_checked == 1 else "maps"
        lines.append(
            f"{self.maps_checked} {noun} checked: {self.errors} error(s), "
            f"{self.warnings} warning(s)"
        )
        return "\n".join(lines)

    def as_json(self) -> str:
        return json.dumps(
            {
                "maps": self.maps_checked,
                "errors": self.errors,
                "warnings": self.warnings,
                "diagnostics": [d.as_dict() for d in self.diagnostics],
            },
            indent=2,
        )


def check_maps(
    paths, fmt: str | None = None, enable=(), disable=(), *, limits: Limits = DEFAULT_LIMITS
) -> CheckReport:
    """Load every map and lint it; `enable`/`disable` name lint rules (UsageError if unknown)."""
    from . import lint

    rules = lint.select_rules(enable, disable)
    report = CheckReport()
    for path in paths:
        report.maps_checked += 1
        try:
            amap = read_map(path, fmt, limits=limits)
        except MapError as error:
            # a reader may run some lint rules itself: keep only the ones switched on
            report.diagnostics.extend(
                d
                for d in error.diagnostics
                if d.severity == "error" or d.rule not in lint.RULES or d.rule in rules
            )
            continue
        found = lint.reader_warnings(amap, rules) + lint.lint_map(amap, rules)
        report.diagnostics.extend(sorted(found, key=lambda d: (d.line, d.column)))
    return report
