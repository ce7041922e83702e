"""What a person fills in on the privacy center, and the names of the rights they may exercise there."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, EmailStr, Field

from registre.i18n import Msg
from registre.rights.schemas import RequestDetails, RequestKind

RIGHTS: dict[RequestKind, Msg] = {
    RequestKind.access: Msg(en="Access your data", fr="Accéder à vos données"),
    RequestKind.portability: Msg(en="Receive your data in a reusable format (portability)",
                                 fr="Recevoir vos données dans un format réutilisable (portabilité)"),
    RequestKind.rectification: Msg(en="Correct your data", fr="Rectifier vos données"),
    RequestKind.erasure: Msg(en="Erase your data", fr="Effacer vos données"),
    RequestKind.restriction: Msg(en="Restrict the processing of your data", fr="Limiter le traitement de vos données"),
    RequestKind.objection: Msg(en="Object to the processing of your data", fr="Vous opposer au traitement de vos "
                                                                              "données"),
    RequestKind.consent_withdrawal: Msg(en="Withdraw your consent", fr="Retirer votre consentement"),
    RequestKind.post_mortem: Msg(en="Give directives for your data after your death",
                                 fr="Donner des directives sur vos données après votre décès"),
}
ARTICLES: dict[RequestKind, str] = {
    RequestKind.access: "RGPD/GDPR art. 15", RequestKind.portability: "RGPD/GDPR art. 20",
    RequestKind.rectification: "RGPD/GDPR art. 16", RequestKind.erasure: "RGPD/GDPR art. 17",
    RequestKind.restriction: "RGPD/GDPR art. 18", RequestKind.objection: "RGPD/GDPR art. 21",
    RequestKind.consent_withdrawal: "RGPD/GDPR art. 7(3)", RequestKind.post_mortem: "Loi 78-17 art. 85",
}


class RequestForm(BaseModel):
    """A request as a person sends it from the privacy center: filed only once their address is confirmed."""

    model_config = ConfigDict(extra="forbid")

    kind: RequestKind
    email: EmailStr
    name: str | None = Field(None, max_length=200)
    lang: Literal["fr", "en"] = "fr"
    details: RequestDetails = Field(default_factory=RequestDetails)
