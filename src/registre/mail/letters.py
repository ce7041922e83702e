"""Letters as text templates per language, which an organisation can override with files next to its declaration.

The default wording of each letter is a `Msg` in the module of its domain (rights, privacy center, breaches). An
organisation that wants its own words writes `letters/<name>.<lang>.txt` beside its declaration file (or inside
its declaration folder): the first line is `Subject: …`, then a blank line, then the body. Both may use the same
`{placeholders}` as the default (`{ref}`, `{controller}`, `{deadline}`…); an unknown placeholder is an error
naming the file, never a letter with a hole in it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from registre.declarations.declared import Declared
from registre.errors import InvalidInput
from registre.i18n import Lang, Msg

FOLDER = "letters"
BAD_TEMPLATE = Msg(en="The letter template {file} is not valid: {why}.",
                   fr="Le modèle de lettre {file} n'est pas valide : {why}.")
NO_SUBJECT = Msg(en="its first line must be 'Subject: …' followed by a blank line",
                 fr="sa première ligne doit être « Subject: … » suivie d'une ligne vide")
UNKNOWN = Msg(en="it uses {{{name}}}, which this letter does not know",
              fr="il utilise {{{name}}}, que cette lettre ne connaît pas")


def folder_of(declared: Declared | None) -> Path | None:
    """The folder of an organisation's letter templates: `letters/` beside its declaration (or in its folder)."""
    if declared is None or not declared.sources.root:
        return None
    root = Path(declared.sources.root)
    return (root if root.is_dir() else root.parent) / FOLDER


def _path(declared: Declared | None, name: str, lang: Lang) -> Path | None:
    folder = folder_of(declared)
    path = folder / f"{name}.{lang}.txt" if folder else None
    return path if path is not None and path.is_file() else None


def template(declared: Declared | None, name: str, lang: Lang) -> tuple[str, str] | None:
    """The organisation's own subject and body for letter `name` in `lang`, or None when it keeps the default."""
    path = _path(declared, name, lang)
    if path is None:
        return None
    first, _, rest = path.read_text(encoding="utf-8").partition("\n")
    if not first.startswith("Subject:") or not rest.startswith("\n"):
        raise InvalidInput(BAD_TEMPLATE, file=str(path), why=NO_SUBJECT)
    return first.removeprefix("Subject:").strip(), rest[1:]


def render(declared: Declared | None, name: str, lang: Lang, subject: Msg, body: Msg,
           values: dict[str, Any]) -> tuple[str, str]:
    """The subject and body of letter `name` in `lang`: the organisation's template if it has one, else ours."""
    own = template(declared, name, lang)
    if own is None:
        return subject(lang, **values), body(lang, **values)
    try:
        return own[0].format(**values), own[1].format(**values)
    except (KeyError, IndexError, ValueError) as error:
        why = UNKNOWN(lang, name=str(error).strip("'")) if isinstance(error, KeyError) else str(error)
        raise InvalidInput(BAD_TEMPLATE, file=str(_path(declared, name, lang)), why=why) from None
