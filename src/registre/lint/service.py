"""Check a declaration: validate it, then run every lint rule on it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from registre.declarations.declared import Declared
from registre.declarations.service import load
from registre.i18n import Lang
from registre.lint.engine import RULES, Finding, Rule, Severity, run


@dataclass(frozen=True)
class Report:
    """The findings on one declaration, read on one day."""

    declared: Declared
    on: dt.date
    findings: list[Finding]

    def count(self, severity: Severity) -> int:
        """How many findings of a severity."""
        return sum(1 for f in self.findings if f.severity == severity)

    @property
    def passed(self) -> bool:
        """Whether no finding is an error."""
        return self.count(Severity.error) == 0

    def as_dict(self, lang: Lang) -> dict[str, Any]:
        """The report as JSON-ready data."""
        return {
            "declaration": self.declared.sources.root,
            "organisation": self.declared.declaration.controller.name,
            "on": self.on.isoformat(),
            "passed": self.passed,
            "errors": self.count(Severity.error),
            "warnings": self.count(Severity.warning),
            "findings": [f.as_dict(lang) for f in self.findings],
        }


def check(path: Path, on: dt.date) -> Report:
    """Load and lint the declaration at `path` as the law stands on `on`; raises `DeclarationInvalid`."""
    declared = load(path)
    return Report(declared, on, run(declared, on))


def rules() -> list[Rule]:
    """Every lint rule, by code."""
    from registre.lint import rules as _  # noqa: F401  (registers the rules)

    return sorted(RULES.values(), key=lambda r: r.code)
