"""`registre staff`: the back office's accounts, their roles, second factor and API tokens."""

from __future__ import annotations

from pathlib import Path

import typer

from registre.config import get_settings
from registre.db.session import unit_of_work
from registre.i18n import Msg
from registre.kit.cli import (
    ActorOption,
    JsonOption,
    optional_declaration,
    out,
    plain_errors,
    print_json,
    reader_lang,
    store,
)
from registre.staff import flows, service, totp
from registre.staff.policy import Policy

app = typer.Typer(help="Staff accounts of the back office: roles from the declaration, passwords, TOTP, tokens.",
                  no_args_is_help=True)

DECLARATION = typer.Option(None, "--declaration", "-d", help="The organisation's declaration (its internal "
                           "recipients are the roles).", envvar="REGISTRE_DECLARATION")
PASSWORD = typer.Option(..., prompt=True, hide_input=True, confirmation_prompt=True,
                        envvar="REGISTRE_STAFF_PASSWORD", help="The password (asked when not given).")
ADDED = Msg(en="{email} can now sign in at /staff with the role {role}.",
            fr="{email} peut maintenant se connecter sur /staff avec le rôle {role}.")
TOTP_ON = Msg(en="Second factor on for {email}. Enter this secret in an authenticator app (or the address below as a "
                 "QR code); it is shown only once:",
              fr="Second facteur activé pour {email}. Saisissez ce secret dans une application d'authentification (ou "
                 "l'adresse ci-dessous en QR code) ; il n'est affiché qu'une fois :")
TOKEN = Msg(en="API token for {email} (shown only once; the previous one no longer works):",
            fr="Jeton d'API pour {email} (affiché une seule fois ; le précédent ne fonctionne plus) :")
PASSWORD_SET = Msg(en="Password changed for {email}; their sessions are closed.",
                   fr="Mot de passe changé pour {email} ; ses sessions sont fermées.")


def _policy(path: Path | None) -> Policy:
    return Policy(optional_declaration(path), get_settings().duties)


@app.command()
@plain_errors
def add(email: str = typer.Argument(..., help="The staff member's email address."),
        role: str = typer.Option(..., "--role", help="A recipient of kind internal in the declaration, or dpo."),
        password: str = PASSWORD, declaration: Path | None = DECLARATION, actor: str = ActorOption,
        as_json: bool = JsonOption) -> None:
    """Open an account for a member of staff."""
    policy = _policy(declaration)
    with unit_of_work(store(create=True)) as session:
        member = service.add(session, email=email, role=role, password=password, policy=policy, actor=actor)
        address = member.email
    if as_json:
        print_json({"email": address, "role": role})
    else:
        out.print(ADDED(reader_lang(), email=address, role=role))


@app.command("list")
@plain_errors
def list_staff(as_json: bool = JsonOption) -> None:
    """The accounts, with their role and whether a second factor or an API token is set."""
    with unit_of_work(store()) as session:
        rows = [{"email": m.email, "role": m.role, "totp": m.totp_secret is not None,
                 "api_token": m.api_token_hash is not None, "active": m.active} for m in service.listed(session)]
    if as_json:
        print_json(rows)
        return
    for row in rows:
        flags = " ".join(name for name in ("totp", "api_token") if row[name])
        out.print(f"{row['email']}  {row['role']}  {flags}")


@app.command("totp")
@plain_errors
def enable_totp(email: str = typer.Argument(..., help="The staff member's email address."),
                actor: str = ActorOption, as_json: bool = JsonOption) -> None:
    """Turn on the second factor (TOTP, RFC 6238): sign-in then asks for the authenticator app's code."""
    with unit_of_work(store()) as session:
        member = service.get(session, email)
        secret = service.enable_totp(session, member, actor=actor)
        address = member.email
    if as_json:
        print_json({"email": address, "secret": secret, "uri": totp.uri(secret, address)})
    else:
        out.print(TOTP_ON(reader_lang(), email=address))
        out.print(secret)
        out.print(totp.uri(secret, address), soft_wrap=True)


@app.command()
@plain_errors
def token(email: str = typer.Argument(..., help="The staff member's email address."),
          actor: str = ActorOption, as_json: bool = JsonOption) -> None:
    """Issue an API token (Authorization: Bearer …) that acts with the member's role."""
    with unit_of_work(store()) as session:
        member = service.get(session, email)
        issued = service.new_api_token(session, member, actor=actor)
        address = member.email
    if as_json:
        print_json({"email": address, "token": issued})
    else:
        out.print(TOKEN(reader_lang(), email=address))
        out.print(issued)


@app.command()
@plain_errors
def password(email: str = typer.Argument(..., help="The staff member's email address."),
             new: str = PASSWORD, actor: str = ActorOption, as_json: bool = JsonOption) -> None:
    """Change a member's password."""
    with unit_of_work(store()) as session:
        member = service.get(session, email)
        service.set_password(session, member, new, actor=actor)
        address = member.email
    if as_json:
        print_json({"email": address})
    else:
        out.print(PASSWORD_SET(reader_lang(), email=address))


DISABLED = Msg(en="{email} can no longer sign in; their sessions and API token are closed.",
               fr="{email} ne peut plus se connecter ; ses sessions et son jeton d'API sont fermés.")
ENABLED = Msg(en="{email} can sign in again.", fr="{email} peut de nouveau se connecter.")
ROLE_SET = Msg(en="{email} now has the role {role}; their sessions are closed.",
               fr="{email} a maintenant le rôle {role} ; ses sessions sont fermées.")


@app.command()
@plain_errors
def disable(email: str = typer.Argument(..., help="The staff member's email address."),
            actor: str = ActorOption, as_json: bool = JsonOption) -> None:
    """Close an account (the last active DPO cannot be closed)."""
    flows.disable(store(), email, actor=actor)
    if as_json:
        print_json({"email": email, "active": False})
    else:
        out.print(DISABLED(reader_lang(), email=email))


@app.command()
@plain_errors
def enable(email: str = typer.Argument(..., help="The staff member's email address."),
           actor: str = ActorOption, as_json: bool = JsonOption) -> None:
    """Open a closed account again."""
    flows.enable(store(), email, actor=actor)
    if as_json:
        print_json({"email": email, "active": True})
    else:
        out.print(ENABLED(reader_lang(), email=email))


@app.command()
@plain_errors
def role(email: str = typer.Argument(..., help="The staff member's email address."),
         new: str = typer.Argument(..., metavar="ROLE", help="An internal recipient of the declaration, or dpo."),
         declaration: Path | None = DECLARATION, actor: str = ActorOption, as_json: bool = JsonOption) -> None:
    """Give an account another role (the last active DPO keeps theirs)."""
    flows.change_role(store(), email, new, policy=_policy(declaration), actor=actor)
    if as_json:
        print_json({"email": email, "role": new})
    else:
        out.print(ROLE_SET(reader_lang(), email=email, role=new))
