"""Clauses a policy makes that the law forbids: consent deemed given by use (GDPR Art. 4(11), 7, Recital 32),
liability disclaimed (Art. 82), complaint bodies that are no GDPR authority (Art. 77), silence on the data after
death for an online service (LIL art. 85)."""

from __future__ import annotations

from collections.abc import Iterator

from registre.i18n import Lang, Msg
from registre.law.authorities import SOURCE as AUTHORITIES_SOURCE
from registre.law.authorities import gdpr_authority
from registre.law.rights import LIABILITY_KEPT, LIABILITY_SOURCE, POST_MORTEM_SOURCE
from registre.lint.engine import Context, Hit, Severity, rule, several

E, W = Severity.error, Severity.warning

_EVERY_ACTIVITY = Msg(en="every activity", fr="tous les traitements")


def _in(value: str | Msg, lang: Lang) -> str:
    return value(lang) if isinstance(value, Msg) else value


@rule("CONSENT-BY-USE", E, "GDPR Art. 4(11), 6(1)(a), 7(1)-(2), Recital 32",
      Msg(en="Consent deemed given by use", fr="Consentement déduit de l'usage"),
      Msg(en="The policy deems consent given (\"{statement}\") for {activities}: consent is a statement or a clear "
             "affirmative act for each purpose; using a site, continuing to browse or reading a policy is none.",
          fr="La politique tient le consentement pour acquis (« {statement} ») pour {activities} : le consentement "
             "est une déclaration ou un acte positif clair pour chaque finalité ; utiliser un site, poursuivre la "
             "navigation ou lire une politique n'en est pas un."))
def consent_by_use(context: Context) -> Iterator[Hit]:
    """The policy does not deem consent given by use of the site, or by the policy itself."""
    for index, clause in enumerate(context.declared.declaration.clauses.consent_by_use):
        activities = several(clause.activities) if clause.activities else None
        params: dict[str, object] = {
            "statement": Msg(en=clause.statement("en"), fr=clause.statement("fr")),
            "activities": Msg(en=f"'{_in(activities, 'en')}'", fr=f"« {_in(activities, 'fr')} »") if activities
            else _EVERY_ACTIVITY}
        if activities:
            params["activity"] = activities
        yield Hit(("clauses", "consent_by_use", index), params)


_DISCLAIMS = {
    "unlawful_access": Msg(en="damage from unlawful access to the data", fr="le dommage causé par un accès illicite "
                                                                           "aux données"),
    "security": Msg(en="the security of the data", fr="la sécurité des données"),
    "processors": Msg(en="what its processors do with the data", fr="ce que ses sous-traitants font des données"),
}


@rule("LIABILITY-DISCLAIMED", E, LIABILITY_SOURCE,
      Msg(en="Liability for the processing disclaimed", fr="Responsabilité du traitement écartée"),
      Msg(en="The policy disclaims liability for {what}: anyone who suffers damage from an infringement has the right "
             "to compensation from the controller, who is exempt only if it proves it is in no way responsible.",
          fr="La politique écarte la responsabilité pour {what} : toute personne ayant subi un dommage du fait d'une "
             "violation a droit à réparation par le responsable, qui n'en est exonéré que s'il prouve que le fait "
             "ne lui est nullement imputable."))
def liability(context: Context) -> Iterator[Hit]:
    """The policy does not disclaim the liability Art. 82 puts on the controller."""
    for index, clause in enumerate(context.declared.declaration.clauses.liability):
        if clause.disclaims.value in LIABILITY_KEPT:
            yield Hit(("clauses", "liability", index), {"what": _DISCLAIMS[clause.disclaims.value]})


@rule("AUTHORITY-NOT-GDPR", W, AUTHORITIES_SOURCE,
      Msg(en="Complaint body that is no GDPR supervisory authority",
          fr="Organisme de réclamation qui n'est pas une autorité de contrôle du RGPD"),
      Msg(en="Named as a supervisory authority to complain to, but outside the EU and the EEA, so with no power under "
             "the GDPR (it applies its own law): {authority}.",
          fr="Cité comme autorité de contrôle auprès de qui porter réclamation, mais hors de l'UE et de l'EEE, donc "
             "sans compétence au titre du RGPD (il applique son propre droit) : {authority}."))
def authority_outside(context: Context) -> Iterator[Hit]:
    """The complaint bodies named are supervisory authorities under the GDPR (EU and EEA)."""
    for index, authority in enumerate(context.declared.authorities):
        if not gdpr_authority(authority.country):
            yield Hit(("authorities", index), {"authority": Msg(en=authority.name("en"), fr=authority.name("fr"))})


@rule("RIGHTS-POST-MORTEM", W, POST_MORTEM_SOURCE,
      Msg(en="Online service silent on the data after death", fr="Service en ligne muet sur le sort des données "
          "après le décès"),
      Msg(en="The organisation provides an online service but the policy says nothing of what becomes of the data "
             "after death, nor how to give directives for them.",
          fr="L'organisation fournit un service en ligne mais la politique ne dit rien du sort des données après le "
             "décès, ni de la façon de donner des directives à leur sujet."))
def post_mortem(context: Context) -> Iterator[Hit]:
    """A provider of an online service tells its users what becomes of their data after their death."""
    declaration = context.declared.declaration
    clauses = declaration.clauses
    online = clauses.online_service
    if online is None:
        online = bool(declaration.cookies or declaration.policy.url or declaration.controller.website)
    said = clauses.post_mortem is not None or declaration.rights.post_mortem is not None or any(
        limit.right.value == "post_mortem" for limit in declaration.rights.limits)
    if online and not said:
        yield Hit(("rights",))
