"""Load a declaration: read its YAML, validate it, resolve its references."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from registre.declarations.declared import Declared, resolve
from registre.declarations.loader import read
from registre.declarations.schemas import Declaration
from registre.declarations.validation import validate
from registre.mail import letters


def load(path: Path) -> Declared:
    """The declaration at `path` (a file or a folder), validated, with its letter templates (`letters/`) checked;
    raises `DeclarationInvalid`, `NotFound`, or `InvalidInput` for a letter template."""
    source = read(path)
    declaration = validate(source)
    declared = resolve(declaration, source.sources)
    letters.check(declared)
    return declared


def json_schema() -> dict[str, Any]:
    """The JSON Schema (2020-12) of a declaration, for editors: what the format accepts, plain strings included
    where a text, a duration or a country reads one."""
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "urn:registre:declaration:1",
            **Declaration.model_json_schema(mode="validation")}
