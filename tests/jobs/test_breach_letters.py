"""Breach letters to people go through the outbox, once per person: notifying the people again (after more were
found affected) writes only to those not yet written to."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from registre.db.session import make_engine, unit_of_work
from tests.breaches.test_cli import env, new, registre
from tests.fixtures.factories import create_subject

__all__ = ["env"]


def test_a_breach_letter_rerun_writes_only_to_those_not_yet_written_to(env: dict[str, str], tmp_path: Path) -> None:
    aware = (dt.datetime.now(dt.UTC) - dt.timedelta(hours=2)).isoformat()
    ref = new(env, "--title", "Customer database copied", "--aware-at", aware, "--nature", "confidentiality",
              "--activity", "orders", "--data", "identification")["ref"]
    assert registre(env, "breaches", "assess", ref, "--ask", "--severe", input="\n" * 8).exit_code == 0

    first = registre(env, "breaches", "notify", ref, "--to", "subjects", "--lang", "en", "--json")
    assert first.exit_code == 0, first.output
    assert len(json.loads(first.output)["sent"]) == 2

    engine = make_engine(f"sqlite:///{tmp_path / 'registre.sqlite3'}")
    with unit_of_work(engine) as session:
        create_subject(session, email="awa@example.fr")
    engine.dispose()
    again = registre(env, "breaches", "notify", ref, "--to", "subjects", "--lang", "en", "--json")
    assert again.exit_code == 0, again.output
    [sent] = json.loads(again.output)["sent"]
    assert sent.startswith("awa@example.fr: ")
    assert len(list((tmp_path / "outbox").glob("*.eml"))) == 3
