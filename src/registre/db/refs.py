"""References as people type them: the whole 32-hex reference, or a unique prefix of it (at least 4 characters),
as the CLI's tables and the pages show them short (8 characters)."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import InstrumentedAttribute, Session

from registre.errors import Conflict
from registre.i18n import Msg

T = TypeVar("T")
SHORT = 8
MIN_PREFIX = 4
AMBIGUOUS = Msg(en="'{ref}' starts more than one reference: give more characters.",
                fr="« {ref} » est le début de plusieurs références : donnez plus de caractères.")


def short(ref: str) -> str:
    """A reference as tables show it: its first 8 characters."""
    return ref[:SHORT]


def by_ref(session: Session, model: type[T], column: InstrumentedAttribute[Any], ref: str) -> T | None:
    """The row whose reference is `ref`, or the one row whose reference starts with it; None when none does, and
    `Conflict` when the prefix is not unique."""
    given = ref.strip().lower()
    exact = session.scalar(select(model).where(column == given))
    if exact is not None or len(given) < MIN_PREFIX or len(given) >= 32:
        return exact
    if any(c not in "0123456789abcdef" for c in given):
        return None
    found = list(session.scalars(select(model).where(column.startswith(given, autoescape=True)).limit(2)))
    if len(found) > 1:
        raise Conflict(AMBIGUOUS, ref=ref)
    return found[0] if found else None
