"""A Fides dataset (fideslang: collections, fields, data categories, `fides_meta` identities and references) as a
registre annotation: `registre datasets import-fides dataset.yml`.

Fides walks its graph from the identity fields along the references. A reference on a field that points to a key
(`customer.address_id` → `address.address_id`) with `direction: to` reads the other collection from the values this
one holds: a lookup, registre's reference data (`reference: true`); with `direction: from` (`rental.customer_id` ←
`customer.customer_id`) this collection is read from the other's values: the person's rows, reached from parent to
child as registre does. Every reference becomes a `relation` (one restating a foreign key is the same link).

Fides data categories are matched to the declaration's through `FIDES_CATEGORIES`, by their catalog ids; a column with
no match is written as `{}` and listed at the top for the user to complete, as is what registre cannot follow (an
identity or a reference inside a nested field, another dataset, an identity type registre does not know). The
processing activity of each table comes from `--activity`; a reference table takes that of the tables pointing to
it; the others are left to name (`datasets check` reports them).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from registre.connectors.scan import PLACEHOLDER_ACTIVITY, bilingual, column_entry, dataset_id, dump
from registre.connectors.schemas import IdentityKind
from registre.connectors.vocabulary import Guess
from registre.declarations.declared import Declared
from registre.declarations.loader import NOT_A_MAPPING, FieldPath, Source, read
from registre.declarations.validation import validate_as
from registre.errors import DeclarationInvalid, InvalidInput, Place, Problem
from registre.i18n import Msg

# Fideslang's data categories (IABTechLab/fideslang, default_taxonomy/data_categories.py) to the data categories of
# registre's catalog (declarations/catalog.py), by the longest prefix of dotted parts: `user.contact.address.street`
# is `user.contact`'s. None: no category of the catalog says it; the user names one.
FIDES_CATEGORIES: dict[str, str | None] = {
    "user": None,
    "user.account": "identification",
    "user.account.settings": None,
    "user.authorization": "connection",
    "user.credentials": "connection",
    "user.credentials.biometric_credentials": "biometric_data",
    "user.behavior": None,
    "user.behavior.browsing_history": "browsing",
    "user.behavior.search_history": "browsing",
    "user.search_history": "browsing",
    "user.behavior.media_consumption": "personal_life",
    "user.media_consumption": "personal_life",
    "user.behavior.purchase_history": "economic_financial",
    "user.biometric": "biometric_data",
    "user.contact": "contact",
    "user.contact.organization": "professional_life",
    "user.content": None,
    "user.content.self_image": "images",
    "user.criminal_history": "criminal_offences",
    "user.date_of_birth": "identification",
    "user.demographic": None,
    "user.demographic.date_of_birth": "identification",
    "user.demographic.gender": "identification",
    "user.gender": "identification",
    "user.demographic.marital_status": "personal_life",
    "user.demographic.political_opinion": "political_opinions",
    "user.political_opinion": "political_opinions",
    "user.demographic.race_ethnicity": "racial_ethnic_origin",
    "user.race": "racial_ethnic_origin",
    "user.demographic.religious_belief": "religious_beliefs",
    "user.religious_belief": "religious_beliefs",
    "user.demographic.sexual_orientation": "sex_life",
    "user.sexual_orientation": "sex_life",
    "user.device": "connection",
    "user.device.cookie": "browsing",
    "user.device.cookie_id": "browsing",
    "user.financial": "economic_financial",
    "user.payment": "economic_financial",
    "user.genetic": "genetic_data",
    "user.government_id": "identification",
    "user.government_id.national_identification_number": None,  # in France the NIR, whose use is restricted
    "user.health_and_medical": "health_data",
    "user.health_and_medical.genetic": "genetic_data",
    "user.id": "identification",
    "user.unique_id": "identification",  # fideslang before 2.0
    "user.job_title": "professional_life",
    "user.workplace": "professional_life",
    "user.location": "location",
    "user.name": "identification",
}
# fideslang before 2.0 wrote `user.provided.identifiable.contact.email` for today's `user.contact.email`
OLD_PREFIXES = ("user.provided.identifiable.", "user.derived.identifiable.", "user.provided.nonidentifiable.",
                "user.derived.nonidentifiable.")
# Where a person lives, shared with their neighbours: in a reference table, not a value of the person's own
SHARED_PLACES = ("user.contact.address.city", "user.contact.address.state", "user.contact.address.country")
FIDES_IDENTITIES = {"email": IdentityKind.email, "phone_number": IdentityKind.phone, "phone": IdentityKind.phone,
                    "user_id": IdentityKind.customer_id, "customer_id": IdentityKind.customer_id,
                    "external_id": IdentityKind.customer_id, "username": IdentityKind.account,
                    "account": IdentityKind.account, "ip_address": IdentityKind.ip, "ip": IdentityKind.ip}

NOT_IMPORTED = Msg(en="The Fides dataset {file} cannot be imported: {count} problem(s).",
                   fr="Le jeu de données Fides {file} ne peut être importé : {count} problème(s).")
NOT_FIDES = Msg(en="This is not a Fides dataset: a Fides dataset file holds 'dataset:', a list of datasets, each "
                   "with its fides_key and its collections.",
                fr="Ce n'est pas un jeu de données Fides : un fichier de jeu de données Fides contient « dataset: », "
                   "une liste de jeux de données, chacun avec sa fides_key et ses collections.")
NOT_A_FIELD = Msg(en="'{name}' does not name a field: write it as collection.field.",
                  fr="« {name} » ne désigne pas un champ : écrivez-le collection.champ.")
NO_COLLECTION = Msg(en="The reference names '{name}', and the dataset '{dataset}' has no collection '{collection}'; "
                       "it has: {known}.",
                    fr="La référence désigne « {name} », et le jeu de données « {dataset} » n'a pas de collection "
                       "« {collection} » ; il a : {known}.")
NO_FIELD = Msg(en="The reference names '{name}', and the collection '{collection}' has no field '{field}'; it has: "
                  "{known}.",
               fr="La référence désigne « {name} », et la collection « {collection} » n'a pas de champ « {field} » ; "
                  "elle a : {known}.")
SEVERAL = Msg(en="The file holds several Fides datasets ({keys}): name the one to import with --dataset.",
              fr="Le fichier contient plusieurs jeux de données Fides ({keys}) : nommez celui à importer avec "
                 "--dataset.")
NO_DATASET = Msg(en="The file holds no Fides dataset '{key}'; it holds: {keys}.",
                 fr="Le fichier ne contient pas de jeu de données Fides « {key} » ; il contient : {keys}.")
UNKNOWN_ACTIVITY = Msg(en="'{name}' is not a processing activity of the declaration; it declares: {known}.",
                       fr="« {name} » n'est pas un traitement de la déclaration ; elle déclare : {known}.")
UNKNOWN_TABLE = Msg(en="'{name}' is not a collection of the Fides dataset; it has: {known}.",
                    fr="« {name} » n'est pas une collection du jeu de données Fides ; il a : {known}.")
TWO_DEFAULTS = Msg(en="--activity names the activity of every table twice ({first}, {second}): give one, and "
                      "TABLE=ACTIVITY for the others.",
                   fr="--activity nomme deux fois le traitement de toutes les tables ({first}, {second}) : donnez-en "
                      "un, et TABLE=TRAITEMENT pour les autres.")

HEADER = Msg(en="Annotation of the Fides dataset '{key}' ({file}), by `registre datasets import-fides`: its "
                "collections, identities, references and data categories. Fides says nothing of lifecycle events, "
                "erasure strategies or what the law keeps: add them (`event:`, `erase:`, `kept_by_law:`) for "
                "retention and erasure to follow the declaration. Check every line, then run "
                "`registre datasets check`.",
             fr="Annotation du jeu de données Fides « {key} » ({file}), par `registre datasets import-fides` : ses "
                "collections, identités, références et catégories de données. Fides ne dit rien des événements, des "
                "façons d'effacer ni de ce que la loi garde : ajoutez-les (`event:`, `erase:`, `kept_by_law:`) pour "
                "que la conservation et l'effacement suivent la déclaration. Vérifiez chaque ligne, puis lancez "
                "`registre datasets check`.")
UNMATCHED = Msg(en="Fides data categories that no data category of the declaration matches: name one for these "
                   "columns (written as {}):",
                fr="Catégories de données Fides qu'aucune catégorie de la déclaration ne rejoint : nommez-en une pour "
                   "ces colonnes (écrites {}) :")
NOT_DECLARED = Msg(en="not in the declaration", fr="absente de la déclaration")
TO_LOOK_AT = Msg(en="To look at:", fr="À examiner :")
NESTED = Msg(en="{name}: an identity or a reference inside a nested field (registre reads a column whole)",
             fr="{name} : une identité ou une référence dans un champ imbriqué (registre lit une colonne entière)")
OTHER_DATASET = Msg(en="{name} → {target}: a reference to another dataset, not followed (registre links the tables of "
                       "one database)",
                    fr="{name} → {target} : une référence vers un autre jeu de données, non suivie (registre relie les "
                       "tables d'une même base)")
UNKNOWN_IDENTITY = Msg(en="{name}: the Fides identity '{identity}' is none of registre's (email, phone, customer_id, "
                          "account, ip): give the column its `identity:` if a person is found by it",
                       fr="{name} : l'identité Fides « {identity} » n'est pas l'une de celles de registre (email, "
                          "phone, customer_id, account, ip) : donnez à la colonne son `identity:` si l'on retrouve une "
                          "personne par elle")
UNDIRECTED = Msg(en="{name} → {target}: a reference without direction, followed from {parent}'s rows to {child}'s; if "
                    "{parent} is looked up from {child} (a product, an address), mark {parent} 'reference: true'",
                 fr="{name} → {target} : une référence sans direction, suivie des lignes de {parent} vers celles de "
                    "{child} ; si {parent} est consultée depuis {child} (un produit, une adresse), marquez {parent} "
                    "« reference: true »")
CONNECTION = Msg(en="the database's URL, its password included, comes from the environment variable {name} (or write "
                    "'url' without its password, and 'password_env')",
                 fr="l'URL de la base, mot de passe compris, vient de la variable d'environnement {name} (ou écrivez "
                    "« url » sans son mot de passe, et « password_env »)")
NAME_ACTIVITY = Msg(en="which processing activity? name it (the declaration's holding its data: {candidates})",
                    fr="quel traitement ? nommez-le (ceux de la déclaration qui en portent les données : "
                       "{candidates})")
NONE_HOLD = Msg(en="none", fr="aucun")
INHERITED = Msg(en="the activity of {tables}, whose rows point here", fr="le traitement de {tables}, dont les lignes "
                "pointent ici")
LOOKED_UP = Msg(en="reference data: Fides looks it up from the keys the person's rows hold (direction: to); read for "
                   "access, never erased unless a column is 'own'",
                fr="données de référence : Fides la lit d'après les clés que portent les lignes de la personne "
                   "(direction: to) ; lue pour l'accès, jamais effacée sauf si une colonne est « own »")
NO_MATCH = Msg(en="{categories}: no data category of the declaration matches; name one",
               fr="{categories} : aucune catégorie de données de la déclaration ne correspond ; nommez-en une")
LOWER = Msg(en="emails in any case: registre keeps a person's lower-cased, and compares lower({column}), which needs "
               "an index on that expression; if the column holds them lower-cased, remove 'match: lower' and its plain "
               "index serves",
            fr="des e-mails en toutes casses : registre garde ceux d'une personne en minuscules, et compare "
               "lower({column}), qui demande un index sur cette expression ; si la colonne les tient en minuscules, "
               "retirez « match: lower » et son index simple sert")
RELATIONS = Msg(en="the references of the Fides dataset, from the column that points to the key it points to (one "
                   "restating a foreign key of the database is the same link)",
                fr="les références du jeu de données Fides, de la colonne qui pointe vers la clé visée (une référence "
                   "qui redit une clé étrangère de la base est le même lien)")
IGNORED = Msg(en="no personal data in Fides' categories, and on no path between tables that hold some",
              fr="aucune donnée personnelle selon les catégories Fides, et sur aucun chemin entre des tables qui en "
                 "contiennent")


class _Fides(BaseModel):
    model_config = ConfigDict(extra="ignore")  # fideslang has many more fields; these are the ones registre reads


class FidesReference(_Fides):
    """A reference of a field to a field of another collection (`collection.field`), with the way data flows."""

    dataset: str
    field: str
    direction: Literal["from", "to"] | None = None


class FidesMeta(_Fides):
    """What Fides needs to walk a dataset: identities, references, keys."""

    references: list[FidesReference] | None = None
    identity: str | None = None
    primary_key: bool | None = None
    data_type: str | None = None


class FidesField(_Fides):
    """A field of a collection; `fields` for the parts of a nested one (a document, a JSON column)."""

    name: str
    data_categories: list[str] | None = None
    fides_meta: FidesMeta | None = None
    fidesops_meta: FidesMeta | None = None  # its name before Fides 2
    fields: list[FidesField] | None = None

    @property
    def meta(self) -> FidesMeta:
        """Its `fides_meta` (or `fidesops_meta`), empty when it has none."""
        return self.fides_meta or self.fidesops_meta or FidesMeta()

    @property
    def meta_key(self) -> str:
        """The name its metadata is written under."""
        return "fides_meta" if self.fides_meta is not None or self.fidesops_meta is None else "fidesops_meta"


class FidesCollection(_Fides):
    """A collection (a table)."""

    name: str
    data_categories: list[str] | None = None
    fields: list[FidesField]


class FidesDataset(_Fides):
    """A Fides dataset: one database."""

    fides_key: str
    name: str | None = None
    data_categories: list[str] | None = None
    collections: list[FidesCollection]


class FidesFile(_Fides):
    """A fideslang file of datasets."""

    dataset: list[FidesDataset]


@dataclass
class Imported:
    """A Fides dataset as a registre annotation: its YAML text, each table annotated and whether it is reference data,
    the columns whose Fides categories match none of the declaration's, and what else is left to look at."""

    yaml: str
    dataset: str
    tables: dict[str, bool]
    unmatched: list[str]
    to_look_at: list[Msg]


@dataclass
class _Column:
    data: str | None = None
    identity: IdentityKind | None = None
    categories: list[str] = field(default_factory=list)  # the Fides categories of personal data, normalised
    unmatched: str | None = None  # why no category of the declaration matches


@dataclass
class _Table:
    name: str
    columns: dict[str, _Column] = field(default_factory=dict)
    key: list[str] = field(default_factory=list)

    @property
    def personal(self) -> bool:
        return any(c.categories or c.identity for c in self.columns.values())

    @property
    def identified(self) -> bool:
        return any(c.identity for c in self.columns.values())


@dataclass(frozen=True)
class _Link:
    """`pointing` holds the key of `key`'s row; `lookup`: Fides reads `key`'s rows from `pointing`'s (not the
    reverse); `directed`: the reference says which way."""

    pointing: tuple[str, str]
    key: tuple[str, str]
    lookup: bool
    directed: bool


def translate(path: Path, declared: Declared, *, activities: Sequence[str] = (),
              fides_key: str | None = None) -> Imported:
    """The registre annotation of the Fides dataset in `path`, its data categories matched to the declaration's;
    `activities` are `ACTIVITY` (every table) or `TABLE=ACTIVITY`."""
    source, parsed = _read(path)
    keys = [d.fides_key for d in parsed.dataset]
    if not keys:
        raise DeclarationInvalid([Problem(source.sources.place(("dataset",)), NOT_FIDES)], NOT_IMPORTED,
                                 file=str(path))
    if fides_key is None and len(keys) > 1:
        raise InvalidInput(SEVERAL, keys=", ".join(keys))
    if fides_key is not None and fides_key not in keys:
        raise InvalidInput(NO_DATASET, key=fides_key, keys=", ".join(keys))
    index = keys.index(fides_key) if fides_key is not None else 0
    return _Importer(source, parsed.dataset[index], index, declared, path).run(activities)


def _read(path: Path) -> tuple[Source, FidesFile]:
    try:
        source = read(path)
        if not isinstance(source.data.get("dataset"), list):
            at = ("dataset",) if "dataset" in source.data else ()
            place = source.sources.place(at)
            raise DeclarationInvalid([Problem(Place(place.file, place.line or 1, place.column or 1, at), NOT_FIDES)])
        return source, validate_as(source, FidesFile)
    except DeclarationInvalid as invalid:
        problems = [Problem(p.place, NOT_FIDES) if p.message is NOT_A_MAPPING else p for p in invalid.problems]
        raise DeclarationInvalid(problems, NOT_IMPORTED, file=str(path)) from None


def _catalog_id(category: str) -> tuple[bool, str | None]:
    """Whether a Fides category is personal data (not `system`), and the catalog id it matches."""
    for old in OLD_PREFIXES:
        if category.startswith(old):
            category = "user." + category[len(old):]
    if category == "system" or category.startswith("system."):
        return False, None
    parts = category.split(".")
    for end in range(len(parts), 0, -1):
        prefix = ".".join(parts[:end])
        if prefix in FIDES_CATEGORIES:
            return True, FIDES_CATEGORIES[prefix]
    return True, None


class _Importer:
    def __init__(self, source: Source, dataset: FidesDataset, index: int, declared: Declared, path: Path) -> None:
        self.source = source
        self.dataset = dataset
        self.base: FieldPath = ("dataset", index)
        self.declared = declared
        self.path = path
        self.tables: dict[str, _Table] = {}
        self.links: dict[tuple[tuple[str, str], tuple[str, str]], _Link] = {}
        self.problems: list[Problem] = []
        self.to_look_at: list[Msg] = []

    def run(self, activities: Sequence[str]) -> Imported:
        keys = {c.name: {f.name for f in c.fields if f.meta.primary_key} for c in self.dataset.collections}
        for c_index, collection in enumerate(self.dataset.collections):
            table = self.tables[collection.name] = _Table(collection.name)
            for f_index, fld in enumerate(collection.fields):
                self.column(table, collection, fld, (*self.base, "collections", c_index, "fields", f_index), keys)
        if self.problems:
            raise DeclarationInvalid(self.problems, NOT_IMPORTED, file=str(self.path))
        given, default = self.given(activities)
        wanted = self.wanted()
        references = {name for name in wanted if self.is_reference(name, wanted)}
        chosen = self.activities(wanted, references, given, default)
        root = self.annotation(wanted, references, chosen)
        unmatched = [f"{table.name}.{name}: {column.unmatched}" for table in self.tables.values()
                     if table.name in wanted for name, column in table.columns.items() if column.unmatched]
        header = bilingual(HEADER, key=self.dataset.fides_key, file=self.path.name)
        if unmatched:
            header += "\n" + bilingual(UNMATCHED) + "".join(f"\n  {line}" for line in unmatched)
        if self.to_look_at:
            header += "\n" + bilingual(TO_LOOK_AT) + "".join(
                f"\n  {line}" for item in self.to_look_at for line in bilingual(item).splitlines())
        root.yaml_set_start_comment(header)
        return Imported(dump(root), str(root["dataset"]), {name: name in references for name in root["tables"]},
                        unmatched, self.to_look_at)

    def column(self, table: _Table, collection: FidesCollection, fld: FidesField, path: FieldPath,
               keys: dict[str, set[str]]) -> None:
        """Read one field: its data category, its identity, whether it is the key, its references."""
        name = f"{table.name}.{fld.name}"
        categories = fld.data_categories
        if fld.fields:
            leaves = list(_leaves(fld.fields))
            categories = [c for leaf in leaves for c in leaf.data_categories or []]
            if any(leaf.meta.identity or leaf.meta.references for leaf in leaves):
                self.to_look_at.append(_filled(NESTED, name=name))
        elif categories is None:
            categories = collection.data_categories or self.dataset.data_categories or []
        column = _Column()
        matched: list[str] = []
        undeclared: list[str] = []
        for category in categories:
            personal, catalog_id = _catalog_id(category)
            if not personal:
                continue
            column.categories.append(category)
            if catalog_id is not None and catalog_id in self.declared.data:
                matched.append(catalog_id)
            elif catalog_id is not None:
                undeclared.append(catalog_id)
        distinct = list(dict.fromkeys(matched))
        if distinct and (len(distinct) == 1 or not fld.fields):
            column.data = distinct[0]
        elif column.categories:
            hints = [f"({c}: {NOT_DECLARED.en} / {NOT_DECLARED.fr})" for c in dict.fromkeys(undeclared)]
            column.unmatched = " ".join([", ".join(dict.fromkeys(column.categories)), *hints])
        meta = fld.meta
        if meta.identity is not None:
            column.identity = FIDES_IDENTITIES.get(meta.identity)
            if column.identity is None:
                self.to_look_at.append(_filled(UNKNOWN_IDENTITY, name=name, identity=meta.identity))
        if meta.primary_key:
            table.key.append(fld.name)
        if column.categories or column.identity:
            table.columns[fld.name] = column
        for r_index, reference in enumerate(meta.references or []):
            self.reference(table, fld, reference, (*path, fld.meta_key, "references", r_index, "field"), keys)

    def reference(self, table: _Table, fld: FidesField, reference: FidesReference, path: FieldPath,
                  keys: dict[str, set[str]]) -> None:
        """One reference: a link between two tables, or a problem placed where it is written."""
        name = f"{table.name}.{fld.name}"
        if reference.dataset != self.dataset.fides_key:
            self.to_look_at.append(_filled(OTHER_DATASET, name=name, target=f"{reference.dataset}.{reference.field}"))
            return
        collection, _, rest = reference.field.partition(".")
        target, _, deeper = rest.partition(".")
        fields = {c.name: [f.name for f in c.fields] for c in self.dataset.collections}
        place = self.source.sources.place(path)
        if not target:
            self.problems.append(Problem(place, NOT_A_FIELD, {"name": reference.field}))
        elif collection not in fields:
            self.problems.append(Problem(place, NO_COLLECTION, {
                "name": reference.field, "dataset": self.dataset.fides_key, "collection": collection,
                "known": ", ".join(fields)}))
        elif target not in fields[collection]:
            self.problems.append(Problem(place, NO_FIELD, {
                "name": reference.field, "collection": collection, "field": target,
                "known": ", ".join(fields[collection])}))
        elif deeper:
            self.to_look_at.append(_filled(NESTED, name=name))
        else:
            holder, other = (table.name, fld.name), (collection, target)
            # the reference is written on the field that points, or on the key it points to
            on_key = fld.name in keys[table.name] and target not in keys[collection]
            pointing, key = (other, holder) if on_key else (holder, other)
            flows_from = holder if reference.direction in ("to", None) else other
            link = _Link(pointing, key, lookup=reference.direction is not None and flows_from == pointing,
                         directed=reference.direction is not None)
            known = self.links.get((pointing, key))
            if known is not None:  # written on both fields: it is a lookup only if both say so
                link = _Link(pointing, key, known.lookup and link.lookup, known.directed or link.directed)
            self.links[(pointing, key)] = link

    def given(self, activities: Sequence[str]) -> tuple[dict[str, str], str | None]:
        """The activities named on the command line: by table, and for every other table."""
        declared = [a.id for a in self.declared.declaration.activities]
        by_table: dict[str, str] = {}
        default: str | None = None
        for item in activities:
            table, _, activity = item.rpartition("=")
            if activity not in declared:
                raise InvalidInput(UNKNOWN_ACTIVITY, name=activity, known=", ".join(declared))
            if table and table not in self.tables:
                raise InvalidInput(UNKNOWN_TABLE, name=table, known=", ".join(self.tables))
            if table:
                by_table[table] = activity
            elif default is not None and default != activity:
                raise InvalidInput(TWO_DEFAULTS, first=default, second=activity)
            else:
                default = activity
        return by_table, default

    def arcs(self) -> Iterator[tuple[str, str, _Link]]:
        """The way each link is walked, from table to table: up to the key for a lookup, down from it otherwise."""
        for link in self.links.values():
            if link.pointing[0] != link.key[0]:
                yield (link.pointing[0], link.key[0], link) if link.lookup else (link.key[0], link.pointing[0], link)

    def wanted(self) -> set[str]:
        """The tables to annotate: those with personal data, and those on a path between two of them."""
        personal = {name for name, table in self.tables.items() if table.personal}
        arcs = [(start, end) for start, end, _ in self.arcs()]
        return personal | (_reach(personal, arcs) & _reach(personal, [(b, a) for a, b in arcs]))

    def is_reference(self, name: str, wanted: set[str]) -> bool:
        """A table reached only by lookups from the person's rows, that identifies nobody itself."""
        into = [link for start, end, link in self.arcs() if end == name and start in wanted]
        return bool(into) and all(link.lookup for link in into) and not self.tables[name].identified

    def activities(self, wanted: set[str], references: set[str], given: dict[str, str],
                   default: str | None) -> dict[str, tuple[str, Msg | None]]:
        """Each table's activity, with a note when it was not named: a reference table takes that of the tables
        pointing to it; the others are left to name."""
        chosen: dict[str, tuple[str, Msg | None]] = {}
        for name in wanted:
            if name in given or (name not in references and default is not None):
                chosen[name] = (given.get(name) or str(default), None)
        changed = True
        while changed:
            changed = False
            for name in sorted(references - set(chosen)):
                pointing = sorted({start for start, end, link in self.arcs() if end == name and start in wanted})
                if all(p in chosen for p in pointing):
                    found = {chosen[p][0] for p in pointing}
                    if len(found) == 1 and PLACEHOLDER_ACTIVITY not in found:
                        chosen[name] = (found.pop(), _filled(INHERITED, tables=", ".join(pointing)))
                    else:
                        chosen[name] = (default or PLACEHOLDER_ACTIVITY, None)
                    changed = True
        for name in wanted - set(chosen):
            chosen[name] = (default or PLACEHOLDER_ACTIVITY, None)
        for name, (activity, _) in list(chosen.items()):
            if activity == PLACEHOLDER_ACTIVITY:
                chosen[name] = (activity, self.candidates(self.tables[name]))
        return chosen

    def candidates(self, table: _Table) -> Msg:
        """The note of a table whose activity is to name: the declaration's activities holding its data."""
        data = {c.data for c in table.columns.values() if c.data}
        found = [a.id for a in self.declared.declaration.activities if data and data <= set(a.data)]
        return _filled(NAME_ACTIVITY, candidates=", ".join(found) or NONE_HOLD)

    def annotation(self, wanted: set[str], references: set[str],
                   chosen: dict[str, tuple[str, Msg | None]]) -> CommentedMap:
        """The annotation, in the order of the Fides dataset's collections."""
        root = CommentedMap()
        root["dataset"] = dataset_id(self.dataset.fides_key)
        variable = f"{str(root['dataset']).upper().replace('-', '_')}_URL"
        connection = CommentedMap(url_env=variable)
        connection.fa.set_flow_style()
        root["connection"] = connection
        root.yaml_set_comment_before_after_key("connection", before=bilingual(CONNECTION, name=variable))
        tables = CommentedMap()
        root["tables"] = tables
        for name, table in self.tables.items():
            if name not in wanted:
                continue
            tables[name] = self.table(table, name in references, *chosen[name])
        relations = CommentedSeq()
        for link in self.links.values():
            if link.pointing[0] in wanted and link.key[0] in wanted:
                relation = CommentedMap()
                relation["from"], relation["to"] = ".".join(link.pointing), ".".join(link.key)
                relation.fa.set_flow_style()
                relations.append(relation)
                if not link.directed:
                    self.to_look_at.append(_filled(UNDIRECTED, name=".".join(link.pointing), target=".".join(link.key),
                                                   parent=link.key[0], child=link.pointing[0]))
        if relations:
            root["relations"] = relations
            root.yaml_set_comment_before_after_key("relations", before=bilingual(RELATIONS))
        ignored = CommentedSeq(name for name in self.tables if name not in wanted)
        if ignored:
            ignored.fa.set_flow_style()
            root["ignore"] = ignored
            root.yaml_set_comment_before_after_key("ignore", before=bilingual(IGNORED))
        return root

    def table(self, table: _Table, reference: bool, activity: str, note: Msg | None) -> CommentedMap:
        """One table: its activity, whether it is reference data, its key, its columns."""
        out = CommentedMap()
        out["activity"] = activity
        notes = [n for n in (LOOKED_UP if reference else None, note) if n is not None]
        if notes:
            out.yaml_set_comment_before_after_key("activity", before="\n".join(bilingual(n) for n in notes),
                                                  indent=4)
        if reference:
            out["reference"] = True
        if table.key:
            key = CommentedSeq(table.key)
            key.fa.set_flow_style()
            out["key"] = key
        columns = CommentedMap()
        for name, column in table.columns.items():
            own = reference and column.data is not None and not any(
                c.startswith(SHARED_PLACES) for c in column.categories)
            identity = None if reference else column.identity  # a reference row is read, never searched for
            lower = identity is IdentityKind.email
            columns[name] = column_entry(Guess(data=column.data, identity=identity, match_lower=lower), own=own)
            if column.unmatched:
                columns.yaml_set_comment_before_after_key(
                    name, before=bilingual(NO_MATCH, categories=", ".join(dict.fromkeys(column.categories))),
                    indent=6)
            elif lower:
                columns.yaml_set_comment_before_after_key(name, before=bilingual(LOWER, column=name), indent=6)
        if columns:
            out["columns"] = columns
        return out


def _filled(message: Msg, **params: Any) -> Msg:
    """A message with its placeholders filled, in both languages."""
    return Msg(en=message("en", **params), fr=message("fr", **params))


def _leaves(fields: list[FidesField]) -> Iterator[FidesField]:
    for fld in fields:
        if fld.fields:
            yield from _leaves(fld.fields)
        else:
            yield fld


def _reach(start: set[str], arcs: list[tuple[str, str]]) -> set[str]:
    """The tables reached from `start` along `arcs`, `start` included."""
    reached = set(start)
    grown = True
    while grown:
        grown = False
        for a, b in arcs:
            if a in reached and b not in reached:
                reached.add(b)
                grown = True
    return reached
