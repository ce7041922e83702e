"""What every CLI command shares: the consoles, plain error messages instead of tracebacks, JSON output."""

from __future__ import annotations

import datetime as dt
import functools
import getpass
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, ParamSpec, TypeVar

import typer
from rich.console import Console
from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from registre.config import Settings, get_settings
from registre.context import DPO, Actor, Context
from registre.db.session import make_engine, ready
from registre.errors import DeclarationInvalid, InvalidInput, NotFound, RegistreError, StoreUnavailable
from registre.i18n import Lang, Msg, environment_lang
from registre.law.calendar import today

if TYPE_CHECKING:
    from registre.declarations.declared import Declared

out = Console(highlight=False)
err = Console(stderr=True, highlight=False)

P = ParamSpec("P")
R = TypeVar("R")

JsonOption = typer.Option(False, "--json", help="Print the result as JSON, for scripts.")
def _default_actor() -> str:
    """`cli:` and the login of the person at the terminal, for the audit log."""
    try:
        return f"cli:{getpass.getuser()}"
    except (OSError, KeyError):
        return "cli"


ActorOption = typer.Option(_default_actor(), "--actor", help="Who acts, for the audit log.", envvar="REGISTRE_ACTOR")
DeclarationOption = typer.Option(None, "--declaration", "-d", help="The organisation's declaration.",
                                 envvar="REGISTRE_DECLARATION")
NO_DECLARATION = Msg(en="Give the organisation's declaration with --declaration or REGISTRE_DECLARATION.",
                     fr="Indiquez la déclaration de l'organisme avec --declaration ou REGISTRE_DECLARATION.")
BAD_DATE = Msg(en="'{value}' is not a date; write it as YYYY-MM-DD.",
               fr="« {value} » n'est pas une date ; écrivez-la AAAA-MM-JJ.")


USED_STORE = Msg(en="Store: {url}", fr="Stockage : {url}")
USED_DECLARATION = Msg(en="Declaration: {path}", fr="Déclaration : {path}")
NO_DECLARATION_USED = Msg(en="Declaration: none (REGISTRE_DECLARATION is not set)",
                          fr="Déclaration : aucune (REGISTRE_DECLARATION n'est pas définie)")
_verbose = False


def be_verbose(on: bool = True) -> None:
    """Make the commands name, on standard error, the store and declaration they use (`registre --verbose`)."""
    global _verbose
    _verbose = on


def tell(message: Msg, **params: Any) -> None:
    """Say `message` on standard error when the command line was asked to be verbose."""
    if _verbose:
        err.print(message(reader_lang(), **params), markup=False, soft_wrap=True)


SERVING = Msg(en="registre serves, at {base}:\n  the privacy center   {base}/\n  the back office      {base}/staff\n"
                 "  the API's documentation {base}/docs (the API under {base}/api)",
              fr="registre sert, à {base} :\n  l'espace confidentialité  {base}/\n  l'espace du personnel     "
                 "{base}/staff\n  la documentation de l'API {base}/docs (l'API sous {base}/api)")
PUBLIC_URL = Msg(en="Links in mails point to {url} (REGISTRE_PUBLIC_URL).",
                 fr="Les liens des courriers mènent à {url} (REGISTRE_PUBLIC_URL).")


def serving(settings: Settings, base: str, lang: Lang) -> str:
    """What `registre serve` serves: its addresses, the store and the declaration, in words."""
    store_url = make_url(settings.store_url).render_as_string(hide_password=True)
    declaration = (USED_DECLARATION(lang, path=settings.declaration.resolve()) if settings.declaration
                   else NO_DECLARATION_USED(lang))
    lines = [SERVING(lang, base=base), USED_STORE(lang, url=store_url), declaration]
    if settings.public_url:
        lines.append(PUBLIC_URL(lang, url=settings.public_url))
    return "\n".join(lines)


def reader_lang() -> Lang:
    """The language of the person at the terminal."""
    return get_settings().lang


def print_json(data: Any) -> None:
    """Print data as JSON on standard output."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def report(error: RegistreError, as_json: bool) -> None:
    """Say an error in plain words (or JSON): the message, and for a file each problem with its place."""
    try:
        lang = reader_lang()
    except RegistreError:  # the settings themselves are wrong: the locale says the language
        lang = environment_lang()
    if as_json:
        print_json(error.as_dict(lang))
        return
    err.print(f"[bold red]{error.text(lang)}[/]", soft_wrap=True)
    if isinstance(error, DeclarationInvalid):
        for problem in error.problems:
            field = f" [cyan]{problem.place.field}[/]" if problem.place.field else ""
            err.print(f"  {problem.place}{field}: {problem.text(lang)}", soft_wrap=True)


def fail(error: RegistreError, as_json: bool) -> NoReturn:
    """Report an error in plain words (or JSON) and exit with status 1."""
    report(error, as_json)
    raise typer.Exit(1)


NOT_TEXT = Msg(en="A file given is not UTF-8 text.", fr="Un fichier donné n'est pas du texte UTF-8.")
FILE_PROBLEM = Msg(en="{file}: {reason}.", fr="{file} : {reason}.")


def plain_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Turn a command's `RegistreError` into a plain message and exit status 1, never a traceback."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except RegistreError as error:
            fail(error, bool(kwargs.get("as_json", False)))
        except UnicodeDecodeError:
            fail(InvalidInput(NOT_TEXT), bool(kwargs.get("as_json", False)))
        except OSError as error:  # a file the command was given, or writes to
            where = error.filename or ""
            fail(InvalidInput(FILE_PROBLEM, file=where, reason=error.strerror or str(error)),
                 bool(kwargs.get("as_json", False)))

    return wrapper


def parse_date(value: str | None) -> dt.date:
    """A date given as YYYY-MM-DD on the command line, or today."""
    if value is None:
        return today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(BAD_DATE, value=value) from None


NO_STORE = Msg(en="The store at {url} cannot be opened: {reason}. Check REGISTRE_DATABASE_URL or REGISTRE_DATA_DIR.",
               fr="Le stockage {url} ne peut être ouvert : {reason}. Vérifiez REGISTRE_DATABASE_URL ou "
                  "REGISTRE_DATA_DIR.")


NO_STORE_YET = Msg(en="There is no store at {path} (in the folder {cwd}). Run this command where the store is, set "
                      "REGISTRE_DATA_DIR or REGISTRE_DATABASE_URL, or create one with `registre db upgrade` (or by "
                      "recording something: `registre subjects import`, `registre requests new`).",
                   fr="Il n'y a pas de stockage à {path} (dans le dossier {cwd}). Lancez cette commande là où se "
                      "trouve le stockage, définissez REGISTRE_DATA_DIR ou REGISTRE_DATABASE_URL, ou créez-en un avec "
                      "`registre db upgrade` (ou en enregistrant quelque chose : `registre subjects import`, "
                      "`registre requests new`).")


def store(create: bool = False, *, upgrade_schema: bool = False) -> Engine:
    """The engine of the store the settings name, checked to be at the newest schema (`upgrade_schema`: brought to
    it; a development store on SQLite is created or upgraded on first use); a SQLite store that does not exist yet
    is created only by the commands that record something (`create`), the others refuse it in plain words."""
    settings = get_settings()
    url = settings.store_url
    parsed = make_url(url)
    tell(USED_STORE, url=parsed.render_as_string(hide_password=True))
    if (not create and not upgrade_schema and parsed.get_backend_name() == "sqlite"
            and parsed.database not in (None, "", ":memory:") and not Path(str(parsed.database)).exists()):
        raise NotFound(NO_STORE_YET, path=parsed.database, cwd=Path.cwd())
    try:
        engine = make_engine(url)
        ready(engine, create=upgrade_schema or settings.creates_store)
    except (SQLAlchemyError, OSError) as error:
        reason = str(getattr(error, "orig", None) or error).splitlines()[0]
        raise StoreUnavailable(NO_STORE, url=make_url(url).render_as_string(hide_password=True),
                               reason=reason) from None
    return engine


def optional_declaration(path: Path | None = None) -> Declared | None:
    """The declaration given on the command line, or the settings' one, or None."""
    path = path or get_settings().declaration
    if path is None:
        tell(NO_DECLARATION_USED)
        return None
    return _load(path)


def read_declaration(path: Path | None = None) -> Declared:
    """The declaration given on the command line, or the settings' one; a plain error if there is none."""
    path = path or get_settings().declaration
    if path is None:
        raise InvalidInput(NO_DECLARATION)
    return _load(path)


def _load(path: Path) -> Declared:
    """Read a declaration, saying which; its loader is imported only by the commands that read one."""
    from registre.declarations.service import load

    tell(USED_DECLARATION, path=path.resolve())
    return load(path)


def context(actor: str, *, create: bool = False, declared: Declared | None = None) -> Context:
    """The flows' context of a command: the store (`create` as `store`), the settings, the declaration given, and the
    person at the terminal, who acts with the DPO's role (the CLI reaches the store itself), in their language."""
    return Context(store(create), get_settings(), declared, Actor(actor, DPO), reader_lang())
