"""The back-office pages (staff): sign-in with an optional second factor, the dashboard, rights requests, the
audit log. Each page asks the authorisation policy first and shows only what the role may see; the flows they
call audit every read of personal data with the staff member as actor."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from registre.audit import flows as audit
from registre.audit import service as audit_service
from registre.context import Actor
from registre.documents import spreadsheets
from registre.errors import Forbidden, InvalidInput, NotFound, RegistreError, problems_of
from registre.i18n import Msg
from registre.law.calendar import PARIS
from registre.rights import flows as rights
from registre.rights.schemas import PENDING, Channel, RequestCreate, RequestKind, Status
from registre.staff import flows as staff
from registre.staff import service as staff_service
from registre.staff.policy import Duty
from registre.subjects import flows as subject_flows
from registre.web import security
from registre.web.backoffice import flows
from registre.web.deps import FORBIDDEN, DeclaredDep, EngineDep, SettingsDep, page_context, policy_of, signed_in
from registre.web.details import request_details
from registre.web.limits import BeforeId, Offset
from registre.web.templating import page_lang, render

router = APIRouter(prefix="/staff", include_in_schema=False)
throttled = Depends(security.RateLimit())

DONE = {"filed": Msg(en="The request is recorded; the acknowledgement went to the person.",
                     fr="La demande est enregistrée ; l'accusé de réception a été envoyé à la personne."),
        "filed_by_post": Msg(en="The request is recorded. There is no email address to acknowledge it: write to "
                                "the person by post.",
                             fr="La demande est enregistrée. Aucune adresse électronique pour en accuser réception : "
                                "écrivez à la personne par courrier."),
        "complete": Msg(en="The request is answered; the person was written to.",
                        fr="La demande est traitée ; la personne a reçu la réponse."),
        "extend": Msg(en="The deadline is extended and the person was told why.",
                      fr="Le délai est prolongé et la personne en a reçu les motifs."),
        "refuse": Msg(en="The refusal was recorded and sent with the remedies.",
                      fr="Le refus est enregistré et a été envoyé avec les voies de recours.")}
CONFIRM_ERASURE = Msg(en="An erasure cannot be undone: tick the confirmation box first.",
                      fr="Un effacement ne peut être annulé : cochez d'abord la case de confirmation.")
BAD_FILING = Msg(en="The request cannot be recorded: {what}", fr="La demande ne peut pas être enregistrée : {what}")
UNSENT = Msg(en="A letter could not be sent: {what}", fr="Un courrier n'a pas pu partir : {what}")
AUDIT_PAGE = 100


def _actor(request: Request, duty: Duty | None = None) -> Actor:
    """The signed-in member (else 401: the error handler sends a browser to the sign-in page), allowed `duty`."""
    actor = signed_in(request)
    if duty is not None and not policy_of(request).may(actor.role, duty):
        raise Forbidden(FORBIDDEN)
    return actor


def _page(request: Request, name: str, actor: Actor, status_code: int = 200, **context: Any) -> HTMLResponse:
    policy = policy_of(request)
    roles = policy.roles()
    return render(request, f"backoffice/{name}", status_code=status_code, actor=actor,
                  role_label=roles.get(actor.role, actor.role), may={d.value: policy.may(actor.role, d) for d in Duty},
                  **context)


def _next(value: str | None) -> str:
    """Where to go after sign-in: a back-office page only, never another site."""
    return value if value and value.startswith("/staff") and not value.startswith("//") else "/staff"


def _see_other(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


# --- signing in -----------------------------------------------------------------------------------------------

@router.get("/login")
def login_form(request: Request, next: str | None = None) -> HTMLResponse:
    """The sign-in form."""
    return render(request, "backoffice/login.html.j2", next=_next(next), error=None)


@router.post("/login", dependencies=[throttled])
def login(request: Request, engine: EngineDep, settings: SettingsDep, _: security.CsrfProtected,
          email: Annotated[str, Form(max_length=254)], password: Annotated[str, Form(max_length=1024)],
          next: Annotated[str, Form(max_length=500)] = "/staff") -> Response:
    """Check the password; open a session (waiting for the TOTP code when the account has one)."""
    signed = staff.sign_in(engine, email=email, password=password, hours=settings.staff_session_hours)
    if signed is None:
        return render(request, "backoffice/login.html.j2", status_code=401, next=_next(next),
                      error=staff_service.BAD_LOGIN(page_lang(request)))
    response = _see_other(f"/staff/login/code?next={_next(next)}" if signed.needs_code else _next(next))
    response.set_cookie(security.SESSION_COOKIE, signed.token, max_age=settings.staff_session_hours * 3600,
                        httponly=True, samesite="lax", secure=security.cookie_secure(request), path="/")
    return response


@router.get("/login/code")
def code_form(request: Request, engine: EngineDep, next: str | None = None) -> Response:
    """The second-factor form, for a session that waits for its code."""
    if not staff.waiting_for_code(engine, request.cookies.get(security.SESSION_COOKIE, "")):
        return _see_other("/staff/login")
    return render(request, "backoffice/code.html.j2", next=_next(next), error=None)


@router.post("/login/code", dependencies=[throttled])
def code(request: Request, engine: EngineDep, _: security.CsrfProtected,
         code: Annotated[str, Form(max_length=12)], next: Annotated[str, Form(max_length=500)] = "/staff") -> Response:
    """Check the authenticator app's code."""
    if not staff.second_factor(engine, request.cookies.get(security.SESSION_COOKIE, ""), code):
        return render(request, "backoffice/code.html.j2", status_code=401, next=_next(next),
                      error=staff_service.BAD_CODE(page_lang(request)))
    return _see_other(_next(next))


@router.post("/logout")
def logout(request: Request, engine: EngineDep, _: security.CsrfProtected) -> Response:
    """End the session."""
    staff.sign_out(engine, request.cookies.get(security.SESSION_COOKIE, ""))
    response = _see_other("/staff/login")
    response.delete_cookie(security.SESSION_COOKIE, path="/", httponly=True, samesite="lax",
                           secure=security.cookie_secure(request))
    return response


# --- the dashboard --------------------------------------------------------------------------------------------

@router.get("")
def dashboard(request: Request) -> HTMLResponse:
    """Open requests (late first), retention due, breaches with hours left, and the audit chain, as the role
    allows."""
    ctx = page_context(request, _actor(request))
    shown = flows.dashboard(ctx)
    verification = shown.verification
    broken = audit_service.describe(verification, ctx.lang) if verification is not None else ""
    return _page(request, "dashboard.html.j2", ctx.actor, requests=shown.requests, breaches=shown.breaches,
                 plan=shown.plan, endless=shown.endless, verification=verification, broken=broken,
                 declared=ctx.declared)


@router.get("/register.{fmt}")
def register(request: Request, fmt: str, declared: DeclaredDep) -> Response:
    """The record of processing activities (Art. 30) as ODS, XLSX or CSV."""
    _actor(request)
    if fmt not in ("ods", "xlsx", "csv"):
        raise NotFound(Msg(en="No such format.", fr="Format inconnu."))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"register.{fmt}"
        spreadsheets.export(declared, fmt, path, page_lang(request))
        content = path.read_bytes()
    media = {"ods": "application/vnd.oasis.opendocument.spreadsheet", "csv": "text/csv; charset=utf-8",
             "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}[fmt]
    return Response(content, media_type=media,
                    headers={"Content-Disposition": f'attachment; filename="register.{fmt}"'})


# --- rights requests ------------------------------------------------------------------------------------------

@router.get("/requests")
def requests_list(request: Request, status: Status | None = None, pending: bool = False,
                  offset: Offset = 0) -> HTMLResponse:
    """Every request (or those still pending), a page at a time, the late and nearest deadlines first."""
    actor = _actor(request, Duty.requests)
    shown = rights.list_requests(page_context(request, actor), PENDING if pending else status, offset=offset)
    return _page(request, "requests.html.j2", actor, requests=shown, status=status, pending=pending,
                 statuses=list(Status))


def _request_page(request: Request, actor: Actor, ref: str, status_code: int = 200,
                  **context: Any) -> HTMLResponse:
    ctx = page_context(request, actor)
    shown = rights.show(ctx, ref)
    read = subject_flows.shown_if_kept(ctx, shown.subject) if shown.subject else None
    file = read.as_dict() if read is not None else None
    return _page(request, "request.html.j2", actor, status_code=status_code, item=shown, file=file,
                 **context)


def _filing_page(request: Request, actor: Actor, status_code: int = 200, error: str | None = None,
                 form: dict[str, str] | None = None) -> HTMLResponse:
    now = dt.datetime.now(PARIS)
    shown = {"received_on": now.date().isoformat(), "received_time": now.strftime("%H:%M"), "lang": "fr",
             **(form or {})}
    declared = request.app.state.declared
    return _page(request, "file.html.j2", actor, status_code=status_code, error=error, form=shown,
                 kinds=list(RequestKind), channels=[c for c in Channel if c != Channel.web_form],
                 activities=declared.declaration.activities if declared is not None else [])


@router.get("/requests/new")
def filing_form(request: Request) -> HTMLResponse:
    """The form to record a request received by post, telephone, email or in person."""
    return _filing_page(request, _actor(request, Duty.requests))


@router.post("/requests/new")
def file_request(request: Request, declared: DeclaredDep, posted: security.CheckedForm,
                 kind: Annotated[str, Form(max_length=40)], channel: Annotated[str, Form(max_length=40)],
                 received_on: Annotated[str, Form(max_length=10)],
                 received_time: Annotated[str, Form(max_length=5)] = "12:00",
                 subject: Annotated[str, Form(max_length=300)] = "",
                 name: Annotated[str, Form(max_length=300)] = "", email: Annotated[str, Form(max_length=254)] = "",
                 phone: Annotated[str, Form(max_length=40)] = "", address: Annotated[str, Form(max_length=1000)] = "",
                 note: Annotated[str, Form(max_length=5000)] = "",
                 letter_lang: Annotated[str, Form(max_length=2)] = "fr") -> Response:
    """Record a request received on another channel than the web form, through the API's filing flow; the
    date and time it reached the channel are read in Paris time."""
    actor = _actor(request, Duty.requests)
    lang = page_lang(request)
    form: dict[str, Any] = {k: v for k, v in posted.items() if isinstance(v, str) and k != "csrf"}
    form.update({key: posted.getlist(key) for key in ("activities", "field", "value", "change_activity")},
                lang=letter_lang)
    try:
        received = dt.datetime.combine(dt.date.fromisoformat(received_on),
                                       dt.time.fromisoformat(received_time or "12:00"), PARIS)
        request_in = RequestCreate.model_validate({
            "kind": kind, "channel": channel, "received_at": received, "subject": subject.strip() or None,
            "requester": {k: v.strip() for k, v in {"name": name, "email": email, "phone": phone,
                                                     "address": address}.items() if v.strip()},
            "details": request_details(RequestKind(kind), posted, {a.id for a in declared.declaration.activities})
            if kind in set(RequestKind) else {}, "lang": letter_lang})  # an unknown kind: RequestCreate says so
        result = rights.file_request(page_context(request, actor), request_in)
    except ValidationError as error:
        return _filing_page(request, actor, 422, BAD_FILING(lang, what=problems_of(error)), form)
    except ValueError as error:
        return _filing_page(request, actor, 422, BAD_FILING(lang, what=str(error)), form)
    except RegistreError as error:
        return _filing_page(request, actor, error.status_code, error.text(lang), form)
    if result.unsent:
        notes = "; ".join(UNSENT(lang, what=u) for u in result.unsent)
        return _request_page(request, actor, result.request.ref, done=DONE["filed"](lang), error=notes)
    done = "filed" if result.sent else "filed_by_post"
    return _see_other(f"/staff/requests/{result.request.ref}?done={done}")


@router.get("/requests/{ref}")
def request_detail(request: Request, ref: str, done: str | None = None) -> HTMLResponse:
    """One request: its deadlines, the requester, the person's data the role may see, and the next steps."""
    actor = _actor(request, Duty.requests)
    said = DONE[done](page_lang(request)) if done in DONE else None
    return _request_page(request, actor, ref, done=said, error=None)


@router.post("/requests/{ref}/{step}")
def request_step(request: Request, ref: str, step: str, _declared: DeclaredDep, _: security.CsrfProtected,
                 reasons: Annotated[str, Form(max_length=5000)] = "",
                 partial: Annotated[bool, Form()] = False, confirm: Annotated[bool, Form()] = False) -> Response:
    """Complete, extend or refuse a request through the rights flows; an erasure needs its confirmation."""
    actor = _actor(request, Duty.requests)
    ctx = page_context(request, actor)
    lang = page_lang(request)
    try:
        if step == "complete" and not confirm and rights.show(ctx, ref).irreversible:
            raise InvalidInput(CONFIRM_ERASURE)
        if step == "complete":
            result = rights.complete(ctx, ref)
        elif step in ("extend", "refuse"):
            if step == "extend":
                result = rights.extend(ctx, ref, reasons=reasons)
            else:
                result = rights.refuse(ctx, ref, reasons=reasons, partial=partial)
        else:
            raise NotFound(Msg(en="No such step.", fr="Étape inconnue."))
    except NotFound:
        raise
    except RegistreError as error:
        return _request_page(request, actor, ref, status_code=error.status_code, done=None, error=error.text(lang))
    if result.unsent:
        notes = "; ".join(UNSENT(lang, what=u) for u in result.unsent)
        return _request_page(request, actor, ref, done=DONE[step](lang), error=notes)
    return _see_other(f"/staff/requests/{ref}?done={step}")  # a reload then does not send the form again


# --- the audit log --------------------------------------------------------------------------------------------

@router.get("/audit")
def audit_log(request: Request, before: BeforeId = None) -> HTMLResponse:
    """The newest audit entries and the verification of the whole chain."""
    actor = _actor(request, Duty.audit)
    shown = audit.newest(page_context(request, actor), before=before, limit=AUDIT_PAGE)
    rows = shown.entries
    return _page(request, "audit.html.j2", actor, entries=rows, verification=shown.verification,
                 broken=audit_service.describe(shown.verification, page_lang(request)),
                 older=rows[-1].id if len(rows) == AUDIT_PAGE else None)
