"""The rights-request API: the same flows as the CLI, for the organisation's systems and the back office."""

from __future__ import annotations

import base64
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict

from registre.context import Context
from registre.jobs import flows as jobs
from registre.kit.limits import Count
from registre.kit.paging import DEFAULT_LIMIT, Page
from registre.rights import flows
from registre.rights.schemas import RequestCreate, RequestRead, Status
from registre.staff.policy import Duty
from registre.web.deps import DeclaredDep, context_for
from registre.web.limits import Limit, Offset
from registre.web.prefer import wait_preferred

router = APIRouter(prefix="/api/requests", tags=["requests"])
Requests = Annotated[Context, Depends(context_for(Duty.requests))]



class StepResult(BaseModel):
    """A request after a step, the files for the person (base64), and where the letters went."""

    model_config = ConfigDict(extra="forbid")

    request: RequestRead
    files: dict[str, str] = {}
    sent: list[str] = []
    unsent: list[str] = []


class Reasons(BaseModel):
    """Reasons given to the person."""

    model_config = ConfigDict(extra="forbid")

    reasons: str
    partial: bool = False
    fee_cents: Count | None = None
    excessive: bool = False


class Identity(BaseModel):
    """Ask for identity, or confirm it by the code given back or an ID checked by staff."""

    model_config = ConfigDict(extra="forbid")

    ask: bool = False
    code: str | None = None
    id_checked: bool = False


def _step(result: flows.Result) -> StepResult:
    files = {name: base64.b64encode(content).decode() for name, content in result.files.items()}
    return StepResult(request=result.request, files=files, sent=result.sent, unsent=result.unsent)


@router.post("", status_code=201)
def create(body: RequestCreate, _: DeclaredDep, ctx: Requests) -> StepResult:
    """Record a request as received on its channel and acknowledge it."""
    return _step(flows.file_request(ctx, body))


@router.get("")
def list_requests(ctx: Requests, status: Status | None = None, limit: Limit = DEFAULT_LIMIT,
                  offset: Offset = 0) -> Page[RequestRead]:
    """A page of requests with the total, the late and nearest deadlines first."""
    return flows.list_requests(ctx, status, limit=limit, offset=offset)


@router.get("/{ref}")
def show(ref: str, ctx: Requests) -> RequestRead:
    """One request with its strict and paused deadlines."""
    return flows.show(ctx, ref)


@router.post("/{ref}/identity")
def identity(ref: str, body: Identity, ctx: Requests) -> StepResult:
    """Ask for or record the person's identity."""
    return _step(flows.verify_identity(ctx, ref, ask=body.ask, code=body.code, id_checked=body.id_checked))


@router.post("/{ref}/extend")
def extend(ref: str, body: Reasons, _: DeclaredDep, ctx: Requests) -> StepResult:
    """Extend by two months, once, with reasons."""
    return _step(flows.extend(ctx, ref, reasons=body.reasons))


class Queued(BaseModel):
    """A request whose completion a worker does: the job, and the request to follow."""

    job: int
    request: str
    status: str = "queued"


@router.post("/{ref}/complete", response_model=StepResult, responses={202: {"model": Queued}})
def complete(ref: str, request: Request, response: Response, _: DeclaredDep, ctx: Requests,
             prefer: Annotated[str | None, Header()] = None) -> StepResult | JSONResponse:
    """Do what the request asks and answer; the answer's files come back only to a role that sees every activity's
    data (they went to the person). With connected databases, the work goes to a worker: 202 with the job, and
    the request shows `completed` once it is done (audited the same way). A client that sends `Prefer: wait=N`
    (RFC 7240; N up to 60) gets the completed request if the worker is done within N seconds, 202 otherwise."""
    done = jobs.complete_or_queue(ctx, request.app.state.jobs, ref)
    if isinstance(done, int):
        wait = wait_preferred(prefer)
        shown = None if wait is None else jobs.answer_within(ctx, request.app.state.jobs, done, ref, wait)
        if shown is not None:
            response.headers["Preference-Applied"] = f"wait={wait}"
            return StepResult(request=shown)  # the files are in the vault (`…/package`)
        return JSONResponse(Queued(job=done, request=ref).model_dump(), status_code=202)
    return _step(done)


@router.get("/{ref}/package")
def package(ref: str, ctx: Requests) -> dict[str, str]:
    """The files of the request's answer still kept in the vault (base64), to a role that sees every activity's
    data; the read is audited."""
    files = flows.package_for(ctx, ref)
    return {name: base64.b64encode(content).decode() for name, content in files.items()}


@router.post("/{ref}/refuse")
def refuse(ref: str, body: Reasons, _: DeclaredDep, ctx: Requests) -> StepResult:
    """Refuse, wholly or partly, with reasons and remedies."""
    return _step(flows.refuse(ctx, ref, reasons=body.reasons, partial=body.partial, fee_cents=body.fee_cents,
                              excessive=body.excessive))


