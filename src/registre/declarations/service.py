"""Load a declaration: read its YAML, validate it, resolve its references."""

from __future__ import annotations

from pathlib import Path

from registre.declarations.declared import Declared, resolve
from registre.declarations.loader import read
from registre.declarations.validation import validate


def load(path: Path) -> Declared:
    """The declaration at `path` (a file or a folder), validated; raises `DeclarationInvalid` or `NotFound`."""
    source = read(path)
    declaration = validate(source)
    return resolve(declaration, source.sources)
