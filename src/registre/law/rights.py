"""What the GDPR grants with each right, where policies commonly narrow it, and what the controller stays liable
for (regulation.md §2 and §5.2; gdpr-articles-en-fr.md for the text).

The legal bases are the values of the declaration's `LegalBasis`, kept as plain names so that law/ depends on
nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass

from registre.i18n import Msg

# Art. 20(1)(a): portability applies to processing based on consent (Art. 6(1)(a) or 9(2)(a)) or on a contract
# (Art. 6(1)(b)), carried out by automated means.
PORTABILITY_BASES: frozenset[str] = frozenset({"consent", "contract"})


@dataclass(frozen=True, slots=True)
class Narrowing:
    """A way a policy narrows a right, and what the law grants instead."""

    article: str
    grants: Msg


NARROWINGS: dict[str, Narrowing] = {
    "bases": Narrowing("GDPR Art. 20(1)(a)", Msg(
        en="portability covers the data provided by the person for processing based on consent or on a contract",
        fr="la portabilité couvre les données fournies par la personne pour les traitements fondés sur le "
           "consentement ou sur un contrat")),
    "end_of_relationship": Narrowing("GDPR Art. 12(3), 20(1)", Msg(
        en="a right is exercised whenever the person asks, and answered within one month, not only once the "
           "relationship has ended",
        fr="un droit s'exerce dès que la personne le demande, avec une réponse sous un mois, et non seulement à la "
           "fin de la relation")),
    "some_data": Narrowing("GDPR Art. 15(1), 16, 17(1)", Msg(
        en="the right covers all the personal data concerning the person (rectification: every inaccurate data, "
           "and completion of incomplete data)",
        fr="le droit couvre toutes les données personnelles concernant la personne (rectification : toute donnée "
           "inexacte, et le complément des données incomplètes)")),
    "confidential_information": Narrowing("GDPR Art. 15(4), Recital 63", Msg(
        en="access may be limited only where it would adversely affect the rights and freedoms of others (trade "
           "secrets included), and never to the point of refusing all information",
        fr="l'accès ne peut être limité que s'il porte atteinte aux droits et libertés d'autrui (secret des affaires "
           "compris), et jamais jusqu'à refuser toute information")),
}

# Art. 82(2)-(3): a controller involved in processing is liable for the damage it causes, and is exempt only if it
# proves it is not in any way responsible for the event (Art. 32: the security of processing is its duty; Art. 28:
# it answers for its processors). A policy cannot disclaim that liability. Linked sites and what an authority
# does with data it lawfully obtains are not the controller's processing.
LIABILITY_KEPT: frozenset[str] = frozenset({"unlawful_access", "security", "processors"})
LIABILITY_SOURCE = "GDPR Art. 82(1)-(3), 5(2), 24, 32"

# LIL art. 85 (ex-40-1, loi 2016-1321): « Tout prestataire d'un service de communication au public en ligne informe
# l'utilisateur du sort des données qui le concernent à son décès et lui permet de choisir de communiquer ou non ses
# données à un tiers qu'il désigne. » UNVERIFIED: the reference recalls this sentence without having confirmed it
# verbatim (regulation.md §5.2 and §9 item 6), so the lint only warns.
POST_MORTEM_SOURCE = "Loi Informatique et Libertés art. 85 (information duty of online services: unverified)"
POST_MORTEM_VERIFIED = False
