"""Letters as text templates per language, which an organisation can override with files next to its declaration.

The default wording of each letter is a `Msg` in the module of its domain (rights, privacy center, breaches), which
registers it here under its name (`register`). An organisation that wants its own words writes
`letters/<name>.<lang>.txt` beside its declaration file (or inside its declaration folder): the first line is
`Subject: …`, then a blank line, then the body. Both may use the same `{placeholders}` as the default (`{ref}`,
`{controller}`, `{deadline}`…). The templates are checked when the declaration is loaded (`check`): a file for no
letter, or a placeholder the letter does not know, is an error naming the file and the line, never a letter with a
hole in it.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from pathlib import Path
from string import Formatter
from typing import Any

from registre.declarations.declared import Declared
from registre.errors import InvalidInput, Place
from registre.i18n import LANGS, Lang, Msg

FOLDER = "letters"
# The modules that register letters; imported before checking a folder of templates, so that every name is known.
REGISTRANTS = ("registre.rights.letters", "registre.web.center.letters", "registre.breaches.notifications")
NO_SUBJECT = Msg(en="The letter template {file} is not valid: its first line must be 'Subject: …' followed by a "
                 "blank line.",
                 fr="Le modèle de lettre {file} n'est pas valide : sa première ligne doit être « Subject: … » suivie "
                    "d'une ligne vide.")
UNKNOWN = Msg(en="The letter template {file} is not valid: it uses {{{name}}}, which the letter '{letter}' does not "
                 "know (it knows {known}).",
              fr="Le modèle de lettre {file} n'est pas valide : il utilise {{{name}}}, que la lettre « {letter} » ne "
                 "connaît pas (elle connaît {known}).")
BRACES = Msg(en="The letter template {file} is not valid: a brace is alone; write {{{{ or }}}} for a brace itself.",
             fr="Le modèle de lettre {file} n'est pas valide : une accolade est seule ; écrivez {{{{ ou }}}} pour une "
                "accolade elle-même.")
NO_LETTER = Msg(en="The letter template {file} names no letter: its name must be <letter>.<fr|en>.txt, the letters "
                   "being {names}.",
                fr="Le modèle de lettre {file} ne nomme aucune lettre : son nom doit être <lettre>.<fr|en>.txt, les "
                   "lettres étant {names}.")

_defaults: dict[str, tuple[Msg, Msg]] = {}
_extra: dict[str, frozenset[str]] = {}


def register(name: str, subject: Msg, body: Msg, *, extra: Iterable[str] = ()) -> None:
    """Make letter `name` known with its default subject and body: its templates may use their placeholders, and
    those of `extra` (values every letter of its domain is given)."""
    _defaults[name] = (subject, body)
    _extra[name] = frozenset(extra)


def placeholders(*texts: Msg) -> frozenset[str]:
    """The names of the `{placeholders}` the texts use, in either language."""
    return frozenset(field for text in texts for lang in LANGS for _, field, _, _ in Formatter().parse(text(lang))
                     if field)


def known(name: str) -> frozenset[str]:
    """The placeholders a template of letter `name` may use."""
    return placeholders(*_defaults[name]) | _extra[name]


def folder_of(declared: Declared | None) -> Path | None:
    """The folder of an organisation's letter templates: `letters/` beside its declaration (or in its folder)."""
    if declared is None or not declared.sources.root:
        return None
    root = Path(declared.sources.root)
    return (root if root.is_dir() else root.parent) / FOLDER


def check(declared: Declared | None) -> None:
    """Read every letter template beside the declaration; raise `InvalidInput` naming the file and the line of the
    first one that names no letter, lacks its subject line or uses a placeholder its letter does not know."""
    folder = folder_of(declared)
    if folder is None or not folder.is_dir():
        return
    for module in REGISTRANTS:
        importlib.import_module(module)
    for path in sorted(folder.glob("*.txt")):
        name, _, lang = path.name.removesuffix(".txt").rpartition(".")
        if name not in _defaults or lang not in LANGS:
            raise InvalidInput(NO_LETTER, file=str(path), names=", ".join(sorted(_defaults)))
        _read(path, name, known(name))


def _read(path: Path, letter: str, allowed: frozenset[str]) -> tuple[str, str]:
    """The subject and body of a template, each placeholder checked against those its letter knows."""
    lines = path.read_text(encoding="utf-8").split("\n")
    if not lines[0].startswith("Subject:") or len(lines) < 2 or lines[1].strip():
        raise InvalidInput(NO_SUBJECT, file=str(Place(str(path), 1)))
    for number, line in enumerate(lines, start=1):
        try:
            fields = [field for _, field, _, _ in Formatter().parse(line) if field is not None]
        except ValueError:
            raise InvalidInput(BRACES, file=str(Place(str(path), number))) from None
        for field in fields:
            if field not in allowed:  # a plain name: `{ref.x}` or `{ref[0]}` would fail when the letter is sent
                raise InvalidInput(UNKNOWN, file=str(Place(str(path), number)), name=field, letter=letter,
                                   known=", ".join(f"{{{k}}}" for k in sorted(allowed)))
    return lines[0].removeprefix("Subject:").strip(), "\n".join(lines[2:])


def render(declared: Declared | None, name: str, lang: Lang, subject: Msg, body: Msg,
           values: dict[str, Any]) -> tuple[str, str]:
    """The subject and body of letter `name` in `lang`: the organisation's template if it has one, else ours."""
    folder = folder_of(declared)
    path = folder / f"{name}.{lang}.txt" if folder else None
    if path is None or not path.is_file():
        return subject(lang, **values), body(lang, **values)
    allowed = known(name) if name in _defaults else placeholders(subject, body)
    own_subject, own_body = _read(path, name, allowed)
    return own_subject.format(**values), own_body.format(**values)
