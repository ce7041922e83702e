"""What a column's name or values say it holds: the vocabulary `registre datasets scan` guesses from, in French
and English (names of columns and tables, and the shapes of sample values: emails, phones, IBANs, IP addresses,
postcodes, street addresses)."""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.sql import sqltypes
from sqlalchemy.sql.schema import Column as SqlColumn

from registre.connectors.schemas import Erase, IdentityKind
from registre.i18n import Msg

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
MATCHING_SHARE = 0.8  # the share of sample values that must look alike for a guess from values


@dataclass(frozen=True, slots=True)
class Guess:
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
class Rule:
    """Column names that mean a guess, for columns of some type families and tables: phrases of words found
    anywhere in the name, or (written `=date`) the whole name."""

    phrases: tuple[tuple[str, ...], ...]
    whole: tuple[tuple[str, ...], ...]
    families: frozenset[str]
    guess: Guess
    tables: frozenset[str] | None = None  # the kinds of table where it applies; None for any
    foreign_keys: bool = True  # whether it applies to a foreign key column


def named(names: str, families: str, guess: Guess, *, tables: str | None = None,
          foreign_keys: bool = True) -> Rule:
    """A rule: column names (space-separated; `=name` for a whole name) that mean `guess`."""

    def words(kept: list[str]) -> tuple[tuple[str, ...], ...]:
        return tuple(tuple(name.lstrip("=").split("_")) for name in kept)

    every = names.split()
    return Rule(words([n for n in every if not n.startswith("=")]), words([n for n in every if n.startswith("=")]),
                frozenset(families.split()), guess, frozenset(tables.split()) if tables else None, foreign_keys)


ANY = "text number date bool other"
CONTACT = Guess(data="contact")
POSTCODE = Guess(data="contact", erase=Erase.departement, quasi=True)
FINANCIAL = Guess(data="economic_financial")
IDENTIFICATION = Guess(data="identification")
CONNECTION = Guess(data="connection")
BIRTH = "date_naissance date_de_naissance datenaissance birth_date birthdate birthday date_of_birth dob"


def event_guess(event: str, *, of_person: bool = False) -> Guess:
    """The guess of a column that records a lifecycle event."""
    return Guess(event=event, of_person=of_person)


# In order: the first rule that matches wins (an `adresse_ip` is an IP before it is an address).
NAME_RULES: tuple[Rule, ...] = (
    named("orientation_sexuelle vie_sexuelle sexual_orientation sex_life", ANY, Guess(data="sex_life", note=ART9)),
    named("sante health medical medicale medicales medicaux maladie disease pathologie pathology diagnostic "
          "diagnosis handicap disability allergie allergies allergy grossesse pregnancy pregnant groupe_sanguin "
          "blood_type", ANY, Guess(data="health_data", note=ART9)),
    named("religion religious confession croyance croyances belief beliefs", ANY,
          Guess(data="religious_beliefs", note=ART9)),
    named("ethnie ethnic ethnicity ethnique race racial", ANY, Guess(data="racial_ethnic_origin", note=ART9)),
    named("politique political", ANY, Guess(data="political_opinions", note=ART9)),
    named("syndicat syndical syndicale trade_union union_member", ANY,
          Guess(data="trade_union_membership", note=ART9)),
    named("genetique genetic adn dna", ANY, Guess(data="genetic_data", note=ART9)),
    named("biometrie biometrique biometric biometrics empreinte fingerprint", ANY,
          Guess(data="biometric_data", note=ART9)),
    named("casier_judiciaire criminal condamnation condamnations conviction convictions infraction infractions "
          "offence offences offense", ANY, Guess(data="criminal_offences", note=ART10)),
    named("nir numero_secu num_secu securite_sociale social_security ssn", ANY, Guess(data="nir", note=NIR)),
    named("sexe sex gender genre civilite", ANY, Guess(data="identification", note=SEX)),
    named("nationalite nationality citizenship", ANY, Guess(data="identification", note=NATIONALITY)),
    named("ip ipv4 ipv6 ipaddress ip_address adresse_ip remote_addr", "text other",
          Guess(data="connection", identity=IdentityKind.ip)),
    named("email e_mail emails courriel mail adresse_mail", "text other",
          Guess(data="contact", identity=IdentityKind.email)),
    named("telephone tel phone phonenumber mobile portable gsm fax", "text number other",
          Guess(data="contact", identity=IdentityKind.phone)),
    named("customer_number customer_no customer_num customer_ref customer_reference customer_code customer_id "
          "customerid client_id clientid client_number client_ref numero_client num_client no_client code_client "
          "ref_client reference_client id_client", "text", Guess(data="identification",
                                                                  identity=IdentityKind.customer_id),
          foreign_keys=False),
    named("username user_name login identifiant pseudo pseudonyme nickname", "text",
          Guess(data="identification", identity=IdentityKind.account), foreign_keys=False),
    named(BIRTH + " naissance", "date", Guess(data="identification", erase=Erase.year, quasi=True)),
    named(BIRTH, "text", Guess(data="identification", quasi=True)),
    named("age", "number", Guess(data="identification", erase=Erase.age_band, quasi=True)),
    named("code_postal codepostal postcode postal_code zip zipcode cp", "text number", POSTCODE),
    named("adresse address addresses addr rue street ville city commune localite town voie", "text", CONTACT),
    named("iban bic rib swift card carte last4 cb pan salaire salary revenu revenus income", "text number", FINANCIAL),
    named("raison_sociale prenom prenoms firstname lastname surname fullname", "text", IDENTIFICATION),
    named("user_agent useragent navigateur browser referer referrer", "text", CONNECTION),
    named("path url uri", "text", Guess(data="connection", weak=True)),
    named("restricted restreint restreinte restriction limite limitee is_restricted", "bool number",
          Guess(restriction=True)),
    # Lifecycle events, from date and time columns.
    named("=at =timestamp =ts =date =time =datetime =horodatage logged logged_at occurred_at created_at created "
          "recorded_at", "date", event_guess("recorded"), tables="log"),
    named("unsubscribed unsubscribed_at unsubscribe desabonne desabonnement desinscription desinscrit opt_out "
          "optout withdrawn withdrawn_at retrait_consentement", "date", event_guess("consent_withdrawn")),
    named("last_login lastlogin last_seen last_connection last_connexion derniere_connexion last_sign_in "
          "last_signin last_logon dernier_acces last_access", "date", event_guess("last_connection")),
    named("closed closed_at cloture date_cloture deleted deleted_at supprime date_suppression deactivated "
          "deactivated_at desactive fermeture", "date", event_guess("account_closed")),
    named("paid paid_at date_paiement paiement payment payment_date paye transaction_date date_transaction", "date",
          event_guess("transaction")),
    named("issued issued_at =date emission date_emission =created_at", "date", event_guess("invoice_issued"),
          tables="invoice"),
    named("date_facture invoice_date date_facturation invoiced_at", "date", event_guess("invoice_issued")),
    named("placed placed_at =date =created_at ordered ordered_at", "date", event_guess("last_purchase", of_person=True),
          tables="order"),
    named("order_date date_commande purchase_date purchased_at date_achat", "date",
          event_guess("last_purchase", of_person=True)),
    named("created created_at creation date_creation creation_date date_inscription inscription inscrit "
          "registered registered_at registration signup signed_up subscribed subscribed_at joined", "date",
          event_guess("collected")),
    named("opened opened_at date_ouverture ouvert", "date", event_guess("recorded")),
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


def guess_by_name(column: SqlColumn[Any], kinds: frozenset[str]) -> Guess | None:
    """What a column holds, from its name and its table's kind; None when the name says nothing."""
    words = name_words(column.name)
    family = type_family(column)
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
        return Guess(data="identification", weak=not person)
    if family == "text" and FREE_TEXT_NAMES & set(words) and _long_text(column):
        return Guess(note=FREE_TEXT, weak=True, free_text=True)
    return None


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
VALUE_KINDS: tuple[tuple[Guess, Msg, Callable[[str], bool]], ...] = (
    (Guess(data="contact", identity=IdentityKind.email), Msg(en="email addresses", fr="des adresses électroniques"),
     lambda value: bool(EMAIL.match(value))),
    (Guess(data="economic_financial"), Msg(en="IBANs", fr="des IBAN"), _is_iban),
    (Guess(data="connection", identity=IdentityKind.ip), Msg(en="IP addresses", fr="des adresses IP"), _is_ip),
    (Guess(data="contact", identity=IdentityKind.phone), Msg(en="phone numbers", fr="des numéros de téléphone"),
     _is_phone),
    (Guess(data="contact"), Msg(en="street addresses", fr="des adresses postales"),
     lambda value: bool(STREET.match(value))),
)
POSTCODES = Msg(en="French postcodes", fr="des codes postaux français")


def guess_by_values(column: SqlColumn[Any], values: list[str]) -> Guess | None:
    """What a column holds, from the shape of most of its sample values; None when they say nothing."""
    if not values:
        return None

    def most(test: Callable[[str], bool]) -> bool:
        return sum(1 for value in values if test(value)) >= MATCHING_SHARE * len(values)

    kinds = list(VALUE_KINDS)
    if CODE_WORDS & set(name_words(column.name)):
        kinds.insert(0, (POSTCODE, POSTCODES, lambda value: bool(FRENCH_POSTCODE.match(value))))
    for guess, what, test in kinds:
        if most(test):
            note = Msg(en=SAMPLED.en.format(what=what.en), fr=SAMPLED.fr.format(what=what.fr))
            return Guess(data=guess.data, identity=guess.identity, erase=guess.erase, quasi=guess.quasi, note=note)
    return None


def name_words(name: str) -> tuple[str, ...]:
    """A column or table name's lower-case words: `dateNaissance`, `date_naissance` and `Date-Naissance` alike."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", plain_ascii(name))
    return tuple(word for word in re.split(r"[^a-z0-9]+", spaced.lower()) if word)


def _contains(words: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    size = len(phrase)
    return any(words[start:start + size] == phrase for start in range(len(words) - size + 1))


def table_kinds(name: str) -> frozenset[str]:
    """What a table's name says it holds: invoices, orders, logs, people."""
    words = {word[:-1] if word.endswith("s") and len(word) > 3 else word for word in name_words(name)}
    return frozenset(kind for kind, names in TABLE_KINDS.items() if words & names)


def type_family(column: SqlColumn[Any]) -> str:
    """A column's type family: bool, date, number, text or other."""
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


def plain_ascii(text: str) -> str:
    """A text without its accents, in ASCII."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
