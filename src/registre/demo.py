"""`registre demo`: the main job on the bundled example organisations, from one command on a fresh machine.

It checks each example declaration, then writes its notice in French and English (HTML and Markdown)
and its Art. 30 register (ODS, XLSX, CSV) into one folder.
"""

from __future__ import annotations

import datetime as dt
from importlib.resources import files
from pathlib import Path

import typer
from rich.progress import Progress
from rich.table import Table

from registre.documents import notice as notices
from registre.documents import spreadsheets
from registre.i18n import LANGS, Msg
from registre.kit.cli import out, plain_errors, reader_lang
from registre.lint import service as lint
from registre.lint.engine import Severity

DONE = Msg(en="The notices and registers are in {folder}. Open {page} in a browser.",
           fr="Les notices et les registres sont dans {folder}. Ouvrez {page} dans un navigateur.")
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
            report = lint.check(path, dt.date.today())
            written = []
            for notice_lang in LANGS:
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
