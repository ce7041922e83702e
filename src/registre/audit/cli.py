"""`registre audit`: check the hash chain of the audit log."""

from __future__ import annotations

import typer

from registre.audit import service
from registre.db.session import unit_of_work
from registre.i18n import Msg
from registre.kit.cli import JsonOption, out, plain_errors, print_json, reader_lang, store

app = typer.Typer(help="The audit log of every read or change of personal data.", no_args_is_help=True)

INTACT = Msg(en="The audit log is intact: {checked} entries verified.",
             fr="Le journal d'audit est intact : {checked} entrées vérifiées.")
BROKEN = Msg(en="The audit log is broken at entry {entry}: an entry was {problem} ({checked} entries verified "
                "before it).",
             fr="Le journal d'audit est rompu à l'entrée {entry} : une entrée a été {problem_fr} ({checked} entrées "
                "vérifiées avant elle).")
PROBLEMS_FR = {"altered": "modifiée", "removed": "supprimée", "reordered": "déplacée"}


@app.command()
@plain_errors
def verify(as_json: bool = JsonOption) -> None:
    """Verify the chain; name the first entry altered, removed or reordered (exit status 1)."""
    with unit_of_work(store()) as session:
        result = service.verify(session)
    if as_json:
        print_json({"ok": result.ok, "checked": result.checked, "first_bad": result.first_bad,
                    "problem": result.problem})
    elif result.ok:
        out.print(f"[green]{INTACT(reader_lang(), checked=result.checked)}[/]")
    else:
        problem = result.problem or "altered"
        text = BROKEN(reader_lang(), entry=result.first_bad, problem=problem, problem_fr=PROBLEMS_FR[problem],
                      checked=result.checked)
        out.print(f"[bold red]{text}[/]")
    if not result.ok:
        raise typer.Exit(1)
