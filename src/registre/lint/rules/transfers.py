"""Transfers outside the EEA (GDPR Chapter V: Art. 44 to 49)."""

from __future__ import annotations

from collections.abc import Iterator

from babel import Locale

from registre.declarations.labels import SAFEGUARDS
from registre.declarations.loader import FieldPath
from registre.declarations.schemas import Activity, Safeguard, Transfer
from registre.i18n import Msg
from registre.law.adequacy import adequacy, in_eea
from registre.lint.engine import Context, Hit, Severity, each_activity, rule
from registre.lint.rules.cookies import title

E, W = Severity.error, Severity.warning


def _names(code: str) -> dict[str, str]:
    """The country's name in each language, as message parameters `country` and `country_fr`."""
    return {"country": Locale("en").territories.get(code, code), "country_fr": Locale("fr").territories.get(code, code)}


def _abroad(context: Context) -> Iterator[tuple[FieldPath, Activity, int, Transfer, str]]:
    """Each country outside the EEA that a declared transfer goes to, with its activity and transfer."""
    for path, activity in each_activity(context):
        for index, transfer in enumerate(activity.transfer_list):
            for country in transfer.country or []:
                if not in_eea(country):
                    yield path, activity, index, transfer, country


@rule("TRANSFER-NO-SAFEGUARD", E, "GDPR Art. 44, 45, 46, 49",
      Msg(en="Transfer without adequacy or safeguard", fr="Transfert sans adéquation ni garantie"),
      Msg(en="Data of '{activity}' go to {country}: {why}, and no safeguard is stated.",
          fr="Les données de « {activity} » vont vers {country_fr} : {why_fr}, et aucune garantie n'est indiquée."))
def no_safeguard(context: Context) -> Iterator[Hit]:
    """A transfer outside the EEA rests on adequacy or states a safeguard."""
    for path, activity, index, transfer, country in _abroad(context):
        if transfer.safeguards:
            continue
        decision = adequacy(country, context.on)
        params = {"activity": activity.id, **_names(country)}
        if decision is None:
            yield Hit((*path, "transfers", index), {**params, "why": "no adequacy decision is in force",
                                                    "why_fr": "aucune décision d'adéquation n'est en vigueur"})
        elif not decision.covers(transfer.dpf_certified):
            yield Hit((*path, "transfers", index), {
                **params, "why": "the importer is not stated to be certified under the Data Privacy Framework",
                "why_fr": "l'importateur n'est pas indiqué comme certifié au Data Privacy Framework"})


@rule("TRANSFER-ADEQUACY", E, "GDPR Art. 45",
      Msg(en="Adequacy claimed where there is none", fr="Adéquation invoquée à tort"),
      Msg(en="The transfer of '{activity}' to {country} claims an adequacy decision, but {why}.",
          fr="Le transfert de « {activity} » vers {country_fr} invoque une décision d'adéquation, mais {why_fr}."))
def wrong_adequacy(context: Context) -> Iterator[Hit]:
    """Adequacy is claimed only where a decision is in force, and for the US only for DPF-certified importers."""
    for path, activity, index, transfer, country in _abroad(context):
        if Safeguard.adequacy not in transfer.safeguards:
            continue
        decision = adequacy(country, context.on)
        params = {"activity": activity.id, **_names(country)}
        if decision is None:
            yield Hit((*path, "transfers", index), {
                **params, "why": f"none is in force on {context.on.isoformat()}",
                "why_fr": f"aucune n'est en vigueur au {context.on.isoformat()}"})
        elif not decision.covers(transfer.dpf_certified):
            yield Hit((*path, "transfers", index), {
                **params, "why": "it covers only importers certified under the EU-US Data Privacy Framework",
                "why_fr": "elle ne couvre que les importateurs certifiés au Data Privacy Framework UE-États-Unis"})


@rule("TRANSFER-DEROGATION", E, "GDPR Art. 49(1)",
      Msg(en="Derogation without its ground", fr="Dérogation sans son fondement"),
      Msg(en="The transfer of '{activity}' relies on an Art. 49 derogation without saying which one.",
          fr="Le transfert de « {activity} » repose sur une dérogation de l'art. 49 sans dire laquelle."))
def derogation(context: Context) -> Iterator[Hit]:
    """A derogation names its point of Art. 49(1)."""
    for path, activity in each_activity(context):
        for index, transfer in enumerate(activity.transfer_list):
            if Safeguard.derogation in transfer.safeguards and transfer.derogation is None:
                yield Hit((*path, "transfers", index), {"activity": activity.id})


@rule("TRANSFER-UNDECLARED", W, "GDPR Art. 13(1)(f), 30(1)(e)",
      Msg(en="Recipient abroad without a declared transfer", fr="Destinataire à l'étranger sans transfert déclaré"),
      Msg(en="Activity '{activity}' sends data to '{recipient}' in {country}, outside the EEA, but declares no "
             "transfer to that country.",
          fr="Le traitement « {activity} » transmet des données à « {recipient} », situé hors de l'EEE ({country_fr}), "
             "sans déclarer de transfert vers ce pays."))
def undeclared(context: Context) -> Iterator[Hit]:
    """A recipient outside the EEA comes with a declared transfer."""
    for path, activity in each_activity(context):
        countries = {c for t in activity.transfer_list for c in t.country or []}
        for index, name in enumerate(activity.recipient_ids):
            for country in context.declared.recipients[name].country or []:
                if not in_eea(country) and country not in countries:
                    yield Hit((*path, "recipients", index),
                              {"activity": activity.id, "recipient": name, **_names(country)})


# The grounds of Art. 46 and 47 whose copy a person may obtain (Art. 13(1)(f), 14(1)(f)).
COPY_SAFEGUARDS = frozenset(set(Safeguard) - {Safeguard.adequacy, Safeguard.derogation})


@rule("TRANSFER-COPY", W, "GDPR Art. 13(1)(f), 14(1)(f)",
      Msg(en="No way to obtain a copy of the safeguards", fr="Aucun moyen d'obtenir une copie des garanties"),
      Msg(en="The transfer of '{activity}' does not say how to obtain a copy of its safeguards, nor where they are "
             "made available: {safeguards}.",
          fr="Le transfert de « {activity} » ne dit pas comment obtenir une copie de ses garanties, ni où elles sont "
             "mises à disposition : {safeguards}."))
def copy(context: Context) -> Iterator[Hit]:
    """A transfer on appropriate safeguards says how to obtain a copy of them."""
    for path, activity in each_activity(context):
        for index, transfer in enumerate(activity.transfer_list):
            grounds = COPY_SAFEGUARDS & set(transfer.safeguards)
            if grounds and transfer.documentation is None:
                yield Hit((*path, "transfers", index),
                          {"activity": activity.id, "safeguards": Msg(
                              en=", ".join(SAFEGUARDS[g]("en") for g in sorted(grounds)),
                              fr=", ".join(SAFEGUARDS[g]("fr") for g in sorted(grounds)))})


@rule("TRANSFER-COUNTRY-NOT-STATED", E, "GDPR Art. 13(1)(f), 14(1)(f), 30(1)(e)",
      Msg(en="Transfer outside the EEA without its country", fr="Transfert hors de l'EEE sans son pays"),
      Msg(en="A transfer of '{activity}' outside the EEA{to} does not name the country the data go to: people are "
             "told the third country and whether an adequacy decision covers it, and the register identifies it.",
          fr="Un transfert de « {activity} » hors de l'EEE{to_fr} ne nomme pas le pays où vont les données : les "
             "personnes sont informées du pays tiers et de l'existence d'une décision d'adéquation, et le registre "
             "l'identifie."))
def country_not_stated(context: Context) -> Iterator[Hit]:
    """A transfer names the third country the data go to."""
    for path, activity in each_activity(context):
        for index, transfer in enumerate(activity.transfer_list):
            if transfer.country is None:
                recipient = context.declared.recipients.get(transfer.recipient or "")
                yield Hit((*path, "transfers", index), {
                    "activity": activity.id,
                    "to": f" (to {recipient.name('en')})" if recipient else "",
                    "to_fr": f" (vers {recipient.name('fr')})" if recipient else ""})


@rule("COOKIE-PROVIDER-ABROAD", W, "GDPR Art. 13(1)(f), 44; LIL art. 82",
      Msg(en="Tracker provider outside the EEA without a declared transfer",
          fr="Émetteur de traceur hors de l'EEE sans transfert déclaré"),
      Msg(en="The tracker '{name}' is placed by {provider}, in {country}, outside the EEA, but no activity declares "
             "a transfer to that country.",
          fr="Le traceur « {name} » est déposé par {provider}, situé hors de l'EEE ({country_fr}), mais aucun "
             "traitement ne déclare de transfert vers ce pays."))
def provider_abroad(context: Context) -> Iterator[Hit]:
    """A tracker whose provider is outside the EEA comes with a declared transfer to that country."""
    declaration = context.declared.declaration
    declared = {c for a in declaration.activities for t in a.transfer_list for c in t.country or []}
    for index, tracker in enumerate(declaration.cookies.trackers if declaration.cookies else []):
        for country in tracker.provider_country or []:
            if not in_eea(country) and country not in declared:
                name = title(tracker)
                yield Hit(("cookies", "trackers", index),
                          {"name": name, "provider": tracker.provider or name, **_names(country)})
