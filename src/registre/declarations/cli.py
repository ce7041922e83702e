"""`registre declaration`: the declaration format itself, for the tools that edit it."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from registre.declarations import service
from registre.i18n import Msg
from registre.kit.cli import out, plain_errors, print_json, reader_lang

app = typer.Typer(help="The declaration format, for editors and other tools.", no_args_is_help=True)

WROTE = Msg(en="JSON Schema of the declaration written to {path}; point your editor's YAML support at it (see "
               "docs/declaration.md).",
            fr="Schéma JSON de la déclaration écrit dans {path} ; indiquez-le au support YAML de votre éditeur (voir "
               "docs/declaration.md).")


@app.command()
@plain_errors
def schema(
    output: Path | None = typer.Option(None, "-o", "--output", help="File to write; default: standard output."),
) -> None:
    """Print the JSON Schema of a declaration, for an editor's completion and checks."""
    data = service.json_schema()
    if output is None:
        print_json(data)
        return
    output.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    out.print(WROTE(reader_lang(), path=output), soft_wrap=True)
