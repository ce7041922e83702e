"""A DPO waives a finding with a reason: it no longer fails `check`, is listed apart with its reason, and lapses
when what it points to changes."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from registre.cli import app
from tests.conftest import minimal_data

Write = Callable[..., Path]
CONSENT_BY_USE = {"statement": {"en": "By using this site, you agree to the processing of your data.",
                                "fr": "En utilisant ce site, vous acceptez le traitement de vos données."}}
REASON = {"en": "The sentence is removed from the next version of the policy, published on 1 December.",
          "fr": "La phrase est retirée de la prochaine version de la politique, publiée le 1er décembre."}


def registre(*args: str, lang: str = "en") -> Any:
    """Run `registre ARGS` and return the result."""
    return CliRunner().invoke(app, list(args), env={"REGISTRE_LANG": lang})


def broken() -> dict[str, Any]:
    """The minimal declaration with one error: consent deemed given by use."""
    data = minimal_data()
    data["clauses"] = {"consent_by_use": [dict(CONSENT_BY_USE)]}
    return data


def fingerprint_of(path: Path) -> str:
    """The fingerprint `check --json` gives the finding."""
    [finding] = json.loads(registre("check", str(path), "--json").output)["findings"]
    assert finding["code"] == "CONSENT-BY-USE"
    return str(finding["fingerprint"])


def waived(fingerprint: str, **changes: Any) -> dict[str, Any]:
    data = broken()
    data["waivers"] = [{"code": "CONSENT-BY-USE", "path": "clauses.consent_by_use[0]", "fingerprint": fingerprint,
                        "reason": REASON, "by": "Jeanne Martin", "date": "2026-11-20"}]
    data["clauses"]["consent_by_use"][0].update(changes)
    return data


def test_a_waived_error_does_not_fail_check_and_is_listed_with_its_reason(write_declaration: Write) -> None:
    fingerprint = fingerprint_of(write_declaration(broken()))
    path = write_declaration(waived(fingerprint))
    result = registre("check", str(path))
    assert result.exit_code == 0, result.output
    assert "waived  CONSENT-BY-USE" in result.output
    assert "Waived by the DPO: The sentence is removed from the next version" in result.output
    assert "0 error(s), 0 warning(s), 1 waived" in result.output
    report = json.loads(registre("check", str(path), "--json").output)
    assert (report["passed"], report["errors"], report["waived_count"], report["findings"]) == (True, 0, 1, [])
    assert report["waived"][0]["reason"] == REASON["en"]


def test_a_waiver_lapses_when_what_it_points_to_changes(write_declaration: Write) -> None:
    fingerprint = fingerprint_of(write_declaration(broken()))
    changed = waived(fingerprint, activities=["newsletter"])
    result = registre("check", str(write_declaration(changed)))
    assert result.exit_code == 1
    assert "The waiver of CONSENT-BY-USE on clauses.consent_by_use[0] has lapsed" in result.output
    report = json.loads(registre("check", str(write_declaration(changed)), "--json").output)
    assert [f["code"] for f in report["findings"]] == ["CONSENT-BY-USE"]
    assert report["lapsed"][0]["why"] == "changed"


def test_a_change_elsewhere_keeps_the_waiver(write_declaration: Write) -> None:
    fingerprint = fingerprint_of(write_declaration(broken()))
    data = waived(fingerprint)
    data["policy"]["version"] = "1.1"
    assert registre("check", str(write_declaration(data))).exit_code == 0


def test_a_waiver_whose_finding_is_gone_is_reported(write_declaration: Write) -> None:
    data = waived("0123456789ab")
    del data["clauses"]
    result = registre("check", str(write_declaration(data)))
    assert result.exit_code == 0
    assert "matches no finding any more" in result.output
