"""One handler for every error: a `RegistreError` becomes JSON with its code and plain words, never a traceback."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from registre.errors import RegistreError
from registre.i18n import lang_or_default


async def registre_error(request: Request, error: Exception) -> JSONResponse:
    """Answer a user's mistake in the language the client accepts."""
    assert isinstance(error, RegistreError)
    lang = lang_or_default(request.headers.get("accept-language"), request.app.state.settings.lang)
    return JSONResponse(error.as_dict(lang), status_code=error.status_code)


def install(app: FastAPI) -> None:
    """Register the error handler on the app."""
    app.add_exception_handler(RegistreError, registre_error)
