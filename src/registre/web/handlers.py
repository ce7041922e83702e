"""One handler for every error: a `RegistreError` becomes JSON with its code and plain words for the API, and a
page in the reader's language for a browser, never a traceback."""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from registre.errors import RegistreError
from registre.i18n import Msg, lang_or_default

TITLES = {401: Msg(en="Please sign in", fr="Veuillez vous connecter"),
          403: Msg(en="Not allowed", fr="Action non autorisée"),
          404: Msg(en="Not found", fr="Introuvable"),
          429: Msg(en="Too many attempts", fr="Trop de tentatives")}
PROBLEM = Msg(en="Something is not right", fr="Quelque chose ne va pas")


def _wants_page(request: Request) -> bool:
    """A browser on a page, not a program on the API."""
    return not request.url.path.startswith("/api") and "text/html" in request.headers.get("accept", "")


async def registre_error(request: Request, error: Exception) -> Response:
    """Answer a user's mistake in the language the client accepts."""
    assert isinstance(error, RegistreError)
    if _wants_page(request):
        if error.status_code == 401 and request.url.path.startswith("/staff"):
            return RedirectResponse(f"/staff/login?{urlencode({'next': request.url.path})}", status_code=303)
        from registre.web.templating import page_lang, render  # pages only: the API never loads Jinja2

        title = TITLES.get(error.status_code, PROBLEM)
        back = "/staff" if request.url.path.startswith("/staff") else "/"
        return render(request, "error.html.j2", status_code=error.status_code, title=title,
                      detail=error.text(page_lang(request)), back=back)
    lang = lang_or_default(request.headers.get("accept-language"), request.app.state.settings.lang)
    return JSONResponse(error.as_dict(lang), status_code=error.status_code)


def install(app: FastAPI) -> None:
    """Register the error handler on the app."""
    app.add_exception_handler(RegistreError, registre_error)
