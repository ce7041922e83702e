"""What a notice must tell people (GDPR Art. 13 and 14, Art. 7(3), Art. 12, Art. 30(1)(g))."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from registre.declarations.catalog import Origin
from registre.declarations.loader import FieldPath
from registre.declarations.schemas import Activity, Contact, LegalBasis, SourceKind, Text
from registre.i18n import Msg
from registre.lint.engine import Context, Hit, Severity, each_activity, rule, several

E, W = Severity.error, Severity.warning


def _reachable(contact: Contact | None) -> bool:
    return contact is not None and contact.reachable


@rule("INFO-CONTROLLER-CONTACT", E, "GDPR Art. 13(1)(a), 14(1)(a)",
      Msg(en="Controller contact details missing", fr="Coordonnées du responsable absentes"),
      Msg(en="The controller '{name}' has no contact details (address, email, phone or form).",
          fr="Le responsable « {name} » n'a aucune coordonnée (adresse, courriel, téléphone ou formulaire)."))
def controller_contact(context: Context) -> Iterator[Hit]:
    """The controller can be reached."""
    controller = context.declared.declaration.controller
    if not _reachable(controller):
        yield Hit(("controller",), {"name": controller.name})


@rule("INFO-DPO-CONTACT", E, "GDPR Art. 13(1)(b), 14(1)(b), 37(7)",
      Msg(en="DPO appointed without contact details", fr="DPO désigné sans coordonnées"),
      Msg(en="The policy says a data protection officer was appointed but gives no way to reach them.",
          fr="La politique indique qu'un délégué à la protection des données a été désigné mais ne dit pas "
             "comment le joindre."))
def dpo_contact(context: Context) -> Iterator[Hit]:
    """An appointed DPO has contact details."""
    dpo = context.declared.declaration.dpo
    if dpo is not None and dpo.appointed and not _reachable(dpo):
        yield Hit(("dpo",) if dpo is not None else ("controller",))  # where a dpo section would go


@rule("INFO-LEGAL-BASIS", E, "GDPR Art. 6(1), 13(1)(c), 14(1)(c)",
      Msg(en="Legal basis missing", fr="Base légale absente"),
      Msg(en="Activity '{activity}' states no legal basis for {subject}.",
          fr="Le traitement « {activity} » n'indique aucune base légale pour : {subject_fr}."))
def legal_basis(context: Context) -> Iterator[Hit]:
    """Every activity has a legal basis for every subject category it concerns."""
    for path, activity in each_activity(context):
        for subject in activity.subjects:
            if not context.declared.bases_for(activity, subject):
                label = context.declared.subjects[subject].label
                yield Hit((*path, "legal_bases") if activity.legal_bases else path,
                          {"activity": activity.id, "subject": label("en"), "subject_fr": label("fr")})


def _bases_without(context: Context, kind: LegalBasis, field: str) -> Iterator[Hit]:
    """Each legal basis of that kind that leaves the field it needs empty."""
    for path, activity in each_activity(context):
        for index, basis in enumerate(activity.legal_bases):
            if basis.basis is kind and getattr(basis, field) is None:
                yield Hit((*path, "legal_bases", index), {"activity": activity.id})


@rule("INFO-LEGITIMATE-INTEREST", E, "GDPR Art. 13(1)(d), 14(2)(b)",
      Msg(en="Legitimate interest not stated", fr="Intérêt légitime non précisé"),
      Msg(en="Activity '{activity}' rests on legitimate interests without saying which interest is pursued.",
          fr="Le traitement « {activity} » repose sur l'intérêt légitime sans dire quel intérêt est poursuivi."))
def legitimate_interest(context: Context) -> Iterator[Hit]:
    """A legitimate-interest basis states the interest pursued."""
    yield from _bases_without(context, LegalBasis.legitimate_interests, "interest")


@rule("INFO-LEGAL-TEXT", W, "GDPR Art. 6(3)",
      Msg(en="Legal obligation without its text", fr="Obligation légale sans son texte"),
      Msg(en="Activity '{activity}' rests on a legal obligation without naming the law that imposes it.",
          fr="Le traitement « {activity} » repose sur une obligation légale sans nommer le texte qui l'impose."))
def legal_text(context: Context) -> Iterator[Hit]:
    """A legal-obligation basis names its law."""
    yield from _bases_without(context, LegalBasis.legal_obligation, "law")


@rule("INFO-CONSENT-WITHDRAWAL", E, "GDPR Art. 7(3), 13(2)(c), 14(2)(d)",
      Msg(en="Consent without a way to withdraw it", fr="Consentement sans moyen de le retirer"),
      Msg(en="Activity '{activity}' rests on consent but says nowhere how to withdraw it.",
          fr="Le traitement « {activity} » repose sur le consentement mais ne dit pas comment le retirer."))
def consent_withdrawal(context: Context) -> Iterator[Hit]:
    """Consent comes with the means to withdraw it."""
    yield from _bases_without(context, LegalBasis.consent, "withdrawal")


@rule("INFO-RECIPIENTS", W, "GDPR Art. 13(1)(e), 14(1)(e), 30(1)(d)",
      Msg(en="Recipients not stated", fr="Destinataires non précisés"),
      Msg(en="Activity '{activity}' names no recipient, not even an internal department.",
          fr="Le traitement « {activity} » ne nomme aucun destinataire, pas même un service interne."))
def recipients(context: Context) -> Iterator[Hit]:
    """Every activity says who receives the data (its own recipients, `none`, or recipients for all activities)."""
    if context.declared.for_all_activities():
        return
    for path, activity in each_activity(context):
        if activity.recipients is None:
            yield Hit(path, {"activity": activity.id})


@rule("RECIPIENT-UNATTACHED", W, "GDPR Art. 13(1)(e), 30(1)(d)",
      Msg(en="Recipient attached to no activity", fr="Destinataire rattaché à aucun traitement"),
      Msg(en="The recipient '{recipient}' is declared but receives the data of no activity; attach it to the "
             "activities it receives data from, or mark it 'all_activities' if the policy lists it for all of them.",
          fr="Le destinataire « {recipient} » est déclaré mais ne reçoit les données d'aucun traitement ; "
             "rattachez-le aux traitements dont il reçoit les données, ou indiquez « all_activities » si la "
             "politique le cite pour tous."))
def unattached(context: Context) -> Iterator[Hit]:
    """Every declared recipient receives some activity's data."""
    ids = [r.id for r in context.declared.declaration.recipients]
    for recipient in context.declared.unattached():
        yield Hit(("recipients", ids.index(recipient.id)), {"recipient": recipient.id})


@rule("INFO-PROVISION", W, "GDPR Art. 13(2)(e)",
      Msg(en="Whether data must be given is not stated", fr="Caractère obligatoire des données non précisé"),
      Msg(en="Activity '{activity}' {collects}, without saying whether giving them is required and what happens if "
             "they are not given.",
          fr="Le traitement « {activity} » {collects_fr}, sans dire si leur fourniture est obligatoire ni ce qui se "
             "passe si elles ne sont pas fournies."))
def provision(context: Context) -> Iterator[Hit]:
    """Data the person may provide come with whether giving them is required, and the consequences."""
    for path, activity in each_activity(context):
        provided = any(context.declared.data[d].origin is Origin.provided for d in activity.data)
        sources = context.declared.sources_of(activity)
        direct = provided and (sources is None or any(s.kind is SourceKind.direct for s in sources))
        required = activity.provision is not None and activity.provision.requirement != "voluntary"
        if direct and (activity.provision is None or (required and activity.provision.consequence is None)):
            # Where the sources are not stated, the data may come from the person: the finding says so, no more.
            collects = _COLLECTS if sources is not None else _MAY_COLLECT
            yield Hit(path, {"activity": activity.id, "collects": collects[0], "collects_fr": collects[1]})


_COLLECTS = ("collects data from the person", "collecte des données auprès de la personne")
_MAY_COLLECT = ("has data of a kind people give themselves and does not say where they come from (Art. 13(2)(e) "
                "applies to what the person gives)",
                "traite des données qu'une personne fournit d'ordinaire elle-même sans dire d'où elles viennent "
                "(l'art. 13.2.e vaut pour ce que la personne fournit)")


@rule("INFO-SOURCE", E, "GDPR Art. 14(2)(f)",
      Msg(en="Indirect source not named", fr="Source indirecte non nommée"),
      Msg(en="Activity '{activity}' obtains data from another source without naming it.",
          fr="Le traitement « {activity} » obtient des données d'une autre source sans la nommer."))
def source(context: Context) -> Iterator[Hit]:
    """Data obtained elsewhere name their source."""
    for path, activity in each_activity(context):
        for index, item in enumerate(activity.sources or []):
            if item.kind is not SourceKind.direct and item.name is None:
                yield Hit((*path, "sources", index), {"activity": activity.id})


@rule("INFO-AUTOMATED-LOGIC", E, "GDPR Art. 13(2)(f), 14(2)(g), 22",
      Msg(en="Automated decision without its logic", fr="Décision automatisée sans sa logique"),
      Msg(en="Activity '{activity}' takes decisions based solely on automated processing without meaningful "
             "information about the logic involved, its significance and its consequences.",
          fr="Le traitement « {activity} » prend des décisions fondées exclusivement sur un traitement automatisé "
             "sans information utile sur la logique sous-jacente, son importance et ses conséquences."))
def automated_logic(context: Context) -> Iterator[Hit]:
    """Decisions based solely on automated processing (Art. 22) explain their logic, significance and effects."""
    for path, activity in each_activity(context):
        automated = activity.automated
        if automated is not None and automated.solely_automated and None in (
            automated.logic, automated.significance, automated.consequences
        ):
            yield Hit((*path, "automated"), {"activity": activity.id})


@rule("INFO-AUTHORITY", E, "GDPR Art. 13(2)(d), 14(2)(e), 77",
      Msg(en="No supervisory authority named", fr="Aucune autorité de contrôle nommée"),
      Msg(en="The declaration names no supervisory authority to complain to.",
          fr="La déclaration ne nomme aucune autorité de contrôle auprès de qui porter réclamation."))
def authority(context: Context) -> Iterator[Hit]:
    """People are told which authority they can complain to."""
    if not context.declared.authorities:
        yield Hit(("authorities",))


@rule("INFO-RIGHTS-CONTACT", E, "GDPR Art. 12(2), 13(2)(b)",
      Msg(en="No way to exercise rights", fr="Aucun moyen d'exercer ses droits"),
      Msg(en="Neither the rights section nor the controller gives an address, email or form to exercise rights.",
          fr="Ni la rubrique des droits ni le responsable ne donnent d'adresse, de courriel ou de formulaire "
             "pour exercer ses droits."))
def rights_contact(context: Context) -> Iterator[Hit]:
    """There is somewhere to send a rights request."""
    declaration = context.declared.declaration
    if not (_reachable(declaration.rights.contact) or _reachable(declaration.controller)):
        yield Hit(("rights",))


@rule("INFO-SECURITY", W, "GDPR Art. 30(1)(g), 32",
      Msg(en="Security measures not described", fr="Mesures de sécurité non décrites"),
      Msg(en="Activity '{activity}' has no security measures, and the declaration gives none for all activities.",
          fr="Le traitement « {activity} » n'a aucune mesure de sécurité, et la déclaration n'en donne aucune "
             "pour l'ensemble des traitements."))
def security(context: Context) -> Iterator[Hit]:
    """The register can describe the security measures of each activity."""
    for path, activity in each_activity(context):
        if not context.declared.measures(activity):
            yield Hit(path, {"activity": activity.id})


@rule("INFO-LANGUAGE", W, "GDPR Art. 12(1)",
      Msg(en="Text missing in a language of the policy", fr="Texte absent dans une langue de la politique"),
      Msg(en="This text has no '{lang}' version, though the policy is published in {langs}.",
          fr="Ce texte n'a pas de version « {lang} », alors que la politique est publiée en {langs}."))
def language(context: Context) -> Iterator[Hit]:
    """Every text exists in each language the policy is published in."""
    langs = context.declared.declaration.policy.languages
    for path, text in _texts(context.declared.declaration, ()):
        for lang in text.missing():
            if lang in langs:
                yield Hit(path, {"lang": lang, "langs": ", ".join(langs)})


def _texts(node: Any, path: FieldPath) -> Iterator[tuple[FieldPath, Text]]:
    """Every `Text` in the declaration, with its path."""
    if isinstance(node, Text):
        yield path, node
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _texts(item, (*path, index))
    elif hasattr(node, "model_fields_set"):
        for name, info in type(node).model_fields.items():
            yield from _texts(getattr(node, name), (*path, info.alias or name))


@rule("INFO-POLICY-DATE", W, "GDPR Art. 7(1), 12(1)",
      Msg(en="Policy without a version or date", fr="Politique sans version ni date"),
      Msg(en="The policy states no {missing}: people cannot tell which version they read, and consent proofs "
             "cannot cite it.",
          fr="La politique n'indique pas {missing_fr} : on ne peut savoir quelle version a été lue, et les preuves "
             "de consentement ne peuvent la citer."))
def policy_date(context: Context) -> Iterator[Hit]:
    """The policy carries a version and a date."""
    policy = context.declared.declaration.policy
    missing = [(en, fr) for en, fr, value in (("version", "de version", policy.version),
                                               ("date", "de date", policy.date)) if value is None]
    if missing:
        yield Hit(("policy",), {"missing": " or ".join(m[0] for m in missing),
                                "missing_fr": " ni ".join(m[1] for m in missing)})


@rule("INFO-MANDATORY", W, "GDPR Art. 13(2)(e)",
      Msg(en="Mandatory data not listed", fr="Données obligatoires non listées"),
      Msg(en="Activity '{activity}' says some data must be given but not which ones.",
          fr="Le traitement « {activity} » indique que certaines données sont obligatoires sans dire lesquelles."))
def mandatory(context: Context) -> Iterator[Hit]:
    """A requirement to give data says which data are required (or that none is)."""
    for path, activity in each_activity(context):
        provision = activity.provision
        if provision is not None and provision.requirement != "voluntary" and provision.mandatory is None:
            yield Hit((*path, "provision"), {"activity": activity.id})


def _silent(context: Context, unstated: Callable[[Activity], bool]) -> list[str]:
    """The activities on which the policy is silent, in order."""
    return [activity.id for _, activity in each_activity(context) if unstated(activity)]


# A silence of the policy is reported once, at the list of activities, naming every activity it concerns (a
# statement for all of them, at the top of the declaration, answers it at once).
_ACTIVITIES: FieldPath = ("activities",)


@rule("INFO-SOURCE-NOT-STATED", W, "GDPR Art. 13, 14(1), 14(2)(f)",
      Msg(en="Where the data come from is not stated", fr="Provenance des données non précisée"),
      Msg(en="The policy does not say, for '{activity}', whether the data come from the person or from another "
             "source; Art. 14 asks the source to be named when they do not come from the person.",
          fr="La politique ne dit pas, pour « {activity} », si les données viennent de la personne ou d'une autre "
             "source ; l'art. 14 exige de nommer la source quand elles ne viennent pas de la personne."))
def source_not_stated(context: Context) -> Iterator[Hit]:
    """Every activity says where its data come from."""
    silent = _silent(context, lambda a: context.declared.sources_of(a) is None)
    if silent:
        yield Hit(_ACTIVITIES, {"activity": several(silent)})


@rule("INFO-TRANSFERS-NOT-STATED", W, "GDPR Art. 13(1)(f), 14(1)(f), 30(1)(e)",
      Msg(en="Transfers outside the EEA not stated", fr="Transferts hors EEE non précisés"),
      Msg(en="The policy does not say, for '{activity}', whether the data are transferred outside the EEA (write "
             "'transfers: none', for every activity or in each, if the policy says they are not).",
          fr="La politique ne dit pas, pour « {activity} », si les données sont transférées hors de l'EEE (écrivez "
             "« transfers: none », pour tous les traitements ou dans chacun, si la politique dit qu'elles ne le "
             "sont pas)."))
def transfers_not_stated(context: Context) -> Iterator[Hit]:
    """Every activity says whether its data leave the EEA."""
    silent = _silent(context, lambda a: context.declared.transfers(a) is None)
    if silent:
        yield Hit(_ACTIVITIES, {"activity": several(silent)})


_AUTOMATED = (("decisions based solely on automated processing",
               "des décisions fondées exclusivement sur un traitement automatisé", "solely_automated"),
              ("profiling", "du profilage", "profiling"))


@rule("INFO-AUTOMATED-NOT-STATED", W, "GDPR Art. 13(2)(f), 14(2)(g), 22",
      Msg(en="Automated decisions and profiling not stated", fr="Décisions automatisées et profilage non précisés"),
      Msg(en="The policy does not say, for '{activity}', whether the processing involves {what}.",
          fr="La politique ne dit pas, pour « {activity} », si le traitement comporte {what_fr}."))
def automated_not_stated(context: Context) -> Iterator[Hit]:
    """Every activity says whether it takes decisions based solely on automated processing, and profiles; one
    finding for each thing left unsaid, naming every activity concerned."""
    groups: dict[tuple[int, ...], list[str]] = {}
    for _, activity in each_activity(context):
        statement = context.declared.automated(activity)
        missing = tuple(i for i, (_, _, name) in enumerate(_AUTOMATED) if getattr(statement, name) is None)
        if missing:
            groups.setdefault(missing, []).append(activity.id)
    for missing, activities in groups.items():
        yield Hit(_ACTIVITIES, {"activity": several(activities),
                                "what": " or ".join(_AUTOMATED[i][0] for i in missing),
                                "what_fr": " ou ".join(_AUTOMATED[i][1] for i in missing)},
                  apart=",".join(map(str, missing)))


@rule("INFO-DPO-NOT-STATED", W, "GDPR Art. 13(1)(b), 14(1)(b), 37",
      Msg(en="Whether a DPO is appointed is not stated", fr="Désignation d'un DPO non précisée"),
      Msg(en="The policy does not say whether a data protection officer is appointed (Art. 37 requires one in some "
             "cases, and the notice must then give their contact details).",
          fr="La politique ne dit pas si un délégué à la protection des données est désigné (l'art. 37 l'impose "
             "dans certains cas, et la notice doit alors donner ses coordonnées)."))
def dpo_not_stated(context: Context) -> Iterator[Hit]:
    """The policy says whether a DPO is appointed."""
    dpo = context.declared.declaration.dpo
    if dpo is None or dpo.appointed is None:
        yield Hit(("dpo",) if dpo is not None else ("controller",))  # where a dpo section would go
