"""What the privacy center offers about consent: the activities based on it (whose consent a person may withdraw),
and the words a person agrees to when giving a marketing consent, recorded with it as the proof of what was shown
(Art. 7(1))."""

from __future__ import annotations

from registre.declarations.declared import Declared
from registre.declarations.schemas import Activity, LegalBasis
from registre.i18n import Lang, Msg

CONSENT_WORDING = Msg(en="I agree to receive messages by {channel} from {controller} for: {purpose}.",
                      fr="J'accepte de recevoir des messages par {channel} de {controller} pour : {purpose}.")
CHANNELS = {"email": Msg(en="email", fr="courriel"), "sms": Msg(en="SMS", fr="SMS"),
            "phone": Msg(en="phone", fr="téléphone"), "post": Msg(en="post", fr="courrier"),
            "push": Msg(en="push notification", fr="notification push")}


def consent_activities(declared: Declared) -> list[Activity]:
    """The declared activities that rest on consent (a basis among others counts)."""
    return [a for a in declared.declaration.activities if any(b.basis is LegalBasis.consent for b in a.legal_bases)]


def wording(declared: Declared, lang: Lang, purpose: str, channel: str) -> str:
    """The sentence shown beside one purpose and channel, in `lang`; empty for a channel the center does not
    offer."""
    if channel not in CHANNELS:
        return ""
    activity = declared.activity(purpose)
    return CONSENT_WORDING(lang, controller=declared.declaration.controller.name, channel=CHANNELS[channel](lang),
                           purpose=activity.name(lang) if activity else purpose)
