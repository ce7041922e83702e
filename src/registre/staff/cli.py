"""`registre staff`: the back office's accounts, their roles, second factor and API tokens."""

from __future__ import annotations

from pathlib import Path

import typer

from registre.i18n import Msg
from registre.kit.cli import ActorOption, JsonOption, context, optional_declaration, out, plain_errors, print_json
from registre.staff import flows

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


@app.command()
@plain_errors
def add(email: str = typer.Argument(..., help="The staff member's email address."),
        role: str = typer.Option(..., "--role", help="A recipient of kind internal in the declaration, or dpo."),
        password: str = PASSWORD, declaration: Path | None = DECLARATION, actor: str = ActorOption,
        as_json: bool = JsonOption) -> None:
    """Open an account for a member of staff."""
    ctx = context(actor, create=True, declared=optional_declaration(declaration))
    address = flows.add(ctx, email=email, role=role, password=password)
    if as_json:
        print_json({"email": address, "role": role})
    else:
        out.print(ADDED(ctx.lang, email=address, role=role))


@app.command("list")
@plain_errors
def list_staff(actor: str = ActorOption, as_json: bool = JsonOption) -> None:
    """The accounts, with their role and whether a second factor or an API token is set."""
    rows = [{"email": a.email, "role": a.role, "totp": a.second_factor, "api_token": a.api_token,
             "active": a.active} for a in flows.accounts(context(actor))]
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
    ctx = context(actor)
    secret = flows.enable_totp(ctx, email)
    if as_json:
        print_json({"email": secret.email, "secret": secret.value, "uri": secret.uri})
    else:
        out.print(TOTP_ON(ctx.lang, email=secret.email))
        out.print(secret.value)
        out.print(secret.uri, soft_wrap=True)


@app.command()
@plain_errors
def token(email: str = typer.Argument(..., help="The staff member's email address."),
          actor: str = ActorOption, as_json: bool = JsonOption) -> None:
    """Issue an API token (Authorization: Bearer …) that acts with the member's role."""
    ctx = context(actor)
    issued = flows.new_api_token(ctx, email)
    if as_json:
        print_json({"email": issued.email, "token": issued.value})
    else:
        out.print(TOKEN(ctx.lang, email=issued.email))
        out.print(issued.value)


@app.command()
@plain_errors
def password(email: str = typer.Argument(..., help="The staff member's email address."),
             new: str = PASSWORD, actor: str = ActorOption, as_json: bool = JsonOption) -> None:
    """Change a member's password."""
    ctx = context(actor)
    address = flows.reset_password(ctx, email, new)
    if as_json:
        print_json({"email": address})
    else:
        out.print(PASSWORD_SET(ctx.lang, email=address))


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
    ctx = context(actor)
    flows.disable(ctx, email)
    if as_json:
        print_json({"email": email, "active": False})
    else:
        out.print(DISABLED(ctx.lang, email=email))


@app.command()
@plain_errors
def enable(email: str = typer.Argument(..., help="The staff member's email address."),
           actor: str = ActorOption, as_json: bool = JsonOption) -> None:
    """Open a closed account again."""
    ctx = context(actor)
    flows.enable(ctx, email)
    if as_json:
        print_json({"email": email, "active": True})
    else:
        out.print(ENABLED(ctx.lang, email=email))


@app.command()
@plain_errors
def role(email: str = typer.Argument(..., help="The staff member's email address."),
         new: str = typer.Argument(..., metavar="ROLE", help="An internal recipient of the declaration, or dpo."),
         declaration: Path | None = DECLARATION, actor: str = ActorOption, as_json: bool = JsonOption) -> None:
    """Give an account another role (the last active DPO keeps theirs)."""
    ctx = context(actor, declared=optional_declaration(declaration))
    flows.change_role(ctx, email, new)
    if as_json:
        print_json({"email": email, "role": new})
    else:
        out.print(ROLE_SET(ctx.lang, email=email, role=new))
