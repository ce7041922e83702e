"""`registre history`: import the dated history of people already in the store."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

from registre.history import flows
from registre.history.schemas import KIND_LABELS, Kind
from registre.history.service import ImportInvalid
from registre.i18n import Msg
from registre.kit.cli import (
    ActorOption,
    DeclarationOption,
    JsonOption,
    context,
    err,
    out,
    plain_errors,
    print_json,
    read_declaration,
    reader_lang,
)
from registre.subjects.cli import print_problems

app = typer.Typer(help="Dated history: consent, STOP, objections, restrictions and lifecycle events, with their dates.",
                  no_args_is_help=True)

IMPORTED = Msg(en="{file}: {rows} event(s) imported ({kinds}); {consent_events} consent event(s) written.",
               fr="{file} : {rows} événement(s) importé(s) ({kinds}) ; {consent_events} événement(s) de "
                  "consentement écrit(s).")
HINT = Msg(en="Nothing was written: correct the file and import it again.",
           fr="Rien n'a été écrit : corrigez le fichier et importez-le de nouveau.")


@app.command("import")
@plain_errors
def import_history(
    file: Path = typer.Argument(..., help="A CSV (UTF-8, header row) or JSON file of dated events."),
    declaration: Path | None = DeclarationOption,
    actor: str = ActorOption,
    as_json: bool = JsonOption,
) -> None:
    """Import dated events of people already in the store; a bad row refuses the whole file."""
    lang = reader_lang()
    ctx = context(actor, declared=read_declaration(declaration))
    columns = (TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(), TimeElapsedColumn())
    try:
        with Progress(*columns, console=err, disable=as_json) as bar:
            task = bar.add_task(escape(file.name), total=None)
            report = flows.import_file(ctx, file,
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
    kinds = ", ".join(f"{KIND_LABELS[Kind(kind)](lang)} {count}" for kind, count in report.kinds.items()) or "—"
    said = IMPORTED(lang, file=report.file, kinds=kinds, rows=report.rows, consent_events=report.consent_events)
    out.print(f"[green]{escape(said)}[/]", soft_wrap=True)
