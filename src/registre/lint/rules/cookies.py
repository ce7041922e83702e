"""Cookies and trackers: LIL art. 82 and the CNIL's délibérations 2020-091 and 2020-092."""

from __future__ import annotations

from collections.abc import Iterator

from registre.declarations.catalog import DataKind
from registre.declarations.describe import duration
from registre.declarations.labels import TRACKER_PURPOSES
from registre.declarations.schemas import Tracker, TrackerPurpose
from registre.i18n import Msg
from registre.law.cookies import (
    AUDIENCE_CONDITIONS,
    AUDIENCE_DATA_MAX_MONTHS,
    AUDIENCE_SOURCE,
    EXEMPT_PURPOSES,
    EXEMPT_SOURCE,
)
from registre.law.facts import AUDIENCE_TRACKER_MAX_MONTHS, CONSENT_COOKIE_MAX_MONTHS
from registre.lint.engine import Context, Hit, Severity, each_activity, rule

E, W = Severity.error, Severity.warning


def title(tracker: Tracker) -> Msg:
    """What a reader calls the tracker, in each language."""
    return Msg(en=tracker.title("en"), fr=tracker.title("fr"))


@rule("COOKIE-BROWSING", E, "LIL art. 82; CNIL délibération 2020-091",
      Msg(en="Cookie consent not asked", fr="Consentement aux cookies non recueilli"),
      Msg(en="Consent to cookies is {how}: continuing to browse or leaving the browser's settings unchanged "
             "is not consent; a clear positive act is needed, and refusing must be as easy as accepting.",
          fr="Le consentement aux cookies est {how_fr} : poursuivre la navigation ou ne pas modifier les "
             "paramètres du navigateur ne vaut pas consentement ; il faut un acte positif clair, et refuser "
             "doit être aussi simple qu'accepter."))
def browsing(context: Context) -> Iterator[Hit]:
    """Trackers that need consent get it through a real choice, not by browsing or browser settings."""
    cookies = context.declared.declaration.cookies
    if cookies is None or cookies.consent == "banner":
        return
    if cookies.trackers and not any(t.consent_required and not t.exempt for t in cookies.trackers):
        return  # only exempt trackers: no consent to ask
    how = {"browsing": ("deemed given by browsing", "déduit de la navigation"),
           "browser_settings": ("left to the browser's settings", "renvoyé aux paramètres du navigateur"),
           "none": ("never asked", "jamais demandé")}[cookies.consent]
    yield Hit(("cookies", "consent"), {"how": how[0], "how_fr": how[1]})


@rule("COOKIE-EXEMPT-LIFETIME", E, "CNIL délibération 2020-091 art. 5; CNIL 4 July 2025",
      Msg(en="Exempt audience-measurement tracker kept too long", fr="Traceur de mesure d'audience exempté "
          "conservé trop longtemps"),
      Msg(en="'{name}' is claimed exempt from consent as audience measurement, but its lifetime is {lifetime}; "
             "the exemption requires at most {max} months.",
          fr="« {name} » est présenté comme exempté de consentement au titre de la mesure d'audience, mais sa "
             "durée de vie est de {lifetime_fr} ; l'exemption exige au plus {max} mois."))
def exempt_lifetime(context: Context) -> Iterator[Hit]:
    """An exempt audience-measurement tracker lives at most 13 months."""
    cookies = context.declared.declaration.cookies
    for index, tracker in enumerate(cookies.trackers if cookies else []):
        if not (tracker.exempt and tracker.purpose is TrackerPurpose.audience_measurement):
            continue
        if tracker.lifetime is None or tracker.lifetime.total_months > AUDIENCE_TRACKER_MAX_MONTHS:
            lifetime = tracker.lifetime
            yield Hit(("cookies", "trackers", index), {
                "name": title(tracker), "max": AUDIENCE_TRACKER_MAX_MONTHS,
                "lifetime": duration(lifetime, "en") if lifetime else "not stated",
                "lifetime_fr": duration(lifetime, "fr") if lifetime else "non précisée"})


@rule("COOKIE-EXEMPT-PURPOSE", E, EXEMPT_SOURCE,
      Msg(en="Tracker claimed exempt for a purpose that needs consent", fr="Traceur exempté pour une finalité "
          "soumise au consentement"),
      Msg(en="'{name}' is claimed exempt from consent, but trackers for the purpose '{purpose}' always need consent.",
          fr="« {name} » est présenté comme exempté de consentement, mais les traceurs de finalité « {purpose} » "
             "nécessitent toujours le consentement."))
def exempt_purpose(context: Context) -> Iterator[Hit]:
    """Only the CNIL's exempt purposes may skip consent."""
    cookies = context.declared.declaration.cookies
    for index, tracker in enumerate(cookies.trackers if cookies else []):
        if (tracker.exempt or not tracker.consent_required) and tracker.purpose.value not in EXEMPT_PURPOSES:
            yield Hit(("cookies", "trackers", index), {"name": title(tracker),
                                                       "purpose": TRACKER_PURPOSES[tracker.purpose]})


@rule("COOKIE-LIFETIME", W,
      f"CNIL recommendation 2020-092 ({CONSENT_COOKIE_MAX_MONTHS}-month cap: unverified as a general rule)",
      Msg(en=f"Consent cookie kept more than {CONSENT_COOKIE_MAX_MONTHS} months",
          fr=f"Cookie soumis au consentement conservé plus de {CONSENT_COOKIE_MAX_MONTHS} mois"),
      Msg(en="'{name}' lives {lifetime}; consent cookies are commonly capped at {max} months.",
          fr="« {name} » vit {lifetime_fr} ; les cookies soumis au consentement sont couramment limités à "
             "{max} mois."))
def lifetime(context: Context) -> Iterator[Hit]:
    """Consent-based trackers live at most 13 months."""
    cookies = context.declared.declaration.cookies
    for index, tracker in enumerate(cookies.trackers if cookies else []):
        if tracker.consent_required and not tracker.exempt and tracker.lifetime is not None and (
            tracker.lifetime.total_months > CONSENT_COOKIE_MAX_MONTHS
        ):
            yield Hit(("cookies", "trackers", index), {
                "name": title(tracker), "max": CONSENT_COOKIE_MAX_MONTHS,
                "lifetime": duration(tracker.lifetime, "en"), "lifetime_fr": duration(tracker.lifetime, "fr")})


@rule("COOKIE-UNDECLARED", W, "LIL art. 82; GDPR Art. 13(1)(c)",
      Msg(en="Browsing data without a cookie declaration", fr="Données de navigation sans déclaration des cookies"),
      Msg(en="Activity '{activity}' processes browsing data (cookies, trackers), but the declaration lists no "
             "trackers and does not say how consent to them is obtained.",
          fr="Le traitement « {activity} » traite des données de navigation (cookies, traceurs), mais la "
             "déclaration ne liste aucun traceur et ne dit pas comment le consentement est recueilli."))
def undeclared(context: Context) -> Iterator[Hit]:
    """Browsing data come with the list of trackers and how consent to them is asked."""
    if context.declared.declaration.cookies is not None:
        return
    for path, activity in each_activity(context):
        if any(context.declared.data[d].kind is DataKind.internet for d in activity.data):
            yield Hit(path, {"activity": activity.id})


@rule("COOKIE-EXEMPT-CONDITIONS", E, AUDIENCE_SOURCE,
      Msg(en="Audience measurement exempt without the CNIL's conditions",
          fr="Mesure d'audience exemptée sans les conditions de la CNIL"),
      Msg(en="'{name}' is claimed exempt from consent as audience measurement, but the policy does not state these "
             "conditions of the exemption: {missing}.",
          fr="« {name} » est présenté comme exempté de consentement au titre de la mesure d'audience, mais la "
             "politique n'indique pas ces conditions de l'exemption : {missing}."))
def exempt_conditions(context: Context) -> Iterator[Hit]:
    """An exempt audience-measurement tracker meets every condition of the CNIL's exemption, and its data are kept
    at most 25 months."""
    cookies = context.declared.declaration.cookies
    for index, tracker in enumerate(cookies.trackers if cookies else []):
        if not (tracker.exempt and tracker.purpose is TrackerPurpose.audience_measurement):
            continue
        stated = tracker.exemption.model_dump() if tracker.exemption else {}
        stated["first_party"] = tracker.party == "first"
        missing = [c.words for c in AUDIENCE_CONDITIONS if stated.get(c.field) is not c.met]
        kept = tracker.exemption.data_kept if tracker.exemption else None
        if kept is None or kept.total_months > AUDIENCE_DATA_MAX_MONTHS:
            missing.append(Msg(en=f"the data are kept at most {AUDIENCE_DATA_MAX_MONTHS} months",
                               fr=f"les données sont conservées au plus {AUDIENCE_DATA_MAX_MONTHS} mois"))
        if missing:
            yield Hit(("cookies", "trackers", index), {
                "name": title(tracker), "missing": Msg(en="; ".join(m("en") for m in missing),
                                                            fr=" ; ".join(m("fr") for m in missing))})
