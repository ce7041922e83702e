"""The letters a request sends the person, in French or English: acknowledgement, identity code, extension,
answer and refusal (GDPR Art. 12(3) and (4)); an organisation may word each its own way (registre.mail.letters)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from babel.dates import format_date

from registre import labels
from registre.declarations.catalog import AUTHORITIES
from registre.declarations.declared import Declared
from registre.i18n import Lang, Msg
from registre.mail import letters as templates
from registre.mail.sender import Letter
from registre.models.requests import RightsRequest
from registre.rights.schemas import RequestKind

SUBJECTS = {
    "received": Msg(en="Your request has been received ({ref})", fr="Votre demande a bien été reçue ({ref})"),
    "identity": Msg(en="Your confirmation code ({ref})", fr="Votre code de confirmation ({ref})"),
    "extended": Msg(en="Your request: the time to answer is extended ({ref})",
                    fr="Votre demande : le délai de réponse est prolongé ({ref})"),
    "completed": Msg(en="Your request has been answered ({ref})", fr="Votre demande a reçu une réponse ({ref})"),
    "refused": Msg(en="Your request ({ref})", fr="Votre demande ({ref})"),
    "lifting": Msg(en="The restriction of your data will be lifted", fr="La limitation de vos données va être levée"),
}
BODIES = {
    "received": Msg(
        en="Hello,\n\n{controller} received your request on {received}. We will answer by {deadline} at the "
           "latest.\n\nReference: {ref}\n",
        fr="Bonjour,\n\n{controller} a reçu votre demande le {received}. Nous y répondrons au plus tard le "
           "{deadline}.\n\nRéférence : {ref}\n"),
    "identity": Msg(
        en="Hello,\n\nTo make sure that your request comes from you, please give us this code: {code}\n\nIt is "
           "valid for {days} days. If you did not make this request, ignore this message.\n\nReference: {ref}\n",
        fr="Bonjour,\n\nPour nous assurer que votre demande vient bien de vous, merci de nous communiquer ce "
           "code : {code}\n\nIl est valable {days} jours. Si vous n'avez pas fait cette demande, ignorez ce message."
           "\n\nRéférence : {ref}\n"),
    "extended": Msg(
        en="Hello,\n\nWe need more time to answer your request: under Article 12(3) of the GDPR we will answer "
           "by {deadline} at the latest, for these reasons:\n\n{reasons}\n\nReference: {ref}\n",
        fr="Bonjour,\n\nNous avons besoin de plus de temps pour répondre à votre demande : conformément à "
           "l'article 12, paragraphe 3, du RGPD, nous y répondrons au plus tard le {deadline}, pour les raisons "
           "suivantes :\n\n{reasons}\n\nRéférence : {ref}\n"),
    "completed": Msg(
        en="Hello,\n\nWe have answered your request ({kind}).{files}\n\nIf you are not satisfied with this "
           "answer, you may lodge a complaint with the CNIL (www.cnil.fr) and seek a judicial remedy.\n\n"
           "Reference: {ref}\n",
        fr="Bonjour,\n\nNous avons répondu à votre demande ({kind}).{files}\n\nSi cette réponse ne vous satisfait "
           "pas, vous pouvez introduire une réclamation auprès de la CNIL (www.cnil.fr) et former un recours "
           "juridictionnel.\n\nRéférence : {ref}\n"),
    "refused": Msg(
        en="Hello,\n\nWe cannot act on your request{partly}, for these reasons:\n\n{reasons}\n\nYou may lodge a "
           "complaint with the CNIL ({cnil}; www.cnil.fr) and seek a "
           "judicial remedy (GDPR Art. 12(4)).\n\nReference: {ref}\n",
        fr="Bonjour,\n\nNous ne pouvons donner suite à votre demande{partly}, pour les raisons suivantes :\n\n"
           "{reasons}\n\nVous pouvez introduire une réclamation auprès de la CNIL ({cnil} ; "
           "www.cnil.fr) et former un recours juridictionnel (art. 12, paragraphe 4, du "
           "RGPD).\n\nRéférence : {ref}\n"),
    "lifting": Msg(
        en="Hello,\n\nAs Article 18(3) of the GDPR requires, we inform you before it happens that the restriction "
           "of processing of your data ({scope}) will be lifted.\n\nIf you disagree, reply to this message; you may "
           "also lodge a complaint with the CNIL (www.cnil.fr).\n",
        fr="Bonjour,\n\nConformément à l'article 18, paragraphe 3, du RGPD, nous vous informons avant qu'elle n'ait "
           "lieu de la levée de la limitation du traitement de vos données ({scope}).\n\nSi vous n'êtes pas "
           "d'accord, répondez à ce message ; vous pouvez aussi introduire une réclamation auprès de la CNIL "
           "(www.cnil.fr).\n"),
}
for _kind in SUBJECTS:  # every request letter is given these, whether its default wording uses them or not
    templates.register(f"request-{_kind}", SUBJECTS[_kind], BODIES[_kind],
                       extra=("ref", "kind", "controller", "partly", "cnil", "files"))
PARTLY = Msg(en=" in full", fr=" dans sa totalité")
ATTACHED = Msg(en=" Your files: {files}.", fr=" Vos fichiers : {files}.")


def letter(kind: str, request: RightsRequest | None, declared: Declared | None, *, to: str | None = None,
           lang: Lang | None = None, **params: Any) -> Letter | None:
    """The letter of `kind` for a request (or to `to`), or None when there is no address to send it to."""
    to = to or (request.requester.get("email") if request else None)
    if not to:
        return None
    lang = lang or ("en" if request is not None and request.lang == "en" else "fr")
    values = {"ref": request.ref if request else "",
              "kind": labels.label(RequestKind(request.kind), lang) if request else "",
              "controller": declared.declaration.controller.name if declared else "", "partly": "",
              "cnil": AUTHORITIES["cnil"].address,
              **params, "files": ""}
    for key, value in list(values.items()):
        if isinstance(value, dt.date):
            values[key] = format_date(value, format="long", locale=lang)
    if kind == "refused" and params.get("partial"):
        values["partly"] = PARTLY(lang)
    if kind == "completed" and params.get("files"):
        values["files"] = ATTACHED(lang, files=", ".join(params["files"]))
    subject, body = templates.render(declared, f"request-{kind}", lang, SUBJECTS[kind], BODIES[kind], values)
    return Letter(to=str(to), subject=subject, body=body,
                  sender_name=declared.declaration.controller.name if declared else None)
