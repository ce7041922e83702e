"""`registre demo`: the main job on the bundled example organisations, from one command on a fresh machine.

It checks each example declaration, then writes its notice in French and English (HTML and Markdown)
and its Art. 30 register (ODS, XLSX, CSV) into one folder. Then, on a SQLite store in that folder, it
imports Paris je t'aime's sample customers, answers an access request and an erasure request, and verifies
the audit log. Last, it builds a sample shop's own database, connects it, answers a customer's access and
erasure requests there, shows with plain SQL what is left, and runs the shop's retention rules.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.resources import files
from pathlib import Path

import typer
from rich.progress import Progress
from rich.table import Table
from sqlalchemy import Engine, create_engine

from registre import labels
from registre.audit import flows as audit
from registre.config import Settings
from registre.connectors import sample
from registre.context import DPO, Actor, Context
from registre.db.session import make_engine, upgrade
from registre.declarations.declared import Declared
from registre.declarations.service import load
from registre.documents import notice as notices
from registre.documents import spreadsheets
from registre.i18n import Msg
from registre.kit.cli import out, plain_errors, reader_lang
from registre.law.calendar import today
from registre.lint import service as lint
from registre.lint.engine import Severity
from registre.retention import flows as retention
from registre.rights import flows
from registre.rights.schemas import RequestCreate
from registre.subjects import flows as subjects

DONE = Msg(en="The notices and registers are in {folder}. Open {page} in a browser.",
           fr="Les notices et les registres sont dans {folder}. Ouvrez {page} dans un navigateur.")
IMPORTED = Msg(en="Store: {rows} sample customers of Paris je t'aime imported ({records} records).",
               fr="Stockage : {rows} clients d'exemple de Paris je t'aime importés ({records} enregistrements).")
ANSWERED = Msg(en="Request of {who} ({kind}): due by {deadline}, answered{files}.",
               fr="Demande de {who} ({kind}) : due au plus tard le {deadline}, traitée{files}.")
FILES_IN = Msg(en="; files in {folder}", fr="; fichiers dans {folder}")
AUDITED = Msg(en="Audit log: {checked} entries, chain {ok}.", fr="Journal d'audit : {checked} entrées, chaîne {ok}.")
CONNECTED = Msg(en="Connected database: a sample shop's own, {rows} rows in {file}, annotated by {annotation}.",
                fr="Base connectée : celle d'une boutique d'exemple, {rows} lignes dans {file}, annotée par "
                   "{annotation}.")
LEFT = Msg(en="Plain SQL after the erasure: rows still holding one of her identifiers: {left} (invoices are kept "
              "ten years by law, restricted).",
           fr="En SQL après l'effacement : lignes contenant encore l'un de ses identifiants : {left} (les factures "
              "sont conservées dix ans par la loi, limitées).")
SWEPT = Msg(en="Retention: {rows} rows deleted, anonymised or archived by {tasks} rules applied to tables.",
            fr="Conservation : {rows} lignes supprimées, anonymisées ou archivées par {tasks} règles appliquées aux "
               "tables.")
HEADERS = (Msg(en="Organisation", fr="Organisation"), Msg(en="Errors", fr="Erreurs"),
           Msg(en="Warnings", fr="Avertissements"), Msg(en="Files", fr="Fichiers"))


def examples() -> list[Path]:
    """The example declarations bundled with registre, one per seed organisation."""
    folder = files("registre") / "examples"
    return sorted(Path(str(item)) for item in folder.iterdir() if item.name.endswith((".yaml", ".yml")))


@plain_errors
def demo(
    output: Path = typer.Option(Path("registre-demo"), "-o", "--output", help="Folder to write into."),
) -> None:
    """Check the bundled example organisations and write their notices and registers."""
    lang = reader_lang()
    output.mkdir(parents=True, exist_ok=True)
    table = Table(*(h(lang) for h in HEADERS))
    first_page: Path | None = None
    paths = examples()
    with Progress(console=out, transient=True) as progress:
        task = progress.add_task("registre demo", total=len(paths))
        for path in paths:
            report = lint.check(path, today())
            written = []
            for notice_lang in report.declared.declaration.policy.languages:  # a French-only policy has no EN
                built = notices.build(report.declared, notice_lang)
                for fmt in ("html", "md"):
                    target = output / f"{path.stem}.notice.{notice_lang}.{fmt}"
                    target.write_text(notices.render(built, fmt), encoding="utf-8")
                    written.append(target)
            for fmt in ("ods", "xlsx", "csv"):
                target = output / f"{path.stem}.register.{fmt}"
                spreadsheets.export(report.declared, fmt, target, "fr")
                written.append(target)
            first_page = first_page or written[0]
            table.add_row(report.declared.declaration.controller.name, str(report.count(Severity.error)),
                          str(report.count(Severity.warning)), str(len(written)))
            progress.advance(task)
    out.print(table)
    out.print(DONE(lang, folder=output, page=first_page))
    _rights(output)
    _shop(output)


def _rights(output: Path) -> None:
    """Import sample customers into a store in `output`, answer two requests, verify the audit log."""
    lang = reader_lang()
    declaration = files("registre") / "examples" / "paris-je-taime.yaml"
    settings = Settings(data_dir=output, database_url=f"sqlite:///{output / 'demo.sqlite3'}",
                        declaration=Path(str(declaration)))
    (output / "demo.sqlite3").unlink(missing_ok=True)
    engine = make_engine(settings.store_url)
    upgrade(engine)
    declared = load(Path(str(declaration)))
    sample = Path(str(files("registre") / "examples" / "paris-je-taime.subjects.csv"))
    ctx = Context(engine, settings, declared, Actor("demo", DPO), lang)
    report = subjects.import_file(ctx, sample)
    out.print(IMPORTED(lang, rows=report.counts()["rows"], records=report.counts()["records"]))
    for kind, who in (("access", "jeanne.martin@example.fr"), ("erasure", "lea.nguyen@example.fr")):
        _answer(engine, settings, declared, kind, who, output)
    checked = audit.verify(ctx)
    engine.dispose()
    out.print(AUDITED(lang, checked=checked.checked, ok="OK" if checked.ok else "KO"))


def _answer(engine: Engine, settings: Settings, declared: Declared, kind: str, who: str, output: Path) -> None:
    """File a request for `who`, complete it, and save the files the person receives under `output`."""
    lang = reader_lang()
    request_in = RequestCreate.model_validate({"kind": kind, "channel": "email", "subject": f"email:{who}",
                                               "requester": {"email": who}, "lang": lang})
    ctx = Context(engine, settings, declared, Actor("demo", DPO), lang)
    filed = flows.file_request(ctx, request_in)
    done = flows.complete(ctx, filed.request.ref)
    folder = output / "answers" / done.request.ref
    for name, content in done.files.items():
        folder.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(content)
    where = FILES_IN(lang, folder=folder) if done.files else ""
    out.print(ANSWERED(lang, kind=labels.label(filed.request.kind, lang), who=who,
                       deadline=labels.day(filed.request.strict_deadline, lang), files=where))


def _shop(output: Path) -> None:
    """Connect a sample shop's own database, answer an access and an erasure request there, show with plain SQL
    what is left, then plan and run its retention rules."""
    lang = reader_lang()
    folder = Path(str(files("registre") / "examples" / "shop"))
    names = ("shop.sqlite3", "shop-archive.sqlite3", "shop-store.sqlite3")
    database, archive, store = (output / name for name in names)
    for path in (database, archive, store):
        path.unlink(missing_ok=True)
    shop = create_engine(f"sqlite:///{database}")
    built = sample.build(shop)
    shop.dispose()
    annotation = folder / "datasets" / "shop.yaml"
    settings = Settings(data_dir=output, database_url=f"sqlite:///{store}", declaration=folder / "declaration.yaml",
                        datasets=annotation)
    declared = load(folder / "declaration.yaml")
    out.print(CONNECTED(lang, rows=sum(built.counts.values()), file=database, annotation=annotation))
    engine = make_engine(settings.store_url)
    upgrade(engine)
    # The annotation takes its URLs from the environment, as a real one takes its secrets.
    with _environment(SHOP_DATABASE_URL=f"sqlite:///{database}", SHOP_ARCHIVE_URL=f"sqlite:///{archive}"):
        for kind in ("access", "erasure"):
            _answer(engine, settings, declared, kind, sample.JEANNE.email, output)
        left = {table: n for table, n in sample.identifiers_left(f"sqlite:///{database}",
                                                                 sample.JEANNE.identifiers).items() if n}
        out.print(LEFT(lang, left=", ".join(f"{table} {n}" for table, n in left.items()) or "—"))
        report = retention.run(Context(engine, settings, declared, Actor("demo", DPO), lang), sample.TODAY)
    done = sum(task.get("rows", 0) + task.get("purged", 0) for dataset in report for task in dataset["tasks"])
    out.print(SWEPT(lang, rows=done, tasks=sum(len(dataset["tasks"]) for dataset in report)))
    engine.dispose()


@contextmanager
def _environment(**values: str) -> Iterator[None]:
    """Environment variables set for the block, then restored."""
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
