"""The back office's breach pages: the register with the 72-hour clock, one breach with its facts, the triage
questions and the notifications (the CNIL's text to file, the letters to the people), all through the breach
flows, for the roles whose duty is breaches."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import ValidationError

from registre.breaches import flows as breaches
from registre.breaches.schemas import Answers, Assessment, Exemption, NotificationCreate, NotificationKind, Risk
from registre.breaches.triage import QUESTIONS
from registre.errors import InvalidInput, NotFound, RegistreError
from registre.i18n import Msg
from registre.staff.policy import Duty
from registre.web import security
from registre.web.backoffice.router import _actor, _page, _see_other
from registre.web.deps import page_context
from registre.web.limits import Offset
from registre.web.templating import page_lang

router = APIRouter(prefix="/staff/breaches", include_in_schema=False)

DONE = {"assessed": Msg(en="The triage is recorded with its reasons.",
                        fr="L'évaluation est enregistrée avec ses motifs."),
        "initial": Msg(en="The notification to the CNIL is recorded: file the text below on the CNIL's site.",
                       fr="La notification à la CNIL est enregistrée : déposez le texte ci-dessous sur le site de "
                          "la CNIL."),
        "complementary": Msg(en="The complementary notification is recorded.",
                             fr="La notification complémentaire est enregistrée."),
        "subjects": Msg(en="The letters to the people affected are recorded and sent by email.",
                        fr="Les courriers aux personnes concernées sont enregistrés et envoyés par courriel."),
        "public": Msg(en="The public communication is recorded.", fr="La communication publique est enregistrée."),
        "draft": Msg(en="A draft: nothing was recorded nor sent.", fr="Un brouillon : rien n'est enregistré ni "
                                                                       "envoyé.")}
BAD_FORM = Msg(en="The form is not valid: {what}", fr="Le formulaire n'est pas valide : {what}")


@router.get("")
def breach_list(request: Request, offset: Offset = 0, current: bool = False) -> HTMLResponse:
    """Every breach (`current`: those ongoing or whose clock runs), a page at a time, those whose clock runs
    first."""
    actor = _actor(request, Duty.breaches)
    shown = breaches.page_breaches(page_context(request, actor), lang=page_lang(request), offset=offset,
                                   current=current)
    return _page(request, "breaches.html.j2", actor, breaches=shown, current=current)


def _breach_page(request: Request, ref: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    actor = _actor(request, Duty.breaches)
    ctx = page_context(request, actor)
    shown = breaches.show(ctx, ref, lang=page_lang(request))
    guessed = breaches.guessed_answers(ctx, ref) if ctx.declared is not None else Answers()
    answers = shown.triage.get("answers", guessed.model_dump()) if shown.triage else guessed.model_dump()
    context = {"done": None, "error": None, "text": None, "sent": [], "unsent": [], **context}
    return _page(request, "breach.html.j2", actor, status_code=status_code, b=shown, questions=QUESTIONS,
                 answers=answers, risks=list(Risk), exemptions=list(Exemption), kinds=list(NotificationKind),
                 **context)


@router.get("/{ref}")
def breach_detail(request: Request, ref: str, done: str | None = None) -> HTMLResponse:
    """One breach: its clock, facts, triage and notifications, with the forms to triage and notify."""
    said = DONE[done](page_lang(request)) if done in DONE else None
    return _breach_page(request, ref, done=said)


@router.post("/{ref}/assess")
def assess(request: Request, ref: str, form: security.CheckedForm) -> Response:
    """Record the triage: the answers to the questions, the level (the suggested one unless chosen) and reasons."""
    ctx = page_context(request, _actor(request, Duty.breaches))
    ctx.declaration()  # no declaration: refused before the form is read, as before
    lang = page_lang(request)
    try:
        assessment = Assessment(
            answers=Answers(**{name: form.get(name) == "yes" for name in QUESTIONS}),
            risk=Risk(str(form["risk"])) if form.get("risk") else None,
            exemptions=[Exemption(str(e)) for e in form.getlist("exemptions")],
            reasons=str(form.get("reasons") or "").strip()[:5000] or None)
        breaches.assess(ctx, ref, assessment, lang=lang)
    except NotFound:
        raise
    except (ValueError, ValidationError) as error:
        return _breach_page(request, ref, status_code=422, error=BAD_FORM(lang, what=str(error)))
    except RegistreError as error:
        return _breach_page(request, ref, status_code=error.status_code, error=error.text(lang))
    return _see_other(f"/staff/breaches/{ref}?done=assessed")


@router.post("/{ref}/notify")
def notify(request: Request, ref: str, _: security.CsrfProtected, kind: Annotated[NotificationKind, Form()],
           letter_lang: Annotated[str, Form(max_length=2)] = "fr",
           delay_reasons: Annotated[str, Form(max_length=5000)] = "",
           authority_ref: Annotated[str, Form(max_length=80)] = "",
           draft: Annotated[bool, Form()] = False) -> HTMLResponse:
    """Produce a notification (the CNIL's text, the letter to the people, the public text) and record it unless a
    draft; the page shows the text to file and where the letters went."""
    ctx = page_context(request, _actor(request, Duty.breaches))
    ctx.declaration()  # no declaration: refused before the form is read, as before
    lang = page_lang(request)
    try:
        if letter_lang not in ("fr", "en"):
            raise InvalidInput(BAD_FORM, what=letter_lang)
        made = breaches.notify(ctx, ref, NotificationCreate(
            kind=kind, lang="fr" if letter_lang == "fr" else "en", delay_reasons=delay_reasons.strip() or None,
            authority_ref=authority_ref.strip() or None, draft=draft), lang=lang)
    except NotFound:
        raise
    except RegistreError as error:
        return _breach_page(request, ref, status_code=error.status_code, error=error.text(lang))
    said = DONE["draft" if draft else kind.value](lang)
    return _breach_page(request, ref, done=said, text=made.text, sent=made.sent, unsent=made.unsent)
