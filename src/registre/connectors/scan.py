"""Drafting a dataset's annotation from a live database: `registre datasets scan URL`.

The database is reflected; each column is guessed from its name (French and English) and, when the name says
nothing, from up to `sample` non-null values per table (one `SELECT ... LIMIT` per table, never the whole table).
The values read are never written into the draft. What cannot be guessed is left for the user: the processing
activity of each table (a placeholder id that `datasets check` reports), and the columns listed at the top as not
classified. Comments are written in English then French.
"""

from __future__ import annotations

import ipaddress
import re
import textwrap
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from io import StringIO
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from sqlalchemy import Engine, inspect, or_, select
from sqlalchemy import Table as SqlTable
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.sql import sqltypes
from sqlalchemy.sql.schema import Column as SqlColumn

from registre.connectors.connection import connect, reflect
from registre.connectors.schemas import Erase, IdentityKind
from registre.errors import InvalidInput
from registre.i18n import Msg

PLACEHOLDER_ACTIVITY = "unclassified"  # a valid id that no declaration defines: `datasets check` reports it
INVOICE_LAW = "Code de commerce L123-22"  # shared/reference/regulation.md: accounting documents, 10 years

NOT_A_URL = Msg(en="This is not a database URL SQLAlchemy can read; give one like "
                   "postgresql+psycopg://user@host/database or sqlite:///path/to/file.db.",
                fr="Ce n'est pas une URL de base de données lisible par SQLAlchemy ; donnez-en une comme "
                   "postgresql+psycopg://utilisateur@hôte/base ou sqlite:///chemin/du/fichier.db.")
BAD_NAME = Msg(en="'{name}' cannot name a dataset: use lower-case letters, digits, '_' and '-', starting with a "
                  "letter.",
               fr="« {name} » ne peut pas nommer un jeu de données : utilisez des minuscules, des chiffres, « _ » "
                  "et « - », en commençant par une lettre.")

HEADER = Msg(en="Draft annotation of {url}, by `registre datasets scan`: guessed from column names and up to {sample} "
                "sample values per table (no value is copied here). Check every line.\n"
                "Replace each 'activity: {placeholder}' with the declaration's processing activity the table "
                "serves.",
             fr="Brouillon d'annotation de {url}, par `registre datasets scan` : deviné d'après les noms de colonnes "
                "et au plus {sample} valeurs d'exemple par table (aucune valeur n'est recopiée ici). Vérifiez "
                "chaque ligne.\nRemplacez chaque « activity: {placeholder} » par l'activité de traitement de la "
                "déclaration que sert la table.")
NOT_CLASSIFIED = Msg(en="Not classified: do they hold personal data? If so, add them to their table's columns.",
                     fr="Non classées : contiennent-elles des données personnelles ? Si oui, ajoutez-les aux "
                        "colonnes de leur table.")
ACTIVITY = Msg(en="which processing activity? name it", fr="quelle activité de traitement ? nommez-la")
PASSWORD = Msg(en="the password is not written here: give it in the environment variable {name}",
               fr="le mot de passe n'est pas écrit ici : donnez-le dans la variable d'environnement {name}")
PASSWORD_IF_NEEDED = Msg(en="if the database needs a password, add 'password_env: {name}' and give it in that "
                            "environment variable",
                         fr="si la base demande un mot de passe, ajoutez « password_env: {name} » et donnez-le "
                            "dans cette variable d'environnement")
KEPT_BY_LAW = Msg(en="invoices are kept 10 years from the close of the financial year: uncomment if the table "
                     "holds them",
                  fr="les factures sont conservées 10 ans à compter de la clôture de l'exercice : décommentez si "
                     "la table en contient")
LINKED = Msg(en="no personal column found, but its rows point to {parents}: they are about a person",
             fr="aucune colonne personnelle trouvée, mais ses lignes renvoient à {parents} : elles concernent une "
                "personne")
RESTRICTION = Msg(en="registre sets this flag on the rows of a person whose data are restricted (Art. 18)",
                  fr="registre lève ce drapeau sur les lignes d'une personne dont les données sont limitées "
                     "(art. 18)")
IGNORED = Msg(en="no personal data found in these tables: check them",
              fr="aucune donnée personnelle trouvée dans ces tables : vérifiez-les")
CHECK = Msg(en="check: {columns}", fr="à vérifier : {columns}")
FREE_TEXT = Msg(en="free text: it may hold anything (even health or opinions); name its data category",
                fr="texte libre : il peut contenir n'importe quoi (même la santé ou des opinions) ; nommez sa "
                   "catégorie de données")
ART9 = Msg(en="ATTENTION: special category data (Art. 9): processing it needs an Art. 9(2) exception, declared",
           fr="ATTENTION : donnée sensible (art. 9) : son traitement exige une exception de l'art. 9(2), déclarée")
ART10 = Msg(en="ATTENTION: criminal convictions and offences (Art. 10): only under official authority or where "
               "the law allows",
            fr="ATTENTION : condamnations pénales et infractions (art. 10) : seulement sous le contrôle de "
               "l'autorité publique ou si la loi l'autorise")
NIR = Msg(en="ATTENTION: the social security number (NIR): its use is restricted (Art. 87)",
          fr="ATTENTION : le numéro de sécurité sociale (NIR) : son usage est encadré (art. 87)")
SEX = Msg(en="ATTENTION: sex or gender: collect it only if the purpose needs it (Art. 5(1)(c))",
          fr="ATTENTION : sexe ou genre : à ne collecter que si la finalité l'exige (art. 5.1.c)")
NATIONALITY = Msg(en="ATTENTION: nationality may reveal racial or ethnic origin (Art. 9): collect it only if the "
                     "purpose needs it",
                  fr="ATTENTION : la nationalité peut révéler l'origine raciale ou ethnique (art. 9) : à ne "
                     "collecter que si la finalité l'exige")
SAMPLED = Msg(en="guessed from sample values: they look like {what}",
              fr="deviné d'après des valeurs d'exemple : elles ressemblent à {what}")
SAMPLE_FAILED = Msg(en="sample rows could not be read ({reason}): guessed from names only",
                    fr="les lignes d'exemple n'ont pu être lues ({reason}) : deviné d'après les noms seulement")

COMMENT_WIDTH = 100
MATCHING_SHARE = 0.8  # the share of sample values that must look alike for a guess from values


@dataclass
class Draft:
    """A drafted annotation: its YAML text, what was classified (table -> column -> identity kind or data
    category) and the `table.column`s that were not."""

    yaml: str
    classified: dict[str, dict[str, str]] = field(default_factory=dict)
    unclassified: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Guess:
    """What a column is guessed to hold."""

    data: str | None = None
    identity: IdentityKind | None = None
    event: str | None = None
    of_person: bool = False
    erase: Erase | None = None
    quasi: bool = False
    match_lower: bool = False  # an identity whose sample values have capitals: compared case-insensitively
    note: Msg | None = None
    weak: bool = False  # counts only in a table found to hold personal data (a bare `name`, a `url`)
    free_text: bool = False
    restriction: bool = False

    @property
    def personal(self) -> bool:
        """Whether the guess alone makes its table hold personal data."""
        return (self.data is not None or self.identity is not None) and not self.weak


@dataclass(frozen=True, slots=True)
class _Rule:
    """Column names that mean a guess, for columns of some type families and tables: phrases of words found
    anywhere in the name, or (written `=date`) the whole name."""

    phrases: tuple[tuple[str, ...], ...]
    whole: tuple[tuple[str, ...], ...]
    families: frozenset[str]
    guess: _Guess
    tables: frozenset[str] | None = None  # the kinds of table where it applies; None for any
    foreign_keys: bool = True  # whether it applies to a foreign key column


def _rule(names: str, families: str, guess: _Guess, *, tables: str | None = None,
          foreign_keys: bool = True) -> _Rule:
    def words(kept: list[str]) -> tuple[tuple[str, ...], ...]:
        return tuple(tuple(name.lstrip("=").split("_")) for name in kept)

    every = names.split()
    return _Rule(words([n for n in every if not n.startswith("=")]), words([n for n in every if n.startswith("=")]),
                 frozenset(families.split()), guess, frozenset(tables.split()) if tables else None, foreign_keys)


ANY = "text number date bool other"
CONTACT = _Guess(data="contact")
POSTCODE = _Guess(data="contact", erase=Erase.departement, quasi=True)
FINANCIAL = _Guess(data="economic_financial")
IDENTIFICATION = _Guess(data="identification")
CONNECTION = _Guess(data="connection")
BIRTH = "date_naissance date_de_naissance datenaissance birth_date birthdate birthday date_of_birth dob"


def _event(event: str, *, of_person: bool = False) -> _Guess:
    return _Guess(event=event, of_person=of_person)


# In order: the first rule that matches wins (an `adresse_ip` is an IP before it is an address).
NAME_RULES: tuple[_Rule, ...] = (
    _rule("orientation_sexuelle vie_sexuelle sexual_orientation sex_life", ANY, _Guess(data="sex_life", note=ART9)),
    _rule("sante health medical medicale medicales medicaux maladie disease pathologie pathology diagnostic "
          "diagnosis handicap disability allergie allergies allergy grossesse pregnancy pregnant groupe_sanguin "
          "blood_type", ANY, _Guess(data="health_data", note=ART9)),
    _rule("religion religious confession croyance croyances belief beliefs", ANY,
          _Guess(data="religious_beliefs", note=ART9)),
    _rule("ethnie ethnic ethnicity ethnique race racial", ANY, _Guess(data="racial_ethnic_origin", note=ART9)),
    _rule("politique political", ANY, _Guess(data="political_opinions", note=ART9)),
    _rule("syndicat syndical syndicale trade_union union_member", ANY,
          _Guess(data="trade_union_membership", note=ART9)),
    _rule("genetique genetic adn dna", ANY, _Guess(data="genetic_data", note=ART9)),
    _rule("biometrie biometrique biometric biometrics empreinte fingerprint", ANY,
          _Guess(data="biometric_data", note=ART9)),
    _rule("casier_judiciaire criminal condamnation condamnations conviction convictions infraction infractions "
          "offence offences offense", ANY, _Guess(data="criminal_offences", note=ART10)),
    _rule("nir numero_secu num_secu securite_sociale social_security ssn", ANY, _Guess(data="nir", note=NIR)),
    _rule("sexe sex gender genre civilite", ANY, _Guess(data="identification", note=SEX)),
    _rule("nationalite nationality citizenship", ANY, _Guess(data="identification", note=NATIONALITY)),
    _rule("ip ipv4 ipv6 ipaddress ip_address adresse_ip remote_addr", "text other",
          _Guess(data="connection", identity=IdentityKind.ip)),
    _rule("email e_mail emails courriel mail adresse_mail", "text other",
          _Guess(data="contact", identity=IdentityKind.email)),
    _rule("telephone tel phone phonenumber mobile portable gsm fax", "text number other",
          _Guess(data="contact", identity=IdentityKind.phone)),
    _rule("customer_number customer_no customer_num customer_ref customer_reference customer_code customer_id "
          "customerid client_id clientid client_number client_ref numero_client num_client no_client code_client "
          "ref_client reference_client id_client", "text", _Guess(data="identification",
                                                                  identity=IdentityKind.customer_id),
          foreign_keys=False),
    _rule("username user_name login identifiant pseudo pseudonyme nickname", "text",
          _Guess(data="identification", identity=IdentityKind.account), foreign_keys=False),
    _rule(BIRTH + " naissance", "date", _Guess(data="identification", erase=Erase.year, quasi=True)),
    _rule(BIRTH, "text", _Guess(data="identification", quasi=True)),
    _rule("age", "number", _Guess(data="identification", erase=Erase.age_band, quasi=True)),
    _rule("code_postal codepostal postcode postal_code zip zipcode cp", "text number", POSTCODE),
    _rule("adresse address addresses addr rue street ville city commune localite town voie", "text", CONTACT),
    _rule("iban bic rib swift card carte last4 cb pan salaire salary revenu revenus income", "text number", FINANCIAL),
    _rule("raison_sociale prenom prenoms firstname lastname surname fullname", "text", IDENTIFICATION),
    _rule("user_agent useragent navigateur browser referer referrer", "text", CONNECTION),
    _rule("path url uri", "text", _Guess(data="connection", weak=True)),
    _rule("restricted restreint restreinte restriction limite limitee is_restricted", "bool number",
          _Guess(restriction=True)),
    # Lifecycle events, from date and time columns.
    _rule("=at =timestamp =ts =date =time =datetime =horodatage logged logged_at occurred_at created_at created "
          "recorded_at", "date", _event("recorded"), tables="log"),
    _rule("unsubscribed unsubscribed_at unsubscribe desabonne desabonnement desinscription desinscrit opt_out "
          "optout withdrawn withdrawn_at retrait_consentement", "date", _event("consent_withdrawn")),
    _rule("last_login lastlogin last_seen last_connection last_connexion derniere_connexion last_sign_in "
          "last_signin last_logon dernier_acces last_access", "date", _event("last_connection")),
    _rule("closed closed_at cloture date_cloture deleted deleted_at supprime date_suppression deactivated "
          "deactivated_at desactive fermeture", "date", _event("account_closed")),
    _rule("paid paid_at date_paiement paiement payment payment_date paye transaction_date date_transaction", "date",
          _event("transaction")),
    _rule("issued issued_at =date emission date_emission =created_at", "date", _event("invoice_issued"),
          tables="invoice"),
    _rule("date_facture invoice_date date_facturation invoiced_at", "date", _event("invoice_issued")),
    _rule("placed placed_at =date =created_at ordered ordered_at", "date", _event("last_purchase", of_person=True),
          tables="order"),
    _rule("order_date date_commande purchase_date purchased_at date_achat", "date",
          _event("last_purchase", of_person=True)),
    _rule("created created_at creation date_creation creation_date date_inscription inscription inscrit registered "
          "registered_at registration signup signed_up subscribed subscribed_at joined", "date", _event("collected")),
    _rule("opened opened_at date_ouverture ouvert", "date", _event("recorded")),
)


def _set(names: str) -> frozenset[str]:
    return frozenset(names.split())


FREE_TEXT_NAMES = _set("body message messages commentaire commentaires comment comments notes note description "
                       "remarque remarques observation observations contenu content texte text details")
NAME_WORDS = _set("name nom names noms")
PERSON_WORDS = _set("first last sur given family full middle maiden display contact billing shipping customer client "
                    "user prenom famille usage naissance jeune fille person personne member adherent employee "
                    "salarie patient")
THING_WORDS = _set("product produit file fichier category categorie item article brand marque host domain table "
                   "column company societe entreprise shop store magasin bank banque event list tag role group groupe")
TABLE_KINDS: dict[str, frozenset[str]] = {
    "invoice": _set("facture invoice avoir"),
    "order": _set("order commande achat purchase sale vente"),
    "log": _set("log journal journaux trace audit access acce visit visite hit request requete event evenement "
                "history historique connexion connection session pageview click clic"),
    "person": _set("customer client user utilisateur contact member membre adherent employee salarie employe person "
                   "personne people patient prospect candidate candidat subscriber abonne account compte student "
                   "etudiant eleve"),
}


def draft(url: str, *, dataset: str | None = None, sample: int = 50, schema: str | None = None) -> Draft:
    """Reflect the database at `url` and draft its annotation from column names and sample values."""
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):  # a bad port raises ValueError; no message shown: it may hold the password
        raise InvalidInput(NOT_A_URL) from None
    name = _dataset_name(dataset, parsed)
    sample = max(sample, 0)
    engine = connect(parsed, name)
    try:
        names = inspect(engine).get_table_names(schema=schema)
        metadata = reflect(engine, schema)
        tables = [metadata.tables[f"{schema}.{table}" if schema else table] for table in names]
        scans = [_scan(engine, table, sample) for table in tables]
    finally:
        engine.dispose()
    return _write(scans, name, parsed, schema, sample)


@dataclass
class _TableScan:
    """What was guessed about one table."""

    table: SqlTable
    guesses: dict[str, _Guess]  # column -> guess, in the table's order
    unclassified: list[str]
    note: Msg | None = None


def _scan(engine: Engine, table: SqlTable, sample: int) -> _TableScan:
    kinds = _table_kinds(table.name)
    guesses: dict[str, _Guess] = {}
    unclassified: list[str] = []
    sampled: list[SqlColumn[Any]] = []
    for column in table.columns:
        guess = _by_name(column, kinds)
        if guess is not None:
            guesses[column.name] = guess
            if guess.identity is IdentityKind.email:
                sampled.append(column)
        elif not column.primary_key and not column.foreign_keys:
            unclassified.append(str(column.name))
            if _family(column) in ("text", "other"):
                sampled.append(column)
    note = None
    if sampled and sample:
        try:
            values = _samples(engine, table, sampled, sample)
        except SQLAlchemyError as error:
            values = {}
            reason = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
            note = Msg(en=SAMPLE_FAILED.en.format(reason=reason), fr=SAMPLE_FAILED.fr.format(reason=reason))
        for column in sampled:
            found = values.get(column.name, [])
            guess = guesses.get(column.name)
            if guess is not None:
                if any(value != value.lower() for value in found):
                    guesses[column.name] = replace(guess, match_lower=True)
                continue
            by_values = _by_values(column, found)
            if by_values is not None:
                guesses[column.name] = by_values
                unclassified.remove(column.name)
    guesses = {str(column.name): guesses[column.name] for column in table.columns if column.name in guesses}
    return _TableScan(table, _one_event_each(guesses, unclassified, table), unclassified, note)


def _one_event_each(guesses: dict[str, _Guess], unclassified: list[str], table: SqlTable) -> dict[str, _Guess]:
    """The guesses with each event on the first column that records it, the others left unclassified."""
    seen: set[str] = set()
    kept: dict[str, _Guess] = {}
    for name, guess in guesses.items():
        if guess.event is not None and guess.event in seen:
            unclassified.append(name)
            continue
        if guess.event is not None:
            seen.add(guess.event)
        kept[name] = guess
    order = [column.name for column in table.columns]
    unclassified.sort(key=order.index)
    return kept


def _by_name(column: SqlColumn[Any], kinds: frozenset[str]) -> _Guess | None:
    words = _words(column.name)
    family = _family(column)
    is_foreign_key = bool(column.foreign_keys)
    for rule in NAME_RULES:
        if family not in rule.families or (is_foreign_key and not rule.foreign_keys):
            continue
        if rule.tables is not None and not rule.tables & kinds:
            continue
        if words in rule.whole or any(_contains(words, phrase) for phrase in rule.phrases):
            return rule.guess
    if family == "text" and NAME_WORDS & set(words) and not THING_WORDS & set(words) and not is_foreign_key:
        person = bool(PERSON_WORDS & set(words)) or "person" in kinds
        return _Guess(data="identification", weak=not person)
    if family == "text" and FREE_TEXT_NAMES & set(words) and _long_text(column):
        return _Guess(note=FREE_TEXT, weak=True, free_text=True)
    return None


def _samples(engine: Engine, table: SqlTable, columns: list[SqlColumn[Any]], limit: int) -> dict[str, list[str]]:
    """Up to `limit` rows of the table with any of those columns set: the columns' non-null values, as text."""
    query = select(*columns).where(or_(*(column.is_not(None) for column in columns))).limit(limit)
    values: dict[str, list[str]] = {column.name: [] for column in columns}
    with engine.connect() as connection:
        for row in connection.execute(query):
            for column, value in zip(columns, row, strict=True):
                if isinstance(value, str | ipaddress.IPv4Address | ipaddress.IPv6Address
                              | ipaddress.IPv4Interface | ipaddress.IPv6Interface):
                    values[column.name].append(str(value).strip())
    return values


EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
FRENCH_PHONE = re.compile(r"^(?:(?:\+|00)33[\s.-]?(?:\(0\))?|0)[1-9](?:[\s.-]?\d{2}){4}$")
E164 = re.compile(r"^\+[1-9]\d{7,14}$")
IBAN = re.compile(r"^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$")
FRENCH_POSTCODE = re.compile(r"^(?:\d{5}|2[AB]\d{3})$")
STREET = re.compile(r"^\d+\s*(?:bis|ter)?\s*,?\s+(?:rue|avenue|av\.?|boulevard|bd|all[ée]e|place|chemin|impasse|route|"
                    r"quai|cours|square|passage|street|road|lane|avenue)\b", re.IGNORECASE)
CODE_WORDS = frozenset({"code", "cp", "zip", "postal", "zipcode"})


def _is_phone(value: str) -> bool:
    return bool(FRENCH_PHONE.match(value) or E164.match(re.sub(r"[\s.()-]", "", value)))


def _is_iban(value: str) -> bool:
    text = value.replace(" ", "").upper()
    if not IBAN.match(text):
        return False
    digits = "".join(str(int(char, 36)) for char in text[4:] + text[:4])
    return int(digits) % 97 == 1


def _is_ip(value: str) -> bool:
    try:
        ipaddress.ip_interface(value)
    except ValueError:
        return False
    return True


# What values look like, in order: (the guess, how it reads in a comment, the test of one value).
VALUE_KINDS: tuple[tuple[_Guess, Msg, Callable[[str], bool]], ...] = (
    (_Guess(data="contact", identity=IdentityKind.email), Msg(en="email addresses", fr="des adresses électroniques"),
     lambda value: bool(EMAIL.match(value))),
    (_Guess(data="economic_financial"), Msg(en="IBANs", fr="des IBAN"), _is_iban),
    (_Guess(data="connection", identity=IdentityKind.ip), Msg(en="IP addresses", fr="des adresses IP"), _is_ip),
    (_Guess(data="contact", identity=IdentityKind.phone), Msg(en="phone numbers", fr="des numéros de téléphone"),
     _is_phone),
    (_Guess(data="contact"), Msg(en="street addresses", fr="des adresses postales"),
     lambda value: bool(STREET.match(value))),
)
POSTCODES = Msg(en="French postcodes", fr="des codes postaux français")


def _by_values(column: SqlColumn[Any], values: list[str]) -> _Guess | None:
    if not values:
        return None

    def most(test: Callable[[str], bool]) -> bool:
        return sum(1 for value in values if test(value)) >= MATCHING_SHARE * len(values)

    kinds = list(VALUE_KINDS)
    if CODE_WORDS & set(_words(column.name)):
        kinds.insert(0, (POSTCODE, POSTCODES, lambda value: bool(FRENCH_POSTCODE.match(value))))
    for guess, what, test in kinds:
        if most(test):
            note = Msg(en=SAMPLED.en.format(what=what.en), fr=SAMPLED.fr.format(what=what.fr))
            return _Guess(data=guess.data, identity=guess.identity, erase=guess.erase, quasi=guess.quasi, note=note)
    return None


def _write(scans: list[_TableScan], name: str, url: URL, schema: str | None, sample: int) -> Draft:
    personal = _personal_tables(scans)
    root = CommentedMap()
    root["dataset"] = name
    root["connection"] = _connection(url, name, schema)
    tables = CommentedMap()
    root["tables"] = tables
    ignored = CommentedSeq()
    classified: dict[str, dict[str, str]] = {}
    unclassified: list[str] = []
    for scan in scans:
        table_name = str(scan.table.name)  # reflected names are `quoted_name`s, which YAML cannot write
        if table_name not in personal:
            ignored.append(table_name)
            weak = [column for column, guess in scan.guesses.items() if guess.weak]
            if weak:
                columns = ", ".join(weak)  # on one line: the comment ends a line of YAML
                check = f"{CHECK('en', columns=columns)} / {CHECK('fr', columns=columns)}"
                ignored.yaml_add_eol_comment(check, len(ignored) - 1)
            continue
        tables[table_name] = _table(scan, personal[table_name])
        classified[table_name] = {column: str(guess.identity or guess.data) for column, guess in scan.guesses.items()
                                  if guess.identity is not None or guess.data is not None}
        free_text = {column for column, guess in scan.guesses.items() if guess.free_text}
        unclassified += [f"{table_name}.{column.name}" for column in scan.table.columns
                         if column.name in scan.unclassified or column.name in free_text]
    if ignored:
        root["ignore"] = ignored
        root.yaml_set_comment_before_after_key("ignore", before=_both(IGNORED))
    header = _both(HEADER, url=_shown(url), sample=sample, placeholder=PLACEHOLDER_ACTIVITY)
    if unclassified:
        by_table: dict[str, list[str]] = {}
        for item in unclassified:
            table_name, _, column = item.partition(".")
            by_table.setdefault(table_name, []).append(column)
        listing = "\n".join(f"  {table_name}: {', '.join(columns)}" for table_name, columns in by_table.items())
        header += "\n" + _both(NOT_CLASSIFIED) + "\n" + listing
    root.yaml_set_start_comment(header)
    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    out = StringIO()
    yaml.dump(root, out)
    return Draft(out.getvalue(), classified, unclassified)


def _personal_tables(scans: list[_TableScan]) -> dict[str, list[str]]:
    """The tables holding personal data, each with the personal tables its rows point to (for those holding none
    in their own columns)."""
    found: dict[str, list[str]] = {str(scan.table.name): [] for scan in scans
                                   if any(guess.personal for guess in scan.guesses.values())}
    changed = True
    while changed:
        changed = False
        for scan in scans:
            if scan.table.name in found:
                continue
            parents = sorted({str(fk.column.table.name) for fk in scan.table.foreign_keys} & set(found))
            if parents:
                found[str(scan.table.name)] = parents
                changed = True
    return found


def _table(scan: _TableScan, parents: list[str]) -> CommentedMap:
    table = CommentedMap()
    table["activity"] = PLACEHOLDER_ACTIVITY
    notes = [ACTIVITY]
    if scan.note is not None:
        notes.insert(0, scan.note)
    if parents:
        notes.insert(0, Msg(en=LINKED.en.format(parents=", ".join(parents)),
                            fr=LINKED.fr.format(parents=", ".join(parents))))
    before = [_both(note) for note in notes]
    if "invoice" in _table_kinds(scan.table.name):
        before.insert(-1, _both(KEPT_BY_LAW) + f"\nkept_by_law: {INVOICE_LAW}")
    table.yaml_set_comment_before_after_key("activity", before="\n".join(before), indent=4)
    flag = next((column for column, guess in scan.guesses.items() if guess.restriction), None)
    if flag is not None:
        restriction = CommentedMap(column=flag)
        restriction.fa.set_flow_style()
        table["restriction"] = restriction
        table.yaml_set_comment_before_after_key("restriction", before=_both(RESTRICTION), indent=4)
    columns = CommentedMap()
    for column, guess in scan.guesses.items():
        if guess.restriction:
            continue
        columns[column] = _column(guess)
        if guess.note is not None:
            columns.yaml_set_comment_before_after_key(column, before=_both(guess.note), indent=6)
    if columns:
        table["columns"] = columns
    return table


def _column(guess: _Guess) -> CommentedMap:
    column = CommentedMap()
    if guess.data is not None:
        column["data"] = guess.data
    if guess.identity is not None:
        column["identity"] = guess.identity.value
        if guess.match_lower:
            column["match"] = "lower"
    if guess.event is not None:
        column["event"] = guess.event
        if guess.of_person:
            column["of"] = "person"
    if guess.erase is not None:
        column["erase"] = guess.erase.value
    if guess.quasi:
        column["quasi_identifier"] = True
    column.fa.set_flow_style()
    return column


def _connection(url: URL, name: str, schema: str | None) -> CommentedMap:
    """The connection as the annotation must hold it: the URL without its password, which the environment gives."""
    connection = CommentedMap()
    connection["url"] = _shown(url)
    variable = f"{name.upper().replace('-', '_')}_DB_PASSWORD"
    if url.password is not None:
        connection["password_env"] = variable
        connection.yaml_set_comment_before_after_key("password_env", before=_both(PASSWORD, name=variable), indent=2)
    elif url.get_backend_name() != "sqlite":
        connection.yaml_set_comment_before_after_key("url", before=_both(PASSWORD_IF_NEEDED, name=variable), indent=2)
    if schema is not None:
        connection["schema"] = schema
    return connection


SECRET_PARAMETERS = ("password", "passwd", "pwd", "sslpassword", "secret", "token")


def _shown(url: URL) -> str:
    """The URL without any secret, a relative SQLite path made absolute (the annotation may be written anywhere)."""
    query = {key: value for key, value in url.query.items() if key.lower() not in SECRET_PARAMETERS}
    bare = URL.create(url.drivername, url.username, None, url.host, url.port, url.database, query)
    if bare.get_backend_name() == "sqlite" and bare.database and bare.database != ":memory:":
        bare = bare.set(database=str(Path(bare.database).resolve()))
    return bare.render_as_string(hide_password=False)


def _dataset_name(given: str | None, url: URL) -> str:
    if given is not None:
        if not re.fullmatch(r"[a-z][a-z0-9_-]*", given) or len(given) > 80:
            raise InvalidInput(BAD_NAME, name=given)
        return given
    database = url.database or ""
    stem = Path(database).stem if url.get_backend_name() == "sqlite" else database
    name = re.sub(r"[^a-z0-9_-]+", "_", _ascii(stem).lower()).strip("_-")[:80]
    if not name or name == "memory":
        return "database"
    return name if name[0].isalpha() else f"db_{name}"[:80]


def _both(message: Msg, **params: Any) -> str:
    """A comment in English, then in French, in lines a reader can take in."""
    texts = dict.fromkeys((message("en", **params), message("fr", **params)))
    return "\n".join(textwrap.fill(line, COMMENT_WIDTH, break_on_hyphens=False, break_long_words=False)
                     for text in texts for line in text.splitlines())


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _words(name: str) -> tuple[str, ...]:
    """A column or table name's lower-case words: `dateNaissance`, `date_naissance` and `Date-Naissance` alike."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", _ascii(name))
    return tuple(word for word in re.split(r"[^a-z0-9]+", spaced.lower()) if word)


def _contains(words: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    size = len(phrase)
    return any(words[start:start + size] == phrase for start in range(len(words) - size + 1))


def _table_kinds(name: str) -> frozenset[str]:
    """What a table's name says it holds: invoices, orders, logs, people."""
    words = {word[:-1] if word.endswith("s") and len(word) > 3 else word for word in _words(name)}
    return frozenset(kind for kind, names in TABLE_KINDS.items() if words & names)


def _family(column: SqlColumn[Any]) -> str:
    kind = column.type
    if isinstance(kind, sqltypes.Boolean):
        return "bool"
    if isinstance(kind, sqltypes.Date | sqltypes.DateTime):
        return "date"
    if isinstance(kind, sqltypes.Integer | sqltypes.Numeric):
        return "number"
    if isinstance(kind, sqltypes.String):
        return "text"
    return "other"


def _long_text(column: SqlColumn[Any]) -> bool:
    kind = column.type
    return isinstance(kind, sqltypes.Text) or (isinstance(kind, sqltypes.String)
                                               and (kind.length is None or kind.length >= 500))
