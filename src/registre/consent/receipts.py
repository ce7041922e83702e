"""Consent receipts: the record of a consent act shaped on ISO/IEC TS 27560:2023, and its Kantara CR v1.1 export.

The ISO structure has four parts (regulation.md §8.3): metadata, processing, parties, events. Field names
follow the W3C DPV guide to TS 27560 (the ISO text was not read directly: see regulation.md §9 item 3).
Kantara's field names and required fields are those of KI-CR-v1.1.0 (regulation.md §8.2).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from registre.consent.schemas import State
from registre.declarations import describe, labels
from registre.declarations.declared import Declared
from registre.declarations.schemas import Activity, LegalBasis, Recipient, TrackerPurpose, listed
from registre.i18n import Lang, Msg
from registre.models.consent import ConsentEvent

SCHEMA_VERSION = "ISO/IEC TS 27560:2023"
KANTARA_VERSION = "KI-CR-v1.1.0"
JURISDICTION = "FR"  # GDPR and the Loi Informatique et Libertés, CNIL
WITHDRAW_BY_LINK = Msg(en="Through the same door as the consent: the unsubscribe link in each message, the cookie "
                          "banner's link, or a request to the controller.",
                       fr="Par la même voie que le consentement : le lien de désinscription de chaque message, le "
                          "lien du bandeau cookies, ou une demande au responsable du traitement.")
UNTIL_WITHDRAWN = Msg(en="until withdrawn", fr="jusqu'au retrait")
BANNER_RETENTION = Msg(en="{months} months (the choice and its proof)", fr="{months} mois (le choix et sa preuve)")
# Where the data are stored, when the declaration does not say (or says only part of it).
LOCATION_NOT_STATED = Msg(en="not stated", fr="non précisé")
OTHER_LOCATIONS_NOT_STATED = Msg(en="other locations not stated", fr="autres lieux non précisés")


def _party(declared: Declared) -> dict[str, Any]:
    controller = declared.declaration.controller
    return {"party_id": controller.registration or controller.name, "party_name": controller.name,
            "party_address": controller.address, "party_contact": controller.email or controller.phone,
            "party_type": "controller", "party_email": controller.email, "party_url": controller.website,
            "party_phone": controller.phone}


def _withdrawal(declared: Declared, activity: Activity | None, channel: str | None, lang: Lang) -> str:
    if activity is not None:
        for basis in activity.legal_bases:
            if basis.basis is LegalBasis.consent and basis.withdrawal is not None:
                return basis.withdrawal(lang)
    for item in declared.declaration.marketing:
        if item.channel.value == channel and item.opt_out is not None:
            return item.opt_out(lang)
    return WITHDRAW_BY_LINK(lang)


def _locations(named: set[str], *, complete: bool, lang: Lang) -> list[str]:
    """The countries and regions the declaration names, and what it leaves unsaid, in words."""
    if complete:
        return sorted(named)
    return [*sorted(named), (OTHER_LOCATIONS_NOT_STATED if named else LOCATION_NOT_STATED)(lang)]


def _activity_locations(declared: Declared, activity: Activity, recipients: Sequence[Recipient],
                        lang: Lang) -> list[str]:
    """Where an activity's data are: the countries of its recipients and transfers; the EEA for the rest when the
    policy lists its transfers outside it (or says there is none); otherwise the rest is not stated."""
    transfers = declared.transfers(activity)
    named = {c for r in recipients for c in r.country or []}
    named |= {c for t in listed(transfers) for c in t.country or []}
    if transfers is None or any(t.country is None for t in listed(transfers)):
        return _locations(named, complete=False, lang=lang)
    return _locations(named | {"EEA"}, complete=True, lang=lang)


def _purpose(declared: Declared, event: ConsentEvent, lang: Lang, proof_months: int | None) -> dict[str, Any]:
    """One purpose of the record: an activity of the declaration, or a category of trackers."""
    activity = declared.activity(event.purpose)
    if activity is not None:
        recipients = [r for r in declared.recipients.values() if declared.receives(r.id, activity)]
        return {
            "purpose": activity.id, "description": activity.purpose(lang), "purpose_type": "marketing"
            if event.channel else "service", "channel": event.channel, "lawful_basis": "GDPR Art. 6(1)(a)",
            "pii_information": [{"pii_type": d, "label": declared.data[d].label(lang),
                                 "special_pii_category": declared.data[d].special is not None}
                                for d in activity.data],
            "recipient_third_parties": [{"name": r.name(lang), "kind": r.kind.value} for r in recipients],
            "storage_locations": _activity_locations(declared, activity, recipients, lang),
            "retention_period": "; ".join(describe.period(p.rule, declared, lang) for p in declared.rules(activity))
            or UNTIL_WITHDRAWN(lang),
            "withdrawal_method": _withdrawal(declared, activity, event.channel, lang),
        }
    cookies = declared.declaration.cookies
    trackers = [t for t in (cookies.trackers if cookies else []) if t.purpose.value == event.purpose]
    known = {p.value: p for p in TrackerPurpose}
    label = labels.TRACKER_PURPOSES[known[event.purpose]](lang) if event.purpose in known else event.purpose
    return {
        "purpose": event.purpose, "description": label, "purpose_type": "cookies", "channel": None,
        "lawful_basis": "LIL art. 82; GDPR Art. 6(1)(a)",
        "pii_information": [{"pii_type": "browsing", "label": t.title(lang), "provider": t.provider} for t in trackers],
        "recipient_third_parties": [{"name": t.provider or t.title(lang), "kind": "third_party"} for t in trackers
                                    if t.party == "third"],
        "storage_locations": _locations({c for t in trackers for c in t.provider_country or []},
                                        complete=bool(trackers) and all(t.provider_country for t in trackers),
                                        lang=lang),
        "retention_period": BANNER_RETENTION(lang, months=proof_months) if proof_months else UNTIL_WITHDRAWN(lang),
        "withdrawal_method": WITHDRAW_BY_LINK(lang),
    }


def record(declared: Declared, events: Sequence[ConsentEvent], *, principal: str, wording: str | None,
           proof_months: int | None = None) -> dict[str, Any]:
    """The consent record of one act (its events), shaped on ISO/IEC TS 27560: metadata, processing, parties,
    events, with the proof (wording, notice hash, digests) beside it."""
    first = events[0]
    lang: Lang = "fr" if first.lang == "fr" else "en"
    policy = declared.declaration.policy
    main = [e for e in events if e.joint_id is None]
    return {
        "schema_version": SCHEMA_VERSION,
        "record_id": first.receipt_ref,
        "receipt_id": first.receipt_ref,
        "pii_principal_id": principal,
        "processing": {
            "privacy_notice": {"url": policy.url, "version": first.notice_version, "sha256": first.notice_hash},
            "language": first.lang,
            "collection_method": first.method,
            "jurisdiction": JURISDICTION,
            "purposes": [_purpose(declared, e, lang, proof_months) for e in main],
        },
        "parties": [_party(declared)],
        "events": [{
            "event_id": e.ref, "event_time": e.at.isoformat(), "event_state": e.state,
            "event_type": "expressed" if e.state in (State.given, State.refused) else e.state,
            "entity_id": e.given_by, "purpose": e.purpose, "channel": e.channel,
            "validity_duration": e.expires_at.isoformat() if e.expires_at else None,
            "digest": e.digest} for e in events],
        "proof": {"location": first.location, "wording": wording, "wording_sha256": first.wording_hash,
                  "age": first.age, "parent": (next((e.evidence for e in events if e.given_by == "parent"), None)
                                               or {}).get("parent")},
    }


def kantara(declared: Declared, events: Sequence[ConsentEvent], *, principal: str,
            proof_months: int | None = None) -> dict[str, Any]:
    """The same act as a Kantara Initiative Consent Receipt v1.1.0."""
    iso = record(declared, events, principal=principal, wording=None, proof_months=proof_months)
    party = iso["parties"][0]
    purposes = iso["processing"]["purposes"]
    sensitive = [p["pii_type"] for purpose in purposes for p in purpose["pii_information"]
                 if p.get("special_pii_category")]
    first = events[0]
    return {
        "version": KANTARA_VERSION,
        "jurisdiction": JURISDICTION,
        "consentTimestamp": int(first.at.timestamp()),
        "collectionMethod": first.method,
        "consentReceiptID": first.receipt_ref,
        "language": first.lang,
        "piiPrincipalId": principal,
        "piiControllers": [{"piiController": party["party_name"], "contact": party["party_contact"],
                            "address": party["party_address"], "email": party["party_email"],
                            "phone": party["party_phone"], "piiControllerUrl": party["party_url"]}],
        "policyUrl": iso["processing"]["privacy_notice"]["url"],
        "services": [{"service": declared.declaration.controller.name, "purposes": [{
            "purpose": p["description"], "purposeCategory": [p["purpose_type"]], "consentType": "EXPLICIT",
            "piiCategory": [i["label"] for i in p["pii_information"]], "primaryPurpose": False,
            "termination": p["withdrawal_method"],
            "thirdPartyDisclosure": bool(p["recipient_third_parties"]),
            "thirdPartyName": ", ".join(r["name"] for r in p["recipient_third_parties"]) or None,
            "state": next(e.state for e in events if e.purpose == p["purpose"] and e.joint_id is None),
        } for p in purposes]}],
        "sensitive": bool(sensitive),
        "spiCat": sensitive,
    }
