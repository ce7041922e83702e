"""`registre marketing`: who may be contacted on a channel, the Bloctel list, unsubscribe links."""

from __future__ import annotations

import csv
from pathlib import Path

import typer
from rich.table import Table

from registre import labels
from registre.declarations.schemas import Channel
from registre.errors import NotFound
from registre.i18n import Msg
from registre.kit.cli import (
    ActorOption,
    DeclarationOption,
    JsonOption,
    context,
    out,
    parse_date,
    plain_errors,
    print_json,
    read_declaration,
    reader_lang,
)
from registre.marketing import flows
from registre.marketing.reasons import TEXTS

ACTOR = ActorOption
DECLARATION = DeclarationOption

app = typer.Typer(help="Direct marketing: eligibility per channel, the Bloctel list, unsubscribe links.",
                  no_args_is_help=True)

NO_FOLDER = Msg(en="No folder {path} to write the decisions into.", fr="Aucun dossier {path} où écrire les décisions.")
NO_AUDIENCE = Msg(en="No audience file at {path}.", fr="Aucun fichier d'audience à l'emplacement {path}.")
SUMMARY = Msg(en="{eligible} of {total} may be contacted by {channel} for '{purpose}' on {at}.",
              fr="{eligible} sur {total} peuvent être contactées par {channel} pour « {purpose} » le {at}.")
WROTE = Msg(en="Wrote {path}.", fr="Fichier écrit : {path}.")
IMPORTED = Msg(en="Bloctel list imported: {numbers} number(s), {skipped} line(s) skipped.",
               fr="Liste Bloctel importée : {numbers} numéro(s), {skipped} ligne(s) ignorée(s).")


@app.command()
@plain_errors
def eligible(
    channel: Channel = typer.Option(..., "--channel", help="email, sms, phone, post or push."),
    purpose: str = typer.Option(..., "--purpose", help="The declared activity the campaign serves."),
    audience: Path | None = typer.Option(None, "--audience", help="A file of people, one a line: a ref, "
                                         "email:…, phone:…, or an email; default: everyone in the store."),
    at: str | None = typer.Option(None, "--at", help="The day of the campaign (YYYY-MM-DD); default today."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write every decision to this CSV file."),
    declaration: Path | None = DECLARATION,
    actor: str = ACTOR,
    as_json: bool = JsonOption,
) -> None:
    """Who may be contacted on a channel for a purpose, and for everyone else the reason."""
    lines = None
    if audience is not None:
        if not audience.is_file():
            raise NotFound(NO_AUDIENCE, path=str(audience))
        lines = [line for line in audience.read_text(encoding="utf-8-sig").splitlines() if line.strip()]
    day = parse_date(at)
    if output is not None and not output.parent.is_dir():  # before the decision, which is audited
        raise NotFound(NO_FOLDER, path=str(output.parent))
    declared = read_declaration(declaration)
    answer = flows.eligible(context(actor, declared=declared), channel=channel, purpose=purpose, at=day,
                            audience=lines)
    lang = reader_lang()
    if output is not None:
        with output.open("w", newline="", encoding="utf-8") as stream:
            writer = csv.writer(stream)
            writer.writerow(["who", "subject", "eligible", "code", "reason"])
            for d in answer.decisions:
                writer.writerow([d.who, d.subject or "", "yes" if d.eligible else "no", d.code, TEXTS[d.code](lang)])
    if as_json:
        print_json(answer.as_dict(lang))
        return
    shown = answer.as_dict(lang)
    out.print(SUMMARY(lang, eligible=shown["eligible"], total=shown["total"], channel=labels.label(channel, lang),
                      purpose=labels.activity(declared, purpose, lang), at=labels.day(day, lang)))
    table = Table("code", "people", "reason")
    for code, count in shown["counts"].items():
        table.add_row(code, str(count), TEXTS[code](lang))
    out.print(table)
    for warning in shown["warnings"]:
        out.print(f"[yellow]{warning}[/]")
    if output is not None:
        out.print(WROTE(lang, path=str(output)))


@app.command()
@plain_errors
def bloctel(
    file: Path = typer.Argument(..., help="The list Bloctel returned: one number a line, or a CSV's first column."),
    at: str | None = typer.Option(None, "--at", help="When Bloctel returned the list, to bring past lists in order "
                                                     "(YYYY-MM-DD or YYYY-MM-DDTHH:MM, Paris time; default now)."),
    actor: str = ACTOR,
    as_json: bool = JsonOption,
) -> None:
    """Import the Bloctel opposition list: the list in force from then on; the earlier ones are kept (check it at
    least monthly)."""
    done = flows.import_bloctel(context(actor, create=True), file, at=at)
    if as_json:
        print_json(done)
        return
    out.print(IMPORTED(reader_lang(), **done))


@app.command("unsubscribe-link")
@plain_errors
def unsubscribe_link(
    subject: str = typer.Option(..., "--subject", help="The person: a ref, or email:…, phone:…"),
    purpose: str = typer.Option(..., "--purpose", help="The declared activity the messages serve."),
    channel: Channel = typer.Option(Channel.email, "--channel", help="The channel the link stops."),
    declaration: Path | None = DECLARATION,
    actor: str = ACTOR,
    as_json: bool = JsonOption,
) -> None:
    """A signed one-click unsubscribe link and its List-Unsubscribe headers (RFC 8058), for a mailing tool."""
    ctx = context(actor, declared=read_declaration(declaration))
    done = flows.unsubscribe_link(ctx, ctx.settings.public_url, who=subject, purpose=purpose, channel=channel)
    if as_json:
        print_json(done)
        return
    out.print(done["url"], soft_wrap=True)
    for name, value in done["headers"].items():
        out.print(f"{name}: {value}", soft_wrap=True)
