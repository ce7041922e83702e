"""`registre consent`: record consent given, refused or withdrawn, read a person's consents and receipts, purge."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer
from pydantic import ValidationError
from rich.table import Table

from registre import labels
from registre.consent import flows
from registre.consent.flows import Format
from registre.consent.schemas import ConsentCreate, ConsentRead, Method
from registre.declarations.schemas import Channel
from registre.errors import InvalidInput, problems_of
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
    store,
)

ACTOR = ActorOption
DECLARATION = DeclarationOption

app = typer.Typer(help="The consent ledger: consent with its proof, withdrawal, receipts.", no_args_is_help=True)

BAD_CONSENT = Msg(en="The consent is not valid: {problems}", fr="Le consentement n'est pas valide : {problems}")
RECORDED = Msg(en="Consent recorded for {subject} ({purpose}{channel}): {state}; receipt {receipt}.",
               fr="Consentement enregistré pour {subject} ({purpose}{channel}) : {state} ; reçu {receipt}.")
PURGED = Msg(en="{expired} consent(s) recorded as expired; {deleted} cookie proof(s) deleted.",
             fr="{expired} consentement(s) enregistré(s) comme expiré(s) ; {deleted} preuve(s) de choix de cookies "
                "supprimée(s).")
WOULD_PURGE = Msg(en="Dry run: {expired} consent(s) would be recorded as expired; {deleted} cookie proof(s) would "
                     "be deleted.",
                  fr="Simulation : {expired} consentement(s) seraient enregistrés comme expirés ; {deleted} preuve(s) "
                     "de choix de cookies seraient supprimée(s).")
NO_CHOICES = Msg(en="No cookie choice is kept for consent id {consent_id}.",
                 fr="Aucun choix de cookies n'est conservé pour l'identifiant de consentement {consent_id}.")
TAMPERED = Msg(en="Warning: some events no longer match their digest: the ledger was altered.",
               fr="Attention : certains événements ne correspondent plus à leur empreinte : le registre a été "
                  "modifié.")

_PURPOSE, _STATE, _RECEIPT = Msg(en="Purpose", fr="Finalité"), Msg(en="State", fr="État"), Msg(en="Receipt", fr="Reçu")
_AT = Msg(en="When (Paris)", fr="Quand (Paris)")
SHOW_HEADERS = (_PURPOSE, Msg(en="Channel", fr="Canal"), _STATE, _AT, Msg(en="How collected", fr="Recueilli par"),
                _RECEIPT)
CHOICES_HEADERS = (_AT, _PURPOSE, _STATE, Msg(en="Choice made", fr="Choix fait"), _RECEIPT)
BANNER_ACTIONS = {"accept_all": Msg(en="Accept all", fr="Tout accepter"),
                  "reject_all": Msg(en="Reject all", fr="Tout refuser"),
                  "customise": Msg(en="Customised", fr="Personnalisé")}

SUBJECT = typer.Option(..., "--subject", help="The person: a ref, or email:…, phone:…")
PURPOSE = typer.Option(..., "--purpose", help="The declared activity the consent is for.")
CHANNEL = typer.Option(None, "--channel", help="The marketing channel, if any: email, sms, phone, post, push.")
METHOD = typer.Option(Method.web_form, "--method", help="How it was collected.")
LOCATION = typer.Option(None, "--location", help="Where: the page's address, the shop, the phone line.")
WORDING = typer.Option(None, "--wording", help="The exact wording of the request the person answered.")
LANG = typer.Option("fr", "--lang", help="The language the person was asked in: fr or en.")
AGE = typer.Option(None, "--age", help="The person's age, if known; under 15 a parent consents too.")
PARENT_NAME = typer.Option(None, "--parent-name", help="The holder of parental authority who consents too.")
PARENT_CONTACT = typer.Option(None, "--parent-contact", help="How to reach that parent.")
VALID_MONTHS = typer.Option(None, "--valid-months", help="Months after which the consent lapses.")


def _record(state: str, values: dict[str, Any], declaration: Path | None, actor: str, as_json: bool) -> None:
    parent = {"name": values.pop("parent_name"), "contact": values.pop("parent_contact")} \
        if values.get("parent_name") or values.get("parent_contact") else None
    raw = {k: v for k, v in {**values, "state": state, "parent": parent}.items() if v is not None}
    try:
        consent_in = ConsentCreate.model_validate(raw)
    except ValidationError as error:
        problems = problems_of(error)
        raise InvalidInput(BAD_CONSENT, problems=problems) from None
    declared = read_declaration(declaration)
    events = flows.record(context(actor, declared=declared), consent_in)
    if as_json:
        print_json([e.model_dump(mode="json") for e in events])
        return
    main, lang = events[0], reader_lang()
    out.print(RECORDED(lang, state=labels.label(main.state, lang).lower(), subject=main.subject,
                       purpose=labels.consent_purpose(declared, main.purpose, lang),
                       channel=f", {labels.channel(main.channel, lang)}" if main.channel else "",
                       receipt=main.receipt_ref), soft_wrap=True)


@app.command()
@plain_errors
def give(subject: str = SUBJECT, purpose: str = PURPOSE, channel: Channel | None = CHANNEL, method: Method = METHOD,
         location: str | None = LOCATION, wording: str | None = WORDING, lang: str = LANG, age: int | None = AGE,
         parent_name: str | None = PARENT_NAME, parent_contact: str | None = PARENT_CONTACT,
         valid_months: int | None = VALID_MONTHS, declaration: Path | None = DECLARATION, actor: str = ACTOR,
         as_json: bool = JsonOption) -> None:
    """Record a consent given, with the wording shown, the notice version and, under 15, the parent's consent."""
    _record("given", {"subject": subject, "purpose": purpose, "channel": channel, "method": method,
                      "location": location, "wording": wording, "lang": lang, "age": age, "parent_name": parent_name,
                      "parent_contact": parent_contact, "valid_months": valid_months}, declaration, actor, as_json)


@app.command()
@plain_errors
def refuse(subject: str = SUBJECT, purpose: str = PURPOSE, channel: Channel | None = CHANNEL,
           method: Method = METHOD, location: str | None = LOCATION, wording: str | None = WORDING,
           lang: str = LANG, declaration: Path | None = DECLARATION, actor: str = ACTOR,
           as_json: bool = JsonOption) -> None:
    """Record a consent refused when asked (a soft opt-in refused at collection counts as an objection)."""
    _record("refused", {"subject": subject, "purpose": purpose, "channel": channel, "method": method,
                        "location": location, "wording": wording, "lang": lang}, declaration, actor, as_json)


@app.command()
@plain_errors
def withdraw(subject: str = SUBJECT, purpose: str = PURPOSE, channel: Channel | None = CHANNEL,
             method: Method = METHOD, location: str | None = LOCATION, lang: str = LANG,
             declaration: Path | None = DECLARATION, actor: str = ACTOR, as_json: bool = JsonOption) -> None:
    """Record a consent withdrawn: the same command as giving it, with fewer questions (Art. 7(3))."""
    _record("withdrawn", {"subject": subject, "purpose": purpose, "channel": channel, "method": method,
                          "location": location, "lang": lang}, declaration, actor, as_json)


@app.command()
@plain_errors
def show(who: str = typer.Argument(..., help="The person: a ref, or email:…, phone:…"), actor: str = ACTOR,
         declaration: Path | None = DECLARATION, as_json: bool = JsonOption) -> None:
    """A person's consents: where each purpose and channel stands, in words."""
    shown = flows.show(context(actor), who)
    if as_json:
        print_json(shown)
        return
    lang, declared = reader_lang(), optional_declaration(declaration)
    table = Table(*(h(lang) for h in SHOW_HEADERS))
    for item in shown["current"]:
        event = ConsentRead.model_validate(item)
        table.add_row(labels.consent_purpose(declared, event.purpose, lang), labels.channel(event.channel, lang),
                      labels.label(event.state, lang), labels.moment(event.at, lang),
                      labels.method(event.method, lang), event.receipt_ref)
    out.print(table)
    if not shown["intact"]:
        out.print(f"[bold red]{TAMPERED(lang)}[/]")


@app.command()
@plain_errors
def choices(consent_id: str = typer.Argument(..., help="The browser's consent id (the `id` in its registre_consent "
                                                      "cookie)."),
            declaration: Path | None = DECLARATION, as_json: bool = JsonOption) -> None:
    """The cookie-banner choices kept for one browser, oldest first, with their receipts."""
    events = flows.choices_of(store(), consent_id.strip().lower())
    if as_json:
        print_json([e.model_dump(mode="json") for e in events])
        return
    lang = reader_lang()
    if not events:
        out.print(NO_CHOICES(lang, consent_id=consent_id))
        return
    declared = optional_declaration(declaration)
    table = Table(*(h(lang) for h in CHOICES_HEADERS))
    for event in events:
        action = BANNER_ACTIONS.get((event.evidence or {}).get("action", ""))
        table.add_row(labels.moment(event.at, lang), labels.consent_purpose(declared, event.purpose, lang),
                      labels.label(event.state, lang), action(lang) if action else "—", event.receipt_ref)
    out.print(table)


@app.command()
@plain_errors
def receipt(ref: str = typer.Argument(..., help="The receipt reference."),
            kantara: bool = typer.Option(False, "--kantara", help="As a Kantara Consent Receipt v1.1."),
            declaration: Path | None = DECLARATION, actor: str = ACTOR) -> None:
    """Print the receipt of one consent act (JSON): an ISO/IEC TS 27560 record, or a Kantara CR v1.1."""
    fmt: Format = "kantara" if kantara else "iso"
    ctx = context(actor, declared=read_declaration(declaration))
    print_json(flows.receipt(ctx, ref, fmt=fmt, proof_months=ctx.settings.consent_proof_months))


@app.command()
@plain_errors
def purge(dry_run: bool = typer.Option(False, "--dry-run", help="Count only; change nothing."), actor: str = ACTOR,
          as_json: bool = JsonOption) -> None:
    """Record lapsed consents as expired and delete cookie proofs kept past REGISTRE_CONSENT_PROOF_MONTHS."""
    done = flows.purge(context(actor), dry_run=dry_run)
    if as_json:
        print_json({**done, "dry_run": dry_run})
        return
    out.print((WOULD_PURGE if dry_run else PURGED)(reader_lang(), **done))
