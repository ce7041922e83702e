"""The privacy center's pages (public, at `/`): the notice, a form per right, the status of a request and its
files, communication preferences and cookie preferences. Every form carries a CSRF token and is rate-limited;
every page that shows a person's request or choices is reached only by a signed link mailed to them."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from registre.consent.wording import CHANNELS, consent_activities, wording
from registre.documents import notice as notices
from registre.errors import NotFound, problems_of
from registre.i18n import Msg
from registre.rights.schemas import RequestKind
from registre.web.center import flows
from registre.web.center.schemas import ARTICLES, RIGHTS, RequestForm
from registre.web.deps import DeclaredDep, EngineDep, SettingsDep
from registre.web.details import request_details
from registre.web.security import CheckedForm, CsrfProtected, RateLimit
from registre.web.templating import page_lang, render

router = APIRouter(include_in_schema=False)
Limited = Annotated[None, Depends(RateLimit())]

FIELD_LIMIT = 2000  # characters of one free-text field: the form travels sealed in a link until it is confirmed
TOO_LONG = Msg(en="Please keep each answer under {limit} characters.",
               fr="Merci de limiter chaque réponse à {limit} caractères.")
BAD_FORM = Msg(en="Please check the form: {problems}", fr="Merci de vérifier le formulaire : {problems}")


def _base(request: Request) -> str:
    settings = request.app.state.settings
    return str(settings.public_url or request.base_url).rstrip("/")


@router.get("/", response_class=HTMLResponse)
def home(request: Request, declared: DeclaredDep) -> HTMLResponse:
    """The privacy center's home: the notice, the rights, and where to manage one's choices."""
    return render(request, "center/home.html.j2", declared=declared, rights=RIGHTS, articles=ARTICLES)


@router.get("/notice", response_class=HTMLResponse)
def notice(request: Request, declared: DeclaredDep) -> HTMLResponse:
    """The privacy notice (Art. 13 and 14), in the reader's language when the policy is published in it."""
    languages = declared.declaration.policy.languages
    lang = page_lang(request)
    shown = notices.build(declared, lang if lang in languages else languages[0])
    return render(request, "center/notice.html.j2", declared=declared, notice=shown)


def _form_page(request: Request, declared: DeclaredDep, kind: RequestKind, status_code: int = 200,
               error: str | None = None, values: dict[str, str] | None = None) -> HTMLResponse:
    return render(request, "center/request.html.j2", status_code=status_code, declared=declared, kind=kind.value,
                  right=RIGHTS[kind], article=ARTICLES[kind], activities=consent_activities(declared), error=error,
                  values=values or {})


def _kind(kind: str) -> RequestKind:
    if kind not in {k.value for k in RIGHTS}:
        raise NotFound(Msg(en="There is no such form.", fr="Ce formulaire n'existe pas."))
    return RequestKind(kind)


@router.get("/requests/{kind}", response_class=HTMLResponse)
def request_form(kind: str, request: Request, declared: DeclaredDep) -> HTMLResponse:
    """The form of one right."""
    return _form_page(request, declared, _kind(kind))


@router.post("/requests/{kind}", response_class=HTMLResponse)
def send_request(kind: str, request: Request, engine: EngineDep, settings: SettingsDep, declared: DeclaredDep,
                 received: CheckedForm, _limit: Limited) -> HTMLResponse:
    """Mail the confirmation link; nothing is filed until the address is confirmed."""
    chosen = _kind(kind)
    lang = page_lang(request)
    values = {k: v for k, v in received.items() if isinstance(v, str) and k != "csrf"}
    if any(len(v) > FIELD_LIMIT for v in values.values()):
        return _form_page(request, declared, chosen, 422, TOO_LONG(lang, limit=FIELD_LIMIT), values)
    known = {a.id for a in consent_activities(declared)}
    try:
        form = RequestForm(kind=chosen, email=values.get("email", "").strip(), name=values.get("name") or None,
                           lang=lang, details=request_details(chosen, received, known))
    except ValidationError as error:
        problems = problems_of(error)
        return _form_page(request, declared, chosen, 422, BAD_FORM(lang, problems=problems), values)
    flows.submit(settings, declared, form, _base(request), engine)
    return render(request, "center/sent.html.j2", email=str(form.email))


@router.get("/confirm/{token}", response_class=HTMLResponse)
def confirm_page(token: str, request: Request, settings: SettingsDep, _limit: Limited) -> HTMLResponse:
    """Ask to confirm: a GET files nothing, since mail scanners follow links."""
    form, _ = flows.pending(settings, token)
    return render(request, "center/confirm.html.j2", right=RIGHTS[form.kind], token=token)


@router.post("/confirm/{token}", response_class=HTMLResponse)
def confirm(token: str, request: Request, engine: EngineDep, settings: SettingsDep, declared: DeclaredDep,
            _csrf: CsrfProtected, _limit: Limited) -> HTMLResponse:
    """File the request (once) and mail the link to follow it."""
    filed = flows.confirm(engine, settings, declared, token, _base(request))
    return render(request, "center/confirmed.html.j2", ref=filed.ref, new=filed.new)


@router.get("/status/{token}", response_class=HTMLResponse)
def status(token: str, request: Request, engine: EngineDep, settings: SettingsDep, _limit: Limited) -> HTMLResponse:
    """Where a request stands, with its deadlines and, once answered, its files."""
    state = flows.status(engine, settings, token)
    return render(request, "center/status.html.j2", state=state, right=RIGHTS.get(state.request.kind),
                  token=token, sent=False)


@router.post("/status/{token}/download-link", response_class=HTMLResponse)
def download_link(token: str, request: Request, engine: EngineDep, settings: SettingsDep, _csrf: CsrfProtected,
                  _limit: Limited) -> HTMLResponse:
    """Mail a download link, valid an hour, to the address the request came from."""
    flows.send_download_link(engine, settings, token, _base(request))
    state = flows.status(engine, settings, token)
    return render(request, "center/status.html.j2", state=state, right=RIGHTS.get(state.request.kind),
                  token=token, sent=True)


@router.get("/download/{token}", response_class=HTMLResponse)
def downloads(token: str, request: Request, settings: SettingsDep, _limit: Limited) -> HTMLResponse:
    """The files waiting for the person; each is handed over by a button (a GET hands over nothing)."""
    ref, files, expires = flows.downloads(settings, token)
    return render(request, "center/download.html.j2", ref=ref, files=files, expires=expires, token=token)


@router.post("/download/{token}/{name}")
def download(token: str, name: str, engine: EngineDep, settings: SettingsDep, _csrf: CsrfProtected,
             _limit: Limited) -> Response:
    """One file, handed over once, then deleted from the server."""
    content = flows.download(engine, settings, token, name)
    media = {"json": "application/json", "html": "text/html; charset=utf-8", "zip": "application/zip",
             "csv": "text/csv; charset=utf-8"}.get(name.rsplit(".", 1)[-1], "application/octet-stream")
    return Response(content, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"',
                                                        "Cache-Control": "no-store"})


@router.get("/preferences", response_class=HTMLResponse)
def preferences_form(request: Request) -> HTMLResponse:
    """Ask for the address to mail a preferences link to."""
    return render(request, "center/preferences_ask.html.j2", sent=False)


@router.post("/preferences", response_class=HTMLResponse)
def preferences_ask(request: Request, engine: EngineDep, settings: SettingsDep, declared: DeclaredDep,
                    background: BackgroundTasks, received: CheckedForm, _limit: Limited) -> HTMLResponse:
    """Mail the link, after the answer, if someone has this address; the page says the same, as fast, either way."""
    email = str(received.get("email") or "").strip()[:320]
    if "@" in email:
        written = flows.preferences_letter(engine, settings, declared, email, page_lang(request), _base(request))
        background.add_task(flows.queue_preferences_letter, engine, settings, written)
    return render(request, "center/preferences_ask.html.j2", sent=True)


@router.get("/preferences/{token}", response_class=HTMLResponse)
def preferences(token: str, request: Request, engine: EngineDep, settings: SettingsDep, declared: DeclaredDep,
                _limit: Limited) -> HTMLResponse:
    """The person's marketing choices, each to give or withdraw."""
    lang = page_lang(request)
    shown = flows.preferences(engine, settings, declared, token)
    rows = [(p, wording(declared, lang, p.purpose, p.channel)) for p in shown]
    return render(request, "center/preferences.html.j2", rows=rows, token=token, channels=CHANNELS,
                  saved=request.query_params.get("saved") == "1")


@router.post("/preferences/{token}")
def set_preference(token: str, request: Request, engine: EngineDep, settings: SettingsDep,
                   declared: DeclaredDep, received: CheckedForm, _limit: Limited) -> RedirectResponse:
    """Give or withdraw one consent, with the words the page showed, then show the page again."""
    lang = page_lang(request)
    purpose, channel = str(received.get("purpose", "")), str(received.get("channel", ""))
    give = received.get("state") == "given"
    flows.set_preference(engine, settings, declared, token, purpose=purpose, channel=channel, give=give,
                         wording=wording(declared, lang, purpose, channel),
                         lang=lang)
    return RedirectResponse(f"/preferences/{token}?saved=1", status_code=303)


@router.get("/cookies", response_class=HTMLResponse)
def cookies(request: Request) -> HTMLResponse:
    """Cookie preferences: the organisation's banner, opened again."""
    return render(request, "center/cookies.html.j2")
