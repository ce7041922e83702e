"""The fixed wording of the privacy notice in French and English.

The first part restates the rights from the official text of the GDPR in both languages
(`shared/reference/gdpr-articles-en-fr.md`), addressed to the reader; each constant cites its article.
The second part holds the headings and the sentences that frame what the declaration states.
"""

from __future__ import annotations

from registre.i18n import Msg

# ---------------------------------------------------------------------------------------------------------------
# The rights, from the official text
# ---------------------------------------------------------------------------------------------------------------

# GDPR Art. 15(1) and (3), first sentence.
ACCESS = Msg(
    en="You have the right to obtain from us confirmation as to whether or not personal data concerning you are "
    "being processed and, where that is the case, access to the personal data and to information about their "
    "processing: the purposes, the categories of data, the recipients, the storage period, their source, the "
    "existence of automated decision-making and the safeguards of any transfer. We provide a copy of the "
    "personal data undergoing processing.",
    fr="Vous avez le droit d'obtenir de notre part la confirmation que des données à caractère personnel vous "
    "concernant sont ou ne sont pas traitées et, lorsqu'elles le sont, l'accès à ces données ainsi qu'aux "
    "informations sur leur traitement : les finalités, les catégories de données, les destinataires, la durée de "
    "conservation, leur source, l'existence d'une prise de décision automatisée et les garanties de tout "
    "transfert. Nous fournissons une copie des données à caractère personnel faisant l'objet d'un traitement.",
)

# GDPR Art. 15(3), second sentence: only when the policy says further copies are charged.
ACCESS_FURTHER_COPIES = Msg(
    en="For any further copies you request, we may charge a reasonable fee based on administrative costs.",
    fr="Pour toute copie supplémentaire que vous demandez, nous pouvons exiger le paiement de frais raisonnables "
    "basés sur les coûts administratifs.",
)

# GDPR Art. 16.
RECTIFICATION = Msg(
    en="You have the right to obtain from us without undue delay the rectification of inaccurate personal data "
    "concerning you and, taking into account the purposes of the processing, to have incomplete personal data "
    "completed, including by means of providing a supplementary statement.",
    fr="Vous avez le droit d'obtenir de notre part, dans les meilleurs délais, la rectification des données à "
    "caractère personnel vous concernant qui sont inexactes et, compte tenu des finalités du traitement, que les "
    "données incomplètes soient complétées, y compris en fournissant une déclaration complémentaire.",
)

# GDPR Art. 17(1) and (3), summarised: the main grounds and the main exceptions.
ERASURE = Msg(
    en="You have the right to obtain from us the erasure of personal data concerning you without undue delay "
    "where one of the grounds of Article 17(1) applies, in particular where the data are no longer necessary for "
    "the purposes for which they were collected, where you withdraw your consent and there is no other legal "
    "ground for the processing, where you object and there are no overriding legitimate grounds (or you object "
    "to direct marketing), or where the data have been unlawfully processed. This right does not apply to the "
    "extent that the processing is necessary, among other reasons, for compliance with a legal obligation or for "
    "the establishment, exercise or defence of legal claims.",
    fr="Vous avez le droit d'obtenir de notre part l'effacement, dans les meilleurs délais, des données à "
    "caractère personnel vous concernant lorsque l'un des motifs de l'article 17, paragraphe 1, s'applique, "
    "notamment lorsque les données ne sont plus nécessaires au regard des finalités pour lesquelles elles ont été "
    "collectées, lorsque vous retirez votre consentement et qu'il n'existe pas d'autre fondement juridique au "
    "traitement, lorsque vous vous opposez au traitement et qu'il n'existe pas de motif légitime impérieux (ou "
    "que vous vous opposez à la prospection), ou lorsque les données ont fait l'objet d'un traitement illicite. "
    "Ce droit ne s'applique pas dans la mesure où le traitement est nécessaire, entre autres, pour respecter une "
    "obligation légale ou pour la constatation, l'exercice ou la défense de droits en justice.",
)

# GDPR Art. 18(1), (2) and (3).
RESTRICTION = Msg(
    en="You have the right to obtain from us restriction of processing where you contest the accuracy of the "
    "data (for the time we need to verify it), where the processing is unlawful and you request restriction "
    "instead of erasure, where we no longer need the data but you need them for the establishment, exercise or "
    "defence of legal claims, or where you have objected under Article 21(1) pending the verification of whether "
    "our legitimate grounds override yours. Restricted data are then, with the exception of storage, only "
    "processed with your consent, for legal claims, for the protection of the rights of another person or for "
    "reasons of important public interest. You are informed before the restriction is lifted.",
    fr="Vous avez le droit d'obtenir de notre part la limitation du traitement lorsque vous contestez "
    "l'exactitude des données (pendant la durée nécessaire pour la vérifier), lorsque le traitement est illicite "
    "et que vous exigez la limitation plutôt que l'effacement, lorsque nous n'avons plus besoin des données mais "
    "qu'elles vous sont nécessaires pour la constatation, l'exercice ou la défense de droits en justice, ou "
    "lorsque vous vous êtes opposé(e) au traitement en vertu de l'article 21, paragraphe 1, pendant la "
    "vérification portant sur le point de savoir si nos motifs légitimes prévalent sur les vôtres. Les données "
    "ne sont alors, à l'exception de leur conservation, traitées qu'avec votre consentement, pour des droits en "
    "justice, pour la protection des droits d'une autre personne ou pour des motifs importants d'intérêt public. "
    "Vous êtes informé(e) avant que la limitation ne soit levée.",
)

# GDPR Art. 20(1) and (2).
PORTABILITY = Msg(
    en="You have the right to receive the personal data concerning you which you have provided to us, in a "
    "structured, commonly used and machine-readable format, and to transmit those data to another controller, "
    "or to have them transmitted directly where technically feasible, where the processing is based on your "
    "consent or on a contract and is carried out by automated means.",
    fr="Vous avez le droit de recevoir les données à caractère personnel vous concernant que vous nous avez "
    "fournies, dans un format structuré, couramment utilisé et lisible par machine, et de les transmettre à un "
    "autre responsable du traitement, ou d'obtenir qu'elles lui soient transmises directement lorsque cela est "
    "techniquement possible, lorsque le traitement est fondé sur votre consentement ou sur un contrat et qu'il "
    "est effectué à l'aide de procédés automatisés.",
)

# GDPR Art. 21(1).
OBJECTION = Msg(
    en="You have the right to object, on grounds relating to your particular situation, at any time to "
    "processing of personal data concerning you which is based on a task carried out in the public interest or "
    "on legitimate interests (Article 6(1)(e) or (f)), including profiling based on those provisions. We then no "
    "longer process the data unless we demonstrate compelling legitimate grounds for the processing which "
    "override your interests, rights and freedoms, or the processing is needed for the establishment, exercise "
    "or defence of legal claims.",
    fr="Vous avez le droit de vous opposer à tout moment, pour des raisons tenant à votre situation particulière, "
    "à un traitement des données à caractère personnel vous concernant fondé sur une mission d'intérêt public ou "
    "sur l'intérêt légitime (article 6, paragraphe 1, point e) ou f)), y compris un profilage fondé sur ces "
    "dispositions. Nous ne traitons alors plus ces données, à moins de démontrer qu'il existe des motifs "
    "légitimes et impérieux pour le traitement qui prévalent sur vos intérêts et vos droits et libertés, ou que "
    "le traitement est nécessaire à la constatation, à l'exercice ou à la défense de droits en justice.",
)

# GDPR Art. 21(2) and (3); Art. 21(4) asks that it be shown clearly and separately from any other information.
OBJECTION_MARKETING = Msg(
    en="Where your personal data are processed for direct marketing purposes, you have the right to object at any "
    "time to processing of personal data concerning you for such marketing, which includes profiling to the "
    "extent that it is related to such direct marketing. If you object, your personal data are no longer "
    "processed for such purposes.",
    fr="Lorsque vos données à caractère personnel sont traitées à des fins de prospection, vous avez le droit de "
    "vous opposer à tout moment au traitement des données vous concernant à de telles fins de prospection, y "
    "compris au profilage dans la mesure où il est lié à une telle prospection. Si vous vous y opposez, vos "
    "données ne sont plus traitées à ces fins.",
)

# GDPR Art. 22(1) and (3).
AUTOMATED_DECISION = Msg(
    en="You have the right not to be subject to a decision based solely on automated processing, including "
    "profiling, which produces legal effects concerning you or similarly significantly affects you. Where such a "
    "decision is necessary for a contract with you or is based on your explicit consent, you have at least the "
    "right to obtain human intervention on our part, to express your point of view and to contest the decision.",
    fr="Vous avez le droit de ne pas faire l'objet d'une décision fondée exclusivement sur un traitement "
    "automatisé, y compris le profilage, produisant des effets juridiques vous concernant ou vous affectant de "
    "manière significative de façon similaire. Lorsqu'une telle décision est nécessaire à un contrat conclu avec "
    "vous ou fondée sur votre consentement explicite, vous avez au moins le droit d'obtenir une intervention "
    "humaine de notre part, d'exprimer votre point de vue et de contester la décision.",
)

# GDPR Art. 7(3) and Art. 13(2)(c).
CONSENT_WITHDRAWAL = Msg(
    en="You have the right to withdraw your consent at any time. The withdrawal of consent does not affect the "
    "lawfulness of processing based on consent before its withdrawal. It is as easy to withdraw as to give "
    "consent.",
    fr="Vous avez le droit de retirer votre consentement à tout moment. Le retrait du consentement ne compromet "
    "pas la licéité du traitement fondé sur le consentement effectué avant ce retrait. Il est aussi simple de "
    "retirer que de donner son consentement.",
)

# GDPR Art. 13(2)(d) and Art. 14(2)(e).
COMPLAINT = Msg(
    en="You have the right to lodge a complaint with a supervisory authority:",
    fr="Vous avez le droit d'introduire une réclamation auprès d'une autorité de contrôle :",
)

# GDPR Art. 12(3).
DEADLINE = Msg(
    en="We answer your request without undue delay and in any event within one month of its receipt. That period "
    "may be extended by two further months where necessary, taking into account the complexity and number of the "
    "requests; we then inform you of the extension, together with the reasons for the delay, within one month of "
    "receipt of your request.",
    fr="Nous répondons à votre demande dans les meilleurs délais et en tout état de cause dans un délai d'un mois "
    "à compter de sa réception. Au besoin, ce délai peut être prolongé de deux mois, compte tenu de la complexité "
    "et du nombre de demandes ; nous vous informons alors de cette prolongation et des motifs du report dans un "
    "délai d'un mois à compter de la réception de votre demande.",
)

# GDPR Art. 12(4).
NO_ACTION = Msg(
    en="If we do not take action on your request, we inform you without delay, and at the latest within one month "
    "of its receipt, of the reasons, and of the possibility of lodging a complaint with a supervisory authority "
    "and seeking a judicial remedy.",
    fr="Si nous ne donnons pas suite à votre demande, nous vous informons sans tarder, et au plus tard dans un "
    "délai d'un mois à compter de sa réception, des motifs de notre inaction et de la possibilité d'introduire "
    "une réclamation auprès d'une autorité de contrôle et de former un recours juridictionnel.",
)

# GDPR Art. 12(5).
FREE_OF_CHARGE = Msg(
    en="Exercising your rights is free of charge. Where requests are manifestly unfounded or excessive, in "
    "particular because of their repetitive character, we may charge a reasonable fee taking into account the "
    "administrative costs, or refuse to act on them.",
    fr="L'exercice de vos droits est gratuit. Lorsque des demandes sont manifestement infondées ou excessives, "
    "notamment en raison de leur caractère répétitif, nous pouvons exiger le paiement de frais raisonnables qui "
    "tiennent compte des coûts administratifs, ou refuser d'y donner suite.",
)

# GDPR Art. 12(6): identity is asked for only on reasonable doubt.
IDENTITY_WHEN_IN_DOUBT = Msg(
    en="We ask you for additional information to confirm your identity only where we have reasonable doubts about "
    "it.",
    fr="Nous ne vous demandons des informations supplémentaires pour confirmer votre identité qu'en cas de doutes "
    "raisonnables sur celle-ci.",
)

# What the policy asks with each request (`rights.identity_check`); its lawfulness is for the lint to judge.
IDENTITY_ID_COPY = Msg(
    en="Please enclose a copy of an identity document with your request.",
    fr="Merci de joindre à votre demande la copie d'un titre d'identité.",
)
IDENTITY_SIGNED_ID_COPY = Msg(
    en="Please enclose a signed copy of an identity document with your request.",
    fr="Merci de joindre à votre demande la copie signée d'un titre d'identité.",
)
REGISTERED_LETTER_ONLY = Msg(
    en="Requests must be sent by registered letter.",
    fr="Les demandes doivent être adressées par lettre recommandée.",
)

# French Data Protection Act (loi Informatique et Libertés) art. 85: directives on one's data after death.
POST_MORTEM = Msg(
    en="You may give directives on the storage, erasure and communication of your personal data after your death "
    "(French Data Protection Act, art. 85). General directives cover all your data and may be registered with a "
    "trusted digital third party certified by the CNIL; specific directives concern the processing we carry out "
    "and are registered with us. You may modify or revoke them at any time, and designate a person to carry "
    "them out.",
    fr="Vous pouvez définir des directives relatives à la conservation, à l'effacement et à la communication de vos "
    "données à caractère personnel après votre décès (loi Informatique et Libertés, art. 85). Les directives "
    "générales concernent l'ensemble de vos données et peuvent être enregistrées auprès d'un tiers de confiance "
    "numérique certifié par la CNIL ; les directives particulières concernent les traitements que nous mettons "
    "en œuvre et sont enregistrées auprès de nous. Vous pouvez les modifier ou les révoquer à tout moment, et "
    "désigner une personne chargée de leur exécution.",
)

# French Data Protection Act art. 85: what the heirs may do when there are no directives.
POST_MORTEM_HEIRS = Msg(
    en="Without directives, your heirs may exercise your rights to the extent necessary to organise and settle "
    "your estate, to receive digital goods and data akin to family memories, and to have your death taken into "
    "account (closing accounts, objecting to further processing or updating the data).",
    fr="En l'absence de directives, vos héritiers peuvent exercer vos droits dans la mesure nécessaire à "
    "l'organisation et au règlement de votre succession, à la réception des biens numériques et des données "
    "s'apparentant à des souvenirs de famille, et à la prise en compte de votre décès (clôture des comptes, "
    "opposition à la poursuite des traitements ou mise à jour des données).",
)

# ---------------------------------------------------------------------------------------------------------------
# Headings, in the order of Arts 13 and 14
# ---------------------------------------------------------------------------------------------------------------

H_CONTROLLER = Msg(en="Who is responsible for your data", fr="Responsable du traitement de vos données")
H_DPO = Msg(en="Data protection officer", fr="Délégué à la protection des données")
H_DPO_CONTACT = Msg(en="Data protection contact", fr="Contact pour la protection des données")
H_PURPOSES = Msg(en="Why we process your data, and on what legal basis",
                 fr="Pourquoi nous traitons vos données, et sur quelle base légale")
H_DATA = Msg(en="The data we process and where they come from",
             fr="Les données que nous traitons et leur provenance")
H_RECIPIENTS = Msg(en="Who receives your data", fr="Destinataires de vos données")
H_TRANSFERS = Msg(en="Transfers outside the European Economic Area",
                  fr="Transferts hors de l'Espace économique européen")
H_RETENTION = Msg(en="How long we keep your data", fr="Durée de conservation de vos données")
H_PROVISION = Msg(en="Whether you must provide your data", fr="Caractère obligatoire de la fourniture des données")
H_AUTOMATED = Msg(en="Automated decisions and profiling", fr="Décisions automatisées et profilage")
H_RIGHTS = Msg(en="Your rights", fr="Vos droits")
H_WITHDRAWAL = Msg(en="Withdrawing your consent", fr="Retrait de votre consentement")
H_EXERCISE = Msg(en="How to exercise your rights", fr="Comment exercer vos droits")
H_POST_MORTEM = Msg(en="Your data after your death", fr="Vos données après votre décès")
H_COMPLAINT = Msg(en="Lodging a complaint", fr="Introduire une réclamation")
H_COOKIES = Msg(en="Cookies and other trackers", fr="Cookies et autres traceurs")
H_MARKETING = Msg(en="Direct marketing", fr="Prospection commerciale")
H_VERSION = Msg(en="Version of this notice", fr="Version de cette notice")
H_MINORS = Msg(en="Minors", fr="Mineurs")
H_OBJECTION = Msg(en="Your right to object (Art. 21)", fr="Votre droit d'opposition (art. 21)")

# ---------------------------------------------------------------------------------------------------------------
# The notice's own sentences and labels
# ---------------------------------------------------------------------------------------------------------------

TITLE = Msg(en="Privacy notice: {controller}", fr="Politique de confidentialité : {controller}")
INTRO = Msg(
    en="This notice tells you how {controller} processes your personal data, as Articles 13 and 14 of the General "
    "Data Protection Regulation (GDPR) and the French Data Protection Act require.",
    fr="Cette notice vous informe de la manière dont {controller} traite vos données à caractère personnel, "
    "comme l'exigent les articles 13 et 14 du règlement général sur la protection des données (RGPD) et la loi "
    "Informatique et Libertés.",
)
CONTENTS = Msg(en="Contents", fr="Sommaire")
NOT_STATED = Msg(en="Not stated", fr="Non précisé")
# « Non précisé » agrees with what it stands for: a feminine heading takes « non précisée », a plural one « -s ».
NOT_STATED_F = Msg(en="Not stated", fr="Non précisée")
NOT_STATED_FP = Msg(en="Not stated", fr="Non précisées")
NOT_STATED_MP = Msg(en="Not stated", fr="Non précisés")
NONE = Msg(en="No mandatory data", fr="Aucune donnée obligatoire")
YES = Msg(en="Yes", fr="Oui")
NO = Msg(en="No", fr="Non")
LABELLED = Msg(en="{label}: {value}", fr="{label} : {value}")
SEMICOLON = Msg(en="; ", fr=" ; ")
SUB_PURPOSES = Msg(en="{purpose}: {items}.", fr="{purpose} : {items}.")

# Contact and identity lines.
EMAIL = Msg(en="Email", fr="Courriel")
PHONE = Msg(en="Telephone", fr="Téléphone")
ADDRESS = Msg(en="Address", fr="Adresse")
FORM_URL = Msg(en="Online form", fr="Formulaire en ligne")
WEBSITE = Msg(en="Website", fr="Site web")
LEGAL_FORM = Msg(en="Legal form", fr="Forme juridique")
SHARE_CAPITAL = Msg(en="Share capital", fr="Capital social")
REGISTRATION = Msg(en="Registration", fr="Immatriculation")
COUNTRY = Msg(en="Country", fr="Pays")
EEA = Msg(en="European Economic Area", fr="Espace économique européen")
RESPONSIBILITIES = Msg(en="Responsibilities", fr="Responsabilités")
NO_CONTACT = Msg(en="Contact details not stated", fr="Coordonnées non précisées")

# Controller (Art. 13(1)(a), Art. 26, Art. 27).
CONTROLLER_IS = Msg(en="The controller of your personal data is:",
                    fr="Le responsable du traitement de vos données à caractère personnel est :")
REPRESENTATIVE_IS = Msg(en="Our representative in the European Union (Art. 27) is:",
                        fr="Notre représentant dans l'Union européenne (art. 27) est :")
JOINT_CONTROLLERS = Msg(
    en="We determine some purposes and means of the processing jointly with the following controllers (Art. 26); "
    "each one's responsibilities are stated:",
    fr="Nous déterminons certaines finalités et certains moyens du traitement conjointement avec les responsables "
    "du traitement suivants (art. 26) ; les responsabilités de chacun sont indiquées :",
)

# DPO (Art. 13(1)(b)).
DPO_IS = Msg(en="You can contact our data protection officer:",
             fr="Vous pouvez contacter notre délégué à la protection des données :")
NO_DPO = Msg(
    en="We have not appointed a data protection officer. For any question about your data, contact:",
    fr="Nous n'avons pas désigné de délégué à la protection des données. Pour toute question sur vos données, "
    "contactez :",
)
DPO_NOT_STATED = Msg(
    en="This policy does not say whether a data protection officer has been appointed. For any question about "
    "your data, contact:",
    fr="Cette politique ne précise pas si un délégué à la protection des données a été désigné. Pour toute "
    "question sur vos données, contactez :",
)
DPO_UNSURE = Msg(
    en="This policy gives the following contact for data protection, without saying whether it is a data protection "
    "officer:",
    fr="Cette politique indique le contact suivant pour la protection des données, sans préciser s'il s'agit d'un "
    "délégué à la protection des données :",
)

# Purposes and legal bases (Art. 13(1)(c) and (d)).
PURPOSES_CAPTION = Msg(en="Purposes and legal bases of each processing activity",
                       fr="Finalités et bases légales de chaque traitement")
COL_ACTIVITY = Msg(en="Processing activity", fr="Traitement")
COL_PURPOSE = Msg(en="Purpose", fr="Finalité")
COL_SUBJECTS = Msg(en="Persons concerned", fr="Personnes concernées")
COL_BASIS = Msg(en="Legal basis", fr="Base légale")
COL_INTEREST = Msg(en="Legitimate interest pursued", fr="Intérêt légitime poursuivi")
COL_LAW = Msg(en="Legal text", fr="Texte applicable")
COL_CONDITION = Msg(en="Condition", fr="Condition")
COL_SENSITIVE = Msg(en="Special categories of data", fr="Données sensibles")
OFFENCES = Msg(en="Data on offences and convictions (Art. 10): {authority}",
               fr="Données d'infractions et de condamnations (art. 10) : {authority}")

# Data categories and sources (Art. 14(1)(d), Art. 14(2)(f)).
DATA_CAPTION = Msg(en="Categories of personal data and their sources",
                   fr="Catégories de données à caractère personnel et leurs sources")
COL_DATA = Msg(en="Data", fr="Données")
COL_EXAMPLES = Msg(en="Examples", fr="Exemples")
COL_USED_FOR = Msg(en="Processed for", fr="Traitées pour")
COL_SOURCE = Msg(en="Source", fr="Source")
NAMED_SOURCE = Msg(en="{kind} ({name})", fr="{kind} ({name})")
SOURCE_FOR = Msg(en="{source}, for: {subjects}", fr="{source}, pour : {subjects}")
NOT_STATED_FOR = Msg(en="not stated for: {activities}", fr="non précisée pour : {activities}")
COL_WHOSE = Msg(en="Whose data", fr="Personnes concernées")
ALL_DATA = Msg(en="All the data of this activity", fr="Toutes les données de ce traitement")

# Recipients (Art. 13(1)(e)).
RECIPIENTS_CAPTION = Msg(en="Recipients of your data", fr="Destinataires de vos données")
COL_RECIPIENT = Msg(en="Recipient", fr="Destinataire")
COL_KIND = Msg(en="Kind", fr="Catégorie")
COL_ACTIVITIES = Msg(en="Processing activities", fr="Traitements")
NO_RECIPIENTS = Msg(en="Your data are not disclosed to any recipient.",
                    fr="Vos données ne sont communiquées à aucun destinataire.")
RECIPIENTS_NOT_STATED = Msg(en="This policy does not say who receives your data.",
                            fr="Cette politique ne précise pas qui reçoit vos données.")
NO_RECIPIENTS_FOR = Msg(en="The data of these processing activities are disclosed to no recipient: {activities}.",
                        fr="Les données de ces traitements ne sont communiquées à aucun destinataire : {activities}.")
RECIPIENTS_NOT_STATED_FOR = Msg(
    en="This policy does not say who receives the data of these processing activities: {activities}.",
    fr="Cette politique ne précise pas qui reçoit les données de ces traitements : {activities}.")
ALL_ACTIVITIES = Msg(en="All processing activities (which data is not stated)",
                     fr="Tous les traitements (données reçues non précisées)")
ALL_ACTIVITIES_NOTE = Msg(
    en="This policy lists some recipients for all its processing activities together: which recipient receives "
    "which data is not stated.",
    fr="Cette politique cite certains destinataires pour l'ensemble de ses traitements : quel destinataire reçoit "
    "quelles données n'est pas précisé.")
RECEIVES = Msg(en="{activity} ({data})", fr="{activity} ({data})")

# Transfers (Art. 13(1)(f)).
TRANSFERS_INTRO = Msg(
    en="Some of your data are transferred outside the European Economic Area. Each transfer rests on an adequacy "
    "decision of the European Commission, on appropriate safeguards, or on a derogation, as follows:",
    fr="Certaines de vos données sont transférées hors de l'Espace économique européen. Chaque transfert repose sur "
    "une décision d'adéquation de la Commission européenne, sur des garanties appropriées ou sur une dérogation, "
    "comme suit :",
)
NO_TRANSFERS = Msg(
    en="Your data are not transferred to any country outside the European Economic Area, nor to any international "
    "organisation.",
    fr="Vos données ne sont transférées vers aucun pays situé hors de l'Espace économique européen, ni vers "
    "aucune organisation internationale.",
)
TRANSFERS_NOT_STATED = Msg(
    en="This policy does not say whether your data are transferred outside the European Economic Area.",
    fr="Cette politique ne précise pas si vos données sont transférées hors de l'Espace économique européen.")
TRANSFERS_NOT_STATED_FOR = Msg(
    en="This policy does not say whether the data of these processing activities are transferred outside the "
    "European Economic Area: {activities}.",
    fr="Cette politique ne précise pas si les données de ces traitements sont transférées hors de l'Espace "
    "économique européen : {activities}.")
NO_TRANSFERS_FOR = Msg(
    en="The data of these processing activities are not transferred outside the European Economic Area: "
    "{activities}.",
    fr="Les données de ces traitements ne sont pas transférées hors de l'Espace économique européen : {activities}.")
TRANSFERS_CAPTION = Msg(en="Transfers outside the European Economic Area",
                        fr="Transferts hors de l'Espace économique européen")
COL_ADEQUACY = Msg(en="Adequacy decision of the European Commission",
                   fr="Décision d'adéquation de la Commission européenne")
ADEQUATE = Msg(en="Yes (decision {decision})", fr="Oui (décision {decision})")
COUNTRY_NOT_STATED = Msg(en="Country not stated", fr="Pays non précisé")
ADEQUACY_COUNTRY_NOT_STATED = Msg(en="Cannot be told: the country is not stated",
                                  fr="Impossible à dire : le pays n'est pas précisé")
ADEQUATE_IF_CERTIFIED = Msg(
    en="Only for recipients certified under the EU-US Data Privacy Framework, which this one is not",
    fr="Seulement pour les destinataires certifiés au cadre de protection des données UE-États-Unis, ce que "
    "celui-ci n'est pas",
)
ADEQUATE_IF_CERTIFIED_UNSTATED = Msg(
    en="Only for recipients certified under the EU-US Data Privacy Framework; whether this one is certified is "
    "not stated",
    fr="Seulement pour les destinataires certifiés au cadre de protection des données UE-États-Unis ; la "
    "certification de celui-ci n'est pas précisée",
)
COL_GROUND = Msg(en="Ground of the transfer", fr="Fondement du transfert")
COL_DEROGATION = Msg(en="Derogation (Art. 49)", fr="Dérogation (art. 49)")
COL_COPY = Msg(en="How to obtain a copy of the safeguards", fr="Comment obtenir une copie des garanties")
DPF = Msg(en="{adequacy}, EU-US Data Privacy Framework (certified recipient)",
          fr="{adequacy}, cadre de protection des données UE-États-Unis (destinataire certifié)")

# Retention (Art. 13(2)(a)).
RETENTION_CAPTION = Msg(en="Retention periods", fr="Durées de conservation")
COL_PERIOD = Msg(en="Retention period", fr="Durée de conservation")
RETENTION_END = Msg(en="At the end of their retention period, unless stated otherwise above, the data are {actions}.",
                    fr="À l'issue de leur durée de conservation, sauf mention contraire ci-dessus, les données sont "
                    "{actions}.")
ANONYMISED_FOR = Msg(
    en="Data made anonymous, which no longer allow anyone to be identified, may be kept ({purpose}).",
    fr="Les données rendues anonymes, qui ne permettent plus d'identifier quiconque, peuvent être conservées "
    "({purpose}).",
)
LEGAL_HOLD = Msg(en="Keeping data for a dispute or an investigation: {text}",
                 fr="Conservation en cas de contentieux ou d'enquête : {text}")

# Provision of data (Art. 13(2)(e)).
PROVISION_CAPTION = Msg(en="Whether providing your data is required, and what happens if you do not",
                        fr="Caractère obligatoire de la fourniture des données et conséquences d'un refus")
COL_REQUIREMENT = Msg(en="Requirement", fr="Exigence")
COL_MANDATORY = Msg(en="Data you must provide", fr="Données obligatoires")
COL_MARKED = Msg(en="How they are marked", fr="Signalement")
COL_CONSEQUENCE = Msg(en="If you do not provide them", fr="En cas de non-fourniture")
REQUIREMENTS: dict[str, Msg] = {
    "statutory": Msg(en="Required by law", fr="Exigence légale ou réglementaire"),
    "contractual": Msg(en="Required by the contract", fr="Exigence contractuelle"),
    "pre_contractual": Msg(en="Required to enter into the contract", fr="Condition de la conclusion du contrat"),
    "voluntary": Msg(en="Optional", fr="Facultative"),
}
NO_PROVISION = Msg(en="This policy does not state whether providing data is required.",
                   fr="Cette politique ne précise pas si la fourniture des données est obligatoire.")

# Automated decisions (Art. 13(2)(f)).
NO_DECISIONS = Msg(en="We take no decision based solely on automated processing.",
                   fr="Nous ne prenons aucune décision fondée exclusivement sur un traitement automatisé.")
NO_DECISIONS_FOR = Msg(
    en="No decision based solely on automated processing is taken in these processing activities: {activities}.",
    fr="Aucune décision fondée exclusivement sur un traitement automatisé n'est prise dans ces traitements : "
    "{activities}.")
DECISIONS_NOT_STATED = Msg(
    en="This policy does not say whether decisions based solely on automated processing are taken.",
    fr="Cette politique ne précise pas si des décisions fondées exclusivement sur un traitement automatisé sont "
    "prises.")
DECISIONS_NOT_STATED_FOR = Msg(
    en="This policy does not say whether decisions based solely on automated processing are taken in these "
    "processing activities: {activities}.",
    fr="Cette politique ne précise pas si des décisions fondées exclusivement sur un traitement automatisé sont "
    "prises dans ces traitements : {activities}.")
NO_PROFILING = Msg(en="We do not profile you.", fr="Nous ne procédons à aucun profilage.")
NO_PROFILING_FOR = Msg(en="These processing activities involve no profiling: {activities}.",
                       fr="Ces traitements ne comportent aucun profilage : {activities}.")
PROFILING_NOT_STATED = Msg(en="This policy does not say whether your data are used for profiling.",
                           fr="Cette politique ne précise pas si vos données font l'objet d'un profilage.")
PROFILING_NOT_STATED_FOR = Msg(
    en="This policy does not say whether these processing activities involve profiling: {activities}.",
    fr="Cette politique ne précise pas si ces traitements comportent un profilage : {activities}.")
AUTOMATED_CAPTION = Msg(en="Automated decisions and profiling", fr="Décisions automatisées et profilage")
COL_PROCESSING = Msg(en="Processing", fr="Traitement automatisé")
COL_LOGIC = Msg(en="Logic involved", fr="Logique sous-jacente")
COL_SIGNIFICANCE = Msg(en="Significance", fr="Importance")
COL_CONSEQUENCES = Msg(en="Envisaged consequences for you", fr="Conséquences prévues pour vous")
COL_EXCEPTION = Msg(en="Permitted because", fr="Autorisée car")
PROFILING = Msg(en="Profiling", fr="Profilage")
SOLELY_AUTOMATED = Msg(en="Decision based solely on automated processing (Art. 22)",
                       fr="Décision fondée exclusivement sur un traitement automatisé (art. 22)")
EXCEPTIONS: dict[str, Msg] = {
    "contract": Msg(en="necessary for a contract with you (Art. 22(2)(a))",
                    fr="nécessaire à un contrat conclu avec vous (art. 22.2.a)"),
    "law": Msg(en="authorised by law (Art. 22(2)(b))", fr="autorisée par la loi (art. 22.2.b)"),
    "explicit_consent": Msg(en="based on your explicit consent (Art. 22(2)(c))",
                            fr="fondée sur votre consentement explicite (art. 22.2.c)"),
}

# Rights (Art. 13(2)(b)) and their limits in the policy's own words.
LIMIT = Msg(en="Limit stated by {controller}: {statement}", fr="Limite indiquée par {controller} : {statement}")
REFUSED = Msg(en="{controller} states that it does not grant this right: {statement}",
              fr="{controller} indique ne pas donner suite à ce droit : {statement}")

# Consent withdrawal (Art. 13(2)(c)).
WITHDRAWAL_CAPTION = Msg(en="How to withdraw your consent", fr="Comment retirer votre consentement")
COL_HOW = Msg(en="How", fr="Comment")

# Exercising rights (Art. 12).
EXERCISE_INTRO = Msg(en="To exercise your rights, write to:", fr="Pour exercer vos droits, écrivez à :")
CONTACT_TERM = Msg(en="Contact for your requests", fr="Contact pour vos demandes")
POST_MORTEM_TERM = Msg(en="Where to send your directives", fr="Où adresser vos directives")

# Minors (GDPR Art. 8, French Data Protection Act art. 45).
MINORS_NOT_ADMITTED = Msg(en="{subjects}: minors are not admitted.", fr="{subjects} : les mineurs ne sont pas admis.")
MINORS_JOINT = Msg(
    en="{subjects}: from {age}, a minor consents alone; below {age}, consent is given jointly by the minor and a "
    "holder of parental authority.",
    fr="{subjects} : à partir de {age} ans, un mineur consent seul ; avant {age} ans, le consentement est donné "
    "conjointement par le mineur et le titulaire de l'autorité parentale.")
MINORS_PARENT_ONLY = Msg(
    en="{subjects}: from {age}, a minor acts alone; below {age}, a holder of parental authority consents on the "
    "minor's behalf.",
    fr="{subjects} : à partir de {age} ans, un mineur agit seul ; avant {age} ans, le titulaire de l'autorité "
    "parentale consent pour le mineur.")
MINORS_REFUSED = Msg(
    en="{subjects}: from {age}, a minor acts alone; below {age}, minors are not admitted.",
    fr="{subjects} : à partir de {age} ans, un mineur agit seul ; avant {age} ans, les mineurs ne sont pas admis.")

# Cookies (LIL art. 82).
COOKIE_CONSENT: dict[str, Msg] = {
    "banner": Msg(en="A banner asks for your choice before any tracker that requires your consent is placed.",
                  fr="Un bandeau recueille votre choix avant le dépôt de tout traceur soumis à votre consentement."),
    "browsing": Msg(en="Continuing to browse the site is taken as your consent to trackers.",
                    fr="La poursuite de votre navigation sur le site vaut consentement aux traceurs."),
    "browser_settings": Msg(en="You can refuse trackers through the settings of your browser.",
                            fr="Vous pouvez refuser les traceurs au moyen des paramètres de votre navigateur."),
    "none": Msg(en="Your consent is not asked for trackers.",
                fr="Votre consentement n'est pas demandé pour les traceurs."),
}
CHOICE_KEPT = Msg(en="Your choice is kept for {duration}.", fr="Votre choix est conservé pendant {duration}.")
NO_TRACKERS = Msg(en="This policy does not list the trackers used.",
                  fr="Cette politique ne détaille pas les traceurs utilisés.")
COOKIES_CAPTION = Msg(en="Cookies and trackers used", fr="Cookies et traceurs utilisés")
COL_NAME = Msg(en="Name", fr="Nom")
COL_PROVIDER = Msg(en="Provider", fr="Émetteur")
COL_DESCRIPTION = Msg(en="Description", fr="Description")
COL_LIFETIME = Msg(en="Lifetime", fr="Durée de vie")
COL_PARTY = Msg(en="First or third party", fr="Propriétaire ou tiers")
COL_CONSENT = Msg(en="Consent required", fr="Consentement requis")
PROVIDER_IN = Msg(en="{provider} ({countries})", fr="{provider} ({countries})")
PARTIES: dict[str, Msg] = {
    "first": Msg(en="First party", fr="Propriétaire"),
    "third": Msg(en="Third party", fr="Tiers"),
}

# Direct marketing (CPCE art. L34-5, Code de la consommation art. L223-1).
MARKETING_CAPTION = Msg(en="Direct marketing by channel", fr="Prospection commerciale par canal")
COL_CHANNEL = Msg(en="Channel", fr="Canal")
COL_RULE = Msg(en="When we may contact you", fr="Quand nous pouvons vous solliciter")
COL_OPT_OUT = Msg(en="How to opt out", fr="Comment vous opposer")
COL_PARTNERS = Msg(en="Details passed to partners for their own marketing",
                   fr="Coordonnées transmises à des partenaires pour leur propre prospection")
ALL_PERSONS = Msg(en="All persons concerned", fr="Toutes les personnes concernées")
MARKETING_RULES: dict[str, Msg] = {
    "consent": Msg(en="Only with your prior consent", fr="Uniquement avec votre consentement préalable"),
    "soft_opt_in": Msg(
        en="Without prior consent if you are already a customer and the messages concern products or services "
        "similar to those you bought, provided you can object at any time (French Postal and Electronic "
        "Communications Code, art. L34-5)",
        fr="Sans consentement préalable si vous êtes déjà client et que les messages portent sur des produits ou "
        "services analogues à ceux que vous avez achetés, à condition que vous puissiez vous y opposer à tout "
        "moment (code des postes et des communications électroniques, art. L34-5)",
    ),
    "opt_out": Msg(en="Unless you have objected", fr="Sauf si vous vous y êtes opposé(e)"),
    "bloctel": Msg(en="Unless you are registered on the Bloctel telephone opposition list",
                   fr="Sauf si vous êtes inscrit(e) sur la liste d'opposition au démarchage téléphonique Bloctel"),
}
PROFESSIONAL = Msg(en="{rule} (messages related to your profession)",
                   fr="{rule} (messages en rapport avec votre profession)")

# Version (the hash itself is added when the notice is rendered).
VERSION = Msg(en="Version {version} of {date}.", fr="Version {version} du {date}.")
VERSION_ONLY = Msg(en="Version {version}.", fr="Version {version}.")
DATE_ONLY = Msg(en="Notice of {date}.", fr="Notice du {date}.")
CURRENT_AT = Msg(en="The current version of this notice is at {url}.",
                 fr="La version en vigueur de cette notice se trouve à l'adresse {url}.")
FINGERPRINT = Msg(en="Fingerprint (SHA-256) of this notice, which changes whenever its content does:",
                  fr="Empreinte (SHA-256) de cette notice, qui change dès que son contenu change :")
