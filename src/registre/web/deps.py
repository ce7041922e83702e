"""What every route may ask for: the settings, the store, the declaration, and the acting staff member, whose role
the authorisation policy (registre.staff.policy) checks against the route."""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import Engine

from registre.config import Settings
from registre.db.session import unit_of_work
from registre.declarations.declared import Declared
from registre.errors import InvalidInput
from registre.i18n import Msg
from registre.staff import service as staff_service
from registre.staff.policy import DPO, Policy, duty_of
from registre.staff.service import Forbidden, Unauthenticated
from registre.web import security

UNAUTHENTICATED = Msg(en="Sign in, or give a valid staff token (Authorization: Bearer …).",
                      fr="Connectez-vous, ou donnez un jeton du personnel valide (Authorization: Bearer …).")
FORBIDDEN = Msg(en="Your role does not allow this.", fr="Votre rôle ne le permet pas.")
NO_DECLARATION = Msg(en="The server has no declaration: set REGISTRE_DECLARATION.",
                     fr="Le serveur n'a pas de déclaration : définissez REGISTRE_DECLARATION.")


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


@dataclass(frozen=True, slots=True)
class Actor:
    """Who acts: their name in the audit log, and their role."""

    name: str
    role: str


def policy_of(request: Request) -> Policy:
    """The authorisation policy of the app's declaration and settings."""
    return Policy(request.app.state.declared, settings_of(request).duties)


def _actor(request: Request, given: str) -> Actor | None:
    """The DPO's token from the settings, a staff member's API token, or their session cookie."""
    token = settings_of(request).api_token
    if given and token is not None and hmac.compare_digest(given.encode(), token.get_secret_value().encode()):
        return Actor("api", DPO)
    cookie = request.cookies.get(security.SESSION_COOKIE)
    if not given and not cookie:
        return None
    with unit_of_work(engine_of(request)) as session:
        if given:
            member = staff_service.by_api_token(session, given)
        else:
            member = staff_service.by_session(session, cookie or "")
        return Actor(f"staff:{member.email}", member.role) if member else None


def signed_in(request: Request, given: str = "") -> Actor:
    """The acting staff member, or 401; also put on `request.state.staff` for the pages."""
    actor = _actor(request, given)
    if actor is None:
        raise Unauthenticated(UNAUTHENTICATED)
    request.state.staff = actor
    return actor


async def staff_actor(request: Request,
                      credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> Actor:
    """The acting staff member, allowed by their role to use this API route: 401 without a valid session or token,
    403 when the role lacks the route's duty; a cookie-authenticated change needs the page's CSRF token."""
    given = credentials.credentials if credentials else ""
    actor = signed_in(request, given)
    if not given and request.method not in ("GET", "HEAD", "OPTIONS"):
        await security.check_csrf(request)
    if not policy_of(request).may(actor.role, duty_of(request.url.path)):
        raise Forbidden(FORBIDDEN)
    return actor


def staff(actor: Annotated[Actor, Depends(staff_actor)]) -> str:
    """The acting staff member's name for the audit log: nothing personal answers without a valid token."""
    return actor.name


SettingsDep = Annotated[Settings, Depends(settings_of)]
EngineDep = Annotated[Engine, Depends(engine_of)]
DeclaredDep = Annotated[Declared, Depends(declared_of)]
Staff = Annotated[str, Depends(staff)]
StaffActor = Annotated[Actor, Depends(staff_actor)]
PolicyDep = Annotated[Policy, Depends(policy_of)]
