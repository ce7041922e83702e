"""The words for the breach register's codes (its nature, origin, cause, risk, exemptions, notifications, clock),
in French and English; `registre.labels.label` finds them here."""

from __future__ import annotations

from registre.breaches.schemas import Cause, Clock, Exemption, Nature, NotificationKind, Origin, Risk
from registre.i18n import Msg

NATURES: dict[Nature, Msg] = {
    Nature.confidentiality: Msg(en="Confidentiality (disclosure or access)",
                                fr="Confidentialité (divulgation ou accès)"),
    Nature.integrity: Msg(en="Integrity (alteration)", fr="Intégrité (altération)"),
    Nature.availability: Msg(en="Availability (loss or destruction)", fr="Disponibilité (perte ou destruction)"),
}
ORIGINS: dict[Origin, Msg] = {
    Origin.lost_equipment: Msg(en="Equipment lost or stolen", fr="Équipement perdu ou volé"),
    Origin.lost_paper: Msg(en="Paper lost or stolen", fr="Papier perdu ou volé"),
    Origin.lost_mail: Msg(en="Mail lost or opened", fr="Courrier perdu ou ouvert"),
    Origin.hacking: Msg(en="Hacking, malware, phishing", fr="Piratage, logiciel malveillant, hameçonnage"),
    Origin.paper_disposal: Msg(en="Paper not securely disposed of", fr="Mise au rebut de papier non sécurisée"),
    Origin.device_disposal: Msg(en="Device not securely disposed of", fr="Mise au rebut d'appareil non sécurisée"),
    Origin.unintended_publication: Msg(en="Unintended publication", fr="Publication non volontaire"),
    Origin.wrong_person_shown: Msg(en="Data shown to the wrong person", fr="Données montrées à la mauvaise personne"),
    Origin.wrong_recipient: Msg(en="Sent to the wrong recipient", fr="Envoi au mauvais destinataire"),
    Origin.verbal_disclosure: Msg(en="Verbal disclosure", fr="Divulgation verbale"),
    Origin.other: Msg(en="Other", fr="Autre"),
}
CAUSES: dict[Cause, Msg] = {
    Cause.internal_malicious: Msg(en="Internal, malicious", fr="Interne, malveillante"),
    Cause.internal_accidental: Msg(en="Internal, accidental", fr="Interne, accidentelle"),
    Cause.external_malicious: Msg(en="External, malicious", fr="Externe, malveillante"),
    Cause.external_accidental: Msg(en="External, accidental", fr="Externe, accidentelle"),
    Cause.unknown: Msg(en="Unknown", fr="Inconnue"),
}
RISKS: dict[Risk, Msg] = {
    Risk.none: Msg(en="Unlikely to result in a risk (recorded, not notified)",
                   fr="Risque improbable (consignée, non notifiée)"),
    Risk.risk: Msg(en="Risk (the CNIL is notified)", fr="Risque (notification à la CNIL)"),
    Risk.high: Msg(en="High risk (the CNIL and the people are told)",
                   fr="Risque élevé (notification à la CNIL et aux personnes)"),
}
EXEMPTIONS: dict[Exemption, Msg] = {
    Exemption.encryption: Msg(en="Data unintelligible, such as encrypted (Art. 34(3)(a))",
                              fr="Données incompréhensibles, par exemple chiffrées (art. 34.3.a)"),
    Exemption.later_measures: Msg(en="Later measures remove the high risk (Art. 34(3)(b))",
                                  fr="Mesures ultérieures écartant le risque élevé (art. 34.3.b)"),
    Exemption.disproportionate_effort: Msg(en="Disproportionate effort: a public communication (Art. 34(3)(c))",
                                           fr="Efforts disproportionnés : communication publique (art. 34.3.c)"),
}
NOTIFICATION_KINDS: dict[NotificationKind, Msg] = {
    NotificationKind.initial: Msg(en="CNIL, initial notification", fr="CNIL, notification initiale"),
    NotificationKind.complementary: Msg(en="CNIL, complementary notification", fr="CNIL, notification complémentaire"),
    NotificationKind.subjects: Msg(en="The people affected", fr="Les personnes concernées"),
    NotificationKind.public: Msg(en="Public communication", fr="Communication publique"),
}
CLOCKS: dict[Clock, Msg] = {
    Clock.running: Msg(en="Running", fr="En cours"),
    Clock.overdue: Msg(en="Overdue: the CNIL was not notified in time", fr="Dépassée : CNIL non notifiée à temps"),
    Clock.notified: Msg(en="CNIL notified in time", fr="CNIL notifiée dans le délai"),
    Clock.notified_late: Msg(en="CNIL notified late, with reasons", fr="CNIL notifiée en retard, avec les motifs"),
    Clock.not_required: Msg(en="No notification required (Art. 33(5))", fr="Notification non requise (art. 33.5)"),
}
