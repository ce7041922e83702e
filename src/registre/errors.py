"""The one error tree of registre.

Every error a user can cause is a `RegistreError` with a stable `code` and an HTTP `status_code`;
the doors (CLI, API, pages) turn it into a plain message, never a traceback.

    RegistreError                 400 registre_error
    ├── InvalidInput              422 invalid_input        a value given on the command line or to the API
    ├── NotFound                  404 not_found            a file, a declaration part, a record
    ├── Conflict                  409 conflict             the state forbids the action
    ├── DeclarationInvalid        422 declaration_invalid  a declaration that cannot be read or validated
    └── StoreUnavailable          503 store_unavailable    the store's database cannot be reached or opened
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from pydantic import ValidationError

from registre.i18n import Lang, Msg


@dataclass(frozen=True, slots=True)
class Place:
    """Where something is in a declaration: the file, the line and column (1-based), and the field path."""

    file: str
    line: int | None = None
    column: int | None = None
    path: tuple[str | int, ...] = ()

    @property
    def field(self) -> str:
        """The field path in dotted form, list positions in brackets: `activities[2].legal_bases`."""
        out = ""
        for part in self.path:
            out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
        return out

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return where


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in a declaration, in both languages."""

    place: Place
    message: Msg
    params: dict[str, Any] = field(default_factory=dict)

    def text(self, lang: Lang) -> str:
        """The problem in plain words."""
        return self.message(lang, **self.params)

    def as_dict(self, lang: Lang) -> dict[str, Any]:
        """The problem as JSON-ready data."""
        return {
            "file": self.place.file,
            "line": self.place.line,
            "column": self.place.column,
            "field": self.place.field,
            "message": self.text(lang),
        }


class RegistreError(Exception):
    """The root of every error a user can cause."""

    code: ClassVar[str] = "registre_error"
    status_code: ClassVar[int] = 400

    def __init__(self, message: Msg, /, **params: Any) -> None:
        self.message = message
        self.params = params
        super().__init__(message("en", **params))

    def text(self, lang: Lang) -> str:
        """The error in plain words."""
        return self.message(lang, **self.params)

    def as_dict(self, lang: Lang) -> dict[str, Any]:
        """The error as JSON-ready data."""
        return {"error": self.code, "detail": self.text(lang)}


class InvalidInput(RegistreError):
    """A value given by the user does not fit."""

    code = "invalid_input"
    status_code = 422


class NotFound(RegistreError):
    """Something asked for does not exist."""

    code = "not_found"
    status_code = 404


class Conflict(RegistreError):
    """The current state forbids the action."""

    code = "conflict"
    status_code = 409


DECLARATION_INVALID = Msg(
    en="The declaration has {count} problem(s).",
    fr="La déclaration comporte {count} problème(s).",
)


class DeclarationInvalid(RegistreError):
    """A declaration that cannot be read or does not validate; `problems` says each thing wrong and where."""

    code = "declaration_invalid"
    status_code = 422

    def __init__(self, problems: list[Problem], message: Msg = DECLARATION_INVALID, **params: Any) -> None:
        self.problems = problems
        super().__init__(message, count=len(problems), **params)

    def as_dict(self, lang: Lang) -> dict[str, Any]:
        """The error and each of its problems as JSON-ready data."""
        return {**super().as_dict(lang), "problems": [p.as_dict(lang) for p in self.problems]}


class StoreUnavailable(RegistreError):
    """The store's database cannot be reached or opened (a wrong URL, a server down, a file not writable)."""

    code = "store_unavailable"
    status_code = 503


class StoreBehind(RegistreError):
    """The store's schema is older than this version of registre needs: `registre db upgrade` brings it up."""

    code = "store_behind"
    status_code = 503


def problems_of(error: ValidationError) -> str:
    """A validation error's problems on one line, each with the field it concerns: `kind: Input should be …`."""
    return "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors(include_url=False))


class Unauthenticated(RegistreError):
    """No valid staff session or token."""

    code = "unauthenticated"
    status_code = 401


class Forbidden(RegistreError):
    """A signed-in staff member whose role does not allow this."""

    code = "forbidden"
    status_code = 403
