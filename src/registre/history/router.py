"""The history API: import the dated history of people already in the store, as a JSON list of rows."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool

from registre.context import Context
from registre.history import flows
from registre.history.schemas import body_schema
from registre.i18n import lang_or_default
from registre.staff.policy import Duty
from registre.web.deps import context_for

router = APIRouter(prefix="/api/history", tags=["history"])
# the consent ledger's past, with the objections and restrictions that bound it: the consent duty
Staff = Annotated[Context, Depends(context_for(Duty.consent))]

# The body is read as the bytes it is, so that a refused row is named by its item and line, as in a file.
BODY = {"requestBody": {"required": True, "content": {"application/json": {"schema": body_schema()}}}}


@router.post("", status_code=201, openapi_extra=BODY)
async def import_history(request: Request, ctx: Staff) -> dict[str, Any]:
    """Import dated events (consent, STOP, objection, restriction, lifecycle): all written, or none and every
    problem named; audited once, as an import."""
    data = await request.body()
    report = await run_in_threadpool(flows.import_body, ctx, data)
    return report.as_dict(lang_or_default(request.headers.get("accept-language"), ctx.settings.lang))
