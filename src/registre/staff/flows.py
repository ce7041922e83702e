"""Staff flows for the doors (the back office's sign-in and accounts pages, the API's authentication and
`registre staff`): one unit of work each, every change audited with the acting member."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from registre.context import Actor, Context
from registre.db.session import unit_of_work
from registre.staff import service, totp


@dataclass(frozen=True, slots=True)
class Account:
    """An account as the accounts page shows it (never its secrets)."""

    email: str
    role: str
    active: bool
    second_factor: bool
    api_token: bool


@dataclass(frozen=True, slots=True)
class Secret:
    """A secret shown once to the account's owner: a TOTP secret (with its otpauth address) or an API token."""

    email: str
    value: str
    uri: str | None = None


@dataclass(frozen=True, slots=True)
class SignedIn:
    """A session opened by a good password: the cookie's value, and whether it still waits for the TOTP code."""

    token: str
    needs_code: bool


def acting(engine: Engine, *, api_token: str = "", session_token: str = "") -> Actor | None:
    """The active member holding this API token (else, this live session's cookie), as who acts with which role."""
    with unit_of_work(engine) as session:
        member = (service.by_api_token(session, api_token) if api_token
                  else service.by_session(session, session_token))
        return Actor(f"staff:{member.email}", member.role) if member else None


def sign_in(engine: Engine, *, email: str, password: str, hours: int) -> SignedIn | None:
    """Check a password and open a session for `hours`; None when refused (the failure is audited)."""
    with unit_of_work(engine) as session:
        signed = service.sign_in(session, email=email, password=password, hours=hours)
        return None if signed is None else SignedIn(signed[1], signed[0].totp_secret is not None)


def waiting_for_code(engine: Engine, session_token: str) -> bool:
    """Whether this cookie's session waits for its TOTP code."""
    with unit_of_work(engine) as session:
        return service.waiting_for_code(session, session_token)


def second_factor(engine: Engine, session_token: str, code: str) -> bool:
    """Accept the TOTP code of a session waiting for it; False when wrong (audited)."""
    with unit_of_work(engine) as session:
        return service.second_factor(session, session_token, code) is not None


def sign_out(engine: Engine, session_token: str) -> None:
    """End the session of this cookie."""
    with unit_of_work(engine) as session:
        service.sign_out(session, session_token)


def accounts(ctx: Context) -> list[Account]:
    """Every account, by address."""
    with unit_of_work(ctx.engine) as session:
        return [Account(m.email, m.role, m.active, m.totp_secret is not None, m.api_token_hash is not None)
                for m in service.listed(session)]


def add(ctx: Context, *, email: str, role: str, password: str) -> str:
    """Open an account; returns its address as stored."""
    with unit_of_work(ctx.engine) as session:
        return service.add(session, email=email, role=role, password=password, policy=ctx.policy,
                           actor=ctx.actor.name).email


def enable_totp(ctx: Context, email: str) -> Secret:
    """Turn on an account's second factor: its new secret, shown once."""
    with unit_of_work(ctx.engine) as session:
        member = service.get(session, email)
        secret = service.enable_totp(session, member, actor=ctx.actor.name)
        return Secret(member.email, secret, totp.uri(secret, member.email))


def new_api_token(ctx: Context, email: str) -> Secret:
    """Issue an account a new API token (the previous one stops working), shown once."""
    with unit_of_work(ctx.engine) as session:
        member = service.get(session, email)
        return Secret(member.email, service.new_api_token(session, member, actor=ctx.actor.name))


def disable(ctx: Context, email: str) -> None:
    """Close an account: it can no longer sign in nor use its token (the last active DPO stays)."""
    with unit_of_work(ctx.engine) as session:
        service.disable(session, service.get(session, email), actor=ctx.actor.name)


def enable(ctx: Context, email: str) -> None:
    """Open a closed account again."""
    with unit_of_work(ctx.engine) as session:
        service.enable(session, service.get(session, email), actor=ctx.actor.name)


def reset_password(ctx: Context, email: str, password: str) -> str:
    """Give an account a new password; its open sessions end. Returns its address as stored."""
    with unit_of_work(ctx.engine) as session:
        member = service.get(session, email)
        service.set_password(session, member, password, actor=ctx.actor.name)
        return member.email


def change_role(ctx: Context, email: str, role: str) -> None:
    """Give an account another role (the last active DPO keeps theirs)."""
    with unit_of_work(ctx.engine) as session:
        service.set_role(session, service.get(session, email), role, policy=ctx.policy, actor=ctx.actor.name)
