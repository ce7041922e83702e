"""A long-running process (`registre serve`, a worker) keeps each connected database's engine and schema between
requests: a change of the database's schema or of the annotation is still seen, and the schema is read once, not
at every request."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, event, text

from registre.connectors import service
from registre.connectors.acting import Policy
from registre.connectors.finding import Identity
from registre.connectors.mapping import read_annotations
from registre.errors import DeclarationInvalid
from registre.rights.schemas import RequestKind
from tests.connectors.test_relations import crm

JEANNE = [Identity("email", "jeanne.martin@example.fr")]


def statements(into: list[str]) -> Any:
    """Keep the SQL of every statement sent by any engine of this process, while registered."""
    def hook(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        into.append(statement)
    event.listen(Engine, "before_cursor_execute", hook)
    return hook


def test_the_schema_is_read_once_for_many_requests(tmp_path: Path) -> None:
    annotations = read_annotations(crm(tmp_path))
    sent: list[str] = []
    hook = statements(sent)
    try:
        for _ in range(3):
            assert service.search(annotations, JEANNE) == {"crm": {"clients": [[1]]}}
    finally:
        event.remove(Engine, "before_cursor_execute", hook)
    table_lists = [s for s in sent if s.startswith("SELECT name FROM sqlite_master WHERE type='table'")]
    searches = [s for s in sent if s.startswith("SELECT clients.")]
    assert len(searches) == 3
    assert len(table_lists) == 1  # the schema read for the first request only


def test_a_column_added_and_annotated_later_is_found(tmp_path: Path) -> None:
    path = crm(tmp_path)
    assert service.search(read_annotations(path), JEANNE)  # the schema is now kept without the new column
    engine = create_engine(f"sqlite:///{tmp_path / 'crm.sqlite3'}")
    with engine.begin() as connection:
        connection.execute(text("ALTER TABLE fidelite ADD COLUMN carte TEXT"))
        connection.execute(text("UPDATE fidelite SET carte = 'C-' || id"))
    engine.dispose()
    points = "      points: {data: order_history}"
    path.write_text(path.read_text().replace(points, f"{points}\n      carte: {{data: identification}}"))
    [annotation] = read_annotations(path)
    with service.opened(annotation) as (connected, connection):
        found = service.find(connected, JEANNE, connection)
    assert sorted(row["carte"] for row in found.rows["fidelite"].values()) == ["C-1", "C-2"]


def test_a_column_renamed_under_the_annotation_is_named_in_the_error_and_nothing_is_changed(tmp_path: Path) -> None:
    annotations = read_annotations(crm(tmp_path))
    assert service.search(annotations, JEANNE)  # the schema is now kept, with `numero`
    engine = create_engine(f"sqlite:///{tmp_path / 'crm.sqlite3'}")
    with engine.begin() as connection:
        connection.execute(text("ALTER TABLE clients RENAME COLUMN numero TO ref"))
    engine.dispose()
    for _ in range(2):  # the failed statement, then the next request on the schema read again: the same answer
        with pytest.raises(DeclarationInvalid) as raised:
            service.act(annotations, RequestKind.erasure, JEANNE, {}, Policy({}, "key"))
        assert "numero" in str(raised.value.problems[0].params)
    engine = create_engine(f"sqlite:///{tmp_path / 'crm.sqlite3'}")
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM clients")).scalar() == 2
    engine.dispose()
