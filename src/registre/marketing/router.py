"""The marketing API (staff): eligibility and unsubscribe links; and the public unsubscribe door (RFC 8058)."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, ConfigDict, Field

from registre.declarations.schemas import Channel
from registre.i18n import Lang, Msg, lang_or_default
from registre.law.calendar import today
from registre.marketing import flows
from registre.marketing.unsubscribe import Target
from registre.web.deps import DeclaredDep, EngineDep, SettingsDep, Staff

router = APIRouter(prefix="/api/marketing", tags=["marketing"])
public = APIRouter(prefix="/unsubscribe", tags=["unsubscribe"])

ASK = Msg(en="Stop the {channel} messages of {controller} for: {purpose}?",
          fr="Ne plus recevoir les messages par {channel} de {controller} pour : {purpose} ?")
CONFIRM = Msg(en="Unsubscribe", fr="Me désabonner")
DONE = Msg(en="Done: you will no longer receive these {channel} messages from {controller}.",
           fr="C'est fait : vous ne recevrez plus ces messages par {channel} de {controller}.")


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
def eligibility(body: EligibilityQuery, request: Request, engine: EngineDep, settings: SettingsDep,
                declared: DeclaredDep, actor: Staff) -> dict[str, Any]:
    """Each person's answer: eligible with its basis, or the reason not, with the words in French and English."""
    answer = flows.eligible(engine, declared, channel=body.channel, purpose=body.purpose,
                            at=body.at or today(), audience=body.audience, actor=actor)
    return answer.as_dict(lang_or_default(request.headers.get("accept-language"), settings.lang))


@router.get("/unsubscribe-link")
def unsubscribe_link(subject: str, purpose: str, request: Request, engine: EngineDep, settings: SettingsDep,
                     declared: DeclaredDep, _: Staff, channel: Channel = Channel.email) -> dict[str, Any]:
    """A signed one-click unsubscribe link and its List-Unsubscribe headers, for a mailing tool."""
    base = settings.public_url or str(request.base_url)
    return flows.unsubscribe_link(engine, declared, settings.secret_key.get_secret_value(), base, who=subject,
                                  purpose=purpose, channel=channel)


@router.post("/sms/stop")
def sms_stop(body: SmsReceived, engine: EngineDep, declared: DeclaredDep, _: Staff) -> dict[str, Any]:
    """An SMS received from a person: STOP withdraws their SMS marketing at once."""
    return flows.sms_stop(engine, declared, number=body.sender, text=body.text)


def _page(lang: Lang, body: str) -> HTMLResponse:
    return HTMLResponse(f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" '
                        f'content="width=device-width, initial-scale=1"><title>{CONFIRM(lang)}</title></head>'
                        f'<body><main>{body}</main></body></html>')


def _words(declared: DeclaredDep, target: Target, lang: Lang) -> dict[str, str]:
    activity = declared.activity(target.purpose)
    return {"channel": html.escape(target.channel), "controller": html.escape(declared.declaration.controller.name),
            "purpose": html.escape(activity.name(lang) if activity else target.purpose)}


@public.get("/{token}", response_class=HTMLResponse)
def confirm(token: str, request: Request, settings: SettingsDep, declared: DeclaredDep) -> HTMLResponse:
    """Ask to confirm: a GET changes nothing, since mail scanners follow links."""
    lang = lang_or_default(request.headers.get("accept-language"), "fr")
    target = flows.check_link(settings.secret_key.get_secret_value(), token)
    return _page(lang, f"<p>{ASK(lang, **_words(declared, target, lang))}</p><form method=\"post\">"
                       f"<button type=\"submit\">{CONFIRM(lang)}</button></form>")


@public.post("/{token}", response_class=HTMLResponse)
def one_click(token: str, request: Request, engine: EngineDep, settings: SettingsDep,
              declared: DeclaredDep) -> HTMLResponse:
    """Unsubscribe at once (RFC 8058 one-click POST, or the confirmation page's button)."""
    lang = lang_or_default(request.headers.get("accept-language"), "fr")
    target = flows.unsubscribe_by_link(engine, declared, settings.secret_key.get_secret_value(), token)
    return _page(lang, f"<p>{DONE(lang, **_words(declared, target, lang))}</p>")
