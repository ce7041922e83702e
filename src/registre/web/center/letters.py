"""The privacy center's own mail: confirm your address, follow your request, download your files, manage your
preferences. Every link in them is signed (or sealed) and expires."""

from __future__ import annotations

from registre.declarations.declared import Declared
from registre.i18n import Lang, Msg
from registre.mail import letters as templates
from registre.mail.sender import Letter

SUBJECTS = {
    "confirm": Msg(en="Confirm your request to {controller}", fr="Confirmez votre demande à {controller}"),
    "follow": Msg(en="Follow your request ({ref})", fr="Suivez votre demande ({ref})"),
    "download": Msg(en="Your files are ready to download ({ref})", fr="Vos fichiers sont prêts à télécharger ({ref})"),
    "preferences": Msg(en="Your communication preferences at {controller}",
                       fr="Vos préférences de communication chez {controller}"),
}
BODIES = {
    "confirm": Msg(
        en="Hello,\n\nSomeone, probably you, asked {controller} on its privacy center to exercise this right: "
           "{right}.\n\nTo confirm that this address is yours and send the request, open this link within "
           "{hours} hours and press the button:\n\n{link}\n\nIf you did not ask for anything, ignore this message: "
           "nothing will be sent.\n",
        fr="Bonjour,\n\nQuelqu'un, sans doute vous, a demandé à {controller} sur son espace confidentialité "
           "d'exercer ce droit : {right}.\n\nPour confirmer que cette adresse est la vôtre et envoyer la demande, "
           "ouvrez ce lien dans les {hours} heures et appuyez sur le bouton :\n\n{link}\n\nSi vous n'avez rien "
           "demandé, ignorez ce message : rien ne sera envoyé.\n"),
    "follow": Msg(
        en="Hello,\n\nYour request is confirmed. You can see where it stands at any time with this personal "
           "link (keep it to yourself):\n\n{link}\n\nReference: {ref}\n",
        fr="Bonjour,\n\nVotre demande est confirmée. Vous pouvez suivre où elle en est à tout moment avec ce lien "
           "personnel (ne le partagez pas) :\n\n{link}\n\nRéférence : {ref}\n"),
    "download": Msg(
        en="Hello,\n\nHere is the link to download the files of our answer. It works for {minutes} minutes; "
           "each file can be downloaded once, and is then deleted from our servers.\n\n{link}\n\nReference: {ref}\n",
        fr="Bonjour,\n\nVoici le lien pour télécharger les fichiers de notre réponse. Il fonctionne pendant "
           "{minutes} minutes ; chaque fichier peut être téléchargé une fois, puis il est supprimé de nos "
           "serveurs.\n\n{link}\n\nRéférence : {ref}\n"),
    "preferences": Msg(
        en="Hello,\n\nTo see and change which messages {controller} may send you, open this link within {hours} "
           "hours:\n\n{link}\n\nIf you did not ask for it, ignore this message.\n",
        fr="Bonjour,\n\nPour voir et modifier les messages que {controller} peut vous envoyer, ouvrez ce lien dans "
           "les {hours} heures :\n\n{link}\n\nSi vous ne l'avez pas demandé, ignorez ce message.\n"),
}
for _kind in SUBJECTS:
    templates.register(f"center-{_kind}", SUBJECTS[_kind], BODIES[_kind])


def letter(kind: str, to: str, lang: Lang, declared: Declared | None = None, **values: object) -> Letter:
    """The center's letter of `kind` to `to`, in `lang` (in the organisation's own words if it wrote them)."""
    subject, body = templates.render(declared, f"center-{kind}", lang, SUBJECTS[kind], BODIES[kind], values)
    controller = values.get("controller")
    return Letter(to=to, subject=subject, body=body, sender_name=str(controller) if controller else None)
