"""`registre datasets`: draft the annotation of a database, and check it against the live schema and the
declaration."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape

from registre.config import get_settings
from registre.connectors import fides, flows
from registre.declarations.service import load
from registre.errors import InvalidInput
from registre.i18n import Msg
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
from registre.lint.engine import Severity
from registre.retention import flows as retention

app = typer.Typer(help="The organisation's own databases: annotate them, check the annotations.",
                  no_args_is_help=True)

STYLE = {Severity.error: "bold red", Severity.warning: "yellow"}
SUMMARY = Msg(en="{dataset}: {errors} error(s), {warnings} warning(s).",
              fr="{dataset} : {errors} erreur(s), {warnings} avertissement(s).")
NO_PATH = Msg(en="Name the annotations (a file or folder), or set REGISTRE_DATASETS.",
              fr="Indiquez les annotations (un fichier ou un dossier), ou REGISTRE_DATASETS.")
NO_DECLARATION = Msg(en="Set REGISTRE_DECLARATION (or --declaration) to the declaration the datasets follow.",
                     fr="Indiquez la déclaration suivie (REGISTRE_DECLARATION ou --declaration).")
WRITTEN = Msg(en="Draft written to {file}: {classified} column(s) classified, {unclassified} to look at. Name each "
                 "table's activity, then run `registre datasets check`.",
              fr="Brouillon écrit dans {file} : {classified} colonne(s) classée(s), {unclassified} à examiner. "
                 "Nommez le traitement de chaque table, puis lancez `registre datasets check`.")


@app.command("scan")
@plain_errors
def scan_database(
    url: str = typer.Argument(..., help="SQLAlchemy URL of the database (its password is never written out)."),
    dataset: str | None = typer.Option(None, "--dataset", help="The dataset's name (default: the database's)."),
    schema: str | None = typer.Option(None, "--schema", help="The schema to read (PostgreSQL)."),
    output: Path | None = typer.Option(None, "-o", "--output", help="Write the draft to this file."),
    actor: str = ActorOption,
    as_json: bool = JsonOption,
) -> None:
    """Reflect a database and draft its annotation: data categories, identities, events, erasure strategies."""
    drafted = flows.draft(url, dataset=dataset, schema=schema)
    flows.scanned(context(actor, create=True), url, drafted)  # the store is made only once the scan has worked
    if as_json:
        print_json({"yaml": drafted.yaml, "classified": drafted.classified, "unclassified": drafted.unclassified})
        return
    if output is None:
        out.print(drafted.yaml, markup=False, highlight=False, soft_wrap=True)
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(drafted.yaml, encoding="utf-8")
    classified = sum(len(columns) for columns in drafted.classified.values())
    err.print(WRITTEN(reader_lang(), file=output, classified=classified, unclassified=len(drafted.unclassified)))


IMPORTED = Msg(en="Annotation written to {file}: {tables} table(s), {references} of reference data, {unmatched} "
                  "column(s) whose data category is to name. Check it, then run `registre datasets check`.",
               fr="Annotation écrite dans {file} : {tables} table(s), dont {references} de données de référence, "
                  "{unmatched} colonne(s) dont la catégorie de données est à nommer. Vérifiez-la, puis lancez "
                  "`registre datasets check`.")


@app.command("import-fides")
@plain_errors
def import_fides(
    file: Path = typer.Argument(..., help="The Fides dataset (fideslang YAML: dataset, collections, fields)."),
    output: Path | None = typer.Option(None, "-o", "--output", help="Write the annotation to this file."),
    activity: list[str] | None = typer.Option(
        None, "--activity", help="ACTIVITY for every table, or TABLE=ACTIVITY; repeat it (a reference table takes the "
                                 "activity of the tables pointing to it)."),
    dataset: str | None = typer.Option(None, "--dataset", help="The fides_key to import, when the file holds several."),
    declaration: Path | None = typer.Option(None, "--declaration", "-d", envvar="REGISTRE_DECLARATION",
                                            help="The declaration the Fides data categories are matched to."),
    as_json: bool = JsonOption,
) -> None:
    """Turn a Fides dataset into a registre annotation: identities, references, data categories."""
    if declaration is None:
        raise InvalidInput(NO_DECLARATION)
    imported = fides.translate(file, load(declaration), activities=activity or [], fides_key=dataset)
    if as_json:
        print_json({"yaml": imported.yaml, "dataset": imported.dataset, "tables": list(imported.tables),
                    "reference": [name for name, reference in imported.tables.items() if reference],
                    "unmatched": imported.unmatched, "to_look_at": [m(reader_lang()) for m in imported.to_look_at]})
        return
    if output is None:
        out.print(imported.yaml, markup=False, highlight=False, soft_wrap=True)
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(imported.yaml, encoding="utf-8")
    err.print(IMPORTED(reader_lang(), file=output, tables=len(imported.tables),
                       references=sum(imported.tables.values()), unmatched=len(imported.unmatched)))


@app.command()
@plain_errors
def check(
    path: Path | None = typer.Argument(None, help="The annotations: a file or a folder (default: REGISTRE_DATASETS)."),
    declaration: Path | None = typer.Option(None, "--declaration", "-d", envvar="REGISTRE_DECLARATION",
                                            help="The declaration the datasets follow."),
    at: str | None = typer.Option(None, "--at", help="The day retention rules are read on (YYYY-MM-DD)."),
    as_json: bool = JsonOption,
) -> None:
    """Check each annotation against its database's live schema and the declaration."""
    lang = reader_lang()
    where = path or get_settings().datasets
    if where is None:
        raise InvalidInput(NO_PATH)
    if declaration is None:
        raise InvalidInput(NO_DECLARATION)
    declared = load(declaration)
    report = retention.check_datasets(where, declared, parse_date(at))
    failed = any(f.severity is Severity.error for findings in report.values() for f in findings)
    if as_json:
        print_json({name: [f.as_dict(lang) for f in findings] for name, findings in report.items()})
    else:
        for name, findings in report.items():
            for finding in findings:
                out.print(f"[{STYLE[finding.severity]}]{finding.severity.value:<7}[/] {finding.place}  "
                          f"[cyan]{escape(finding.place.field)}[/]", soft_wrap=True)
                out.print(f"        {escape(finding.text(lang))}", soft_wrap=True)
            out.print(SUMMARY(lang, dataset=name, errors=sum(f.severity is Severity.error for f in findings),
                              warnings=sum(f.severity is Severity.warning for f in findings)))
    if failed:
        raise typer.Exit(1)
