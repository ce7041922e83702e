"""`registre requests`: file, follow and answer rights requests at the command line."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer
from pydantic import ValidationError
from rich.markup import escape

from registre import labels
from registre.config import get_settings
from registre.db.refs import short
from registre.errors import InvalidInput, NotFound, problems_of
from registre.i18n import Msg
from registre.kit.cli import (
    ActorOption,
    DeclarationOption,
    JsonOption,
    context,
    optional_declaration,
    out,
    plain_errors,
    print_json,
    read_declaration,
    reader_lang,
)
from registre.kit.limits import INT32_MAX
from registre.kit.paging import MAX_LIMIT
from registre.rights import queries
from registre.rights.schemas import Channel, RequestCreate, RequestKind, RequestRead, Status

if TYPE_CHECKING:
    from registre.rights.flows import Result

# The flows that act (and the vault) are imported by the commands that use them: reading a request (`show`, `list`)
# needs only `queries`, and so starts without importing the connectors, the letters and the declaration's loader.

app = typer.Typer(help="Rights requests: access, rectification, erasure, restriction, objection, portability…",
                  no_args_is_help=True)

PURGED = Msg(en="{count} answer package(s) past their time deleted.",
             fr="{count} dossier(s) de réponse arrivé(s) à échéance supprimé(s).")
BAD_REQUEST = Msg(en="The request is not valid: {problems}", fr="La demande n'est pas valide : {problems}")
BAD_CHANGE = Msg(en="'{value}' is not a change: write field=value.", fr="« {value} » n'est pas une modification : "
                 "écrivez champ=valeur.")
MORE = Msg(en="{more} more request(s) of {total}: add --offset {offset}.",
           fr="{more} demande(s) de plus sur {total} : ajoutez --offset {offset}.")
FILED = Msg(en="Request {ref} ({kind}) recorded; answer due by {deadline}.",
            fr="Demande {ref} ({kind}) enregistrée ; réponse due au plus tard le {deadline}.")
STATE = Msg(en="Request {ref}: {status}; strict deadline {strict}, paused deadline {paused}, {days} day(s) left.",
            fr="Demande {ref} : {status} ; échéance stricte {strict}, échéance suspendue {paused}, {days} jour(s) "
               "restant(s).")
CLOSED_STATE = Msg(en="Request {ref}: {status}; strict deadline {strict}, paused deadline {paused}.",
                   fr="Demande {ref} : {status} ; échéance stricte {strict}, échéance suspendue {paused}.")
WROTE = Msg(en="Wrote {path}.", fr="Fichier écrit : {path}.")
SENT = Msg(en="Mail: {where}.", fr="Courrier : {where}.")
UNSENT = Msg(en="Not sent (the request is saved; send it again by hand): {why}.",
             fr="Non envoyé (la demande est enregistrée ; renvoyez-le à la main) : {why}.")
LIFTED = Msg(en="The restriction of {who} is lifted.", fr="La limitation de {who} est levée.")
PENDING = Msg(en="pending", fr="en attente")
ACTOR = ActorOption
DECLARATION = DeclarationOption

KEPT = Msg(en="The answer's files are kept encrypted until {until}: `registre requests package {ref} -o FOLDER` "
              "writes them out.",
           fr="Les fichiers de la réponse sont conservés chiffrés jusqu'au {until} : `registre requests package {ref} "
              "-o DOSSIER` les écrit.")
NO_PACKAGE = Msg(en="No files are kept for request {ref}: none were made, or their time is up.",
                 fr="Aucun fichier n'est conservé pour la demande {ref} : aucun n'a été produit, ou leur délai est "
                    "passé.")

def _report(result: Result, as_json: bool, output: Path | None = None) -> None:
    lang = reader_lang()
    written = []
    if output is not None and result.files:
        output.mkdir(parents=True, exist_ok=True)
        for name, content in result.files.items():
            (output / name).write_bytes(content)
            written.append(str(output / name))
    if as_json:
        print_json({**result.as_dict(), "written": written})
        return
    _state(result.request)
    for path in written:
        out.print(WROTE(lang, path=path))
    if result.files and result.kept_until is not None:
        out.print(KEPT(lang, ref=result.request.ref, until=labels.day(result.kept_until, lang)), soft_wrap=True)
    for where in result.sent:
        out.print(SENT(lang, where=where))
    for why in result.unsent:
        out.print(f"[yellow]{UNSENT(lang, why=why)}[/]")


def _state(request: RequestRead) -> None:
    lang = reader_lang()
    state = STATE if request.pending else CLOSED_STATE  # days left mean nothing once it is answered or refused
    out.print(state(lang, ref=request.ref, status=labels.label(request.status, lang),
                    strict=labels.day(request.strict_deadline, lang),
                    paused=labels.day(request.paused_deadline, lang) if request.paused_deadline else PENDING(lang),
                    days=request.days_left))


FACTS = {"kind": Msg(en="Right", fr="Droit"), "channel": Msg(en="Received by", fr="Reçue par"),
         "received": Msg(en="Received", fr="Reçue le"), "subject": Msg(en="Person", fr="Personne"),
         "requester": Msg(en="Requester", fr="Demandeur"), "outcome": Msg(en="Outcome", fr="Issue"),
         "reasons": Msg(en="Reasons for refusal", fr="Motifs du refus")}
LIST_HEADERS = (Msg(en="Ref.", fr="Réf."), Msg(en="Right", fr="Droit"), Msg(en="Status", fr="État"),
                Msg(en="Received", fr="Reçue le"), Msg(en="Strict deadline", fr="Échéance stricte"),
                Msg(en="Paused deadline", fr="Échéance suspendue"), Msg(en="Days left", fr="Jours restants"))

@app.command()
@plain_errors
def new(
    kind: RequestKind = typer.Option(..., "--kind", help="The right exercised."),
    channel: Channel = typer.Option(..., "--channel", help="Where the request arrived."),
    subject: str | None = typer.Option(None, "--subject", help="The person: a ref, or email:…, phone:…"),
    name: str | None = typer.Option(None, "--name", help="The requester's name."),
    email: str | None = typer.Option(None, "--email", help="Where to answer by email."),
    address: str | None = typer.Option(None, "--address", help="Where to answer by post."),
    received_at: str | None = typer.Option(None, "--received-at",
                                           help="When it reached the channel (ISO date-time with zone; default now)."),
    lang: str = typer.Option("fr", "--lang", help="Language of the answers: fr or en."),
    activity: list[str] = typer.Option([], "--activity", help="An activity concerned (repeatable)."),
    objection: str | None = typer.Option(None, "--objection", help="direct_marketing, profiling or processing."),
    change: list[str] = typer.Option([], "--change", help="Rectification: field=value (repeatable)."),
    ground: str | None = typer.Option(None, "--ground", help="Restriction: the ground given."),
    directives: str | None = typer.Option(None, "--directives", help="Post-mortem directives."),
    executor: str | None = typer.Option(None, "--executor", help="Who the directives designate."),
    directive_action: str | None = typer.Option(None, "--directive-action",
                                                help="On death: keep, erase or communicate (to the executor)."),
    declaration: Path | None = DECLARATION,
    actor: str = ACTOR,
    as_json: bool = JsonOption,
) -> None:
    """Record a request as received, compute its deadline and acknowledge it."""
    changes = []
    for item in change:
        if "=" not in item:
            raise InvalidInput(BAD_CHANGE, value=item)
        field, value = item.split("=", 1)
        changes.append({"field": field.strip(), "value": value})
    raw = {"kind": kind, "channel": channel, "subject": subject, "lang": lang, "received_at": received_at,
           "requester": {k: v for k, v in {"name": name, "email": email, "address": address}.items() if v},
           "details": {k: v for k, v in {"activities": activity, "objection": objection, "changes": changes,
                                         "ground": ground, "directives": directives, "executor": executor,
                                         "directive_action": directive_action}.items()
                       if v}}
    try:
        request_in = RequestCreate.model_validate({k: v for k, v in raw.items() if v is not None})
    except ValidationError as error:
        problems = problems_of(error)
        raise InvalidInput(BAD_REQUEST, problems=problems) from None
    ctx = context(actor, create=True, declared=optional_declaration(declaration))
    from registre.rights import flows

    result = flows.file_request(ctx, request_in)
    if not as_json:
        lang = reader_lang()
        out.print(FILED(lang, ref=result.request.ref, kind=labels.label(kind, lang),
                        deadline=labels.day(result.request.strict_deadline, lang)))
    _report(result, as_json)


@app.command("list")
@plain_errors
def list_command(
    status: Status | None = typer.Option(None, "--status", help="Only requests in this state."),
    limit: int = typer.Option(MAX_LIMIT, "--limit", min=1, max=MAX_LIMIT, help="At most this many requests."),
    offset: int = typer.Option(0, "--offset", min=0, max=INT32_MAX, help="Skip this many requests first."),
    actor: str = ACTOR,
    as_json: bool = JsonOption,
) -> None:
    """List requests, the late and nearest deadlines first (a page, with the total)."""
    page = queries.list_requests(context(actor), status, limit=limit, offset=offset)
    shown = page.items
    if as_json:
        print_json(page.model_dump(mode="json"))
        return
    lang = reader_lang()
    from rich.table import Table  # `show` has no table to draw

    table = Table(*(h(lang) for h in LIST_HEADERS))
    for r in shown:
        strict = labels.day(r.strict_deadline, lang)
        table.add_row(short(r.ref), labels.label(r.kind, lang), labels.label(r.status, lang),
                      labels.day(r.received_at, lang), f"[red]{strict}[/]" if r.late else strict,
                      labels.day(r.paused_deadline, lang), str(r.days_left))
    out.print(table)
    if page.more:
        out.print(MORE(lang, more=page.more, total=page.total, offset=page.next_offset))


@app.command()
@plain_errors
def show(ref: str = typer.Argument(..., help="The request's reference."), actor: str = ACTOR,
         as_json: bool = JsonOption) -> None:
    """Show one request, its deadlines and its answer."""
    request = queries.show(context(actor), ref)
    if as_json:
        print_json(request.model_dump(mode="json"))
        return
    lang = reader_lang()
    facts = {"kind": labels.label(request.kind, lang), "channel": labels.label(request.channel, lang),
             "received": labels.moment(request.received_at, lang), "subject": request.subject or "—",
             "requester": ", ".join(f"{labels.word(k, lang)} {v}" for k, v in request.requester.items() if v) or "—",
             "outcome": labels.label(request.outcome, lang) if request.outcome else "—"}
    if request.refusal_reasons:
        facts["reasons"] = request.refusal_reasons
    colon = " :" if lang == "fr" else ":"
    for key, value in facts.items():
        out.print(f"{FACTS[key](lang)}{colon} {escape(value)}", soft_wrap=True)
    _state(request)


@app.command()
@plain_errors
def verify(
    ref: str = typer.Argument(..., help="The request's reference."),
    ask: bool = typer.Option(False, "--ask", help="Send a code to the address already known (reasonable doubt)."),
    code: str | None = typer.Option(None, "--code", help="The code the person gave back."),
    id_checked: bool = typer.Option(False, "--id-checked", help="Staff checked an ID; no copy is kept."),
    actor: str = ACTOR,
    as_json: bool = JsonOption,
) -> None:
    """Ask for or record the person's identity."""
    from registre.rights import flows

    _report(flows.verify_identity(context(actor), ref, ask=ask, code=code,
                                  id_checked=id_checked), as_json)


@app.command()
@plain_errors
def extend(
    ref: str = typer.Argument(..., help="The request's reference."),
    reasons: str = typer.Option(..., "--reasons", help="Why more time is needed (complexity, number of requests)."),
    declaration: Path | None = DECLARATION,
    actor: str = ACTOR,
    as_json: bool = JsonOption,
) -> None:
    """Extend by two further months, once, before the first deadline, telling the person why."""
    from registre.rights import flows

    _report(flows.extend(context(actor, declared=optional_declaration(declaration)), ref, reasons=reasons), as_json)


@app.command()
@plain_errors
def complete(
    ref: str = typer.Argument(..., help="The request's reference."),
    output: Path | None = typer.Option(None, "-o", "--output", help="Folder for the files sent to the person."),
    declaration: Path | None = DECLARATION,
    actor: str = ACTOR,
    as_json: bool = JsonOption,
) -> None:
    """Do what the request asks on the store and send the answer."""
    from registre.rights import flows

    _report(flows.complete(context(actor, declared=read_declaration(declaration)), ref), as_json, output)


@app.command()
@plain_errors
def package(
    ref: str = typer.Argument(..., help="The request's reference."),
    output: Path = typer.Option(..., "-o", "--output", help="Folder to write the answer's files to."),
    actor: str = ACTOR,
    as_json: bool = JsonOption,
) -> None:
    """Write the files of a request's answer (kept encrypted until they expire) to a folder; the read is audited."""
    from registre.rights import flows

    files = flows.package(context(actor), ref)
    if not files:
        raise NotFound(NO_PACKAGE, ref=ref)
    output.mkdir(parents=True, exist_ok=True)
    written = []
    for name, content in files.items():
        (output / name).write_bytes(content)
        written.append(str((output / name).resolve()))
    if as_json:
        print_json({"ref": ref, "written": written})
        return
    for path in written:
        out.print(WROTE(reader_lang(), path=path), soft_wrap=True)


@app.command()
@plain_errors
def refuse(
    ref: str = typer.Argument(..., help="The request's reference."),
    reasons: str = typer.Option(..., "--reasons", help="Why, in words the person will read."),
    partial: bool = typer.Option(False, "--partial", help="Refuse only part of the request."),
    fee_cents: int | None = typer.Option(None, "--fee-cents", min=0, max=INT32_MAX,
                                         help="A fee for further copies, in cents."),
    excessive: bool = typer.Option(False, "--excessive", help="Refused as manifestly excessive (Art. 12(5))."),
    declaration: Path | None = DECLARATION,
    actor: str = ACTOR,
    as_json: bool = JsonOption,
) -> None:
    """Refuse, wholly or partly, with reasons and the person's remedies."""
    from registre.rights import flows

    _report(flows.refuse(context(actor, declared=optional_declaration(declaration)), ref, reasons=reasons,
                         partial=partial, fee_cents=fee_cents, excessive=excessive), as_json)


@app.command("lift-restriction")
@plain_errors
def lift_restriction(
    who: str = typer.Argument(..., help="The person: a ref, or email:…, phone:…"),
    activity: str | None = typer.Option(None, "--activity", help="Only this activity's restriction."),
    declaration: Path | None = DECLARATION,
    actor: str = ACTOR,
    as_json: bool = JsonOption,
) -> None:
    """Tell the person, then lift their restriction of processing (Art. 18(3))."""
    from registre.rights import flows

    sent = flows.lift_restriction(context(actor, create=True, declared=optional_declaration(declaration)), who,
                                  activity=activity, lang=reader_lang())
    if as_json:
        print_json({"lifted": True, "sent": sent})
    else:
        for where in sent:
            out.print(SENT(reader_lang(), where=where))
        out.print(LIFTED(reader_lang(), who=who))


@app.command("purge-packages")
@plain_errors
def purge_packages(as_json: bool = JsonOption) -> None:
    """Delete the answer packages the privacy center keeps for download once their time is up (run it daily)."""
    from registre.rights import vault

    gone = vault.purge(get_settings())
    if as_json:
        print_json({"purged": gone})
    else:
        out.print(PURGED(reader_lang(), count=gone))
