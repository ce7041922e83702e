"""Turn the raw data of a declaration into its models, and pydantic's errors into plain FR/EN problems."""

from __future__ import annotations

import difflib
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from registre.declarations.loader import FieldPath, Source
from registre.declarations.schemas import Declaration
from registre.errors import DeclarationInvalid, Problem
from registre.i18n import Msg

M = TypeVar("M", bound=BaseModel)

WHOLE_NUMBER = Msg(en="Expected a whole number, found {found}.", fr="Un nombre entier est attendu, et non {found}.")
TRUE_FALSE = Msg(en="Expected true or false, found {found}.", fr="true ou false est attendu, et non {found}.")
FIELDS = Msg(en="Expected a group of fields, found {found}.", fr="Un groupe de champs est attendu, et non {found}.")
DATE = Msg(en="Expected a date as YYYY-MM-DD, found {found}.", fr="Une date AAAA-MM-JJ est attendue, et non {found}.")
ENUM = Msg(en="'{input}' is not allowed here; use one of: {expected}.",
           fr="« {input} » n'est pas admis ici ; utilisez l'une des valeurs : {expected}.")

MESSAGES: dict[str, Msg] = {
    "missing": Msg(en="This field is required and missing.", fr="Ce champ est obligatoire et manque."),
    "extra_forbidden": Msg(
        en="'{name}' is not a field here; the fields are: {fields}.",
        fr="« {name} » n'est pas un champ attendu ici ; les champs sont : {fields}.",
    ),
    "extra_forbidden_close": Msg(
        en="'{name}' is not a field here; did you mean '{closest}'?",
        fr="« {name} » n'est pas un champ attendu ici ; vouliez-vous dire « {closest} » ?",
    ),
    "enum": ENUM,
    "literal_error": ENUM,
    "string_pattern_mismatch": Msg(
        en="'{input}' is not a valid name: use lower-case letters, digits, '-' and '_', starting with a letter.",
        fr="« {input} » n'est pas un nom valide : lettres minuscules, chiffres, « - » et « _ », "
           "en commençant par une lettre.",
    ),
    "string_type": Msg(en="Expected text, found {found}.", fr="Un texte est attendu, et non {found}."),
    "int_type": WHOLE_NUMBER,
    "int_parsing": WHOLE_NUMBER,
    "bool_type": TRUE_FALSE,
    "bool_parsing": TRUE_FALSE,
    "list_type": Msg(en="Expected a list (lines starting with '- '), found {found}.",
                     fr="Une liste est attendue (lignes commençant par « - »), et non {found}."),
    "model_type": FIELDS,
    "model_attributes_type": FIELDS,
    "dict_type": FIELDS,
    "date_type": DATE,
    "date_parsing": DATE,
    "date_from_datetime_parsing": DATE,
    "too_short": Msg(en="Give at least {min_length} item(s) here.", fr="Donnez au moins {min_length} élément(s) ici."),
    "greater_than_equal": Msg(en="Must be {ge} or more.", fr="Doit valoir au moins {ge}."),
    "less_than_equal": Msg(en="Must be {le} or less.", fr="Doit valoir au plus {le}."),
    "duration": Msg(en="'{value}' is not a duration; write for example '3 years', '13 months' or '30 days'.",
                    fr="« {value} » n'est pas une durée ; écrivez par exemple « 3 years », « 13 months » "
                       "ou « 30 days »."),
    "country": Msg(en="'{value}' is not a known country; give its ISO code, for example US or MA.",
                   fr="« {value} » n'est pas un pays connu ; donnez son code ISO, par exemple US ou MA."),
    "month_day": Msg(en="'{value}' is not a month and day; write it as MM-DD, for example 12-31.",
                     fr="« {value} » n'est pas un mois et un jour ; écrivez-le MM-JJ, par exemple 12-31."),
    "text_empty": Msg(en="A text needs at least 'fr' or 'en'.", fr="Un texte doit avoir au moins « fr » ou « en »."),
    "literal_version": Msg(en="Only format version 1 exists.", fr="Seule la version 1 du format existe."),
}
FALLBACK = Msg(en="Invalid value: {detail}.", fr="Valeur invalide : {detail}.")


def validate(source: Source) -> Declaration:
    """The declaration's models; raise `DeclarationInvalid` with one problem per mistake, each placed."""
    return validate_as(source, Declaration)


def validate_as(source: Source, model: type[M]) -> M:
    """The models of one of registre's YAML formats; raise `DeclarationInvalid` with one problem per mistake,
    each placed."""
    try:
        return model.model_validate(source.data)
    except ValidationError as error:
        problems = _problems(error, source, model)
    raise DeclarationInvalid(problems)


def _problems(error: ValidationError, source: Source, model: type[BaseModel]) -> list[Problem]:
    seen: set[tuple[FieldPath, str]] = set()
    problems = []
    for detail in error.errors(include_url=False):
        path = _data_path(detail, source.data)
        if path is None:
            continue  # the branch of a union that does not match the value's shape
        key = (path, detail["type"])
        if key in seen:
            continue
        seen.add(key)
        message, params = _message(detail, path, model)
        problems.append(Problem(source.sources.place(path), message, params))
    problems.sort(key=lambda p: (p.place.file, p.place.line or 0, p.place.column or 0))
    return problems


def _data_path(detail: ErrorDetails, data: Any) -> FieldPath | None:
    """The error's location in the data, without pydantic's union branch names, or None for a branch
    that does not fit the value (a mapping checked against the plain-name branch, or the reverse)."""
    path: list[str | int] = []
    node = data
    for part in detail["loc"]:
        is_key = isinstance(node, dict) and part in node
        if is_key or (isinstance(node, list) and isinstance(part, int) and part < len(node)):
            node = node[part]
            path.append(part)
        elif isinstance(part, str) and part[:1].isupper():
            if not isinstance(node, dict):
                return None  # a model branch tried on a plain value
        elif isinstance(part, str) and part.startswith("list["):
            if not isinstance(node, list):
                return None  # a list branch tried on a single value (`transfers: nne`)
        elif isinstance(part, str) and part.startswith("literal["):
            if isinstance(node, dict | list):
                return None  # the `none` branch tried on a list or a mapping
        elif isinstance(part, str) and ("str" in part or part in ("int", "float", "bool")):
            if isinstance(node, dict):
                return None  # a plain-value branch tried on a mapping
        elif not isinstance(node, dict | list):
            continue  # inside a plain value (a country given alone, checked as a list of one)
        else:
            path.append(part)  # a missing field: keep its name
    return tuple(path)


def _message(detail: ErrorDetails, path: FieldPath, root: type[BaseModel]) -> tuple[Msg, dict[str, Any]]:
    kind = detail["type"]
    ctx = dict(detail.get("ctx") or {})
    value = detail.get("input")
    params: dict[str, Any] = {**ctx, "input": _short(value), "found": _describe(value)}
    if kind == "extra_forbidden":
        name = str(path[-1])
        model = _model_at(detail, root)
        fields = [f.alias or n for n, f in model.model_fields.items()] if model else []
        close = difflib.get_close_matches(name, fields, n=1, cutoff=0.6)
        params.update(name=name, fields=", ".join(fields), closest=close[0] if close else "")
        if close:
            return MESSAGES["extra_forbidden_close"], params
    elif kind in ("enum", "literal_error"):
        params["expected"] = str(ctx.get("expected", "")).replace("'", "").replace(" or ", ", ")
        if path == ("registre",) and root is Declaration:
            return MESSAGES["literal_version"], params
    message = MESSAGES.get(kind)
    if message is None:
        return FALLBACK, {"detail": detail["msg"]}
    return message, params


def _model_at(detail: ErrorDetails, root: type[BaseModel]) -> type[BaseModel] | None:
    """The model whose field list an unknown field was checked against, following the error's location."""
    model: Any = root
    for part in detail["loc"][:-1]:
        if isinstance(part, int):
            continue
        if isinstance(part, str) and (part[:1].isupper() or part.startswith(("list[", "literal["))):
            continue
        field = model.model_fields.get(part) if isinstance(model, type) and issubclass(model, BaseModel) else None
        if field is None:
            return None
        model = _inner_model(field.annotation)
        if model is None:
            return None
    return model if isinstance(model, type) and issubclass(model, BaseModel) else None


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _short(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "{…}"
    if isinstance(value, list):
        return "[…]"
    return repr(value) if not isinstance(value, str) else f"'{_short(value)}'"
