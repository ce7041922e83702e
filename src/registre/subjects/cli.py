"""`registre subjects`: import data subjects into the built-in store, and look one up."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import typer
from rich.markup import escape
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from registre import labels
from registre.declarations.service import load
from registre.i18n import Lang, Msg
from registre.kit.cli import (
    ActorOption,
    JsonOption,
    context,
    err,
    out,
    parse_date,
    plain_errors,
    print_json,
    reader_lang,
)
from registre.law.calendar import PARIS
from registre.rights import flows
from registre.subjects import flows as subjects
from registre.subjects.flows import ONLY_EVENTS
from registre.subjects.service import ImportInvalid, RowProblem, SubjectFile

app = typer.Typer(help="The built-in subject store: data subjects, their personal data and lifecycle events.",
                  no_args_is_help=True)

SHOWN = 50
IMPORTED = Msg(
    en="{file}: {rows} row(s) read; {created} subject(s) created, {updated} updated; {records} record(s) added, "
       "{records_updated} changed; {events} event(s) added.",
    fr="{file} : {rows} ligne(s) lue(s) ; {created} personne(s) créée(s), {updated} mise(s) à jour ; {records} "
       "donnée(s) ajoutée(s), {records_updated} modifiée(s) ; {events} événement(s) ajouté(s).")
SKIPPED = Msg(en="{count} row(s) skipped:", fr="{count} ligne(s) écartée(s) :")
MORE = Msg(en="… and {count} more problem(s).", fr="… et {count} autre(s) problème(s).")
HINT = Msg(en="Correct them, or load the other rows with --skip-errors.",
           fr="Corrigez-les, ou chargez les autres lignes avec --skip-errors.")
CREATED = Msg(en="created {at}", fr="créée le {at}")
IDENTIFIERS = (Msg(en="Identifier", fr="Identifiant"), Msg(en="Value", fr="Valeur"))
RECORDS = (Msg(en="Activity", fr="Traitement"), Msg(en="Data category", fr="Catégorie de données"),
           Msg(en="Field", fr="Champ"), Msg(en="Value", fr="Valeur"), Msg(en="Source", fr="Source"))
EVENTS = (Msg(en="Event", fr="Événement"), Msg(en="Date (Paris)", fr="Date (Paris)"), Msg(en="Details", fr="Détails"))

HELD = Msg(en="The data of {ref} are under a legal hold.", fr="Les données de {ref} sont conservées pour un litige.")
RequiredDeclaration = typer.Option(..., "--declaration", "-d", envvar="REGISTRE_DECLARATION",
                                   help="The declaration the data belongs to: a YAML file or a folder.")
SubjectArgument = typer.Argument(..., help="A subject reference, kind:value (email:x@y.fr, phone:…) or an email.")


def print_problems(problems: list[RowProblem], lang: Lang) -> None:
    """Print the first problems of a refused file, each at its place, and how many more there are."""
    for problem in problems[:SHOWN]:
        err.print(f"  {escape(problem.text(lang))}", soft_wrap=True)
    if len(problems) > SHOWN:
        err.print(f"  {MORE(lang, count=len(problems) - SHOWN)}")


@app.command("import")
@plain_errors
def import_subjects(
    file: Path = typer.Argument(..., help="A CSV (UTF-8, header row) or JSON file of data subjects."),
    declaration: Path = RequiredDeclaration,
    skip_errors: bool = typer.Option(False, "--skip-errors", help="Load the good rows and report the bad ones."),
    actor: str = ActorOption,
    as_json: bool = JsonOption,
) -> None:
    """Import data subjects with their identifiers, personal data and events; a bad row refuses the whole file."""
    ctx = context(actor, create=True, declared=load(declaration))
    lang = ctx.lang
    columns = (TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(), TimeElapsedColumn())
    try:
        with Progress(*columns, console=err, disable=as_json) as bar:
            task = bar.add_task(escape(file.name), total=None)
            report = subjects.import_file(
                ctx, file, skip_errors=skip_errors,
                progress=lambda done, total: bar.update(task, completed=done, total=total))
    except ImportInvalid as error:
        if as_json:
            print_json(error.as_dict(lang))
        else:
            err.print(f"[bold red]{escape(error.text(lang))}[/]", soft_wrap=True)
            print_problems(error.problems, lang)
            err.print(HINT(lang))
        raise typer.Exit(1) from None
    if as_json:
        print_json(report.as_dict(lang))
        return
    out.print(f"[green]{escape(IMPORTED(lang, file=report.file, **report.counts()))}[/]", soft_wrap=True)
    if report.problems:
        err.print(f"[yellow]{SKIPPED(lang, count=report.skipped)}[/]", soft_wrap=True)
        print_problems(list(report.problems), lang)


@app.command()
@plain_errors
def show(subject: str = SubjectArgument, actor: str = ActorOption, as_json: bool = JsonOption) -> None:
    """Show what the store holds on a data subject: identifiers, personal data, lifecycle events (audited)."""
    found = subjects.show(context(actor), subject)
    if as_json:
        print_json(found.as_dict())
        return
    lang = reader_lang()
    created = found.subject.created_at.astimezone(PARIS).strftime("%Y-%m-%d")
    out.print(f"[bold]{found.subject.ref}[/]  {escape(found.subject.category or '—')}  "
              f"[dim]{CREATED(lang, at=created)}[/]")
    table = Table(*(header(lang) for header in IDENTIFIERS))
    for identifier in found.identifiers or []:
        table.add_row(identifier.kind, escape(identifier.value))
    out.print(table)
    table = Table(*(header(lang) for header in RECORDS))
    for item in found.records or []:
        source = labels.record_source(item.source, item.source_name, lang)
        table.add_row(item.activity, item.data_category, escape(item.field), escape(item.value or ""), escape(source))
    out.print(table)
    _print_events(found, lang)


@app.command()
@plain_errors
def events(subject: str = SubjectArgument, actor: str = ActorOption, as_json: bool = JsonOption) -> None:
    """List a data subject's lifecycle events, oldest first (audited)."""
    found = subjects.show(context(actor), subject, ONLY_EVENTS)
    if as_json:
        print_json(found.as_dict())
        return
    _print_events(found, reader_lang())


def _print_events(found: SubjectFile, lang: Lang) -> None:
    table = Table(*(header(lang) for header in EVENTS))
    for event in found.events or []:
        table.add_row(event.event, event.occurred_at.astimezone(PARIS).strftime("%Y-%m-%d %H:%M"),
                      escape(str(event.details)) if event.details else "")
    out.print(table)


@app.command()
@plain_errors
def death(
    who: str = typer.Argument(..., help="The person: a ref, or email:…, phone:…"),
    at: str | None = typer.Option(None, "--at", help="The date of death notified (YYYY-MM-DD; default today)."),
    output: Path | None = typer.Option(None, "-o", "--output", help="Folder for the files for the executor."),
    declaration: Path = RequiredDeclaration,
    actor: str = ActorOption,
    as_json: bool = JsonOption,
) -> None:
    """Record a death and apply the person's post-mortem directives (LIL art. 85)."""
    moment = dt.datetime.combine(parse_date(at), dt.time(12), tzinfo=PARIS)
    done = flows.notify_death(context(actor, create=True, declared=load(declaration)), who, at=moment)
    written = []
    if output is not None:
        output.mkdir(parents=True, exist_ok=True)
        for name, content in done.files.items():
            (output / name).write_bytes(content)
            written.append(str(output / name))
    if as_json:
        print_json({**done.answer, "written": written})
    else:
        out.print_json(data=done.answer)


@app.command()
@plain_errors
def hold(
    who: str = typer.Argument(..., help="The person: a ref, or email:…, phone:…"),
    reason: str = typer.Option(..., "--reason", help="The claim: a dispute, a litigation, a pre-litigation."),
    activity: str | None = typer.Option(None, "--activity", help="Only this activity's data (default: all)."),
    actor: str = ActorOption,
    as_json: bool = JsonOption,
) -> None:
    """Keep a person's data for a legal claim: erasure will keep them, restricted (Art. 17(3)(e))."""
    ref = flows.hold(context(actor, create=True), who, activity=activity, reason=reason)
    if as_json:
        print_json({"subject": ref, "activity": activity, "hold": True})
    else:
        out.print(HELD(reader_lang(), ref=ref))
