"""The texts a breach produces, in French or English: the notification to the CNIL with every Art. 33(3) item,
laid out in the order of the CNIL's online form so that each block can be pasted into it; the communication to
each person in clear and plain language (Art. 34(2), Recital 86); the public communication (Art. 34(3)(c));
and the alert to the DPO when the deadline nears.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from registre.breaches import clock
from registre.breaches.schemas import Cause, Exemption, Nature, NotificationKind, Origin, Risk
from registre.declarations.declared import Declared
from registre.i18n import Lang, Msg
from registre.mail import letters as templates
from registre.models.breaches import Breach

NATURES = {
    Nature.confidentiality: Msg(en="Loss of confidentiality (data disclosed or accessed without authorisation)",
                                fr="Perte de confidentialité (données divulguées ou consultées sans autorisation)"),
    Nature.integrity: Msg(en="Loss of integrity (data altered without authorisation)",
                          fr="Perte d'intégrité (données modifiées sans autorisation)"),
    Nature.availability: Msg(en="Loss of availability (data lost or destroyed, or access to them lost)",
                             fr="Perte de disponibilité (données perdues ou détruites, ou accès perdu)"),
}
ORIGINS = {
    Origin.lost_equipment: Msg(en="Equipment lost or stolen", fr="Équipement perdu ou volé"),
    Origin.lost_paper: Msg(en="Paper lost, stolen or left accessible", fr="Papier perdu, volé ou laissé accessible"),
    Origin.lost_mail: Msg(en="Mail lost or opened", fr="Courrier perdu ou ouvert"),
    Origin.hacking: Msg(en="Hacking, malicious software or phishing",
                        fr="Piratage, logiciel malveillant ou hameçonnage"),
    Origin.paper_disposal: Msg(en="Paper documents thrown away without destruction",
                               fr="Mise au rebut de documents papier sans destruction"),
    Origin.device_disposal: Msg(en="Devices thrown away without secure erasure",
                                fr="Mise au rebut d'appareils sans effacement sécurisé"),
    Origin.unintended_publication: Msg(en="Unintended publication", fr="Publication non volontaire"),
    Origin.wrong_person_shown: Msg(en="Data of the wrong person shown in the customer portal",
                                   fr="Données de la mauvaise personne affichées sur le portail client"),
    Origin.wrong_recipient: Msg(en="Data sent to the wrong recipient", fr="Données envoyées à un mauvais destinataire"),
    Origin.verbal_disclosure: Msg(en="Information disclosed verbally", fr="Informations divulguées verbalement"),
    Origin.other: Msg(en="Other", fr="Autre"),
}
CAUSES = {
    Cause.internal_malicious: Msg(en="Internal, malicious act", fr="Acte interne malveillant"),
    Cause.internal_accidental: Msg(en="Internal, accidental act", fr="Acte interne accidentel"),
    Cause.external_malicious: Msg(en="External, malicious act", fr="Acte externe malveillant"),
    Cause.external_accidental: Msg(en="External, accidental act", fr="Acte externe accidentel"),
    Cause.unknown: Msg(en="Not known yet", fr="Ne sait pas pour l'instant"),
}
RISKS = {
    Risk.none: Msg(en="Unlikely to result in a risk to people's rights and freedoms",
                   fr="Pas susceptible d'engendrer un risque pour les droits et libertés des personnes"),
    Risk.risk: Msg(en="Likely to result in a risk to people's rights and freedoms",
                   fr="Susceptible d'engendrer un risque pour les droits et libertés des personnes"),
    Risk.high: Msg(en="Likely to result in a high risk to people's rights and freedoms",
                   fr="Susceptible d'engendrer un risque élevé pour les droits et libertés des personnes"),
}
EXEMPTIONS = {
    Exemption.encryption: Msg(en="Art. 34(3)(a): the data were unintelligible to anyone not authorised (encryption)",
                              fr="Art. 34.3.a : données incompréhensibles pour toute personne non autorisée "
                                 "(chiffrement)"),
    Exemption.later_measures: Msg(en="Art. 34(3)(b): later measures ensure the high risk is no longer likely",
                                  fr="Art. 34.3.b : des mesures ultérieures garantissent que le risque élevé n'est "
                                     "plus susceptible de se matérialiser"),
    Exemption.disproportionate_effort: Msg(
        en="Art. 34(3)(c): telling each person would need disproportionate effort; a public communication is made "
           "instead",
        fr="Art. 34.3.c : informer chaque personne exigerait des efforts disproportionnés ; une communication "
           "publique est faite à la place"),
}
KINDS = {
    NotificationKind.initial: Msg(en="initial notification", fr="notification initiale"),
    NotificationKind.complementary: Msg(en="complementary notification", fr="notification complémentaire"),
    NotificationKind.subjects: Msg(en="communication to the people concerned",
                                   fr="communication aux personnes concernées"),
    NotificationKind.public: Msg(en="public communication", fr="communication publique"),
}
UNKNOWN = Msg(en="Not known yet", fr="Ne sait pas pour l'instant")
YES, NO = Msg(en="yes", fr="oui"), Msg(en="no", fr="non")
FROM_STORE = Msg(en="counted in the store", fr="calculé depuis les données détenues")
ENTERED = Msg(en="estimated", fr="estimé")

CNIL = Msg(
    en="""Notification of a personal data breach to the CNIL ({kind})
GDPR Article 33. Internal reference: {ref}

Controller: {controller}

1. Nature of the breach (Art. 33(3)(a))
Title: {title}
Established or suspected: {established}
Start of the breach: {started}
Discovery: {discovered}
Awareness: {aware}
Is the breach still ongoing? {ongoing}
Circumstances of the discovery: {circumstances}
Description: {description}
Circumstances: {nature}
Origin of the incident: {origin}
Cause: {cause}
Systems and media: {systems}
Processing activities: {activities}
Reported by a processor: {processor}

Categories of people concerned: {subject_categories}
Approximate number of people concerned: {subjects_count}
Categories of personal data concerned: {data_categories}
Approximate number of records concerned: {records_count}
Data made unintelligible (encryption with a key not compromised): {encrypted}

2. Contact point where more information can be obtained (Art. 33(3)(b))
{contact}

3. Likely consequences (Art. 33(3)(c))
{consequences}
Assessment of the risk: {risk}
{risk_reasons}

4. Measures taken or proposed, including to mitigate the possible adverse effects (Art. 33(3)(d))
Measures taken: {measures_taken}
Measures proposed: {measures_planned}

5. Communication to the people concerned (Art. 34)
{subjects}

6. Time limit (Art. 33(1))
Deadline for notification (awareness + 72 hours): {deadline}
This notification: {made}
{delay}""",
    fr="""Notification d'une violation de données à caractère personnel à la CNIL ({kind})
Article 33 du RGPD. Référence interne : {ref}

Responsable du traitement : {controller}

1. Nature de la violation (art. 33.3.a)
Intitulé : {title}
Établie ou supposée : {established}
Début de la violation : {started}
Découverte : {discovered}
Prise de connaissance : {aware}
La violation est-elle toujours en cours ? {ongoing}
Circonstances de la découverte : {circumstances}
Description : {description}
Circonstances : {nature}
Origine de l'incident : {origin}
Cause : {cause}
Supports et systèmes : {systems}
Traitements concernés : {activities}
Signalée par un sous-traitant : {processor}

Catégories de personnes concernées : {subject_categories}
Nombre approximatif de personnes concernées : {subjects_count}
Catégories de données concernées : {data_categories}
Nombre approximatif d'enregistrements concernés : {records_count}
Données rendues incompréhensibles (chiffrement avec une clé non compromise) : {encrypted}

2. Point de contact auprès duquel des informations supplémentaires peuvent être obtenues (art. 33.3.b)
{contact}

3. Conséquences probables (art. 33.3.c)
{consequences}
Évaluation du risque : {risk}
{risk_reasons}

4. Mesures prises ou proposées, y compris pour atténuer les éventuelles conséquences négatives (art. 33.3.d)
Mesures prises : {measures_taken}
Mesures envisagées : {measures_planned}

5. Communication aux personnes concernées (art. 34)
{subjects}

6. Délai (art. 33.1)
Échéance de la notification (prise de connaissance + 72 heures) : {deadline}
Présente notification : {made}
{delay}""")
ESTABLISHED = Msg(en="established", fr="établie")
IN_TIME = Msg(en="{made}, within the 72 hours", fr="{made}, dans le délai de 72 heures")
LATE = Msg(en="{made}, after the 72 hours", fr="{made}, après le délai de 72 heures")
DELAY = Msg(en="Reasons for the delay: {reasons}", fr="Motifs du retard : {reasons}")
PREVIOUS = Msg(en="It completes the initial notification of {made}{authority_ref}.",
               fr="Elle complète la notification initiale du {made}{authority_ref}.")
AUTHORITY_REF = Msg(en=" (CNIL number {ref})", fr=" (numéro CNIL {ref})")
SUBJECTS_INFORMED = Msg(en="The people concerned will be or have been informed.",
                        fr="Les personnes concernées seront ou ont été informées.")
SUBJECTS_NOT_INFORMED = Msg(en="The people concerned are not informed individually: {why}",
                            fr="Les personnes concernées ne sont pas informées individuellement : {why}")
NOT_YET_ASSESSED = Msg(en="Not yet assessed.", fr="Pas encore évaluée.")

LETTER_SUBJECT = Msg(en="Important: a security incident concerning your personal data",
                     fr="Important : un incident de sécurité concernant vos données personnelles")
LETTER = Msg(
    en="""Hello,

We are writing to let you know that {controller} has suffered a security incident that concerns some of your
personal data. We are telling you because it may have consequences for you, and so that you can take
precautions.

What happened: {description}
When: {when}
Which of your data are concerned: {data}

What it could mean for you: {consequences}

What we have done: {measures_taken}
What we are going to do: {measures_planned}

What we advise you to do: {advice}

For any question, contact our {contact}.
You may also lodge a complaint with the CNIL (www.cnil.fr).

Reference: {ref}
""",
    fr="""Bonjour,

Nous vous informons que {controller} a subi un incident de sécurité qui concerne certaines de vos données
personnelles. Nous vous prévenons parce qu'il peut avoir des conséquences pour vous, et pour que vous puissiez
prendre vos précautions.

Ce qui s'est passé : {description}
Quand : {when}
Vos données concernées : {data}

Ce que cela pourrait signifier pour vous : {consequences}

Ce que nous avons fait : {measures_taken}
Ce que nous allons faire : {measures_planned}

Ce que nous vous conseillons de faire : {advice}

Pour toute question, contactez notre {contact}.
Vous pouvez aussi introduire une réclamation auprès de la CNIL (www.cnil.fr).

Référence : {ref}
""")
templates.register("breach-subjects", LETTER_SUBJECT, LETTER)
PUBLIC_TITLE = Msg(en="Information about a security incident at {controller}",
                   fr="Information sur un incident de sécurité chez {controller}")
NO_ADVICE = Msg(en="stay alert to unexpected messages asking for your details or for payment.",
                fr="restez attentif aux messages inattendus qui vous demandent vos informations ou un paiement.")
NOTHING_YET = Msg(en="we are still assessing it and will keep you informed.",
                  fr="nous sommes encore en train de l'évaluer et vous tiendrons informé.")

ALERT_SUBJECT = Msg(en="[registre] Breach {ref}: {left} left to notify the CNIL",
                    fr="[registre] Violation {ref} : {left} pour notifier la CNIL")
ALERT = Msg(
    en="""The breach "{title}" ({ref}) has not been notified to the CNIL.

Awareness: {aware}
Deadline (awareness + 72 hours, GDPR Art. 33(1)): {deadline}
Time left: {left}
Risk assessment: {risk}

Notify the CNIL through its online form (www.cnil.fr, "Notifier une violation de données personnelles")
with the text of
  registre breaches notify {ref} --to initial
or, if the breach is unlikely to result in a risk, record that decision with its reasons:
  registre breaches assess {ref} --risk none --reasons "…"
""",
    fr="""La violation « {title} » ({ref}) n'a pas été notifiée à la CNIL.

Prise de connaissance : {aware}
Échéance (prise de connaissance + 72 heures, art. 33.1 du RGPD) : {deadline}
Temps restant : {left}
Évaluation du risque : {risk}

Notifiez la CNIL par son téléservice (www.cnil.fr, « Notifier une violation de données personnelles »)
avec le texte de
  registre breaches notify {ref} --to initial
ou, si la violation n'est pas susceptible d'engendrer un risque, enregistrez cette décision et ses motifs :
  registre breaches assess {ref} --risk none --reasons "…"
""")


def _or_unknown(value: Any, lang: Lang) -> str:
    if value is None or value == "" or value == []:
        return UNKNOWN(lang)
    return str(value)


def _labels(ids: Iterable[str], lookup: dict[str, Any], lang: Lang) -> str:
    names = [lookup[i].label(lang) if i in lookup else i for i in ids]
    return ", ".join(names) if names else UNKNOWN(lang)


def _activities(ids: Iterable[str], declared: Declared, lang: Lang) -> str:
    names = {a.id: a.name(lang) for a in declared.declaration.activities}
    found = [names.get(i, i) for i in ids]
    return ", ".join(found) if found else UNKNOWN(lang)


def _count(value: int | None, source: str | None, lang: Lang) -> str:
    if value is None:
        return UNKNOWN(lang)
    how = FROM_STORE(lang) if source == "store" else ENTERED(lang)
    return f"{value} ({how})"


def contact_of(declared: Declared) -> dict[str, Any]:
    """The DPO, or the contact point for data protection, from the declaration (Art. 33(3)(b))."""
    declaration = declared.declaration
    dpo = declaration.dpo
    if dpo is not None and (dpo.email or dpo.phone or dpo.address):
        found = {"name": dpo.name, "organisation": dpo.organisation, "email": dpo.email, "phone": dpo.phone,
                 "address": dpo.address, "dpo": dpo.appointed}
    else:
        rights = declaration.rights.contact
        controller = declaration.controller
        found = {"name": controller.name, "email": (rights.email if rights else None) or controller.email,
                 "phone": controller.phone, "address": controller.address, "dpo": False}
    return {k: v for k, v in found.items() if v not in (None, "")}


def contact_text(contact: dict[str, Any], lang: Lang, *, capital: bool = True) -> str:
    """The contact point in one line: `Data protection officer: Jeanne Martin, dpo@exemple.fr`."""
    role = Msg(en="data protection officer", fr="délégué à la protection des données") if contact.get("dpo") \
        else Msg(en="data protection contact", fr="contact pour la protection des données")
    said = role(lang)
    said = said[:1].upper() + said[1:] if capital else said
    parts = ", ".join(str(contact[k]) for k in ("name", "organisation", "email", "phone", "address") if contact.get(k))
    return f"{said}: {parts}" if lang == "en" else f"{said} : {parts}"


def _subjects_part(breach: Breach, lang: Lang) -> str:
    if breach.risk is None or breach.triage is None:
        return NOT_YET_ASSESSED(lang)
    exemptions = [Exemption(e) for e in breach.triage.get("exemptions", [])]
    if breach.risk == Risk.high and not exemptions:
        return SUBJECTS_INFORMED(lang)
    why = "; ".join(EXEMPTIONS[e](lang) for e in exemptions) if exemptions else RISKS[Risk(breach.risk)](lang)
    return SUBJECTS_NOT_INFORMED(lang, why=why)


def cnil(breach: Breach, declared: Declared, *, kind: NotificationKind, lang: Lang, made_at: dt.datetime,
         delay_reasons: str | None = None, initial: tuple[dt.datetime, str | None] | None = None) -> str:
    """The notification to the CNIL, initial or complementary, with every Art. 33(3) item, ready to paste."""
    controller = declared.declaration.controller
    late = clock.is_late(breach.deadline, made_at)
    made = clock.shown(made_at, lang)
    delay = DELAY(lang, reasons=delay_reasons) if delay_reasons else ""
    if initial is not None:
        ref = AUTHORITY_REF(lang, ref=initial[1]) if initial[1] else ""
        delay = (delay + "\n" if delay else "") + PREVIOUS(lang, made=clock.shown(initial[0], lang), authority_ref=ref)
    triage = breach.triage or {}
    reasons = "\n".join(part for part in (triage.get("grounds", {}).get(lang), triage.get("given")) if part)
    return CNIL(
        lang, kind=KINDS[kind](lang), ref=breach.ref,
        controller=", ".join(p for p in (controller.name, controller.registration, controller.address) if p),
        title=breach.title, established=ESTABLISHED(lang),
        started=clock.shown(breach.started_at, lang) or UNKNOWN(lang),
        discovered=clock.shown(breach.discovered_at, lang), aware=clock.shown(breach.aware_at, lang),
        ongoing=(YES if breach.ongoing else NO)(lang) + (f" ({clock.shown(breach.ended_at, lang)})"
                                                         if breach.ended_at else ""),
        circumstances=_or_unknown(breach.circumstances, lang), description=_or_unknown(breach.description, lang),
        nature="; ".join(NATURES[Nature(n)](lang) for n in breach.nature),
        origin=ORIGINS[Origin(breach.origin)](lang) if breach.origin else UNKNOWN(lang),
        cause=CAUSES[Cause(breach.cause)](lang), systems=_or_unknown(", ".join(breach.systems), lang),
        activities=_activities(breach.activities, declared, lang),
        processor=f"{breach.processor} ({clock.shown(breach.processor_aware_at, lang)})".replace(" ()", "")
        if breach.processor else NO(lang),
        subject_categories=_labels(breach.subject_categories, declared.subjects, lang),
        subjects_count=_count(breach.subjects_count, breach.subjects_count_source, lang),
        data_categories=_labels(breach.data_categories, declared.data, lang),
        records_count=_count(breach.records_count, breach.records_count_source, lang),
        encrypted=(YES if breach.encrypted else NO)(lang), contact=contact_text(breach.contact, lang),
        consequences=_or_unknown(breach.consequences, lang),
        risk=RISKS[Risk(breach.risk)](lang) if breach.risk else NOT_YET_ASSESSED(lang), risk_reasons=reasons,
        measures_taken=_or_unknown(breach.measures_taken, lang),
        measures_planned=_or_unknown(breach.measures_planned, lang), subjects=_subjects_part(breach, lang),
        deadline=clock.shown(breach.deadline, lang), made=(LATE if late else IN_TIME)(lang, made=made), delay=delay,
    ).rstrip() + "\n"


def letter(breach: Breach, declared: Declared, lang: Lang) -> tuple[str, str]:
    """The communication to one person (Art. 34(2)): its subject line and body, in clear and plain language (the
    organisation's own words when it wrote `letters/breach-subjects.<lang>.txt`)."""
    values = {
        "controller": declared.declaration.controller.name, "description": breach.description or breach.title,
        "when": clock.shown(breach.started_at or breach.discovered_at, lang),
        "data": _labels(breach.data_categories, declared.data, lang) if breach.data_categories else NOTHING_YET(lang),
        "consequences": breach.consequences or NOTHING_YET(lang),
        "measures_taken": breach.measures_taken or NOTHING_YET(lang),
        "measures_planned": breach.measures_planned or NOTHING_YET(lang),
        "advice": breach.advice or NO_ADVICE(lang), "contact": contact_text(breach.contact, lang, capital=False),
        "ref": breach.ref,
    }
    return templates.render(declared, "breach-subjects", lang, LETTER_SUBJECT, LETTER, values)


def public(breach: Breach, declared: Declared, lang: Lang) -> str:
    """The public communication that replaces the letters when they would need disproportionate effort
    (Art. 34(3)(c)): the letter's content, addressed to everyone concerned."""
    _, body = letter(breach, declared, lang)
    title = PUBLIC_TITLE(lang, controller=declared.declaration.controller.name)
    return f"{title}\n\n{body}"


def alert(breach: Breach, lang: Lang, now: dt.datetime) -> tuple[str, str]:
    """The alert to the DPO that the deadline nears: subject line and body."""
    left = clock.remaining(breach.deadline, now)
    risk = RISKS[Risk(breach.risk)](lang) if breach.risk else NOT_YET_ASSESSED(lang)
    values = {"ref": breach.ref, "title": breach.title, "aware": clock.shown(breach.aware_at, lang),
              "deadline": clock.shown(breach.deadline, lang), "left": left, "risk": risk}
    return ALERT_SUBJECT(lang, **values), ALERT(lang, **values)
