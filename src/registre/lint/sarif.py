"""A lint report as SARIF 2.1.0, the format code-scanning tools read: one run, the rules, one result per finding."""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

from registre import __version__
from registre.errors import Place
from registre.i18n import Lang
from registre.lint.engine import Finding, Rule
from registre.lint.service import Report

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
VERSION = "2.1.0"
FINGERPRINT = "registre/v1"  # the finding's fingerprint, which a waiver names: it follows the finding across runs


def sarif(report: Report, rules: list[Rule], lang: Lang) -> dict[str, Any]:
    """The report as a SARIF log: the tool with every rule (code, title, basis as help, level), a result per finding
    in the reader's language, and the waived findings as results with an external suppression and its reason."""
    index = {r.code: i for i, r in enumerate(rules)}
    results = [_result(f, index, lang) for f in report.findings]
    results += [{**_result(w.finding, index, lang),
                 "suppressions": [{"kind": "external", "justification": w.waiver.reason(lang)}]}
                for w in report.waived]
    driver = {"name": "registre", "version": __version__, "semanticVersion": __version__,
              "rules": [_rule(r, lang) for r in rules]}
    return {"$schema": SCHEMA, "version": VERSION,
            "runs": [{"tool": {"driver": driver}, "language": lang, "columnKind": "unicodeCodePoints",
                      "results": results}]}


def _rule(rule: Rule, lang: Lang) -> dict[str, Any]:
    return {"id": rule.code, "name": rule.code, "shortDescription": {"text": rule.title(lang)},
            "help": {"text": rule.basis}, "defaultConfiguration": {"level": rule.severity.value},
            "properties": {"basis": rule.basis}}


def _result(finding: Finding, index: dict[str, int], lang: Lang) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.code, "level": finding.severity.value, "message": {"text": finding.text(lang)},
        "locations": [_location(finding.place)], "partialFingerprints": {FINGERPRINT: finding.fingerprint},
        "properties": {"field": finding.place.field, "activities": list(finding.activities)},
    }
    if finding.code in index:
        result["ruleIndex"] = index[finding.code]
    return result


def _location(place: Place) -> dict[str, Any]:
    """The declaration's file (a URI relative to the folder it was checked from, or a file: URI when absolute),
    line and column, and the field as a logical location."""
    path = Path(place.file)
    artifact: dict[str, Any] = ({"uri": path.as_uri()} if path.is_absolute()
                                else {"uri": quote(PurePosixPath(*path.parts).as_posix()), "uriBaseId": "%SRCROOT%"})
    physical: dict[str, Any] = {"artifactLocation": artifact}
    if place.line is not None:
        physical["region"] = {"startLine": place.line, **({"startColumn": place.column} if place.column else {})}
    location: dict[str, Any] = {"physicalLocation": physical}
    if place.field:
        location["logicalLocations"] = [{"fullyQualifiedName": place.field, "kind": "member"}]
    return location
