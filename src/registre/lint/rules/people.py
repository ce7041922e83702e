"""Rules about people: minors (LIL art. 45), special categories (GDPR Art. 9 and 10), rights (Art. 12 to 22)."""

from __future__ import annotations

from collections.abc import Iterator

from registre.declarations.catalog import Special
from registre.declarations.labels import RIGHTS
from registre.declarations.schemas import LegalBasis, RightLimit, RightName, RightNarrowing
from registre.i18n import Msg
from registre.law.facts import DIGITAL_CONSENT_AGE
from registre.law.rights import NARROWINGS, PORTABILITY_BASES
from registre.lint.engine import Context, Hit, Severity, each_activity, rule

E, W = Severity.error, Severity.warning


@rule("MINORS-PARENTAL-CONSENT", E, "Loi Informatique et Libertés art. 45; GDPR Art. 8",
      Msg(en=f"Minors under {DIGITAL_CONSENT_AGE} without joint parental consent",
          fr=f"Mineurs de moins de {DIGITAL_CONSENT_AGE} ans sans consentement conjoint des parents"),
      Msg(en="{subject}: {why}; under {age}, consent is given jointly by the minor and a holder of parental "
             "authority.",
          fr="{subject_fr} : {why_fr} ; avant {age} ans, le consentement est donné conjointement par le mineur et "
             "le titulaire de l'autorité parentale."))
def minors(context: Context) -> Iterator[Hit]:
    """Minors under 15 whose data rest on consent consent together with a parent."""
    consent_subjects = {
        s
        for _, a in each_activity(context)
        for s in a.subjects
        if any(b.basis is LegalBasis.consent for b in context.declared.bases_for(a, s))
    }
    for index, item in enumerate(context.declared.declaration.subject_categories):
        if isinstance(item, str) or item.minors is None or not item.minors.admitted:
            continue
        if item.id not in consent_subjects:
            continue
        rule_ = item.minors
        label = context.declared.subjects[item.id].label
        if rule_.age_alone < DIGITAL_CONSENT_AGE:
            age = rule_.age_alone
            why = (f"minors consent alone from {age}", f"les mineurs consentent seuls dès {age} ans")
        elif rule_.consent_below == "parent_only":
            why = ("below the age, only the parent consents", "en dessous de cet âge, seul le parent consent")
        else:
            continue
        yield Hit(("subject_categories", index, "minors"),
                  {"subject": label("en"), "subject_fr": label("fr"), "age": DIGITAL_CONSENT_AGE, "why": why[0],
                   "why_fr": why[1]})


@rule("SPECIAL-CONDITION", E, "GDPR Art. 9(2), 10",
      Msg(en="Special category data without an Art. 9 condition", fr="Données sensibles sans condition de l'art. 9"),
      Msg(en="Activity '{activity}' processes {data} without stating {what}.",
          fr="Le traitement « {activity} » traite {data} sans indiquer {what_fr}."))
def special(context: Context) -> Iterator[Hit]:
    """Special categories name their Art. 9(2) condition; criminal data their Art. 10 authority."""
    for path, activity in each_activity(context):
        for kind, stated, what, what_fr in (
                (Special.art9, activity.art9_condition, "the Art. 9(2) condition", "la condition de l'art. 9.2"),
                (Special.art10, activity.art10_authority, "the authority of Art. 10", "le fondement de l'art. 10")):
            found = [context.declared.data[d].label for d in activity.data if context.declared.data[d].special is kind]
            if found and stated is None:
                data = Msg(en=", ".join(f"'{label('en')}'" for label in found),
                           fr=", ".join(f"« {label('fr')} »" for label in found))
                yield Hit(path, {"activity": activity.id, "data": data, "what": what, "what_fr": what_fr})


@rule("RIGHTS-ID-COPY", W, "GDPR Art. 12(2), 12(6); EDPB Guidelines 01/2022 §§65-79",
      Msg(en="A copy of an ID asked for every request", fr="Copie d'une pièce d'identité exigée pour toute demande"),
      Msg(en="Every request must come with {what}: identity may be checked only where there is reasonable doubt, "
             "by the least intrusive means, and a copy of an ID is generally disproportionate.",
          fr="Toute demande doit être accompagnée {what_fr} : l'identité ne peut être vérifiée qu'en cas de doute "
             "raisonnable, par le moyen le moins intrusif, et la copie d'une pièce d'identité est en général "
             "disproportionnée."))
def id_copy(context: Context) -> Iterator[Hit]:
    """Identity is asked only on reasonable doubt, not with a copy of an ID for every request."""
    check = context.declared.declaration.rights.identity_check
    if check != "when_in_doubt":
        what = {"id_copy": ("a copy of an ID", "d'une copie de pièce d'identité"),
                "signed_id_copy": ("a signed copy of an ID", "d'une copie signée de pièce d'identité")}[check]
        yield Hit(("rights", "identity_check"), {"what": what[0], "what_fr": what[1]})


@rule("RIGHTS-REFUSED", E, "GDPR Art. 12(2), 15 to 22",
      Msg(en="A right denied by the policy", fr="Un droit refusé par la politique"),
      Msg(en="{right}: the policy denies it outright; the GDPR sets the cases where it applies, and a refusal must "
             "be decided request by request, with reasons.",
          fr="{right} : la politique le refuse d'emblée ; le RGPD fixe les cas où il s'applique, et un refus se "
             "décide demande par demande, motivé."))
def refused(context: Context) -> Iterator[Hit]:
    """The policy does not deny a right in general terms."""
    for index, limit in enumerate(context.declared.declaration.rights.limits):
        if limit.refused:
            yield Hit(("rights", "limits", index), {"right": RIGHTS[limit.right]})


def _statement(limit: RightLimit) -> Msg:
    return Msg(en=limit.statement("en"), fr=limit.statement("fr"))


@rule("RIGHTS-NARROWED", E, "GDPR Art. 12(2), 15 to 20 (the article in each finding: registre.law.rights)",
      Msg(en="A right narrowed below the GDPR", fr="Un droit restreint en deçà du RGPD"),
      Msg(en="{right}: the policy narrows it (\"{statement}\"), but {grants} ({article}).",
          fr="{right} : la politique le restreint (« {statement} »), alors que {grants} ({article})."))
def narrowed(context: Context) -> Iterator[Hit]:
    """The policy grants each right as widely as the GDPR: portability for consent and contract, at any time,
    for all the data."""
    declared = context.declared
    used = {b.basis.value for a in declared.declaration.activities for b in a.legal_bases}
    for index, limit in enumerate(declared.declaration.rights.limits):
        kind = limit.narrows
        if kind is None or kind is RightNarrowing.confidential_information:
            continue
        if kind is RightNarrowing.bases and not (limit.right is RightName.portability and (
                PORTABILITY_BASES - {b.value for b in limit.bases or []}) & used):
            continue
        law = NARROWINGS[kind.value]
        yield Hit(("rights", "limits", index), {"right": RIGHTS[limit.right], "statement": _statement(limit),
                                                "grants": law.grants, "article": law.article})


@rule("RIGHTS-ACCESS-CONFIDENTIAL", W, NARROWINGS["confidential_information"].article,
      Msg(en="Access excluded for confidential information", fr="Accès exclu pour les informations confidentielles"),
      Msg(en="{right}: the policy excludes \"confidential information\" from it (\"{statement}\"), but {grants}.",
          fr="{right} : la politique en exclut les « informations confidentielles » (« {statement} »), alors que "
             "{grants}."))
def confidential(context: Context) -> Iterator[Hit]:
    """Access is limited only for the rights and freedoms of others, not for whatever the controller calls
    confidential."""
    law = NARROWINGS["confidential_information"]
    for index, limit in enumerate(context.declared.declaration.rights.limits):
        if limit.narrows is RightNarrowing.confidential_information:
            yield Hit(("rights", "limits", index), {"right": RIGHTS[limit.right], "statement": _statement(limit),
                                                    "grants": law.grants})
