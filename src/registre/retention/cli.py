"""`registre retention`: what the retention rules make due in the connected databases, and the sweep that does it."""

from __future__ import annotations

from typing import Any

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

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
    read_declaration,
    reader_lang,
)
from registre.labels import retention_action
from registre.retention import flows
from registre.retention.store import StoreTask
from registre.retention.sweep import Task

app = typer.Typer(help="Retention on the connected databases: plan, then run.", no_args_is_help=True)

AtOption = typer.Option(None, "--at", help="The day to count periods to (YYYY-MM-DD); default: today.")
HEADERS = (Msg(en="Dataset", fr="Jeu de données"), Msg(en="Table", fr="Table"), Msg(en="Rule", fr="Règle"),
           Msg(en="Action", fr="Action"), Msg(en="Rows due", fr="Lignes échues"),
           Msg(en="Held back, and why", fr="Retenues, et pourquoi"))
HELD = {"blocked": Msg(en="{n} pointed to by other rows", fr="{n} désignée(s) par d'autres lignes"),
        "minimum": Msg(en="{n} under an obligation to keep", fr="{n} sous une obligation de conservation"),
        "longer_rule": Msg(en="{n} under a longer rule", fr="{n} sous une règle plus longue"),
        "legal_hold": Msg(en="{n} under a legal hold", fr="{n} sous conservation pour litige")}
ENDLESS_HEADERS = (Msg(en="Dataset", fr="Jeu de données"), Msg(en="Table", fr="Table"),
                   Msg(en="Rows kept with no determinable end", fr="Lignes conservées sans fin déterminable"))
ENDLESS = Msg(en="No rule gives these rows an end (no rule applies to some of their data, or it names no event to "
                 "count from, or the annotation records none): say it in the declaration.",
              fr="Aucune règle ne donne de fin à ces lignes (aucune règle ne couvre une partie de leurs données, ou "
                 "elle ne nomme pas d'événement de départ, ou l'annotation n'en enregistre aucun) : dites-le dans la "
                 "déclaration.")
DONE_HEADERS = (*HEADERS[:4], Msg(en="Rows done", fr="Lignes traitées"))
SKIPPED = Msg(en="Not applied: {table}, {rule}: {reason}.", fr="Non appliquée : {table}, {rule} : {reason}.")
NO_DATASETS = Msg(en="The built-in store only: set REGISTRE_DATASETS to sweep the organisation's own databases too.",
                  fr="Le stockage intégré seulement : indiquez les annotations dans REGISTRE_DATASETS pour traiter "
                     "aussi les bases de l'organisation.")
K_CHECK = Msg(en="{table}: k-anonymity (k={k}) {verdict}; {values} value(s) and {rows} row(s) suppressed.",
              fr="{table} : k-anonymat (k={k}) {verdict} ; {values} valeur(s) et {rows} ligne(s) supprimée(s).")
PASSED = Msg(en="passed: the rows are anonymised", fr="respecté : les lignes sont anonymisées")
FAILED = Msg(en="not reached: the rows are only pseudonymised, still personal data",
             fr="non atteint : les lignes ne sont que pseudonymisées, ce sont encore des données personnelles")

INTERRUPTED = Msg(en="A previous run stopped in the middle of a batch ({action}, {rows} rows of {table} in {dataset}): "
                     "it is now in the audit log as an interrupted run; this run did what was still due.",
                  fr="Une exécution précédente s'est arrêtée au milieu d'un lot ({action}, {rows} lignes de {table} "
                     "dans {dataset}) : il figure désormais au journal d'audit comme exécution interrompue ; "
                     "celle-ci a fait ce qui restait dû.")

@app.command()
@plain_errors
def plan(at: str | None = AtOption, actor: str = ActorOption, as_json: bool = JsonOption) -> None:
    """Count, per rule and table, the rows that are due to be deleted, anonymised or archived; change nothing."""
    report = flows.plan(context(actor, create=True, declared=read_declaration()), parse_date(at))
    if as_json:
        print_json(report)
        return
    lang = reader_lang()
    _say_empty(report, lang)
    table = Table(*(h(lang) for h in HEADERS))
    for dataset in report:
        for task in dataset["tasks"]:
            held = "; ".join(words(lang, n=task[key]) for key, words in HELD.items() if task.get(key))
            table.add_row(dataset["dataset"], _where(task), escape(task["rule"]), _action(task, lang),
                          str(task["due"]), held)
    out.print(table)
    endless = [(dataset["dataset"], where, n) for dataset in report for where, n in dataset["endless"].items()]
    if endless:
        kept = Table(*(h(lang) for h in ENDLESS_HEADERS))
        for row in endless:
            kept.add_row(row[0], escape(row[1]), str(row[2]))
        out.print(kept)
        err.print(ENDLESS(lang), soft_wrap=True)
    _print_skipped(report, lang)


@app.command()
@plain_errors
def run(at: str | None = AtOption, actor: str = ActorOption, as_json: bool = JsonOption) -> None:
    """Delete, anonymise or archive the rows due, in short batches; stopped at any point, run it again to finish."""
    ctx = context(actor, create=True, declared=read_declaration())
    lang = reader_lang()
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err, disable=as_json) as bar:
        bars: dict[int, Any] = {}

        def started(task: Task | StoreTask, total: int) -> None:
            bars[id(task)] = bar.add_task(escape(task.name), total=total)

        def advanced(task: Task | StoreTask, rows: int) -> None:
            bar.advance(bars[id(task)], rows)

        report = flows.run(ctx, parse_date(at), started=started, advanced=advanced)
    if as_json:
        print_json(report)
        return
    _say_empty(report, lang)
    for batch in report[0].get("interrupted", []):
        out.print(INTERRUPTED(lang, dataset=escape(batch["dataset"]), table=escape(str(batch.get("table"))),
                              rows=batch.get("rows", "?"), action=batch.get("action", "?")), soft_wrap=True)
    table = Table(*(h(lang) for h in DONE_HEADERS))
    for dataset in report:
        for task in dataset["tasks"]:
            table.add_row(dataset["dataset"], _where(task), escape(task["rule"]), _action(task, lang),
                          str(task.get("rows", task.get("purged", 0))))
    out.print(table)
    for dataset in report:
        for task in dataset["tasks"]:
            if check := task.get("k_anonymity"):
                verdict = (PASSED if check["passed"] else FAILED)(lang)
                out.print(K_CHECK(lang, table=task["table"], k=check["k"], verdict=verdict,
                                  values=check["values_suppressed"], rows=check["rows_deleted"]))
    _print_skipped(report, lang)


def _action(task: dict[str, Any], lang: Lang) -> str:
    """What a task does, in words."""
    return retention_action(str(task["action"]), lang)


def _where(task: dict[str, Any]) -> str:
    """The table a task works on; in the store, the activity whose records it works on."""
    return str(task.get("activity") or task["table"])


def _say_empty(report: list[dict[str, Any]], lang: Lang) -> None:
    if len(report) == 1:  # the store alone
        err.print(NO_DATASETS(lang))


def _print_skipped(report: list[dict[str, Any]], lang: Lang) -> None:
    for dataset in report:
        for skipped in dataset["skipped"]:
            err.print(f"[yellow]{escape(SKIPPED(lang, **skipped))}[/]", soft_wrap=True)
