"""Breach letters to people go through the outbox, once per person: notifying the people again (after more were
found affected) writes only to those not yet written to."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default
from pathlib import Path

import pytest

from registre.db.session import make_engine, unit_of_work
from registre.declarations.service import load
from registre.errors import InvalidInput
from tests.breaches.test_cli import MINIMAL, env, new, registre
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


def _with_letters(env: dict[str, str], tmp_path: Path, **templates: str) -> dict[str, str]:
    """The environment with the minimal declaration copied to `tmp_path` and letter templates beside it."""
    declaration = tmp_path / "declaration.yaml"
    shutil.copy(MINIMAL, declaration)
    (tmp_path / "letters").mkdir()
    for name, text in templates.items():
        (tmp_path / "letters" / name).write_text(text, encoding="utf-8")
    return {**env, "REGISTRE_DECLARATION": str(declaration)}


def _received(tmp_path: Path) -> list[EmailMessage]:
    return [message_from_bytes(path.read_bytes(), _class=EmailMessage, policy=default)
            for path in sorted((tmp_path / "outbox").glob("*.eml"))]


def test_the_people_receive_the_breach_letter_in_the_organisation_s_own_words(env: dict[str, str],
                                                                             tmp_path: Path) -> None:
    own = _with_letters(env, tmp_path, **{
        "breach-subjects.fr.txt": "Subject: Incident {ref} chez {controller}\n\nMadame, Monsieur,\n\n"
                                  "Vos données concernées : {data}.\nNotre conseil : {advice}\nÉcrivez à notre "
                                  "{contact}.\n",
        "breach-subjects.en.txt": "Subject: Incident {ref} at {controller}\n\nDear customer,\n\n"
                                  "Your data concerned: {data}.\nOur advice: {advice}\n"})
    aware = (dt.datetime.now(dt.UTC) - dt.timedelta(hours=2)).isoformat()
    refs = {}
    for lang in ("fr", "en"):
        refs[lang] = new(own, "--title", f"Copied ({lang})", "--aware-at", aware, "--nature", "confidentiality",
                         "--activity", "orders", "--data", "identification",
                         "--advice", "Changez votre mot de passe.")["ref"]
        assert registre(own, "breaches", "assess", refs[lang], "--ask", "--severe", input="\n" * 8).exit_code == 0
        notified = registre(own, "breaches", "notify", refs[lang], "--to", "subjects", "--lang", lang, "--json")
        assert notified.exit_code == 0, notified.output
    letters = _received(tmp_path)
    assert len(letters) == 4  # two people, two breaches
    controller = load(MINIMAL).declaration.controller.name
    french = [m for m in letters if refs["fr"] in m["Subject"]]
    english = [m for m in letters if refs["en"] in m["Subject"]]
    assert {m["To"] for m in french} == {m["To"] for m in english} == {"jeanne@example.fr", "paul@example.fr"}
    assert {m["Subject"] for m in french} == {f"Incident {refs['fr']} chez {controller}"}
    assert {m["Subject"] for m in english} == {f"Incident {refs['en']} at {controller}"}
    body = french[0].get_content()
    assert body.startswith("Madame, Monsieur,\n\nVos données concernées : ")
    assert "Notre conseil : Changez votre mot de passe." in body
    assert "{" not in body
    assert english[0].get_content().startswith("Dear customer,\n\nYour data concerned: ")


def test_a_breach_letter_template_with_an_unknown_placeholder_is_refused_at_load(env: dict[str, str],
                                                                                tmp_path: Path) -> None:
    own = _with_letters(env, tmp_path, **{
        "breach-subjects.en.txt": "Subject: Incident {ref}\n\nDear customer,\n\n{victims} people are concerned.\n"})
    recorded = registre(own, "breaches", "new", "--title", "Copied", "--aware-at", "2026-11-13T17:30",
                        "--nature", "confidentiality", "--activity", "orders", "--data", "identification")
    assert recorded.exit_code != 0
    assert "letters/breach-subjects.en.txt:5" in recorded.output
    assert "{victims}" in recorded.output
    assert "Traceback" not in recorded.output
    with pytest.raises(InvalidInput) as refused:
        load(tmp_path / "declaration.yaml")
    assert refused.value.text("fr").startswith("Le modèle de lettre ")
    assert "il utilise {victims}, que la lettre « breach-subjects » ne connaît pas" in refused.value.text("fr")
    assert not (tmp_path / "outbox").exists()  # nothing sent with a hole in it
