"""One handler for every error: a `RegistreError` becomes JSON with its code and plain words for the API, and a
page in the reader's language for a browser, never a traceback; an unknown path, a method not allowed, a form
that does not validate and an unexpected failure are answered the same way. `HEAD` is answered wherever `GET` is."""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from registre.errors import RegistreError
from registre.i18n import Lang, Msg, lang_or_default

TITLES = {401: Msg(en="Please sign in", fr="Veuillez vous connecter"),
          403: Msg(en="Not allowed", fr="Action non autorisée"),
          404: Msg(en="Page not found", fr="Page introuvable"),
          405: Msg(en="Not possible here", fr="Impossible ici"),
          429: Msg(en="Too many attempts", fr="Trop de tentatives"),
          500: Msg(en="Something went wrong on our side", fr="Une erreur s'est produite de notre côté")}
PROBLEM = Msg(en="Something is not right", fr="Quelque chose ne va pas")
DETAILS = {404: Msg(en="There is no page at this address. Check the address, or start again from the home page.",
                    fr="Il n'y a pas de page à cette adresse. Vérifiez l'adresse, ou repartez de la page d'accueil."),
           405: Msg(en="This address does not take this kind of request.",
                    fr="Cette adresse n'accepte pas ce type de requête."),
           422: Msg(en="The form is incomplete or a value is not valid: {what}",
                    fr="Le formulaire est incomplet ou une valeur n'est pas valide : {what}"),
           500: Msg(en="The error was logged. Try again later; if it lasts, contact the organisation.",
                    fr="L'erreur est consignée. Réessayez plus tard ; si elle persiste, contactez l'organisme.")}
CODES = {404: "not_found", 405: "method_not_allowed", 422: "invalid_input", 500: "internal_error"}
log = logging.getLogger("registre.web")


def _wants_page(request: Request) -> bool:
    """A browser on a page, not a program on the API."""
    return not request.url.path.startswith("/api") and "text/html" in request.headers.get("accept", "")


def _api_lang(request: Request) -> Lang:
    return lang_or_default(request.headers.get("accept-language"), request.app.state.settings.lang)


def _page(request: Request, status: int, detail: str) -> Response:
    from registre.web.templating import render  # pages only: the API never loads Jinja2

    back = "/staff" if request.url.path.startswith("/staff") else "/"
    return render(request, "error.html.j2", status_code=status, title=TITLES.get(status, PROBLEM), detail=detail,
                  back=back)


async def registre_error(request: Request, error: Exception) -> Response:
    """Answer a user's mistake in the language the client accepts."""
    assert isinstance(error, RegistreError)
    if _wants_page(request):
        if error.status_code == 401 and request.url.path.startswith("/staff"):
            return RedirectResponse(f"/staff/login?{urlencode({'next': request.url.path})}", status_code=303)
        from registre.web.templating import page_lang

        return _page(request, error.status_code, error.text(page_lang(request)))
    return JSONResponse(error.as_dict(_api_lang(request)), status_code=error.status_code)


def _answer(request: Request, status: int, **params: Any) -> Response:
    """A page or JSON for an error that is not a RegistreError, in the reader's language."""
    msg = DETAILS.get(status, PROBLEM)
    if _wants_page(request):
        from registre.web.templating import page_lang

        return _page(request, status, msg(page_lang(request), **params))
    lang = _api_lang(request)
    return JSONResponse({"error": CODES.get(status, "error"), "detail": msg(lang, **params)}, status_code=status)


async def http_error(request: Request, error: Exception) -> Response:
    """An unknown path or a method the path does not take."""
    assert isinstance(error, HTTPException)
    if error.status_code not in DETAILS:
        if _wants_page(request):
            return _page(request, error.status_code, str(error.detail))
        return JSONResponse({"error": "error", "detail": str(error.detail)}, status_code=error.status_code,
                            headers=error.headers)
    return _answer(request, error.status_code)


async def validation_error(request: Request, error: Exception) -> Response:
    """A body, form or query that does not validate: the API keeps FastAPI's detail list, a page says it in words."""
    assert isinstance(error, RequestValidationError)
    if _wants_page(request):
        what = "; ".join(".".join(str(p) for p in e.get("loc", ())[1:]) or str(e.get("msg")) for e in error.errors())
        return _answer(request, 422, what=what)
    return JSONResponse({"detail": _jsonable(error.errors())}, status_code=422)


def _jsonable(errors: Any) -> Any:
    from fastapi.encoders import jsonable_encoder

    return jsonable_encoder(errors)


async def unexpected(request: Request, error: Exception) -> Response:
    """A failure nobody meant: logged with its traceback, answered in words."""
    log.exception("unexpected error on %s %s", request.method, request.url.path, exc_info=error)
    return _answer(request, 500)


class HeadAsGet:
    """Answer `HEAD` wherever `GET` is answered: the same headers, no body (RFC 9110 §9.3.2)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Run the request as a GET and drop the body it sends."""
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                if not message.get("more_body", False):
                    await send({"type": "http.response.body", "body": b""})
                return
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)


def install(app: FastAPI) -> None:
    """Register the error handlers on the app."""
    app.add_exception_handler(RegistreError, registre_error)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(Exception, unexpected)
    app.add_middleware(HeadAsGet)
