"""Direct marketing by channel: CPCE L34-5 (email, SMS), Code de la consommation L223-1 (telephone),
GDPR Art. 21 (objection)."""

from __future__ import annotations

from collections.abc import Iterator

from registre.declarations.catalog import SubjectKind
from registre.declarations.loader import FieldPath
from registre.declarations.schemas import Channel, MarketingChannel, MarketingRule
from registre.i18n import Msg
from registre.law.facts import PHONE_CONSENT_FROM
from registre.law.marketing import SOFT_OPT_IN_PROMOTERS, SOFT_OPT_IN_SOURCE
from registre.lint.engine import Context, Hit, Severity, rule

E, W = Severity.error, Severity.warning
ELECTRONIC = (Channel.email, Channel.sms)


def _rules(context: Context) -> Iterator[tuple[FieldPath, MarketingChannel, MarketingRule, list[str]]]:
    """Each channel rule with the subject categories it covers."""
    declared = context.declared
    activities = {a.id: a for a in declared.declaration.activities}
    for c_index, channel in enumerate(declared.declaration.marketing):
        everyone = activities[channel.activity].subjects if channel.activity else list(declared.subjects)
        for r_index, item in enumerate(channel.rules):
            yield ("marketing", c_index, "rules", r_index), channel, item, item.subjects or everyone


def _of_kind(context: Context, subjects: list[str], *kinds: SubjectKind) -> list[str]:
    return [s for s in subjects if context.declared.subjects[s].kind in kinds]


@rule("MKT-PROSPECT-CONSENT", E, "CPCE L34-5",
      Msg(en="Electronic prospecting of prospects without consent", fr="Prospection électronique de prospects "
          "sans consentement"),
      Msg(en="{channel} prospecting of {subjects} rests on '{basis}': people who are not customers may be "
             "prospected by email or SMS only with their prior consent.",
          fr="La prospection par {channel} de {subjects} repose sur « {basis} » : les personnes qui ne sont pas "
             "clientes ne peuvent être prospectées par courriel ou SMS qu'avec leur consentement préalable."))
def prospect_consent(context: Context) -> Iterator[Hit]:
    """Email and SMS to anyone but existing customers need consent (soft opt-in is for customers only)."""
    for path, channel, item, subjects in _rules(context):
        if channel.channel in ELECTRONIC and item.rule != "consent" and not item.professional:
            others = [s for s in subjects if context.declared.subjects[s].kind is not SubjectKind.customer]
            if others:
                yield Hit(path, {"channel": channel.channel.value, "subjects": ", ".join(others),
                                 "basis": item.rule})


@rule("MKT-SOFT-OPT-IN", E, "CPCE L34-5",
      Msg(en="Customers prospected electronically without the soft opt-in conditions",
          fr="Clients prospectés par voie électronique sans les conditions de l'exception"),
      Msg(en="{channel} prospecting of customers without consent must concern analogous products of the same "
             "company and offer an opt-out at collection and in each message; not stated: {missing}.",
          fr="La prospection par {channel} de clients sans consentement doit porter sur des produits analogues "
             "de la même société et offrir l'opposition à la collecte et dans chaque message ; non indiqué : "
             "{missing}."))
def soft_opt_in(context: Context) -> Iterator[Hit]:
    """Email and SMS to customers without consent meet all three soft opt-in conditions."""
    for path, channel, item, subjects in _rules(context):
        if channel.channel not in ELECTRONIC or item.rule == "consent" or item.professional:
            continue
        if not _of_kind(context, subjects, SubjectKind.customer):
            continue
        missing = [name for name, met in (("analogous_products", item.analogous_products),
                                          ("opt_out_at_collection", item.opt_out_at_collection),
                                          ("opt_out_in_each_message", item.opt_out_in_each_message)) if not met]
        if item.rule != "soft_opt_in" or missing:
            yield Hit(path, {"channel": channel.channel.value, "missing": ", ".join(missing) or "—"})


@rule("MKT-PHONE", E, f"Code de la consommation L223-1 (loi n° 2025-594 from {PHONE_CONSENT_FROM:%d %B %Y})",
      Msg(en="Telephone prospecting rule out of date", fr="Règle de prospection téléphonique dépassée"),
      Msg(en="Telephone prospecting rests on '{basis}', but {why}.", fr="La prospection téléphonique repose sur "
          "« {basis} », mais {why_fr}."))
def phone(context: Context) -> Iterator[Hit]:
    """Telephone prospecting checks Bloctel until 10 August 2026, and needs prior consent from 11 August 2026."""
    after = context.on >= PHONE_CONSENT_FROM
    for path, channel, item, _ in _rules(context):
        if channel.channel is not Channel.phone or item.rule == "consent":
            continue
        if after:
            yield Hit(path, {"basis": item.rule,
                             "why": f"since {PHONE_CONSENT_FROM.isoformat()} consumers may be called only with "
                                    "their prior consent, unless a contract in progress is concerned",
                             "why_fr": f"depuis le {PHONE_CONSENT_FROM.isoformat()} un consommateur ne peut être "
                                       "démarché par téléphone qu'avec son consentement préalable, sauf contrat "
                                       "en cours"})
        elif item.rule != "bloctel":
            yield Hit(path, {"basis": item.rule,
                             "why": "the numbers must be checked against the Bloctel opposition list",
                             "why_fr": "les numéros doivent être vérifiés auprès de la liste d'opposition Bloctel"})


@rule("MKT-PUSH-CONSENT", E, "Loi Informatique et Libertés art. 82",
      Msg(en="Push notifications without consent", fr="Notifications push sans consentement"),
      Msg(en="Push notifications rest on '{basis}'; they need the user's consent.",
          fr="Les notifications push reposent sur « {basis} » ; elles nécessitent le consentement de l'utilisateur."))
def push(context: Context) -> Iterator[Hit]:
    """Push notifications need consent."""
    for path, channel, item, _ in _rules(context):
        if channel.channel is Channel.push and item.rule != "consent":
            yield Hit(path, {"basis": item.rule})


@rule("MKT-OPT-OUT", W, "GDPR Art. 21(2)-(4); CPCE L34-5",
      Msg(en="No way to object stated for a channel", fr="Aucun moyen d'opposition indiqué pour un canal"),
      Msg(en="The {channel} channel does not say how people object to or unsubscribe from prospecting.",
          fr="Le canal {channel} ne dit pas comment s'opposer à la prospection ou se désabonner."))
def opt_out(context: Context) -> Iterator[Hit]:
    """Each channel states how to object, as each message must."""
    for index, channel in enumerate(context.declared.declaration.marketing):
        if channel.opt_out is None:
            yield Hit(("marketing", index), {"channel": channel.channel.value})


_PROMOTERS = {"group": Msg(en="other companies of its group", fr="d'autres sociétés de son groupe"),
              "partners": Msg(en="partners", fr="des partenaires")}


@rule("MKT-SOFT-OPT-IN-SCOPE", E, SOFT_OPT_IN_SOURCE,
      Msg(en="Soft opt-in used for others' products", fr="Exception au consentement utilisée pour les produits "
          "d'autrui"),
      Msg(en="The {channel} channel prospects customers without consent but promotes the products of {whose}: the "
             "exception covers only analogous products or services provided by the same person.",
          fr="Le canal {channel} prospecte des clients sans leur consentement mais promeut les produits {whose} : "
             "l'exception ne couvre que des produits ou services analogues fournis par la même personne."))
def soft_opt_in_scope(context: Context) -> Iterator[Hit]:
    """A channel that relies on the soft opt-in promotes the controller's own products only."""
    for path, channel, item, _ in _rules(context):
        others = [p for p in channel.promotes or [] if p not in SOFT_OPT_IN_PROMOTERS]
        if channel.channel in ELECTRONIC and item.rule == "soft_opt_in" and others:
            whose = [_PROMOTERS[p] for p in others]
            yield Hit(path, {"channel": channel.channel.value,
                             "whose": Msg(en=" and ".join(w("en") for w in whose),
                                          fr=" et ".join(w("fr") for w in whose))})
