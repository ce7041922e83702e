"""What every route may ask for: the settings, the store, the declaration, and the acting staff member, whose role
the authorisation policy (registre.staff.policy) checks against the duty each route names (`acting_for`), and the
flows' context built from them (`context_for`)."""

# No `from __future__ import annotations`: the per-duty dependencies name their duty in annotations that FastAPI
# reads at run time, where a closure's variable would not resolve from a string.
import functools
import hmac
from collections.abc import Callable, Coroutine
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import Engine

from registre.config import Settings
from registre.context import Actor, Context
from registre.declarations.declared import Declared
from registre.errors import Forbidden, InvalidInput, Unauthenticated
from registre.i18n import Msg
from registre.staff import flows as staff_flows
from registre.staff.policy import DPO, Duty, Policy
from registre.web import security
from registre.web.templating import page_lang

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
    return staff_flows.acting(engine_of(request), api_token=given, session_token=cookie or "")


def signed_in(request: Request, given: str = "") -> Actor:
    """The acting staff member, or 401; also put on `request.state.staff` for the pages."""
    actor = _actor(request, given)
    if actor is None:
        raise Unauthenticated(UNAUTHENTICATED)
    request.state.staff = actor
    return actor


async def authenticated(request: Request,
                        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> Actor:
    """The acting staff member: 401 without a valid session or token; a cookie-authenticated change needs the
    page's CSRF token."""
    given = credentials.credentials if credentials else ""
    actor = signed_in(request, given)
    if not given and request.method not in ("GET", "HEAD", "OPTIONS"):
        await security.check_csrf(request)
    return actor


@functools.cache
def acting_for(duty: Duty) -> Callable[..., Coroutine[Any, Any, Actor]]:
    """The dependency of a route that needs `duty`: the acting staff member, 403 when their role lacks it (one
    function per duty, so a request authenticates once)."""

    async def allowed(request: Request, actor: Annotated[Actor, Depends(authenticated)]) -> Actor:
        if not policy_of(request).may(actor.role, duty):
            raise Forbidden(FORBIDDEN)
        return actor

    return allowed


@functools.cache
def named_for(duty: Duty) -> Callable[[Actor], str]:
    """The dependency giving the name, for the audit log, of a staff member allowed `duty`."""

    def name(actor: Annotated[Actor, Depends(acting_for(duty))]) -> str:
        return actor.name

    return name


@functools.cache
def context_for(duty: Duty) -> Callable[..., Context]:
    """The dependency giving the flows' context of a request by a staff member allowed `duty`."""

    def context(request: Request, actor: Annotated[Actor, Depends(acting_for(duty))]) -> Context:
        return page_context(request, actor)

    return context


def page_context(request: Request, actor: Actor) -> Context:
    """The flows' context of a back-office page, for the member its duty check let in."""
    return Context(engine_of(request), settings_of(request), request.app.state.declared, actor, page_lang(request))


SettingsDep = Annotated[Settings, Depends(settings_of)]
EngineDep = Annotated[Engine, Depends(engine_of)]
DeclaredDep = Annotated[Declared, Depends(declared_of)]
PolicyDep = Annotated[Policy, Depends(policy_of)]
