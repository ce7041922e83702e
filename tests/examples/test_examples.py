"""The five example organisations: each declaration loads, and the lint finds exactly the gaps its policy has.

Each example records what its real privacy policy (a "seed" in `shared/seeds/`) says, no more. The sets
below are the findings a DPO expects on 23 November 2026, as (code, field) pairs, each with the sentence
of the seed it comes from, or a note that the seed is silent.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from registre.declarations.service import load
from registre.lint.service import check
from tests.conftest import EXAMPLES

ON = dt.date(2026, 11, 23)


# Silences reported once, at the list of activities, naming every activity they concern.
SILENT = {("INFO-TRANSFERS-NOT-STATED", "activities"), ("INFO-AUTOMATED-NOT-STATED", "activities")}


# 000_b718aecb3802dc1a.txt
PARIS_JE_TAIME = {
    # "Technical data | ... Browsing data (cookies, tracers, audience measurement, clicks, etc.)" — the seed
    # names cookies but lists none and never says how consent to them is obtained.
    ("COOKIE-UNDECLARED", "activities[7]"),
    ("COOKIE-UNDECLARED", "activities[10]"),
    # "Paris je t'aime has appointed a data protection officer. The contact details of the data protection
    # officer are as follows:" — the list is empty, and "contact the DPO at the following address: [email
    # protected]" is obfuscated in our copy: a DPO is appointed but cannot be reached.
    ("INFO-DPO-CONTACT", "dpo"),
    # The seed gives the controller's name only: no address, email, telephone or form.
    ("INFO-CONTROLLER-CONTACT", "controller"),
    # "... exercising of their rights is carried out by email to the address [email protected]" — the
    # address is obfuscated in our copy, and the controller has no contact: nowhere to send a request.
    ("INFO-RIGHTS-CONTACT", "rights"),
    # The seed states no version and no date.
    ("INFO-POLICY-DATE", "policy"),
    # "Legitimate interest" alone in the table, no interest stated, for the directory, events, newsletter
    # (customers), behavioural analysis, community management, video surveillance, statistics and concierge.
    ("INFO-LEGITIMATE-INTEREST", "activities[3].legal_bases[0]"),
    ("INFO-LEGITIMATE-INTEREST", "activities[4].legal_bases[0]"),
    ("INFO-LEGITIMATE-INTEREST", "activities[5].legal_bases[0]"),
    ("INFO-LEGITIMATE-INTEREST", "activities[7].legal_bases[0]"),
    ("INFO-LEGITIMATE-INTEREST", "activities[8].legal_bases[0]"),
    ("INFO-LEGITIMATE-INTEREST", "activities[9].legal_bases[0]"),
    ("INFO-LEGITIMATE-INTEREST", "activities[10].legal_bases[0]"),
    ("INFO-LEGITIMATE-INTEREST", "activities[11].legal_bases[0]"),
    # "Behavioural analysis and audience measurement | ... | Legitimate interest or consent where necessary":
    # the seed never says how that consent is withdrawn.
    ("INFO-CONSENT-WITHDRAWAL", "activities[7].legal_bases[1]"),
    # The seed never says which data are mandatory nor what follows from not giving them (every activity
    # collects directly: "The data ... is generally collected directly from them").
    ("INFO-PROVISION", "activities[0]"),
    ("INFO-PROVISION", "activities[1]"),
    ("INFO-PROVISION", "activities[2]"),
    ("INFO-PROVISION", "activities[3]"),
    ("INFO-PROVISION", "activities[4]"),
    ("INFO-PROVISION", "activities[5]"),
    ("INFO-PROVISION", "activities[6]"),
    ("INFO-PROVISION", "activities[8]"),
    ("INFO-PROVISION", "activities[10]"),
    ("INFO-PROVISION", "activities[11]"),
    # The retention table has no row for pre-contractual exchanges, satisfaction surveys, community
    # management or statistics.
    ("RET-MISSING", "activities[0]"),
    ("RET-MISSING", "activities[6]"),
    ("RET-MISSING", "activities[8]"),
    ("RET-MISSING", "activities[10]"),
    # "Bank details | Deleted as soon as the transaction is completed, unless expressly agreed by the
    # customer." — how long they are kept once the customer agrees is not said.
    ("RET-UNDETERMINED", "activities[2].retention[2]"),
    # "10 years for contracts concluded electronically for more than 120 euros": Code de la consommation L213-1
    # keeps those of 120 euros or more.
    ("RET-THRESHOLD", "activities[1].retention[1].when"),
    # "CCTV footage | For a maximum period of one month." and "Concierge service | ... 3 years for
    # prospective customers.": no starting point.
    ("RET-NO-START", "activities[9].retention[0]"),
    ("RET-NO-START", "activities[11].retention[1]"),
    # "Sending of newsletters ... from which they can unsubscribe. | Legitimate interest (customers)": email
    # prospecting of customers without consent, with neither analogous products nor an opt-out at collection.
    ("MKT-SOFT-OPT-IN", "marketing[0].rules[0]"),
    # "Customers and prospective customers are informed that this right of access may not apply to confidential
    # information or data or data for which disclosure is not permitted by law." — wider than Art. 15(4).
    ("RIGHTS-ACCESS-CONFIDENTIAL", "rights.limits[0]"),
    # "Paris je t'aime recognises the right to data portability ... for purposes based solely on the consent of
    # the individual." — Art. 20(1)(a) covers contracts too, and its customers' contracts are processed.
    ("RIGHTS-NARROWED", "rights.limits[3]"),
} | SILENT  # once each, naming every activity concerned
# The seed never mentions transfers outside the EU; it says "Paris je t'aime does not make automated individual
# decisions" but not whether it profiles (its "Behavioural analysis" is neither called profiling nor denied).

# 001_01f1012f9f68f465.txt
AMBASSADE_DES_LANGUES = {
    # « L'Utilisateur est informé que lors de ses visites sur le site, un cookie peut s'installer
    # automatiquement ... En naviguant sur le site, il les accepte. »
    ("COOKIE-BROWSING", "cookies.consent"),
    # « vous pouvez contacter le délégué à la protection des données » — no name, address or email for him.
    ("INFO-DPO-CONTACT", "dpo"),
    # 13.6 « La Société a la possibilité de vous contacter par téléphone pour vous proposer des offres » —
    # not in the purposes table: no legal basis for the Company's own telephone prospecting.
    ("INFO-LEGAL-BASIS", "activities[21]"),
    # The seed never says which data are mandatory nor what follows from not giving them.
    ("INFO-PROVISION", "activities[0]"),
    ("INFO-PROVISION", "activities[1]"),
    ("INFO-PROVISION", "activities[2]"),
    ("INFO-PROVISION", "activities[3]"),
    ("INFO-PROVISION", "activities[4]"),
    ("INFO-PROVISION", "activities[5]"),
    ("INFO-PROVISION", "activities[6]"),
    ("INFO-PROVISION", "activities[7]"),
    ("INFO-PROVISION", "activities[8]"),
    ("INFO-PROVISION", "activities[12]"),
    ("INFO-PROVISION", "activities[13]"),
    ("INFO-PROVISION", "activities[15]"),
    ("INFO-PROVISION", "activities[18]"),
    ("INFO-PROVISION", "activities[19]"),
    ("INFO-PROVISION", "activities[20]"),
    ("INFO-PROVISION", "activities[21]"),
    # « 4. A qui vos données sont-elles transmises ? » names no internal recipient, and no external one for
    # segmentation, audience measurement, contests, enrichment, the deaf-accessibility tool, web
    # accessibility or the Instagram posts.
    ("INFO-RECIPIENTS", "activities[5]"),
    ("INFO-RECIPIENTS", "activities[10]"),
    ("INFO-RECIPIENTS", "activities[12]"),
    ("INFO-RECIPIENTS", "activities[14]"),
    ("INFO-RECIPIENTS", "activities[15]"),
    ("INFO-RECIPIENTS", "activities[17]"),
    ("INFO-RECIPIENTS", "activities[20]"),
    # « Pour qu'un mineur de moins de 16 ans devienne client, un tiers s'assure d'être le titulaire de
    # l'autorité parentale et consent expressement » — the parent alone, not jointly with the minor under 15.
    ("MINORS-PARENTAL-CONSENT", "subject_categories[0].minors"),
    # 13.5 « il peut vous être demandé de donner l'autorisation à la réception de notifications mobiles ou
    # « Push » — cut short: no way to unsubscribe is stated.
    ("MKT-OPT-OUT", "marketing[2]"),
    # 13.6 « Si vous ne souhaitez pas être sollicité, vous avez la possibilité d'exercer votre droit
    # d'opposition » — opt-out telephone prospecting, which needs prior consent since 11 August 2026.
    ("MKT-PHONE", "marketing[3].rules[0]"),
    # « la personne concernée a la faculté de saisir l'autorité de contrôle de son pays de résidence : ... Au
    # Royaume Uni, l'ICO ... En Suisse, PFPDT » — two bodies outside the EU and the EEA, on one line: one finding.
    ("AUTHORITY-NOT-GDPR", "authorities[1]"),
    # 13.2 « il vous sera demandé votre consentement pour : ... recevoir des offres des partenaires de la Société
    # ... Il existe une exception dans l'hypothèse où l'Utilisateur ... est déjà client de la Société et que
    # l'objet de la prospection est de proposer des produits ou services analogues. » — the email and SMS channels
    # promote partners' offers too, and L34-5 keeps the exception to products « fournis par la même personne ».
    ("MKT-SOFT-OPT-IN-SCOPE", "marketing[0].rules[1]"),
    ("MKT-SOFT-OPT-IN-SCOPE", "marketing[1].rules[1]"),
    # « Les données des clients et des prospects sont conservées pendant une durée de 3 ans » covers the
    # customers shown digital ads, not the site's visitors.
    ("RET-GAP", "activities[7].retention"),
    # Section 8 gives no period for site personalisation, audience measurement, social sharing, site
    # security, web accessibility, disclosures to the authorities, email retargeting or the Instagram posts,
    # whose people are visitors or Instagram users, not customers or prospects.
    ("RET-MISSING", "activities[9]"),
    ("RET-MISSING", "activities[10]"),
    ("RET-MISSING", "activities[11]"),
    ("RET-MISSING", "activities[16]"),
    ("RET-MISSING", "activities[17]"),
    ("RET-MISSING", "activities[18]"),
    ("RET-MISSING", "activities[19]"),
    ("RET-MISSING", "activities[20]"),
    # « Les factures ... sont conservées 10 ans. », « Les enregistrements des conversations téléphoniques ...
    # 3 mois. », « Les consignes concernant la lutte contre la fraude sont conservées 3 ans. »: no start.
    ("RET-NO-START", "activities[0].retention[3]"),
    ("RET-NO-START", "activities[2].retention[0]"),
    ("RET-NO-START", "activities[4].retention[0]"),
    # « La durée de conservation des données d'un client sera différente selon que ce dernier adhère ou non à
    # un programme de fidélité dont la durée peut excéder les 3 ans. » — the period is never given.
    ("RET-UNDETERMINED", "retention[2]"),
    # « La demande doit être accompagnée d'un justificatif d'identité. »
    ("RIGHTS-ID-COPY", "rights.identity_check"),
} | {
    # « Les entités de Holding Egilope, et plus particulièrement les filiales et Sociétés du Groupe : » — a
    # recipient the seed ties to no purpose.
    ("RECIPIENT-UNATTACHED", "recipients[6]"),
} | SILENT  # once each, naming every activity concerned
# « Des transferts hors Union Européenne peuvent être réalisés notamment dans le cadre des activités
# suivantes » — for the activities its table does not name, whether data leave the EU is not stated. The seed
# says nothing of decisions based solely on automated processing (and of profiling outside segmentation).

# 002_5f6234a86620604a.txt
LE_NAPPAGE = {
    # "You can control your cookies at the browser level." — no consent is asked before trackers are placed.
    ("COOKIE-BROWSING", "cookies.consent"),
    # "Right to withdraw your consent" is listed, but with no way to do it (and no contact at all) for the
    # newsletter and the requests.
    ("INFO-CONSENT-WITHDRAWAL", "activities[3].legal_bases[0]"),
    ("INFO-CONSENT-WITHDRAWAL", "activities[4].legal_bases[0]"),
    # "Contact us if you have any questions" — no address, email, telephone or form anywhere.
    ("INFO-CONTROLLER-CONTACT", "controller"),
    ("INFO-RIGHTS-CONTACT", "rights"),
    # Comments and logging on the website, and the cookies: no legal basis (for visitors or customers).
    ("INFO-LEGAL-BASIS", "activities[6]"),
    ("INFO-LEGAL-BASIS", "activities[7]"),
    # "We process your personal data in order to fulfill the obligations arising from the law": which law
    # is not said.
    ("INFO-LEGAL-TEXT", "activities[5].legal_bases[0]"),
    # "On the basis of a legitimate interest ...: conduct questionnaires on the satisfaction of our
    # customers" — no interest stated.
    ("INFO-LEGITIMATE-INTEREST", "activities[2].legal_bases[0]"),
    # Nothing says which data are mandatory (only the cookies: "Choosing to disable cookies may prevent you
    # from using certain functions").
    ("INFO-PROVISION", "activities[0]"),
    ("INFO-PROVISION", "activities[1]"),
    ("INFO-PROVISION", "activities[2]"),
    ("INFO-PROVISION", "activities[3]"),
    ("INFO-PROVISION", "activities[4]"),
    ("INFO-PROVISION", "activities[5]"),
    ("INFO-PROVISION", "activities[6]"),
    # "We may share your data with our freelancers, our financial partners, our third party partners" —
    # not for the surveys, the newsletter, the requests or the website.
    ("INFO-RECIPIENTS", "activities[2]"),
    ("INFO-RECIPIENTS", "activities[3]"),
    ("INFO-RECIPIENTS", "activities[4]"),
    ("INFO-RECIPIENTS", "activities[6]"),
    # "If necessary we could collect information about you that is publicly available." — which source?
    ("INFO-SOURCE", "activities[0].sources[2]"),
    ("INFO-SOURCE", "activities[1].sources[2]"),
    # "send you newsletters and campaign offers from us only" — no way to unsubscribe.
    ("MKT-OPT-OUT", "marketing[0]"),
    # "We will not keep your personal data for longer than necessary." — no period for any purpose...
    ("RET-MISSING", "activities[0]"),
    ("RET-MISSING", "activities[1]"),
    ("RET-MISSING", "activities[2]"),
    ("RET-MISSING", "activities[3]"),
    ("RET-MISSING", "activities[4]"),
    ("RET-MISSING", "activities[6]"),
    ("RET-MISSING", "activities[7]"),
    # ... and "We keep your billing information ... for as long as necessary for accounting purposes or
    # other legal obligations." for the legal obligations.
    ("RET-UNDETERMINED", "activities[5].retention[0]"),
} | {
    # "Contact responsible for data protection / Didier Destouche" — not said to be an appointed DPO.
    ("INFO-DPO-NOT-STATED", "dpo"),
    # "By using this site and / or our services, you agree to the processing of your personal data as described
    # in this privacy policy."
    ("CONSENT-BY-USE", "clauses.consent_by_use[0]"),
    # "We do not share your personal data with foreign entities." beside "We use Google Analytics to measure
    # traffic on our website." — Google Analytics' data go to the United States, and no transfer is declared.
    ("COOKIE-PROVIDER-ABROAD", "cookies.trackers[4]"),
    # "The data subject may exercise his rights:" lists eleven rights, none of them directives for after death,
    # though the site is an online service.
    ("RIGHTS-POST-MORTEM", "rights"),
} | SILENT  # once each, naming every activity concerned
# "We do not share your personal data with foreign entities" is not a statement on transfers outside the EEA
# (and Google Analytics is used); automated decisions and profiling are only named among the rights.

# 003_5e074bc25f609a9b.txt
WIMI = {
    # "Cookies Cookies can be retained for a period of 13 months." — the seed names cookies but lists none
    # and never says how consent to them is obtained.
    ("COOKIE-UNDECLARED", "activities[14]"),
    # "The business uses profiling techniques to find commercial prospects. As such, the individual concerned
    # gives their explicit consent" — no way to withdraw that consent is given.
    ("INFO-CONSENT-WITHDRAWAL", "activities[16].legal_bases[0]"),
    # "7. Purposes and legal basis" lists fifteen purposes with no basis; only "The client is informed that
    # the collection of their personal data is necessary for the completion of the contract with the
    # company" — a contract basis for clients, not for users or prospective clients.
    ("INFO-LEGAL-BASIS", "activities[1].legal_bases"),
    ("INFO-LEGAL-BASIS", "activities[2]"),
    ("INFO-LEGAL-BASIS", "activities[3]"),
    ("INFO-LEGAL-BASIS", "activities[4].legal_bases"),
    ("INFO-LEGAL-BASIS", "activities[5].legal_bases"),
    ("INFO-LEGAL-BASIS", "activities[7]"),
    ("INFO-LEGAL-BASIS", "activities[8]"),
    ("INFO-LEGAL-BASIS", "activities[10]"),
    ("INFO-LEGAL-BASIS", "activities[11]"),
    ("INFO-LEGAL-BASIS", "activities[12]"),
    ("INFO-LEGAL-BASIS", "activities[13]"),
    ("INFO-LEGAL-BASIS", "activities[14]"),
    ("INFO-LEGAL-BASIS", "activities[15]"),
    # The seed states no version and no date.
    ("INFO-POLICY-DATE", "policy"),
    # "The mandatory data is indicated in these forms by an asterisk." is recorded for registration only;
    # for the other purposes nothing says whether the data are required.
    ("INFO-PROVISION", "activities[1]"),
    ("INFO-PROVISION", "activities[2]"),
    ("INFO-PROVISION", "activities[3]"),
    ("INFO-PROVISION", "activities[4]"),
    ("INFO-PROVISION", "activities[5]"),
    ("INFO-PROVISION", "activities[6]"),
    ("INFO-PROVISION", "activities[7]"),
    ("INFO-PROVISION", "activities[8]"),
    ("INFO-PROVISION", "activities[9]"),
    ("INFO-PROVISION", "activities[10]"),
    ("INFO-PROVISION", "activities[11]"),
    ("INFO-PROVISION", "activities[12]"),
    ("INFO-PROVISION", "activities[13]"),
    ("INFO-PROVISION", "activities[15]"),
    # "9. Retention period" has rows for clients, prospective clients and technical data, none for the
    # service's users.
    ("RET-GAP", "activities[1].retention"),
    ("RET-GAP", "activities[3].retention"),
    ("RET-GAP", "activities[4].retention"),
    ("RET-GAP", "activities[5].retention"),
    ("RET-GAP", "activities[7].retention"),
    ("RET-GAP", "activities[8].retention"),
    ("RET-GAP", "activities[12].retention"),
    ("RET-GAP", "activities[13].retention"),
    ("RET-GAP", "activities[14].retention"),
    # "Cookies can be retained for a period of 13 months." — from when is not said.
    ("RET-NO-START", "retention[6]"),
    # "... unless the client agrees for the data to be retained" — for how long is not said.
    ("RET-UNDETERMINED", "retention[5]"),
    # "... intermediate archiving for the necessary period to serve the function for which it has been
    # retained" — no period.
    ("RET-UNDETERMINED", "retention[7]"),
    # "The request comes from the person themselves and is accompanied by an up to date ID"
    ("RIGHTS-ID-COPY", "rights.identity_check"),
    # "they do not have the right to restrict the processing of their personal data where the processing is
    # lawful and where all the personal data that is collected is necessary to the completion of the
    # business contract."
    ("RIGHTS-REFUSED", "rights.limits[3]"),
    # "As such, the individual concerned gives their explicit consent for the use of their data in profiling."
    ("CONSENT-BY-USE", "clauses.consent_by_use[0]"),
    # "The business is in no way liable for damage of any kind that may result from unlawful access to personal
    # data." (Art. 82)
    ("LIABILITY-DISCLAIMED", "clauses.liability[0]"),
    # "this right of access cannot relate to confidential information or data which is not allowed to be
    # communicated." — wider than Art. 15(4).
    ("RIGHTS-ACCESS-CONFIDENTIAL", "rights.limits[0]"),
    # "only substantial modifications about civil status, identity and contact details will be made." (Art. 16)
    ("RIGHTS-NARROWED", "rights.limits[1]"),
    # "When business relations with the business end, the clients can, on request, exercise their right to
    # portability" — only at the end of the relationship.
    ("RIGHTS-NARROWED", "rights.limits[4]"),
} | {
    # "The mandatory data is indicated in these forms by an asterisk." — which ones is not said.
    ("INFO-MANDATORY", "activities[0].provision"),
} | SILENT  # once each, naming every activity concerned
# Hosting "on French data centers" does not say that no data leave the EU; only the prospect profiling of §15
# is described (not whether it leads to decisions based solely on it).

# 004_014bff36356ed985.txt
W_SERVICES = {
    # « Vous avez la possibilité d'accepter ou de refuser les cookies en modifiant les paramètres de votre
    # navigateur. »
    ("COOKIE-BROWSING", "cookies.consent"),
    # « 3.5 Lutte contre la fraude » gives no basis; the comments (Article 2) are in no purpose at all.
    ("INFO-LEGAL-BASIS", "activities[4]"),
    ("INFO-LEGAL-BASIS", "activities[5]"),
    # The seed states no version and no date.
    ("INFO-POLICY-DATE", "policy"),
    # « Certaines de ces données doivent être obligatoirement renseignées pour permettre le traitement de
    # votre réservation. » — said for the booking only.
    ("INFO-PROVISION", "activities[1]"),
    ("INFO-PROVISION", "activities[2]"),
    ("INFO-PROVISION", "activities[3]"),
    ("INFO-PROVISION", "activities[4]"),
    ("INFO-PROVISION", "activities[5]"),
    # « La durée de conservation des données des clients est celle de la relation commerciale augmentée de
    # 3 ans » — nothing for visitors (3.3, 3.4), and for fraud only the transactions kept by PayPal and Stripe.
    ("RET-GAP", "activities[2].retention"),
    ("RET-GAP", "activities[3].retention"),
    ("RET-GAP", "activities[4].retention"),
    # Comments: no retention period.
    ("RET-MISSING", "activities[5]"),
    # « la durée de conservation des cookies est de 13 mois maximum » — from when is not said.
    ("RET-NO-START", "activities[2].retention[1]"),
    # « ces partenaires conservent les données relatives aux transactions effectuées pendant une certaine
    # durée »
    ("RET-UNDETERMINED", "activities[4].retention[0]"),
    # « votre demande doit être signée et accompagnée de la photocopie d'un titre d'identité portant votre
    # signature »
    ("RIGHTS-ID-COPY", "rights.identity_check"),
    # « Une chaîne anonymisée créée à partir de votre adresse de messagerie ... peut être envoyée au service
    # Gravatar » (Automattic, United States) — no safeguard stated.
    ("TRANSFER-NO-SAFEGUARD", "activities[5].transfers[0]"),
    # « En continuant d'utiliser notre site web pour éserver nos services ou nous contacter, vous reconnaissez
    # avoir lu et accepté notre Politique de Confidentialité ... et accepter que nous collections et utilisions
    # ces données pour des usages internes. »
    ("CONSENT-BY-USE", "clauses.consent_by_use[0]"),
    # 3.3 « Certains traitements ont pour fondement notre intérêt légitime ... Nous effectuons également des
    # mesures d'audience via des statistiques » — audience cookies without consent, and none of the CNIL's
    # conditions for the exemption stated (anonymous statistics only, no cross-referencing, 25 months, ...).
    ("COOKIE-EXEMPT-CONDITIONS", "cookies.trackers[1]"),
} | {
    # No DPO nor data-protection contact is mentioned.
    ("INFO-DPO-NOT-STATED", "controller"),
    # « Certaines de ces données doivent être obligatoirement renseignées » — which ones is not said.
    ("INFO-MANDATORY", "activities[0].provision"),
    # « Lutte contre la fraude ... le traitement est réalisé par nos partenaires Paypal et Stripe »: where the
    # data come from is not said.
    ("INFO-SOURCE-NOT-STATED", "activities"),
    # « ... augmentée de 3 ans à des fins de prospection commerciale »: the prospecting has no legal basis,
    # no source, and nothing says whether the data are required.
    ("INFO-LEGAL-BASIS", "activities[6]"),
    ("INFO-SOURCE-NOT-STATED", "activities"),
    ("INFO-PROVISION", "activities[6]"),
} | SILENT  # once each, naming every activity concerned
# Only the Gravatar transfer is mentioned; « nous ne prenons aucune décision automatisée » says nothing of
# profiling.

# Nos 1000 jours (SocialGouv/nos1000jours-blues-epds-pro, pages/annexes/politique-confidentialite.js): a public
# service written as a new user would (issue 11).
NOS_1000_JOURS = {
    # The questionnaire (EPDS answers and score) is health data; no Art. 9(2) condition is stated.
    ("SPECIAL-CONDITION", "activities[0]"),
    # No period for the contact addresses; none for the audience data; no lifetime for the exempt cookies.
    ("RET-GAP", "activities[0].retention"),
    ("RET-MISSING", "activities[2]"),
    ("COOKIE-EXEMPT-LIFETIME", "cookies.trackers[0]"),
    # « respectant les conditions d'exemption du consentement ... ces cookies ne servent qu'à la production de
    # statistiques anonymes et ne permettent pas de suivre la navigation de l'internaute sur d'autres sites » —
    # nothing on third parties, on measuring this site only, nor on keeping the data 25 months at most.
    ("COOKIE-EXEMPT-CONDITIONS", "cookies.trackers[0]"),
    # « Vous disposez des droits suivants ... : Droit d'information et droit d'accès aux données ; Droit de
    # rectification et le cas échéant de suppression des données » — nothing on the data after death, though
    # the application is an online service.
    ("RIGHTS-POST-MORTEM", "rights"),
    # No version, no date, no DPO; « votre demande ne sera traitée que si vous apportez la preuve de votre
    # identité ».
    ("INFO-POLICY-DATE", "policy"),
    ("INFO-DPO-NOT-STATED", "controller"),
    ("RIGHTS-ID-COPY", "rights.identity_check"),
    # Whether answering the questionnaire is required is not said; who receives the audience data is not said.
    ("INFO-PROVISION", "activities[0]"),
    ("INFO-RECIPIENTS", "activities[2]"),
} | SILENT  # once each, naming every activity concerned

# Immersion Facilitée (gip-inclusion/immersion-facile, front/src/app/contents/standard/politique-de-confidentialite.tsx,
# version `latest`): a public service with a decree-level legal basis, health data, an archive period, twelve
# processors, a transfer and a mixed cookie table, written as a new user would (issue 11b).
IMMERSION_FACILITEE = {
    # « reconnaissance de travailleur handicapé » is data concerning health; no Art. 9(2) condition is stated.
    ("SPECIAL-CONDITION", "activities[0]"),
    # « Sentry | Exemption de consentement | Gestion des bugs et remontées des erreurs »: error monitoring is not
    # within the CNIL exemption.
    ("COOKIE-EXEMPT-PURPOSE", "cookies.trackers[2]"),
    # « Piano Analytics | Mesure d'audience | … | Union européenne et États-Unis », yet « A l'exception de Datadog,
    # aucun transfert de données au sens de l'article 44 du RGPD n'est réalisé ».
    ("TRANSFER-UNDECLARED", "activities[0].recipients[21]"),
    ("COOKIE-PROVIDER-ABROAD", "cookies.trackers[0]"),
    # The current version (`latest`) has no date.
    ("INFO-POLICY-DATE", "policy"),
    # « A l'exception de Datadog, aucun transfert … n'est réalisé »: the Datadog transfer names no country.
    ("TRANSFER-COUNTRY-NOT-STATED", "activities[0].transfers[0]"),
    # Nothing is said of automated decisions, of where the data come from, nor of which data are mandatory.
    ("INFO-AUTOMATED-NOT-STATED", "activities"),
    ("INFO-SOURCE-NOT-STATED", "activities"),
    ("INFO-PROVISION", "activities[0]"),
    # « Piano Analytics | Exemption de consentement »: none of the CNIL's conditions for the exemption is stated
    # (anonymous statistics only, this site only, the data kept 25 months at most).
    ("COOKIE-EXEMPT-CONDITIONS", "cookies.trackers[0]"),
    # The rights the policy lists say nothing of directives on the data after death, for an online service.
    ("RIGHTS-POST-MORTEM", "rights"),
}

EXPECTED = {
    "paris-je-taime": PARIS_JE_TAIME,
    "ambassade-des-langues": AMBASSADE_DES_LANGUES,
    "le-nappage": LE_NAPPAGE,
    "wimi": WIMI,
    "w-services": W_SERVICES,
    "nos-1000-jours": NOS_1000_JOURS,
    "immersion-facilitee": IMMERSION_FACILITEE,
}

# The purposes each policy names, as activities.
ACTIVITIES = {
    "paris-je-taime": 12,
    "ambassade-des-langues": 22,
    "le-nappage": 8,
    "wimi": 17,
    "w-services": 7,
    "nos-1000-jours": 3,
    "immersion-facilitee": 1,
}


def path_of(name: str) -> Path:
    """The file of an example."""
    return EXAMPLES / f"{name}.yaml"


def test_the_examples_are_all_there() -> None:
    """The five seed organisations and the two public services written for issue 11."""
    assert {p.stem for p in EXAMPLES.glob("*.yaml")} == set(EXPECTED)


@pytest.mark.parametrize(("name", "count"), ACTIVITIES.items())
def test_each_example_loads_with_the_purposes_of_its_policy(name: str, count: int) -> None:
    declared = load(path_of(name))
    assert len(declared.declaration.activities) == count


@pytest.mark.parametrize(("name", "expected"), EXPECTED.items())
def test_each_example_has_exactly_the_gaps_of_its_policy(name: str, expected: set[tuple[str, str]]) -> None:
    report = check(path_of(name), ON)
    assert {(f.code, f.place.field) for f in report.findings} == expected
