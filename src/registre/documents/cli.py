"""`registre notice` and `registre register`: the documents at the command line."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import typer

from registre.declarations.service import load
from registre.documents import notice as notices
from registre.documents import spreadsheets
from registre.i18n import Lang, Msg
from registre.kit.cli import JsonOption, out, plain_errors, print_json, reader_lang

WROTE = Msg(en="Wrote {path}.", fr="Fichier écrit : {path}.")
NoticeFormat = Literal["html", "md"]
RegisterFormat = Literal["ods", "xlsx", "csv"]


@plain_errors
def notice(
    path: Path = typer.Argument(..., help="A declaration: a YAML file or a folder of YAML files."),
    lang: Lang = typer.Option("fr", "--lang", help="Language of the notice: fr or en."),
    fmt: NoticeFormat = typer.Option("html", "--format", help="html (a standalone page) or md (Markdown)."),
    output: Path | None = typer.Option(None, "-o", "--output", help="File to write; default: standard output."),
    as_json: bool = JsonOption,
) -> None:
    """Write the privacy notice (GDPR Art. 13 and 14) of a declaration."""
    built = notices.build(load(path), lang)
    text = notices.render(built, fmt)
    if output is None and not as_json:
        out.file.write(text)
        return
    if output is not None:
        output.write_text(text, encoding="utf-8")
    if as_json:
        print_json({"path": str(output) if output else None, "lang": lang, "format": fmt, "hash": built.hash,
                    **({} if output else {"content": text})})
    else:
        out.print(WROTE(reader_lang(), path=output))


@plain_errors
def register(
    path: Path = typer.Argument(..., help="A declaration: a YAML file or a folder of YAML files."),
    fmt: RegisterFormat = typer.Option("ods", "--format", help="ods (the CNIL's open format), xlsx or csv."),
    output: Path = typer.Option(..., "-o", "--output", help="File to write."),
    lang: Lang = typer.Option("fr", "--lang", help="Language of the register: fr or en."),
    delimiter: str = typer.Option(";", "--delimiter", metavar="[;|,]",
                                  help="CSV only: the field separator; ';' for French spreadsheets (the default), "
                                       "',' for English ones."),
    as_json: bool = JsonOption,
) -> None:
    """Write the record of processing activities (GDPR Art. 30) of a declaration."""
    spreadsheets.export(load(path), fmt, output, lang, delimiter)
    if as_json:
        print_json({"path": str(output), "format": fmt, "lang": lang,
                    **({"delimiter": delimiter} if fmt == "csv" else {})})
    else:
        out.print(WROTE(reader_lang(), path=output))
