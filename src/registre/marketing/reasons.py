"""Why a person may, or may not, be contacted: a stable code per reason, with its words in French and English."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from registre.i18n import Msg
from registre.law.facts import PHONE_CONSENT_FROM


class Basis(StrEnum):
    """What a contact rests on, when it is allowed."""

    consent = "consent"
    soft_opt_in = "soft_opt_in"
    professional = "professional"
    opt_out = "opt_out"
    contract_in_progress = "contract_in_progress"
    not_on_bloctel = "not_on_bloctel"


class Reason(StrEnum):
    """Why a person is left out, checked in this order."""

    not_found = "not_found"
    deceased = "deceased"
    objection_marketing = "objection_marketing"
    restriction = "restriction"
    objection = "objection"
    retention_over = "retention_over"
    no_contact = "no_contact"
    no_rule = "no_rule"
    unsubscribed = "unsubscribed"
    consent_refused = "consent_refused"
    consent_withdrawn = "consent_withdrawn"
    consent_expired = "consent_expired"
    minor_without_parent = "minor_without_parent"
    no_consent = "no_consent"
    on_bloctel = "on_bloctel"
    bloctel_not_checked = "bloctel_not_checked"


_LAST_BLOCTEL_DAY = (PHONE_CONSENT_FROM - dt.timedelta(days=1)).isoformat()  # consent rules from the next

TEXTS: dict[str, Msg] = {
    Basis.consent: Msg(en="Eligible: the person consented to this channel and purpose.",
                       fr="Peut être contactée : la personne a consenti pour ce canal et cette finalité."),
    Basis.soft_opt_in: Msg(
        en="Eligible: an existing customer, for analogous products, with an opt-out offered at collection and in "
           "each message (CPCE L34-5).",
        fr="Peut être contactée : client existant, pour des produits analogues, avec l'opposition offerte à la "
           "collecte et dans chaque message (CPCE L34-5)."),
    Basis.professional: Msg(
        en="Eligible: a professional address, for a message about the person's job, unless they object.",
        fr="Peut être contactée : adresse professionnelle, pour un message en rapport avec sa profession, sauf "
           "opposition."),
    Basis.opt_out: Msg(en="Eligible: the person has not objected.",
                       fr="Peut être contactée : la personne ne s'y est pas opposée."),
    Basis.contract_in_progress: Msg(
        en="Eligible: a contract with the person is in progress; the call must relate to it (Code de la "
           "consommation L223-1).",
        fr="Peut être contactée : un contrat est en cours avec la personne ; l'appel doit s'y rapporter (Code de la "
           "consommation L223-1)."),
    Basis.not_on_bloctel: Msg(
        en=f"Eligible: the number is not on the Bloctel opposition list (rule in force until {_LAST_BLOCTEL_DAY}).",
        fr=f"Peut être contactée : le numéro n'est pas inscrit sur la liste d'opposition Bloctel (règle en vigueur "
           f"jusqu'au {_LAST_BLOCTEL_DAY})."),
    Reason.not_found: Msg(en="Not contacted: no such person in the store.",
                          fr="Non contactée : aucune personne de ce nom dans le registre."),
    Reason.deceased: Msg(en="Not contacted: the person's death has been notified (LIL art. 84-85).",
                         fr="Non contactée : le décès de la personne a été notifié (LIL art. 84-85)."),
    Reason.objection_marketing: Msg(
        en="Not contacted: the person objected to direct marketing; this is final (GDPR Art. 21(3)).",
        fr="Non contactée : la personne s'est opposée à la prospection ; c'est définitif (RGPD art. 21.3)."),
    Reason.restriction: Msg(en="Not contacted: processing of the person's data is restricted (GDPR Art. 18(2)).",
                            fr="Non contactée : le traitement des données de la personne est limité (RGPD art. 18.2)."),
    Reason.objection: Msg(en="Not contacted: the person objected to this processing (GDPR Art. 21(1)).",
                          fr="Non contactée : la personne s'est opposée à ce traitement (RGPD art. 21.1)."),
    Reason.retention_over: Msg(en="Not contacted: the retention period of the person's data for this purpose is over.",
                               fr="Non contactée : la durée de conservation des données de la personne pour cette "
                                  "finalité est écoulée."),
    Reason.no_contact: Msg(en="Not contacted: no address or number is known for this channel.",
                           fr="Non contactée : aucune adresse ni aucun numéro connu pour ce canal."),
    Reason.no_rule: Msg(en="Not contacted: the declaration has no rule for this channel for the person's category.",
                        fr="Non contactée : la déclaration ne prévoit pas de règle pour ce canal et la catégorie de "
                           "la personne."),
    Reason.unsubscribed: Msg(en="Not contacted: the person unsubscribed from this channel.",
                             fr="Non contactée : la personne s'est désabonnée de ce canal."),
    Reason.consent_refused: Msg(en="Not contacted: the person refused when asked.",
                                fr="Non contactée : la personne a refusé lorsqu'on le lui a demandé."),
    Reason.consent_withdrawn: Msg(en="Not contacted: the person withdrew their consent (GDPR Art. 7(3)).",
                                  fr="Non contactée : la personne a retiré son consentement (RGPD art. 7.3)."),
    Reason.consent_expired: Msg(en="Not contacted: the person's consent has lapsed; ask again.",
                                fr="Non contactée : le consentement de la personne a expiré ; redemandez-le."),
    Reason.minor_without_parent: Msg(
        en="Not contacted: the person consented below the age of digital consent without a holder of parental "
           "authority (LIL art. 45).",
        fr="Non contactée : la personne a consenti avant l'âge du consentement numérique sans titulaire de "
           "l'autorité parentale (LIL art. 45)."),
    Reason.no_consent: Msg(en="Not contacted: this channel needs the person's prior consent, and there is none.",
                           fr="Non contactée : ce canal exige le consentement préalable de la personne, qui fait "
                              "défaut."),
    Reason.on_bloctel: Msg(en="Not contacted: the number is on the Bloctel opposition list, and no contract is in "
                              "progress (Code de la consommation L223-1).",
                           fr="Non contactée : le numéro est inscrit sur la liste Bloctel et aucun contrat n'est en "
                              "cours (Code de la consommation L223-1)."),
    Reason.bloctel_not_checked: Msg(
        en="Not contacted: the Bloctel list has not been imported; import it (registre marketing bloctel FILE).",
        fr="Non contactée : la liste Bloctel n'a pas été importée ; importez-la (registre marketing bloctel "
           "FICHIER)."),
}
