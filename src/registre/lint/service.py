"""Check a declaration: validate it, run every lint rule on it, and set apart the findings the DPO waived."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from registre.declarations.declared import Declared
from registre.declarations.schemas import Waiver
from registre.declarations.service import load
from registre.errors import Place
from registre.i18n import Lang
from registre.lint.engine import RULES, Finding, Rule, Severity, run


@dataclass(frozen=True)
class Waived:
    """A finding the DPO accepted, with the waiver that says why."""

    finding: Finding
    waiver: Waiver

    def as_dict(self, lang: Lang) -> dict[str, Any]:
        """The waived finding as JSON-ready data, with the reason."""
        return {**self.finding.as_dict(lang), "reason": self.waiver.reason(lang), "by": self.waiver.by,
                "date": self.waiver.date.isoformat() if self.waiver.date else None}


@dataclass(frozen=True)
class Lapsed:
    """A waiver that no longer applies: what it points to has changed since (the finding counts again), or the
    finding is gone."""

    waiver: Waiver
    place: Place
    why: Literal["changed", "gone"]

    def as_dict(self, lang: Lang) -> dict[str, Any]:
        """The lapsed waiver as JSON-ready data."""
        return {"code": self.waiver.code, "field": self.waiver.path, "why": self.why, "file": self.place.file,
                "line": self.place.line, "reason": self.waiver.reason(lang)}


@dataclass(frozen=True)
class CodeCount:
    """How many findings one rule gives, apart from those waived."""

    rule: Rule
    count: int
    waived: int

    def as_dict(self, lang: Lang) -> dict[str, Any]:
        """The count as JSON-ready data."""
        return {"code": self.rule.code, "severity": self.rule.severity.value, "title": self.rule.title(lang),
                "count": self.count, "waived": self.waived}


@dataclass(frozen=True)
class Report:
    """The findings on one declaration, read on one day; those waived and the waivers that lapsed apart."""

    declared: Declared
    on: dt.date
    findings: list[Finding]
    waived: list[Waived] = field(default_factory=list)
    lapsed: list[Lapsed] = field(default_factory=list)

    def count(self, severity: Severity) -> int:
        """How many findings of a severity, the waived ones left out."""
        return sum(1 for f in self.findings if f.severity == severity)

    @property
    def passed(self) -> bool:
        """Whether no finding that is not waived is an error."""
        return self.count(Severity.error) == 0

    def at_least(self, floor: Severity) -> Report:
        """The report with only the findings, waived or not, of `floor` or graver (errors are always kept, so
        `passed` is unchanged); lapsed waivers are kept."""
        return replace(self, findings=[f for f in self.findings if f.severity.at_least(floor)],
                       waived=[w for w in self.waived if w.finding.severity.at_least(floor)])

    def by_code(self) -> list[CodeCount]:
        """The count of findings per rule code, errors first, then by code."""
        counts: dict[str, list[int]] = {}
        rules_: dict[str, Rule] = {}
        for finding, index in [*((f, 0) for f in self.findings), *((w.finding, 1) for w in self.waived)]:
            rules_[finding.code] = finding.rule
            counts.setdefault(finding.code, [0, 0])[index] += 1
        return [CodeCount(rules_[code], *counts[code])
                for code in sorted(counts, key=lambda c: (rules_[c].severity.rank, c))]

    def as_dict(self, lang: Lang) -> dict[str, Any]:
        """The report as JSON-ready data."""
        return {
            "declaration": self.declared.sources.root,
            "organisation": self.declared.declaration.controller.name,
            "on": self.on.isoformat(),
            "passed": self.passed,
            "errors": self.count(Severity.error),
            "warnings": self.count(Severity.warning),
            "waived_count": len(self.waived),
            "by_code": [c.as_dict(lang) for c in self.by_code()],
            "findings": [f.as_dict(lang) for f in self.findings],
            "waived": [w.as_dict(lang) for w in self.waived],
            "lapsed": [w.as_dict(lang) for w in self.lapsed],
        }


def check(path: Path, on: dt.date) -> Report:
    """Load and lint the declaration at `path` as the law stands on `on`; raises `DeclarationInvalid`."""
    declared = load(path)
    return waive(declared, on, run(declared, on))


def waive(declared: Declared, on: dt.date, findings: list[Finding]) -> Report:
    """Set apart the findings the declaration's waivers accept (same code, same field, same fingerprint)."""
    waivers = {(w.code, w.path): (index, w) for index, w in enumerate(declared.declaration.waivers)}
    active: list[Finding] = []
    waived: list[Waived] = []
    lapsed: list[Lapsed] = []
    for finding in findings:
        index, waiver = waivers.pop((finding.code, finding.place.field), (None, None))
        if waiver is None:
            active.append(finding)
        elif waiver.fingerprint == finding.fingerprint:
            waived.append(Waived(finding, waiver))
        else:
            active.append(finding)
            lapsed.append(Lapsed(waiver, declared.place(("waivers", index or 0)), "changed"))
    lapsed += [Lapsed(w, declared.place(("waivers", i)), "gone") for i, w in waivers.values()]
    return Report(declared, on, active, waived, lapsed)


def rules() -> list[Rule]:
    """Every lint rule, by code."""
    from registre.lint import rules as _  # noqa: F401  (registers the rules)

    return sorted(RULES.values(), key=lambda r: r.code)
