"""Staff account flows for the doors (the back office's accounts page and `registre staff`): one unit of work each,
every change audited with the acting member."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from registre.db.session import unit_of_work
from registre.staff import service
from registre.staff.policy import Policy


@dataclass(frozen=True, slots=True)
class Account:
    """An account as the accounts page shows it (never its secrets)."""

    email: str
    role: str
    active: bool
    second_factor: bool
    api_token: bool


def accounts(engine: Engine) -> list[Account]:
    """Every account, by address."""
    with unit_of_work(engine) as session:
        return [Account(m.email, m.role, m.active, m.totp_secret is not None, m.api_token_hash is not None)
                for m in service.listed(session)]


def add(engine: Engine, *, email: str, role: str, password: str, policy: Policy, actor: str) -> str:
    """Open an account; returns its address as stored."""
    with unit_of_work(engine) as session:
        return service.add(session, email=email, role=role, password=password, policy=policy, actor=actor).email


def disable(engine: Engine, email: str, *, actor: str) -> None:
    """Close an account: it can no longer sign in nor use its token (the last active DPO stays)."""
    with unit_of_work(engine) as session:
        service.disable(session, service.get(session, email), actor=actor)


def enable(engine: Engine, email: str, *, actor: str) -> None:
    """Open a closed account again."""
    with unit_of_work(engine) as session:
        service.enable(session, service.get(session, email), actor=actor)


def reset_password(engine: Engine, email: str, password: str, *, actor: str) -> None:
    """Give an account a new password; its open sessions end."""
    with unit_of_work(engine) as session:
        service.set_password(session, service.get(session, email), password, actor=actor)


def change_role(engine: Engine, email: str, role: str, *, policy: Policy, actor: str) -> None:
    """Give an account another role (the last active DPO keeps theirs)."""
    with unit_of_work(engine) as session:
        service.set_role(session, service.get(session, email), role, policy=policy, actor=actor)
