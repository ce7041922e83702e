"""References as people type them: the whole 32-hex reference, or a unique prefix of it (at least 4 characters),
as the CLI's tables and the pages show them short (8 characters)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import Select, select

from registre.errors import Conflict
from registre.i18n import Msg

if TYPE_CHECKING:
    from sqlalchemy import Column, Connection, Row
    from sqlalchemy.orm import InstrumentedAttribute, Session

T = TypeVar("T")
SHORT = 8
MIN_PREFIX = 4
AMBIGUOUS = Msg(en="'{ref}' starts more than one reference: give more characters.",
                fr="« {ref} » est le début de plusieurs références : donnez plus de caractères.")


def short(ref: str) -> str:
    """A reference as tables show it: its first 8 characters."""
    return ref[:SHORT]


def by_ref(session: Session, model: type[T], column: InstrumentedAttribute[Any], ref: str, *,
           for_update: bool = False) -> T | None:
    """The row whose reference is `ref`, or the one row whose reference starts with it; None when none does, and
    `Conflict` when the prefix is not unique. `for_update`: the row locked until the transaction ends, read afresh."""
    query = select(model)
    if for_update:
        query = query.with_for_update().execution_options(populate_existing=True)
    found = _matching(session, query, column, ref)
    return None if found is None else found[0]  # the model's object, the row's one column


def row_by_ref(connection: Connection, column: Column[str], ref: str) -> Row[Any] | None:
    """`by_ref` in Core: the row of `column`'s table whose reference is `ref`, or the one that starts with it."""
    return _matching(connection, select(column.table), column, ref)


def _matching(executor: Session | Connection, query: Select[Any], column: Any, ref: str) -> Row[Any] | None:
    given = ref.strip().lower()
    exact = executor.execute(query.where(column == given)).first()
    if exact is not None or len(given) < MIN_PREFIX or len(given) >= 32:
        return exact
    if any(c not in "0123456789abcdef" for c in given):
        return None
    found = executor.execute(query.where(column.startswith(given, autoescape=True)).limit(2)).all()
    if len(found) > 1:
        raise Conflict(AMBIGUOUS, ref=ref)
    return found[0] if found else None
