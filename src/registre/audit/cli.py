"""`registre audit`: check the audit log's chain, and sign checkpoints of its head to keep outside the database."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import typer

from registre import labels
from registre.audit import chain, flows, service
from registre.config import get_settings
from registre.errors import InvalidInput
from registre.i18n import Msg
from registre.kit.cli import ActorOption, JsonOption, context, err, out, plain_errors, print_json, reader_lang

app = typer.Typer(help="The audit log of every read or change of personal data.", no_args_is_help=True)

INTACT = Msg(en="The audit log is intact: {checked} entries verified.",
             fr="Le journal d'audit est intact : {checked} entrées vérifiées.")
AGAINST = Msg(en="It holds everything the checkpoint of {at} signed ({against} entries).",
              fr="Il contient tout ce que le point de contrôle du {at} a signé ({against} entrées).")
BROKEN = Msg(en="The audit log is broken: {problem} ({checked} entries verified before).",
             fr="Le journal d'audit est rompu : {problem} ({checked} entrées vérifiées avant).")
LEGACY = Msg(en="{legacy} older entries carry the unkeyed hash of before REGISTRE_AUDIT_KEY; sign a checkpoint to "
                "anchor them.",
             fr="{legacy} entrées anciennes portent l'empreinte sans clé d'avant REGISTRE_AUDIT_KEY ; signez un point "
                "de contrôle pour les ancrer.")
DEFAULT_KEY = Msg(en="Warning: the audit chain is keyed with the development key, which anyone can read in the source "
                     "code: set REGISTRE_AUDIT_KEY (kept outside the database) before real use.",
                  fr="Attention : la chaîne d'audit est scellée avec la clé de développement, lisible par tous dans le "
                     "code source : réglez REGISTRE_AUDIT_KEY (hors de la base) avant un usage réel.")
WROTE = Msg(en="Checkpoint of {count} entries (head {head}) written to {path}. Keep it outside the database; "
               "`registre audit verify --checkpoint {path}` checks the log against it.",
            fr="Point de contrôle de {count} entrées (tête {head}) écrit dans {path}. Conservez-le hors de la base ; "
               "`registre audit verify --checkpoint {path}` vérifie le journal par rapport à lui.")
BAD_CHECKPOINT = Msg(en="The checkpoint {path} cannot be used: {why}.",
                     fr="Le point de contrôle {path} est inutilisable : {why}.")
NOT_SIGNED = Msg(en="The audit log is broken, so no checkpoint was signed: {problem}.",
                 fr="Le journal d'audit est rompu, aucun point de contrôle n'a donc été signé : {problem}.")
CheckpointOption = typer.Option(None, "--checkpoint", "-c", help="A checkpoint written by `registre audit "
                                "checkpoint`: also detect entries deleted from the end, or a chain rewritten.")


def _warn_default_key() -> None:
    if get_settings().audit_key_is_default:
        err.print(f"[yellow]{DEFAULT_KEY(reader_lang())}[/]", soft_wrap=True)


def _read_checkpoint(path: Path) -> chain.Checkpoint:
    try:
        return chain.parse(path.read_bytes())
    except OSError as error:
        raise InvalidInput(BAD_CHECKPOINT, path=str(path), why=error.strerror or str(error)) from None
    except chain.BadCheckpoint as error:
        raise InvalidInput(BAD_CHECKPOINT, path=str(path), why=str(error)) from None


@app.command()
@plain_errors
def verify(checkpoint: Path | None = CheckpointOption, actor: str = ActorOption, as_json: bool = JsonOption) -> None:
    """Verify the chain (against a checkpoint, if given); name what was altered, removed, reordered or cut
    (exit status 1)."""
    _warn_default_key()
    against = _read_checkpoint(checkpoint) if checkpoint is not None else None
    ctx = context(actor)
    result = flows.verify(ctx, against)
    lang = ctx.lang
    if as_json:
        print_json({"ok": result.ok, "checked": result.checked, "first_bad": result.first_bad,
                    "problem": result.problem, "description": service.describe(result, lang) or None,
                    "legacy": result.legacy, "against": result.against})
    elif result.ok:
        out.print(f"[green]{INTACT(lang, checked=labels.number(result.checked, lang))}[/]")
        if against is not None:
            out.print(AGAINST(lang, at=labels.moment(dt.datetime.fromisoformat(against.at), lang),
                             against=labels.number(against.count, lang)))
        if result.legacy:
            out.print(LEGACY(lang, legacy=labels.number(result.legacy, lang)))
    else:
        broken = BROKEN(lang, problem=service.describe(result, lang), checked=labels.number(result.checked, lang))
        out.print(f"[bold red]{broken}[/]")
    if not result.ok:
        raise typer.Exit(1)


@app.command("checkpoint")
@plain_errors
def checkpoint_(output: Path = typer.Option(..., "--output", "-o", help="The file to write the checkpoint to."),
                actor: str = ActorOption, as_json: bool = JsonOption) -> None:
    """Verify the chain and sign a checkpoint of its head (count and last hash) into a file to keep elsewhere."""
    _warn_default_key()
    ctx = context(actor)
    result, point = flows.checkpoint(ctx)
    lang = ctx.lang
    if point is None:
        err.print(f"[bold red]{NOT_SIGNED(lang, problem=service.describe(result, lang))}[/]")
        raise typer.Exit(1)
    output.write_text(json.dumps(point.as_dict(), indent=2) + "\n", encoding="utf-8")
    if as_json:
        print_json({**point.as_dict(), "path": str(output.resolve())})
    else:
        out.print(WROTE(lang, count=labels.number(point.count, lang), head=point.head_hash[:12], path=output),
                  soft_wrap=True)
