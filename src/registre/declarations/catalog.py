"""The built-in vocabulary a declaration can name without defining: subject and data categories,
lifecycle events, supervisory authorities and security measures, each with French and English labels.

The data categories follow the CNIL register template (the six rows of « Catégories de données
personnelles concernées », the nine « Données sensibles » rows) plus the categories the seed
policies name; see `shared/reference/regulation.md` §3.4.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from registre.i18n import Msg


class DataKind(StrEnum):
    """The CNIL register row a data category belongs to."""

    identification = "identification"
    personal_life = "personal_life"
    professional_life = "professional_life"
    economic_financial = "economic_financial"
    connection = "connection"
    location = "location"
    internet = "internet"
    nir = "nir"
    special = "special"
    criminal = "criminal"
    other = "other"


DATA_KIND_LABELS: dict[DataKind, Msg] = {
    DataKind.identification: Msg(
        en="Civil status, identity, identification data, images",
        fr="État civil, identité, données d'identification, images",
    ),
    DataKind.personal_life: Msg(
        en="Personal life (lifestyle, family situation, etc.)",
        fr="Vie personnelle (habitudes de vie, situation familiale, etc.)",
    ),
    DataKind.professional_life: Msg(
        en="Professional life (CV, education, professional situation, etc.)",
        fr="Vie professionnelle (CV, scolarité, formation professionnelle, etc.)",
    ),
    DataKind.economic_financial: Msg(
        en="Economic and financial information (income, financial situation, tax situation, etc.)",
        fr="Informations d'ordre économique et financier (revenus, situation financière, situation fiscale, etc.)",
    ),
    DataKind.connection: Msg(
        en="Connection data (IP addresses, logs, etc.)",
        fr="Données de connexion (adresses IP, journaux, etc.)",
    ),
    DataKind.location: Msg(
        en="Location data (travel, GPS, GSM data, etc.)",
        fr="Données de localisation (déplacements, données GPS, GSM, etc.)",
    ),
    DataKind.internet: Msg(
        en="Internet (cookies, trackers, browsing, audience measurement)",
        fr="Internet (cookies, traceurs, navigation, mesure d'audience)",
    ),
    DataKind.nir: Msg(
        en="Social security number (NIR)",
        fr="Numéro de Sécurité Sociale (ou NIR)",
    ),
    DataKind.special: Msg(en="Special categories of data (Art. 9)", fr="Données sensibles (art. 9)"),
    DataKind.criminal: Msg(
        en="Criminal convictions and offences (Art. 10)",
        fr="Condamnations pénales et infractions (art. 10)",
    ),
    DataKind.other: Msg(en="Other data", fr="Autres données"),
}

# The CNIL register's six rows, in its order; the other kinds follow.
CNIL_REGISTER_KINDS: tuple[DataKind, ...] = (
    DataKind.identification,
    DataKind.personal_life,
    DataKind.professional_life,
    DataKind.economic_financial,
    DataKind.connection,
    DataKind.location,
    DataKind.internet,
    DataKind.nir,
    DataKind.other,
)


class Special(StrEnum):
    """Whether a data category is special (Art. 9) or about criminal matters (Art. 10)."""

    art9 = "art9"
    art10 = "art10"


class Origin(StrEnum):
    """How the data came to be: provided by the person, observed, or inferred (WP242 on portability)."""

    provided = "provided"
    observed = "observed"
    inferred = "inferred"


@dataclass(frozen=True, slots=True)
class BuiltinDataCategory:
    """A data category every declaration may name without defining it."""

    label: Msg
    kind: DataKind
    special: Special | None = None
    origin: Origin = Origin.provided


def _d(en: str, fr: str, kind: DataKind, special: Special | None = None, origin: Origin = Origin.provided) -> (
    BuiltinDataCategory
):
    return BuiltinDataCategory(Msg(en=en, fr=fr), kind, special, origin)


K = DataKind
DATA_CATEGORIES: dict[str, BuiltinDataCategory] = {
    "identification": _d("Identification data (surname, first name, etc.)",
                         "Données d'identification (nom, prénom, etc.)", K.identification),
    "contact": _d("Contact details (postal address, email address, telephone number, etc.)",
                  "Coordonnées (adresse postale, adresse électronique, numéro de téléphone, etc.)",
                  K.identification),
    "images": _d("Images (photographs, profile pictures)", "Images (photographies, photos de profil)",
                 K.identification),
    "personal_life": _d("Personal life (lifestyle, family situation, etc.)",
                        "Vie personnelle (habitudes de vie, situation familiale, etc.)", K.personal_life),
    "professional_life": _d("Professional life (employer, job, career, etc.)",
                            "Vie professionnelle (employeur, poste, parcours, etc.)", K.professional_life),
    "economic_financial": _d("Economic and financial information", "Informations d'ordre économique et financier",
                             K.economic_financial),
    "connection": _d("Connection data (IP address, logs, etc.)",
                     "Données de connexion (adresse IP, journaux, etc.)", K.connection, origin=Origin.observed),
    "browsing": _d("Browsing data (cookies, trackers, audience measurement, clicks, etc.)",
                   "Données de navigation (cookies, traceurs, mesure d'audience, clics, etc.)", K.internet,
                   origin=Origin.observed),
    "location": _d("Location data (geolocation, GPS, etc.)", "Données de localisation (géolocalisation, GPS, etc.)",
                   K.location, origin=Origin.observed),
    "nir": _d("Social security number (NIR)", "Numéro de sécurité sociale (NIR)", K.nir),
    "racial_ethnic_origin": _d("Racial or ethnic origin", "Origine raciale ou ethnique", K.special, Special.art9),
    "political_opinions": _d("Political opinions", "Opinions politiques", K.special, Special.art9),
    "religious_beliefs": _d("Religious or philosophical beliefs", "Convictions religieuses ou philosophiques",
                            K.special, Special.art9),
    "trade_union_membership": _d("Trade union membership", "Appartenance syndicale", K.special, Special.art9),
    "genetic_data": _d("Genetic data", "Données génétiques", K.special, Special.art9),
    "biometric_data": _d("Biometric data for the purpose of uniquely identifying a person",
                         "Données biométriques aux fins d'identifier une personne de manière unique",
                         K.special, Special.art9),
    "health_data": _d("Data concerning health", "Données concernant la santé", K.special, Special.art9),
    "sex_life": _d("Data concerning sex life or sexual orientation",
                   "Données concernant la vie sexuelle ou l'orientation sexuelle", K.special, Special.art9),
    "criminal_offences": _d("Personal data relating to criminal convictions and offences",
                            "Données relatives aux condamnations pénales et aux infractions", K.criminal,
                            Special.art10),
}


class SubjectKind(StrEnum):
    """What a subject category is, for the rules that depend on it (soft opt-in is for customers only)."""

    customer = "customer"
    prospect = "prospect"
    visitor = "visitor"
    user = "user"
    member = "member"
    employee = "employee"
    candidate = "candidate"
    supplier = "supplier"
    other = "other"


SUBJECT_CATEGORIES: dict[str, tuple[Msg, SubjectKind]] = {
    "customer": (Msg(en="Customers", fr="Clients"), SubjectKind.customer),
    "prospect": (Msg(en="Prospective customers", fr="Prospects"), SubjectKind.prospect),
    "visitor": (Msg(en="Website visitors", fr="Visiteurs du site"), SubjectKind.visitor),
    "user": (Msg(en="Users of the service", fr="Utilisateurs du service"), SubjectKind.user),
    "member": (Msg(en="Members", fr="Membres"), SubjectKind.member),
    "employee": (Msg(en="Employees", fr="Salariés"), SubjectKind.employee),
    "candidate": (Msg(en="Job applicants", fr="Candidats"), SubjectKind.candidate),
    "supplier": (Msg(en="Suppliers' contacts", fr="Contacts des fournisseurs"), SubjectKind.supplier),
}


@dataclass(frozen=True, slots=True)
class BuiltinEvent:
    """A lifecycle event: `name` is a noun phrase used after "from" (FR: « à compter de »)."""

    name: Msg
    # For an event that ends a state ("the subscription"), the state, so that a rule reads
    # "while the subscription lasts, then 3 years".
    during: Msg | None = None


def _e(en: str, fr: str, during: Msg | None = None) -> BuiltinEvent:
    return BuiltinEvent(Msg(en=en, fr=fr), during)


EVENTS: dict[str, BuiltinEvent] = {
    "collected": _e("collection", "la collecte"),
    "last_contact": _e("the last contact from the person", "le dernier contact émanant de la personne"),
    "last_purchase": _e("the last purchase", "le dernier achat"),
    "contract_concluded": _e("the conclusion of the contract", "la conclusion du contrat"),
    "contract_ended": _e("the end of the contract", "la fin du contrat",
                         Msg(en="while the contract lasts", fr="pendant la durée du contrat")),
    "relationship_ended": _e("the end of the commercial relationship", "la fin de la relation commerciale",
                             Msg(en="while the commercial relationship lasts",
                                 fr="pendant la durée de la relation commerciale")),
    "subscription_cancelled": _e("the cancellation of the subscription", "la résiliation de l'abonnement",
                                 Msg(en="while the subscription lasts", fr="pendant la durée de l'abonnement")),
    "account_closed": _e("the closure of the account", "la clôture du compte",
                         Msg(en="while the account is open", fr="tant que le compte est ouvert")),
    "consent_withdrawn": _e("the withdrawal of consent", "le retrait du consentement",
                            Msg(en="until consent is withdrawn", fr="jusqu'au retrait du consentement")),
    "transaction": _e("the transaction", "la transaction"),
    "transaction_completed": _e("the completion of the transaction", "la réalisation de la transaction"),
    "debit": _e("the debit date", "la date de débit"),
    "dispute": _e("the dispute", "la contestation"),
    "invoice_issued": _e("the issue of the invoice", "l'émission de la facture"),
    "delivery": _e("delivery", "la livraison"),
    "recorded": _e("recording", "l'enregistrement"),
    "last_connection": _e("the last connection", "la dernière connexion"),
    "death_notified": _e("the notification of death", "la notification du décès"),
}


@dataclass(frozen=True, slots=True)
class BuiltinAuthority:
    """A supervisory authority a notice can name."""

    name: Msg
    country: str
    address: str | None
    phone: str | None
    url: str


AUTHORITIES: dict[str, BuiltinAuthority] = {
    "cnil": BuiltinAuthority(
        Msg(en="CNIL (Commission nationale de l'informatique et des libertés)",
            fr="CNIL (Commission nationale de l'informatique et des libertés)"),
        "FR", "3 Place de Fontenoy, TSA 80715, 75334 Paris Cedex 07", "+33 1 53 73 22 22", "https://www.cnil.fr/"),
    "ico": BuiltinAuthority(Msg(en="ICO (Information Commissioner's Office)",
                                fr="ICO (Information Commissioner's Office)"),
                            "GB", None, None, "https://ico.org.uk/"),
    "aepd": BuiltinAuthority(Msg(en="AEPD (Agencia Española de Protección de Datos)",
                                 fr="AEPD (Agencia Española de Protección de Datos)"),
                             "ES", None, None, "https://www.aepd.es/"),
    "cnpd_pt": BuiltinAuthority(Msg(en="CNPD (Comissão Nacional de Proteção de Dados)",
                                    fr="CNPD (Comissão Nacional de Proteção de Dados)"),
                                "PT", None, None, "https://www.cnpd.pt/"),
    "apd_gba": BuiltinAuthority(Msg(en="Belgian Data Protection Authority (APD/GBA)",
                                    fr="Autorité de protection des données (APD/GBA)"),
                                "BE", None, None, "https://www.autoriteprotectiondonnees.be/"),
    "fdpic": BuiltinAuthority(Msg(en="FDPIC (Federal Data Protection and Information Commissioner)",
                                  fr="PFPDT (Préposé fédéral à la protection des données et à la transparence)"),
                              "CH", None, None, "https://www.edoeb.admin.ch/"),
}


# The CNIL register's security measures (the « registre de base » checkboxes).
SECURITY_MEASURES: dict[str, Msg] = {
    "access_control": Msg(en="User access control", fr="Contrôle d'accès des utilisateurs"),
    "traceability": Msg(en="Traceability measures", fr="Mesures de traçabilité"),
    "software_protection": Msg(en="Software protection measures", fr="Mesures de protection des logiciels"),
    "backup": Msg(en="Data backup", fr="Sauvegarde des données"),
    "encryption": Msg(en="Data encryption", fr="Chiffrement des données"),
    "processor_control": Msg(en="Control of processors", fr="Contrôle des sous-traitants"),
    "physical_security": Msg(en="Physical security of premises", fr="Sécurité physique des locaux"),
}
