"""The keeping periods of law/retention: which a declaration cites, which are minima, and how the lint reads them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from registre.declarations.schemas import RetentionRule
from registre.law.retention import BY_KEY, Bound, cited, with_threshold
from registre.lint.service import check

EXAMPLES = Path(__file__).parents[2] / "examples"


def test_an_article_cited_in_a_text_names_its_period() -> None:
    assert [p.key for p in cited(["Code de commerce, art. L123-22"])] == ["accounting_documents"]
    assert [p.key for p in cited(["video_protection"])] == ["video_protection"]
    assert cited(["L123-225"]) == []  # another article
    assert [p.key for p in with_threshold(120)] == ["consumer_contract_online"]


def test_a_rule_that_cites_a_minimum_is_an_obligation_unless_it_says_limit() -> None:
    assert BY_KEY["accounting_documents"].bound is Bound.minimum
    assert BY_KEY["card_payment_dispute"].bound is Bound.maximum
    cites = {"duration": "10 years", "from": "invoice_issued", "law": "Code de commerce L123-22"}
    assert RetentionRule.model_validate(cites).obligation
    assert not RetentionRule.model_validate({**cites, "kind": "limit"}).obligation
    assert not RetentionRule.model_validate({**cites, "law": "CSI L252-5"}).obligation


def test_paris_je_taime_is_told_its_threshold_misses_exactly_120_euros() -> None:
    report = check(EXAMPLES / "paris-je-taime.yaml", dt.date(2026, 12, 6))
    findings = [f for f in report.findings if f.code == "RET-THRESHOLD"]
    assert [f.place.field for f in findings] == ["activities[1].retention[1].when"]
    assert "amount_eur > 120" in findings[0].text("en")
    assert "applies to 120 EUR or more" in findings[0].text("en")
    assert "s'applique à 120 EUR ou plus" in findings[0].text("fr")
