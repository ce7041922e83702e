"""The back office's staff accounts page, the DPO's alone: open an account, close or reopen one, give a new
password or another role; the last active DPO account cannot be closed nor lose its role."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from registre.errors import NotFound, RegistreError
from registre.i18n import Msg
from registre.staff import flows as staff
from registre.staff.policy import Duty
from registre.web import security
from registre.web.backoffice.router import _actor, _page, _see_other
from registre.web.deps import page_context, policy_of
from registre.web.templating import page_lang

router = APIRouter(prefix="/staff/accounts", include_in_schema=False)

DONE = {"added": Msg(en="The account is open.", fr="Le compte est ouvert."),
        "disabled": Msg(en="The account is closed: it can no longer sign in.",
                        fr="Le compte est fermé : il ne peut plus se connecter."),
        "enabled": Msg(en="The account is open again.", fr="Le compte est rouvert."),
        "password": Msg(en="The password is changed; the account's sessions are closed.",
                        fr="Le mot de passe est changé ; les sessions du compte sont fermées."),
        "role": Msg(en="The role is changed; the account's sessions are closed.",
                    fr="Le rôle est changé ; les sessions du compte sont fermées.")}


def _accounts_page(request: Request, status_code: int = 200, **context: Any) -> HTMLResponse:
    actor = _actor(request, Duty.dpo)
    roles = policy_of(request).roles()
    context = {"done": None, "error": None, **context}
    return _page(request, "accounts.html.j2", actor, status_code=status_code,
                 accounts=staff.accounts(page_context(request, actor)), roles=roles, **context)


@router.get("")
def accounts(request: Request, done: str | None = None) -> HTMLResponse:
    """Every account with its role and state, and the forms to manage them."""
    return _accounts_page(request, done=DONE[done](page_lang(request)) if done in DONE else None)


@router.post("")
def add(request: Request, _: security.CsrfProtected, email: Annotated[str, Form(max_length=254)],
        role: Annotated[str, Form(max_length=80)], password: Annotated[str, Form(max_length=1024)]) -> Response:
    """Open an account."""
    ctx = page_context(request, _actor(request, Duty.dpo))
    try:
        staff.add(ctx, email=email, role=role, password=password)
    except RegistreError as error:
        return _accounts_page(request, status_code=error.status_code, error=error.text(page_lang(request)))
    return _see_other("/staff/accounts?done=added")


@router.post("/{email}/{step}")
def change(request: Request, email: str, step: str, _: security.CsrfProtected,
           password: Annotated[str, Form(max_length=1024)] = "",
           role: Annotated[str, Form(max_length=80)] = "") -> Response:
    """Close, reopen, give a new password or another role."""
    ctx = page_context(request, _actor(request, Duty.dpo))
    try:
        if step == "disabled":
            staff.disable(ctx, email)
        elif step == "enabled":
            staff.enable(ctx, email)
        elif step == "password":
            staff.reset_password(ctx, email, password)
        elif step == "role":
            staff.change_role(ctx, email, role)
        else:
            raise NotFound(Msg(en="No such step.", fr="Étape inconnue."))
    except NotFound:
        raise
    except RegistreError as error:
        return _accounts_page(request, status_code=error.status_code, error=error.text(page_lang(request)))
    return _see_other(f"/staff/accounts?done={step}")
