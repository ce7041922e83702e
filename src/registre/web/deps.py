"""What every route may ask for: the settings, the store, the declaration, and a staff token."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import Engine

from registre.config import Settings
from registre.declarations.declared import Declared
from registre.errors import InvalidInput, RegistreError
from registre.i18n import Msg

UNAUTHENTICATED = Msg(en="A valid staff token is needed (Authorization: Bearer …).",
                      fr="Un jeton du personnel valide est nécessaire (Authorization: Bearer …).")
NO_DECLARATION = Msg(en="The server has no declaration: set REGISTRE_DECLARATION.",
                     fr="Le serveur n'a pas de déclaration : définissez REGISTRE_DECLARATION.")


class Unauthenticated(RegistreError):
    """No valid staff token."""

    code = "unauthenticated"
    status_code = 401


def settings_of(request: Request) -> Settings:
    """The settings the app was built with."""
    settings: Settings = request.app.state.settings
    return settings


def engine_of(request: Request) -> Engine:
    """The store's engine, built when the app started."""
    engine: Engine = request.app.state.engine
    return engine


def declared_of(request: Request) -> Declared:
    """The organisation's declaration, loaded when the app started."""
    declared: Declared | None = request.app.state.declared
    if declared is None:
        raise InvalidInput(NO_DECLARATION)
    return declared


_bearer = HTTPBearer(auto_error=False)


def staff(request: Request,
          credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> str:
    """The acting staff member: nothing personal answers without a valid token."""
    token = settings_of(request).api_token
    given = credentials.credentials if credentials else ""
    if token is None or not hmac.compare_digest(given.encode(), token.get_secret_value().encode()):
        raise Unauthenticated(UNAUTHENTICATED)
    return "api"


SettingsDep = Annotated[Settings, Depends(settings_of)]
EngineDep = Annotated[Engine, Depends(engine_of)]
DeclaredDep = Annotated[Declared, Depends(declared_of)]
Staff = Annotated[str, Depends(staff)]
