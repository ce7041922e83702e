"""A breach in the shop's own database: the people and records it reaches are counted there, and the letters go to
the addresses found there."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import create_engine, text

from tests.connectors.test_rights import ANNOTATION, DECLARATION, registre
from tests.fixtures.shop import Shop


def test_a_breach_of_the_newsletter_counts_and_lists_its_subscribers(shop: tuple[str, Shop], tmp_path: Path) -> None:
    url, built = shop
    env = {"REGISTRE_DATA_DIR": str(tmp_path), "REGISTRE_DECLARATION": str(DECLARATION), "REGISTRE_LANG": "en",
           "REGISTRE_DATASETS": str(ANNOTATION), "SHOP_DATABASE_URL": url,
           "SHOP_ARCHIVE_URL": f"sqlite:///{tmp_path / 'archive.sqlite3'}"}
    shown = json.loads(registre(env, "breaches", "new", "--title", "Newsletter list exported by mistake",
                                "--aware-at", "2026-11-20T17:30", "--nature", "confidentiality",
                                "--activity", "newsletter", "--json").output)
    engine = create_engine(url)
    with engine.connect() as connection:
        rows = connection.scalar(text("SELECT count(*) FROM newsletter_subscriptions"))
        customers = connection.scalar(text("SELECT count(DISTINCT customer_id) FROM newsletter_subscriptions"))
        prospects = connection.scalar(text("SELECT count(DISTINCT email) FROM newsletter_subscriptions "
                                           "WHERE customer_id IS NULL"))
    engine.dispose()
    assert (shown["subjects_count"], shown["records_count"]) == (customers + prospects, rows)

    out = tmp_path / "letters"
    registre(env, "breaches", "notify", shown["ref"], "--to", "subjects", "--draft", "-o", str(out))
    [listing] = out.glob("affected.csv")
    addresses = listing.read_text()
    assert built.jeanne.email in addresses  # a customer, through her customer row
    assert built.awa.email in addresses  # a prospect, through her own subscription
    assert len(addresses.strip().splitlines()) == 1 + customers + prospects
