"""What the cookie banner shows, from the declaration's cookies: the categories to choose, the texts in French
and English, and the version key that brings the banner back when the notice or the list of trackers changes."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from registre.config import Settings
from registre.declarations import labels
from registre.declarations.declared import Declared
from registre.declarations.schemas import Tracker, TrackerPurpose
from registre.documents import notice
from registre.i18n import LANGS, Lang, Msg

COOKIE = "registre_consent"

TITLE = Msg(en="Cookies on {controller}'s site", fr="Les cookies sur le site de {controller}")
BODY = Msg(
    en="{controller} would like to use cookies and similar trackers for the purposes below. You may accept them "
       "all, refuse them all, or choose purpose by purpose: refusing is as easy as accepting, and nothing is placed "
       "before you choose. You can change your mind at any time with the “Cookie settings” link on every page. Your "
       "choice is kept {months} months.",
    fr="{controller} souhaite utiliser des cookies et traceurs similaires pour les finalités ci-dessous. Vous pouvez "
       "tout accepter, tout refuser ou choisir finalité par finalité : refuser est aussi simple qu'accepter, et rien "
       "n'est déposé avant votre choix. Vous pouvez changer d'avis à tout moment grâce au lien « Gestion des "
       "cookies » présent sur chaque page. Votre choix est conservé {months} mois.")
TEXTS: dict[str, Msg] = {
    "accept": Msg(en="Accept all", fr="Tout accepter"),
    "reject": Msg(en="Reject all", fr="Tout refuser"),
    "customise": Msg(en="Customise", fr="Personnaliser"),
    "save": Msg(en="Save my choices", fr="Enregistrer mes choix"),
    "always": Msg(en="Always active (no consent needed)", fr="Toujours actifs (sans consentement)"),
    "policy": Msg(en="Privacy policy", fr="Politique de confidentialité"),
    "reopen": Msg(en="Cookie settings", fr="Gestion des cookies"),
    "purposes": Msg(en="Purposes", fr="Finalités"),
    "saved": Msg(en="Your choice is saved.", fr="Votre choix est enregistré."),
}


def _needs_consent(tracker: Tracker) -> bool:
    return tracker.consent_required and not tracker.exempt


def _trackers(declared: Declared) -> list[Tracker]:
    cookies = declared.declaration.cookies
    return list(cookies.trackers) if cookies else []


def _describe(trackers: list[Tracker], lang: Lang) -> str:
    parts = []
    for tracker in trackers:
        who = f" ({tracker.provider})" if tracker.provider else ""
        what = f": {tracker.description(lang)}" if tracker.description else ""
        parts.append(f"{tracker.title(lang)}{who}{what}")
    return " ".join(parts)


def version(declared: Declared) -> str:
    """The key the choice cookie keeps: it changes when the notice (in any language) or the trackers change."""
    hashes = [notice.build(declared, lang).hash for lang in LANGS if lang in declared.declaration.policy.languages]
    trackers = [t.model_dump(mode="json") for t in _trackers(declared)]
    canonical = json.dumps({"notice": hashes, "trackers": trackers}, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()[:32]


def build(declared: Declared, settings: Settings, lang: Lang) -> dict[str, Any]:
    """The banner's configuration in one language, as the script fetches it."""
    controller = declared.declaration.controller.name
    trackers = _trackers(declared)
    categories = []
    for purpose in TrackerPurpose:
        members = [t for t in trackers if t.purpose is purpose]
        if members:
            categories.append({"id": purpose.value, "label": labels.TRACKER_PURPOSES[purpose](lang),
                               "description": _describe(members, lang),
                               "required": not any(_needs_consent(t) for t in members)})
    shown = notice.build(declared, lang) if lang in declared.declaration.policy.languages else None
    months = settings.consent_choice_months  # the settings cap it at CONSENT_COOKIE_MAX_MONTHS
    return {
        "lang": lang,
        "version": version(declared),
        "notice_version": declared.declaration.policy.version,
        "notice_hash": shown.hash if shown else None,
        "policy_url": declared.declaration.policy.url,
        "cookie": COOKIE,
        "choice_months": months,
        "categories": categories,
        "texts": {"title": TITLE(lang, controller=controller), "body": BODY(lang, controller=controller,
                                                                            months=months),
                  **{key: msg(lang) for key, msg in TEXTS.items()}},
    }


def wording(config: dict[str, Any]) -> str:
    """The exact wording a person saw: the texts and the categories, as canonical JSON (kept once per version)."""
    shown = {"texts": config["texts"], "categories": config["categories"], "version": config["version"]}
    return json.dumps(shown, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
