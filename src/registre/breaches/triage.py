"""Triage of a breach: from the answers to guided questions to a risk level, the Art. 34(3) exemptions, and
what must be done (GDPR Art. 33(1), 34(1) and 34(3); `shared/reference/regulation.md` §4.1-4.2).

JUDGEMENT: the law gives the outcomes (no risk: record only; risk: notify the CNIL; high risk: tell the people
too) but no algorithm. The rules below follow the factors of EDPB Guidelines 9/2022 and the examples of
Guidelines 01/2021 (type of breach, sensitivity, ease of identification, severity of consequences, vulnerable
people, data made unintelligible, data recovered) and only *suggest* a level: the DPO decides, and a level
other than the suggested one needs reasons. Change the rules here and everything follows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from registre.breaches.schemas import Answers, Exemption, Nature, Risk
from registre.errors import InvalidInput
from registre.i18n import LANGS, Msg

QUESTIONS: dict[str, Msg] = {
    "unintelligible": Msg(
        en="Were the data unintelligible to whoever got them (state-of-the-art encryption, key not compromised)?",
        fr="Les données étaient-elles incompréhensibles pour qui les a obtenues (chiffrement à l'état de l'art, "
           "clé non compromise) ?"),
    "backup": Msg(en="Can the data be restored from an up-to-date backup?",
                  fr="Les données peuvent-elles être restaurées depuis une sauvegarde à jour ?"),
    "contained": Msg(
        en="Were the data recovered or deleted before anyone could use them (trusted recipient, device wiped)?",
        fr="Les données ont-elles été récupérées ou supprimées avant toute utilisation (destinataire de confiance, "
           "appareil effacé) ?"),
    "brief_unavailability": Msg(
        en="Was it only a brief loss of availability, restored with no effect on people?",
        fr="S'agit-il seulement d'une brève indisponibilité, rétablie sans effet pour les personnes ?"),
    "identifiable": Msg(en="Can the people be identified from the data, directly or easily?",
                        fr="Les personnes peuvent-elles être identifiées à partir des données, directement ou "
                           "facilement ?"),
    "sensitive": Msg(
        en="Are sensitive data involved (Art. 9 or 10, financial, credentials, identity documents, NIR, location)?",
        fr="Des données sensibles sont-elles en cause (art. 9 ou 10, financières, identifiants de connexion, "
           "pièces d'identité, NIR, localisation) ?"),
    "vulnerable": Msg(en="Are vulnerable people involved (children, patients, employees, people in difficulty)?",
                      fr="Des personnes vulnérables sont-elles concernées (enfants, patients, salariés, personnes "
                         "en difficulté) ?"),
    "severe_consequences": Msg(
        en="Could it lead to identity theft, fraud, financial loss, discrimination, physical harm or damage to "
           "reputation?",
        fr="Peut-elle conduire à une usurpation d'identité, une fraude, une perte financière, une discrimination, "
           "un dommage physique ou une atteinte à la réputation ?"),
    "malicious": Msg(en="Did someone mean harm (theft, hacking, ransom)?",
                     fr="Y a-t-il eu une intention de nuire (vol, piratage, rançon) ?"),
}

# The grounds a suggestion rests on, in the order they are weighed.
GROUNDS: dict[str, Msg] = {
    "unintelligible": Msg(en="The data were unintelligible to whoever got them and can be restored.",
                          fr="Les données étaient incompréhensibles pour qui les a obtenues et peuvent être "
                             "restaurées."),
    "contained": Msg(en="The data were recovered or deleted before anyone could use them.",
                     fr="Les données ont été récupérées ou supprimées avant toute utilisation."),
    "brief_unavailability": Msg(en="A brief loss of availability, restored from a backup with no effect on people.",
                                fr="Une brève indisponibilité, rétablie depuis une sauvegarde sans effet pour "
                                   "les personnes."),
    "not_identifiable": Msg(en="The people cannot be identified from the data.",
                            fr="Les personnes ne peuvent pas être identifiées à partir des données."),
    "sensitive": Msg(en="Sensitive data are involved.", fr="Des données sensibles sont en cause."),
    "vulnerable": Msg(en="Vulnerable people are involved.", fr="Des personnes vulnérables sont concernées."),
    "severe_consequences": Msg(en="The consequences for people could be severe.",
                               fr="Les conséquences pour les personnes pourraient être graves."),
    "malicious": Msg(en="Someone meant harm.", fr="Il y a eu une intention de nuire."),
    "no_backup": Msg(en="The data are lost and cannot be restored.",
                     fr="Les données sont perdues et ne peuvent être restaurées."),
    "identifiable": Msg(en="The people can be identified from the data.",
                        fr="Les personnes peuvent être identifiées à partir des données."),
}

HIGH_FACTORS = ("sensitive", "vulnerable", "severe_consequences")

NEEDS_REASONS = Msg(en="Give the reasons: the decision ({risk}) differs from the one the answers suggest "
                       "({suggested}), or claims an Art. 34(3) exemption.",
                    fr="Indiquez les motifs : la décision ({risk}) diffère de celle que suggèrent les réponses "
                       "({suggested}), ou invoque une exception de l'art. 34.3.")
EXEMPTION_NOT_HIGH = Msg(en="The Art. 34(3) exemptions concern a high risk only; this breach is judged '{risk}'.",
                         fr="Les exceptions de l'art. 34.3 ne concernent qu'un risque élevé ; cette violation est "
                            "jugée « {risk} ».")
NOT_ENCRYPTED = Msg(en="The encryption exemption (Art. 34(3)(a)) needs the data to have been unintelligible "
                       "(encrypted with a key that was not compromised): record it first.",
                    fr="L'exception de chiffrement (art. 34.3.a) suppose des données incompréhensibles (chiffrées "
                       "avec une clé non compromise) : indiquez-le d'abord.")


@dataclass(frozen=True, slots=True)
class Decision:
    """What triage decided and what follows from it."""

    suggested: Risk
    risk: Risk
    exemptions: tuple[Exemption, ...]
    grounds: tuple[str, ...]  # keys of GROUNDS
    reasons: str  # the DPO's words, or the grounds in French when the suggestion was followed
    notify_authority: bool = field(init=False)
    inform_subjects: bool = field(init=False)
    public_communication: bool = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "notify_authority", self.risk is not Risk.none)  # Art. 33(1)
        object.__setattr__(self, "inform_subjects", self.risk is Risk.high and not self.exemptions)  # Art. 34(1)
        object.__setattr__(self, "public_communication",
                           self.risk is Risk.high and Exemption.disproportionate_effort in self.exemptions)


def suggest(answers: Answers, nature: Iterable[Nature]) -> tuple[Risk, tuple[str, ...]]:
    """The level the answers suggest, and the grounds it rests on."""
    kinds = set(nature)
    lost = Nature.availability in kinds and not answers.backup
    if answers.unintelligible and not lost:
        return Risk.none, ("unintelligible",)
    if answers.contained:
        return Risk.none, ("contained",)
    if kinds == {Nature.availability} and answers.brief_unavailability and answers.backup:
        return Risk.none, ("brief_unavailability",)
    if not answers.identifiable:
        return Risk.none, ("not_identifiable",)
    high = tuple(name for name in HIGH_FACTORS if getattr(answers, name))
    if high:
        return Risk.high, high + (("malicious",) if answers.malicious else ())
    grounds = ("identifiable",) + (("malicious",) if answers.malicious else ()) + (("no_backup",) if lost else ())
    return Risk.risk, grounds


def decide(answers: Answers, nature: Iterable[Nature], *, risk: Risk | None = None,
           exemptions: Iterable[Exemption] = (), reasons: str | None = None, encrypted: bool = False) -> Decision:
    """The decision: the suggested level unless the DPO chose another, with reasons; exemptions checked."""
    suggested, grounds = suggest(answers, nature)
    decided = risk or suggested
    chosen = tuple(dict.fromkeys(exemptions))
    if chosen and decided is not Risk.high:
        raise InvalidInput(EXEMPTION_NOT_HIGH, risk=decided.value)
    if Exemption.encryption in chosen and not (encrypted or answers.unintelligible):
        raise InvalidInput(NOT_ENCRYPTED)
    given = (reasons or "").strip()
    if not given and (decided is not suggested or chosen):
        raise InvalidInput(NEEDS_REASONS, risk=decided.value, suggested=suggested.value)
    return Decision(suggested=suggested, risk=decided, exemptions=chosen, grounds=grounds,
                    reasons=given or " ".join(GROUNDS[g]("fr") for g in grounds))


def grounds_text(grounds: Iterable[str]) -> dict[str, str]:
    """The grounds in both languages."""
    keys = list(grounds)
    return {lang: " ".join(GROUNDS[g](lang) for g in keys) for lang in LANGS}
