"""The breach API: the same flows as the CLI, for the back office, the organisation's systems and its processors."""

from __future__ import annotations

import base64
import tempfile
from pathlib import Path
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Request, Response
from pydantic import BaseModel, ConfigDict

from registre.breaches import affected, flows
from registre.breaches.schemas import (
    Assessment,
    BreachCreate,
    BreachRead,
    BreachUpdate,
    NotificationCreate,
    NotificationKind,
    ProcessorReport,
)
from registre.context import Context
from registre.i18n import Lang, lang_or_default
from registre.kit.paging import DEFAULT_LIMIT, Page
from registre.staff.policy import Duty
from registre.web.deps import context_for
from registre.web.limits import Limit, Offset

router = APIRouter(prefix="/api/breaches", tags=["breaches"])
Staff = Annotated[Context, Depends(context_for(Duty.breaches))]

MEDIA = {"ods": "application/vnd.oasis.opendocument.spreadsheet", "csv": "text/csv; charset=utf-8",
         "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


class NoticeOut(BaseModel):
    """A notification: the breach after it, the text, the files (base64), and where the letters went."""

    model_config = ConfigDict(extra="forbid")

    breach: BreachRead
    kind: NotificationKind
    text: str
    recorded: bool
    files: dict[str, str] = {}
    sent: list[str] = []
    unsent: list[str] = []


class AlertOut(BaseModel):
    """One alert to the DPO: sent, or why not."""

    model_config = ConfigDict(extra="forbid")

    ref: str
    title: str
    hours_left: float
    to: str
    sent: str | None
    error: str | None


def _lang(request: Request) -> Lang:
    return lang_or_default(request.headers.get("accept-language"), request.app.state.settings.lang)


@router.post("", status_code=201)
def create(body: BreachCreate, request: Request, ctx: Staff) -> BreachRead:
    """Record a breach, notified or not (Art. 33(5)), and start its 72-hour clock."""
    return flows.record(ctx, body, lang=_lang(request), sources=affected.sources(ctx.settings))


@router.post("/processor-reports", status_code=201)
def processor_report(body: ProcessorReport, request: Request, ctx: Staff) -> BreachRead:
    """Receive a processor's report of a breach (Art. 33(2)); the controller's clock starts at its receipt."""
    return flows.receive_report(ctx, body, lang=_lang(request), sources=affected.sources(ctx.settings))


@router.get("")
def list_breaches(request: Request, ctx: Staff, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0) -> Page[BreachRead]:
    """A page of breaches, those whose clock runs first, then the nearest deadline, with the hours left and the
    total."""
    return flows.page_breaches(ctx, lang=_lang(request), limit=limit, offset=offset)


@router.get("/register")
def register(request: Request, ctx: Staff, format: Literal["ods", "csv", "xlsx"] = "ods",
             lang: Literal["fr", "en"] = "fr") -> Response:
    """The breach register as a spreadsheet (ODS, CSV or XLSX)."""
    ctx.declaration()  # the register names the controller: refused, as before, when the server has none
    with tempfile.TemporaryDirectory() as folder:
        content = flows.export_bytes(ctx, format, Path(folder), lang=lang)
    return Response(content, media_type=MEDIA[format],
                    headers={"Content-Disposition": f'attachment; filename="breaches.{format}"'})


@router.post("/alerts")
def alerts(request: Request, ctx: Staff) -> list[AlertOut]:
    """Mail the DPO about each breach with 24 hours or less left; each alert is sent once."""
    done = flows.alert(ctx, lang=_lang(request))
    return [AlertOut(ref=a.ref, title=a.title, hours_left=a.hours_left, to=a.to, sent=a.sent, error=a.error)
            for a in done]


@router.get("/{ref}")
def show(ref: str, request: Request, ctx: Staff) -> BreachRead:
    """One breach with its clock, triage and notifications."""
    return flows.show(ctx, ref, lang=_lang(request))


@router.patch("/{ref}")
def update(ref: str, body: BreachUpdate, request: Request, ctx: Staff) -> BreachRead:
    """Change a breach's facts as the investigation goes on."""
    return flows.update(ctx, ref, body, lang=_lang(request), sources=affected.sources(ctx.settings))


@router.post("/{ref}/assessment")
def assess(ref: str, body: Assessment, request: Request, ctx: Staff) -> BreachRead:
    """Triage the breach: risk level, Art. 34(3) exemptions, reasons."""
    return flows.assess(ctx, ref, body, lang=_lang(request))


@router.post("/{ref}/notifications")
def notify(ref: str, body: NotificationCreate, request: Request, ctx: Staff) -> NoticeOut:
    """Produce and record a notification: to the CNIL, to the people (letters sent), or to the public."""
    notice = flows.notify(ctx, ref, body, lang=_lang(request))
    files = {name: base64.b64encode(content).decode() for name, content in notice.files.items()}
    return NoticeOut(breach=notice.breach, kind=notice.kind, text=notice.text, recorded=notice.recorded, files=files,
                     sent=notice.sent, unsent=notice.unsent)
