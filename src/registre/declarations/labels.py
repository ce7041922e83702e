"""The French and English words for the declaration's vocabulary: legal bases, safeguards, actions, rights."""

from __future__ import annotations

from registre.declarations.catalog import SECURITY_MEASURES
from registre.declarations.schemas import (
    Art9Condition,
    Channel,
    Derogation,
    EndAction,
    LegalBasis,
    Measure,
    RecipientKind,
    RightName,
    Safeguard,
    SourceKind,
    TrackerPurpose,
)
from registre.i18n import Lang, Msg

LEGAL_BASES: dict[LegalBasis, Msg] = {
    LegalBasis.consent: Msg(en="Consent (Art. 6(1)(a))", fr="Consentement (art. 6.1.a)"),
    LegalBasis.contract: Msg(en="Performance of a contract or pre-contractual measures (Art. 6(1)(b))",
                             fr="Exécution d'un contrat ou de mesures précontractuelles (art. 6.1.b)"),
    LegalBasis.legal_obligation: Msg(en="Compliance with a legal obligation (Art. 6(1)(c))",
                                     fr="Respect d'une obligation légale (art. 6.1.c)"),
    LegalBasis.vital_interests: Msg(en="Protection of vital interests (Art. 6(1)(d))",
                                    fr="Sauvegarde des intérêts vitaux (art. 6.1.d)"),
    LegalBasis.public_task: Msg(en="Task carried out in the public interest (Art. 6(1)(e))",
                                fr="Mission d'intérêt public (art. 6.1.e)"),
    LegalBasis.legitimate_interests: Msg(en="Legitimate interests (Art. 6(1)(f))",
                                         fr="Intérêt légitime (art. 6.1.f)"),
}

ART9_CONDITIONS: dict[Art9Condition, Msg] = {
    Art9Condition.explicit_consent: Msg(en="Explicit consent (Art. 9(2)(a))", fr="Consentement explicite (art. 9.2.a)"),
    Art9Condition.employment: Msg(en="Employment and social security law (Art. 9(2)(b))",
                                  fr="Droit du travail et de la protection sociale (art. 9.2.b)"),
    Art9Condition.vital_interests: Msg(en="Vital interests (Art. 9(2)(c))", fr="Intérêts vitaux (art. 9.2.c)"),
    Art9Condition.not_for_profit: Msg(en="Not-for-profit body (Art. 9(2)(d))",
                                      fr="Organisme à but non lucratif (art. 9.2.d)"),
    Art9Condition.made_public: Msg(en="Made public by the data subject (Art. 9(2)(e))",
                                   fr="Rendues publiques par la personne (art. 9.2.e)"),
    Art9Condition.legal_claims: Msg(en="Legal claims (Art. 9(2)(f))", fr="Droits en justice (art. 9.2.f)"),
    Art9Condition.public_interest: Msg(en="Substantial public interest (Art. 9(2)(g))",
                                       fr="Intérêt public important (art. 9.2.g)"),
    Art9Condition.health_care: Msg(en="Preventive or occupational medicine, health care (Art. 9(2)(h))",
                                   fr="Médecine préventive ou du travail, soins (art. 9.2.h)"),
    Art9Condition.public_health: Msg(en="Public health (Art. 9(2)(i))", fr="Santé publique (art. 9.2.i)"),
    Art9Condition.archiving_research: Msg(en="Archiving, research or statistics (Art. 9(2)(j))",
                                          fr="Archives, recherche ou statistiques (art. 9.2.j)"),
}

SAFEGUARDS: dict[Safeguard, Msg] = {
    Safeguard.adequacy: Msg(en="Adequacy decision (Art. 45)", fr="Décision d'adéquation (art. 45)"),
    Safeguard.scc: Msg(en="Standard contractual clauses (Art. 46(2)(c))",
                       fr="Clauses contractuelles types (art. 46.2.c)"),
    Safeguard.bcr: Msg(en="Binding corporate rules (Art. 47)", fr="Règles d'entreprise contraignantes (art. 47)"),
    Safeguard.code_of_conduct: Msg(en="Approved code of conduct (Art. 46(2)(e))",
                                   fr="Code de conduite approuvé (art. 46.2.e)"),
    Safeguard.certification: Msg(en="Approved certification (Art. 46(2)(f))",
                                 fr="Certification approuvée (art. 46.2.f)"),
    Safeguard.ad_hoc_clauses: Msg(en="Contractual clauses authorised by the authority (Art. 46(3)(a))",
                                  fr="Clauses contractuelles autorisées par l'autorité (art. 46.3.a)"),
    Safeguard.derogation: Msg(en="Derogation for a specific situation (Art. 49)",
                              fr="Dérogation pour une situation particulière (art. 49)"),
}

DEROGATIONS: dict[Derogation, Msg] = {
    Derogation.explicit_consent: Msg(en="explicit consent (Art. 49(1)(a))", fr="consentement explicite (art. 49.1.a)"),
    Derogation.contract_with_subject: Msg(en="contract with the data subject (Art. 49(1)(b))",
                                          fr="contrat avec la personne (art. 49.1.b)"),
    Derogation.contract_in_subject_interest: Msg(en="contract in the data subject's interest (Art. 49(1)(c))",
                                                 fr="contrat dans l'intérêt de la personne (art. 49.1.c)"),
    Derogation.public_interest: Msg(en="important public interest (Art. 49(1)(d))",
                                    fr="motifs importants d'intérêt public (art. 49.1.d)"),
    Derogation.legal_claims: Msg(en="legal claims (Art. 49(1)(e))", fr="droits en justice (art. 49.1.e)"),
    Derogation.vital_interests: Msg(en="vital interests (Art. 49(1)(f))", fr="intérêts vitaux (art. 49.1.f)"),
    Derogation.public_register: Msg(en="public register (Art. 49(1)(g))", fr="registre public (art. 49.1.g)"),
    Derogation.compelling_legitimate_interests: Msg(
        en="compelling legitimate interests (Art. 49(1), second subparagraph)",
        fr="intérêts légitimes impérieux (art. 49.1, second alinéa)"),
}

END_ACTIONS: dict[EndAction, Msg] = {
    EndAction.delete: Msg(en="deleted", fr="supprimées"),
    EndAction.anonymise: Msg(en="anonymised", fr="anonymisées"),
    EndAction.archive: Msg(en="archived with restricted access", fr="archivées avec un accès restreint"),
}

RECIPIENT_KINDS: dict[RecipientKind, Msg] = {
    RecipientKind.internal: Msg(en="Internal department", fr="Service interne"),
    RecipientKind.processor: Msg(en="Processor", fr="Sous-traitant"),
    RecipientKind.third_party: Msg(en="Third party", fr="Tiers"),
    RecipientKind.authority: Msg(en="Authority", fr="Autorité"),
}

SOURCES: dict[SourceKind, Msg] = {
    SourceKind.direct: Msg(en="From you", fr="Auprès de vous"),
    SourceKind.indirect: Msg(en="From another source", fr="Auprès d'une autre source"),
    SourceKind.public: Msg(en="From publicly accessible sources", fr="Auprès de sources accessibles au public"),
}

TRACKER_PURPOSES: dict[TrackerPurpose, Msg] = {
    TrackerPurpose.strictly_necessary: Msg(en="Strictly necessary", fr="Strictement nécessaire"),
    TrackerPurpose.consent_storage: Msg(en="Storing your choice", fr="Conservation de votre choix"),
    TrackerPurpose.functional: Msg(en="Functionality", fr="Fonctionnalité"),
    TrackerPurpose.audience_measurement: Msg(en="Audience measurement", fr="Mesure d'audience"),
    TrackerPurpose.personalisation: Msg(en="Personalisation", fr="Personnalisation"),
    TrackerPurpose.advertising: Msg(en="Advertising", fr="Publicité"),
    TrackerPurpose.social_media: Msg(en="Social media", fr="Réseaux sociaux"),
    TrackerPurpose.security: Msg(en="Security", fr="Sécurité"),
    TrackerPurpose.error_monitoring: Msg(en="Error monitoring", fr="Suivi des erreurs"),
    TrackerPurpose.ab_testing: Msg(en="A/B testing", fr="Tests A/B"),
    TrackerPurpose.data_analysis: Msg(en="Data analysis", fr="Analyse de données"),
    TrackerPurpose.chat: Msg(en="Chat", fr="Messagerie instantanée (tchat)"),
    TrackerPurpose.video: Msg(en="Embedded video", fr="Vidéo intégrée"),
    TrackerPurpose.maps: Msg(en="Embedded map", fr="Carte intégrée"),
}

CHANNELS: dict[Channel, Msg] = {
    Channel.email: Msg(en="Email", fr="Courrier électronique"),
    Channel.sms: Msg(en="SMS", fr="SMS"),
    Channel.phone: Msg(en="Telephone", fr="Téléphone"),
    Channel.post: Msg(en="Post", fr="Courrier postal"),
    Channel.push: Msg(en="Push notifications", fr="Notifications push"),
}

RIGHTS: dict[RightName, Msg] = {
    RightName.access: Msg(en="Right of access (Art. 15)", fr="Droit d'accès (art. 15)"),
    RightName.rectification: Msg(en="Right to rectification (Art. 16)", fr="Droit de rectification (art. 16)"),
    RightName.erasure: Msg(en="Right to erasure (Art. 17)", fr="Droit à l'effacement (art. 17)"),
    RightName.restriction: Msg(en="Right to restriction of processing (Art. 18)",
                               fr="Droit à la limitation du traitement (art. 18)"),
    RightName.portability: Msg(en="Right to data portability (Art. 20)", fr="Droit à la portabilité (art. 20)"),
    RightName.objection: Msg(en="Right to object (Art. 21)", fr="Droit d'opposition (art. 21)"),
    RightName.automated_decision: Msg(en="Rights on automated decisions (Art. 22)",
                                      fr="Droits relatifs aux décisions automatisées (art. 22)"),
    RightName.consent_withdrawal: Msg(en="Right to withdraw consent (Art. 7(3))",
                                      fr="Droit de retirer son consentement (art. 7.3)"),
    RightName.post_mortem: Msg(en="Directives after death (French Data Protection Act, art. 85)",
                               fr="Directives post mortem (loi Informatique et Libertés, art. 85)"),
}


def measure(item: Measure, lang: Lang) -> str:
    """A security measure in words: the catalogue's label, or the policy's own text."""
    return SECURITY_MEASURES[item](lang) if isinstance(item, str) else item(lang)
