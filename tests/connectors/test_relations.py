"""Links the schema does not declare, and identities kept in mixed case: a CRM on SQLite whose loyalty table points
to customers by their number, with no foreign key."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from registre.connectors.finding import Identity, find
from registre.connectors.mapping import attach, read_annotations
from registre.errors import DeclarationInvalid

ANNOTATION = """
dataset: crm
connection: {{url: "sqlite:///crm.sqlite3"}}
tables:
  clients:
    activity: orders
    columns:
      numero: {{identity: customer_id, data: identification}}
      courriel: {{identity: email, data: contact, match: {match}}}
  fidelite:
    activity: orders
    columns:
      points: {{data: order_history}}
relations:
  - {{from: {relation}, to: clients.numero}}
"""


def crm(folder: Path, *, match: str = "lower", relation: str = "fidelite.client_ref") -> Path:
    """The CRM's database and its annotation in `folder`."""
    engine = create_engine(f"sqlite:///{folder / 'crm.sqlite3'}")
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE clients (id INTEGER PRIMARY KEY, numero TEXT, courriel TEXT)"))
        connection.execute(text("CREATE TABLE fidelite (id INTEGER PRIMARY KEY, client_ref TEXT, points INTEGER)"))
        connection.execute(text("INSERT INTO clients VALUES (1, 'A-17', 'Jeanne.Martin@Example.FR'), "
                                "(2, 'A-18', 'paul@example.fr')"))
        connection.execute(text("INSERT INTO fidelite VALUES (1, 'A-17', 120), (2, 'A-17', 30), (3, 'A-18', 5)"))
    engine.dispose()
    path = folder / "crm.yaml"
    path.write_text(ANNOTATION.format(match=match, relation=relation), encoding="utf-8")
    return path


def test_a_declared_relation_leads_from_the_person_to_rows_without_a_foreign_key(tmp_path: Path) -> None:
    [annotation] = read_annotations(crm(tmp_path))
    connected = attach(annotation)
    try:
        with connected.engine.connect() as connection:
            found = find(connected, [Identity("email", "jeanne.martin@example.fr")], connection)
    finally:
        connected.dispose()
    assert sorted(found.rows) == ["clients", "fidelite"]
    assert sorted(row["points"] for row in found.rows["fidelite"].values()) == [30, 120]


def test_an_exact_match_does_not_find_an_address_kept_in_mixed_case(tmp_path: Path) -> None:
    [annotation] = read_annotations(crm(tmp_path, match="exact"))
    connected = attach(annotation)
    try:
        with connected.engine.connect() as connection:
            found = find(connected, [Identity("email", "jeanne.martin@example.fr")], connection)
    finally:
        connected.dispose()
    assert found.count == 0  # which is why `match: lower` exists (with an index on lower(courriel))


def test_a_relation_to_a_column_the_database_lacks_is_named_with_its_line(tmp_path: Path) -> None:
    path = crm(tmp_path, relation="fidelite.client")
    [annotation] = read_annotations(path)
    with pytest.raises(DeclarationInvalid) as raised:
        attach(annotation)
    [problem] = raised.value.problems
    assert problem.text("en") == "'fidelite.client' is not a table.column of this database."
    line = path.read_text().splitlines().index("  - {from: fidelite.client, to: clients.numero}") + 1
    assert problem.place.line == line
