"""What the CNIL exempts from consent among cookies and other trackers (LIL art. 82; CNIL délibérations 2020-091
and 2020-092 of 17 September 2020, délibération of 4 July 2025 on audience measurement; regulation.md §5.5).

The purposes are the values of the declaration's `TrackerPurpose`, kept as plain names so that law/ depends on
nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass

from registre.i18n import Msg
from registre.law.facts import AUDIENCE_TRACKER_MAX_MONTHS

# LIL art. 82 al. 2 exempts trackers whose sole purpose is to allow or facilitate communication by electronic
# means, or that are strictly necessary for a service the user expressly asked for. The CNIL's list (regulation.md
# §5.5, "Other exempt trackers"): the consent choice itself, authentication, shopping cart, expected interface
# personalisation (language), load balancing, paywall metering, and audience measurement within its conditions.
# Error monitoring, A/B testing, advertising, social media, chat, video and maps are not on it.
EXEMPT_PURPOSES: frozenset[str] = frozenset(
    {"strictly_necessary", "consent_storage", "functional", "audience_measurement"})
EXEMPT_SOURCE = "LIL art. 82; CNIL délibération 2020-091 art. 5"

# CNIL (4 July 2025, restating 2020-091): the data an exempt audience-measurement tracker collects are kept at
# most 25 months (regulation.md §5.5 and §5.6).
AUDIENCE_DATA_MAX_MONTHS = 25


@dataclass(frozen=True, slots=True)
class Condition:
    """One condition of the audience-measurement exemption: the tracker field that states it, the value that
    meets it, and its words."""

    field: str
    met: bool
    words: Msg


# The cumulative conditions of the audience-measurement exemption (regulation.md §5.5), as the declaration states
# them on a tracker's `exemption` (`first_party`: the tracker's `party`); the lifetime (13 months) and the data's
# keeping (25 months) are checked apart.
AUDIENCE_CONDITIONS: tuple[Condition, ...] = (
    Condition("first_party", True, Msg(en="the site places it itself (first party)",
                                       fr="le site le dépose lui-même (traceur interne)")),
    Condition("site_only", True, Msg(en="it measures the audience of this site or app only, for one publisher",
                                     fr="elle mesure l'audience de ce seul site ou application, pour un seul éditeur")),
    Condition("anonymous_statistics", True, Msg(en="it produces anonymous statistics only",
                                                fr="elle produit uniquement des statistiques anonymes")),
    Condition("cross_referenced", False, Msg(en="the data are not combined with other processing",
                                             fr="les données ne sont pas recoupées avec d'autres traitements")),
    Condition("shared", False, Msg(en="the data are not passed to third parties",
                                   fr="les données ne sont pas transmises à des tiers")),
    Condition("cross_site", False, Msg(en="it does not follow the person across sites or apps",
                                       fr="elle ne suit pas la personne d'un site ou d'une application à l'autre")),
)
AUDIENCE_SOURCE = "LIL art. 82; CNIL délibération 2020-091 art. 5; CNIL 4 July 2025"

__all__ = ["AUDIENCE_CONDITIONS", "AUDIENCE_DATA_MAX_MONTHS", "AUDIENCE_SOURCE", "AUDIENCE_TRACKER_MAX_MONTHS",
           "EXEMPT_PURPOSES", "EXEMPT_SOURCE", "Condition"]
