"""The marketing API (staff): eligibility and unsubscribe links; and the public unsubscribe door (RFC 8058)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, ConfigDict, Field

from registre.context import Context
from registre.declarations.schemas import Channel
from registre.i18n import Lang, Msg, lang_or_default
from registre.law.calendar import today
from registre.marketing import flows
from registre.marketing.unsubscribe import Target
from registre.staff.policy import Duty
from registre.web.deps import DeclaredDep, EngineDep, SettingsDep, context_for
from registre.web.templating import page_lang, render

router = APIRouter(prefix="/api/marketing", tags=["marketing"])
Staff = Annotated[Context, Depends(context_for(Duty.consent))]
public = APIRouter(prefix="/unsubscribe", tags=["unsubscribe"])

ASK = Msg(en="Stop the messages {channel} from {controller} for: {purpose}?",
          fr="Ne plus recevoir les messages {channel} de {controller} pour : {purpose} ?")
CONFIRM = Msg(en="Unsubscribe", fr="Me désabonner")
DONE = Msg(en="Done: you will no longer receive these messages {channel} from {controller}.",
           fr="C'est fait : vous ne recevrez plus ces messages {channel} de {controller}.")
BY: dict[str, Msg] = {
    Channel.email: Msg(en="by email", fr="par courriel"), Channel.sms: Msg(en="by text message", fr="par SMS"),
    Channel.phone: Msg(en="by telephone", fr="par téléphone"), Channel.post: Msg(en="by post", fr="par courrier"),
    Channel.push: Msg(en="by notification", fr="par notification")}


class EligibilityQuery(BaseModel):
    """Who may be contacted on a channel for a purpose, among an audience (default: everyone in the store)."""

    model_config = ConfigDict(extra="forbid")

    channel: Channel
    purpose: str
    audience: list[str] | None = Field(None, max_length=2_000_000)
    at: dt.date | None = None


class SmsReceived(BaseModel):
    """An SMS the provider received for the organisation."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    sender: str = Field(alias="from")
    text: str


@router.post("/eligibility")
def eligibility(body: EligibilityQuery, request: Request, ctx: Staff) -> dict[str, Any]:
    """Each person's answer: eligible with its basis, or the reason not, with the words in French and English."""
    answer = flows.eligible(ctx, channel=body.channel, purpose=body.purpose, at=body.at or today(),
                            audience=body.audience)
    return answer.as_dict(lang_or_default(request.headers.get("accept-language"), ctx.settings.lang))


@router.get("/unsubscribe-link")
def unsubscribe_link(subject: str, purpose: str, request: Request, ctx: Staff,
                     channel: Channel = Channel.email) -> dict[str, Any]:
    """A signed one-click unsubscribe link and its List-Unsubscribe headers, for a mailing tool."""
    base = ctx.settings.public_url or str(request.base_url)
    return flows.unsubscribe_link(ctx, base, who=subject, purpose=purpose, channel=channel)


@router.post("/sms/stop")
def sms_stop(body: SmsReceived, ctx: Staff) -> dict[str, Any]:
    """An SMS received from a person: STOP withdraws their SMS marketing at once."""
    return flows.sms_stop(ctx, number=body.sender, text=body.text)


def _words(declared: DeclaredDep, target: Target, lang: Lang) -> dict[str, str]:
    activity = declared.activity(target.purpose)
    by = BY.get(target.channel)
    return {"channel": by(lang) if by else target.channel, "controller": declared.declaration.controller.name,
            "purpose": activity.name(lang) if activity else target.purpose}


@public.get("/{token}", response_class=HTMLResponse)
def confirm(token: str, request: Request, settings: SettingsDep, declared: DeclaredDep) -> HTMLResponse:
    """Ask to confirm: a GET changes nothing, since mail scanners follow links."""
    lang = page_lang(request)
    target = flows.check_link(settings.secret_key.get_secret_value(), token)
    return render(request, "center/unsubscribe.html.j2", asked=ASK(lang, **_words(declared, target, lang)),
                  done=None, button=CONFIRM(lang))


@public.post("/{token}", response_class=HTMLResponse)
def one_click(token: str, request: Request, engine: EngineDep, settings: SettingsDep,
              declared: DeclaredDep) -> HTMLResponse:
    """Unsubscribe at once (RFC 8058 one-click POST, or the confirmation page's button)."""
    lang = page_lang(request)
    target = flows.unsubscribe_by_link(engine, declared, settings.secret_key.get_secret_value(), token)
    return render(request, "center/unsubscribe.html.j2", asked=None, done=DONE(lang, **_words(declared, target, lang)),
                  button=CONFIRM(lang))
