"""`registre check` for a DPO's workflow: `--severity`, a count per rule code, and SARIF for code scanning."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from registre.config import get_settings
from registre.lint.service import rules
from tests.lint import test_waivers
from tests.lint.test_waivers import REASON, Write, broken, fingerprint_of, waived

WIMI = Path(__file__).parent.parent.parent / "src" / "registre" / "examples" / "wimi.yaml"

# What code scanning needs of a SARIF 2.1.0 log (the essentials of the OASIS schema, checked without the network).
SARIF_ESSENTIALS: dict[str, Any] = {
    "type": "object",
    "required": ["version", "$schema", "runs"],
    "properties": {
        "version": {"const": "2.1.0"},
        "$schema": {"type": "string", "pattern": "sarif"},
        "runs": {"type": "array", "minItems": 1, "maxItems": 1, "items": {
            "type": "object", "required": ["tool", "results"],
            "properties": {
                "tool": {"type": "object", "required": ["driver"], "properties": {"driver": {
                    "type": "object", "required": ["name", "rules"],
                    "properties": {"name": {"type": "string"}, "rules": {"type": "array", "items": {
                        "type": "object", "required": ["id", "shortDescription", "help", "defaultConfiguration"],
                        "properties": {
                            "id": {"type": "string"},
                            "shortDescription": {"$ref": "#/$defs/message"},
                            "help": {"$ref": "#/$defs/message"},
                            "defaultConfiguration": {"type": "object",
                                                     "properties": {"level": {"$ref": "#/$defs/level"}}},
                        }}}}}}},
                "results": {"type": "array", "items": {
                    "type": "object", "required": ["ruleId", "level", "message", "locations"],
                    "properties": {
                        "ruleId": {"type": "string"}, "ruleIndex": {"type": "integer", "minimum": 0},
                        "level": {"$ref": "#/$defs/level"}, "message": {"$ref": "#/$defs/message"},
                        "locations": {"type": "array", "minItems": 1, "items": {
                            "type": "object", "required": ["physicalLocation"], "properties": {"physicalLocation": {
                                "type": "object", "required": ["artifactLocation"], "properties": {
                                    "artifactLocation": {
                                        "type": "object", "required": ["uri"],
                                        "properties": {"uri": {"type": "string", "format": "uri-reference"}}},
                                    "region": {"type": "object", "required": ["startLine"], "properties": {
                                        "startLine": {"type": "integer", "minimum": 1},
                                        "startColumn": {"type": "integer", "minimum": 1}}}}}}}},
                        "suppressions": {"type": "array", "items": {
                            "type": "object", "required": ["kind"],
                            "properties": {"kind": {"enum": ["inSource", "external"]},
                                           "justification": {"type": "string"}}}},
                    }}},
            }}},
    },
    "$defs": {"message": {"type": "object", "required": ["text"],
                          "properties": {"text": {"type": "string", "minLength": 1}}},
              "level": {"enum": ["none", "note", "warning", "error"]}},
}


def registre(*args: str, lang: str = "en") -> Any:
    """Run `registre ARGS` in the reader's language `lang` (the settings read anew)."""
    get_settings.cache_clear()
    return test_waivers.registre(*args, lang=lang)


def check_json(*args: str) -> Any:
    """`registre check ARGS --json`, read."""
    return json.loads(registre("check", *args, "--json").output)


def test_severity_error_reports_only_errors_and_still_fails() -> None:
    everything = check_json(str(WIMI))
    errors = check_json(str(WIMI), "--severity", "error")
    assert {f["severity"] for f in errors["findings"]} == {"error"}
    assert errors["findings"] == [f for f in everything["findings"] if f["severity"] == "error"]
    assert (errors["errors"], errors["warnings"]) == (everything["errors"], 0)
    result = registre("check", str(WIMI), "--severity", "error")
    assert result.exit_code == 1
    assert f"{everything['warnings']} warning(s) not shown (--severity error)." in result.output
    assert "warning " not in result.output


def test_severity_error_passes_a_declaration_with_only_warnings(write_declaration: Write) -> None:
    data = broken()
    data["clauses"] = {}
    data["policy"] = {"languages": ["fr"]}  # no date nor version: INFO-POLICY-DATE, a warning
    path = write_declaration(data)
    assert check_json(str(path))["warnings"] > 0
    assert registre("check", str(path)).exit_code == 0
    result = registre("check", str(path), "--severity", "error", lang="fr")
    assert result.exit_code == 0
    assert "non affiché(s) (--severity error)" in result.output


def test_a_count_per_rule_code_in_text_and_json() -> None:
    report = check_json(str(WIMI))
    counted = Counter(f["code"] for f in report["findings"])
    assert {c["code"]: c["count"] for c in report["by_code"]} == counted
    assert [c["severity"] for c in report["by_code"]] == sorted(c["severity"] for c in report["by_code"])
    text = registre("check", str(WIMI), lang="fr").output
    assert "Par règle" in text
    [line] = [line for line in text.splitlines() if "INFO-PROVISION " in line and "│" in line]
    assert f" {counted['INFO-PROVISION']} " in line
    assert "avertissement" in line


def test_the_count_per_code_counts_waived_findings_apart(write_declaration: Write) -> None:
    path = write_declaration(waived(fingerprint_of(write_declaration(broken()))))
    assert check_json(str(path))["by_code"] == [{"code": "CONSENT-BY-USE", "severity": "error",
                                                "title": "Consent deemed given by use", "count": 0, "waived": 1}]


def sarif_of(*args: str, lang: str = "en") -> Any:
    """`registre check ARGS --format sarif`, read and checked against the SARIF essentials."""
    log = json.loads(registre("check", *args, "--format", "sarif", lang=lang).output)
    jsonschema.Draft202012Validator(SARIF_ESSENTIALS, format_checker=jsonschema.FormatChecker()).validate(log)
    return log


def test_sarif_has_the_rules_and_a_located_result_per_finding() -> None:
    report = check_json(str(WIMI))
    [run] = sarif_of(str(WIMI))["runs"]
    driver = run["tool"]["driver"]
    assert [r["id"] for r in driver["rules"]] == [r.code for r in rules()]
    by_id = {r["id"]: r for r in driver["rules"]}
    assert by_id["CONSENT-BY-USE"]["defaultConfiguration"]["level"] == "error"
    assert by_id["INFO-PROVISION"]["defaultConfiguration"]["level"] == "warning"
    assert by_id["CONSENT-BY-USE"]["help"]["text"].startswith("GDPR Art. 4(11)")
    assert len(run["results"]) == len(report["findings"])
    for result, finding in zip(run["results"], report["findings"], strict=True):
        assert (result["ruleId"], result["level"], result["message"]["text"]) == (
            finding["code"], finding["severity"], finding["message"])
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] == WIMI.as_uri()
        assert (location["region"]["startLine"], location["region"]["startColumn"]) == (finding["line"],
                                                                                         finding["column"])


def test_sarif_speaks_the_readers_language_and_keeps_the_severity_filter() -> None:
    [run] = sarif_of(str(WIMI), "--severity", "error", lang="fr")["runs"]
    assert {r["level"] for r in run["results"]} == {"error"}
    english = check_json(str(WIMI), "--severity", "error")
    assert len(run["results"]) == len(english["findings"])
    assert [r["message"]["text"] for r in run["results"]] != [f["message"] for f in english["findings"]]
    assert any("consentement" in r["message"]["text"] for r in run["results"])


def test_a_waived_finding_is_a_suppressed_result_with_the_reason(write_declaration: Write,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_declaration(waived(fingerprint_of(write_declaration(broken()))))
    monkeypatch.chdir(path.parent)
    result = registre("check", path.name, "--format", "sarif")
    assert result.exit_code == 0
    [run] = sarif_of(path.name)["runs"]
    [suppressed] = run["results"]
    assert suppressed["ruleId"] == "CONSENT-BY-USE"
    assert suppressed["suppressions"] == [{"kind": "external", "justification": REASON["en"]}]
    assert suppressed["locations"][0]["physicalLocation"]["artifactLocation"] == {"uri": "declaration.yaml",
                                                                                  "uriBaseId": "%SRCROOT%"}


def test_sarif_file_beside_the_text_report_with_the_same_exit_status(tmp_path: Path) -> None:
    result = registre("check", str(WIMI), "--sarif", str(tmp_path / "registre.sarif"))
    assert result.exit_code == 1
    assert "SARIF report written to" in result.output
    assert "Errors to correct before publishing." in result.output
    log = json.loads((tmp_path / "registre.sarif").read_text(encoding="utf-8"))
    jsonschema.validate(log, SARIF_ESSENTIALS)
    assert len(log["runs"][0]["results"]) == len(check_json(str(WIMI))["findings"])
