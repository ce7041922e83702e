"""`registre db`: the store's schema."""

from __future__ import annotations

import typer

from registre.config import get_settings
from registre.i18n import Msg
from registre.kit.cli import out, plain_errors, reader_lang, store

app = typer.Typer(help="The engine's own store (SQLite by default, PostgreSQL with REGISTRE_DATABASE_URL).",
                  no_args_is_help=True)
UPGRADED = Msg(en="The store at {url} is at the newest schema.", fr="Le stockage {url} est au schéma le plus récent.")


@app.command("upgrade")
@plain_errors
def upgrade_command() -> None:
    """Create the store or bring its schema up to date (and, on PostgreSQL, the job queue's tables): run it once
    after installing or upgrading registre, before starting `registre serve` and `registre worker`."""
    engine = store(create=True, upgrade_schema=True)
    engine.dispose()
    out.print(UPGRADED(reader_lang(), url=get_settings().store_url))
