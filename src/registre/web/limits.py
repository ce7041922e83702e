"""Input limits at the edge, one place for every door of the web (API, forms, the banner's proofs): no NUL
character anywhere in what a client sends as text, and integers of the query string within their column's range
(`Offset`, `Limit`, `BeforeId`: the bounds themselves are in `registre.kit.limits`, shared with the CLI and the
schemas of request bodies and imports, so that 2^31 or 2^63 is answered 422 naming the field).

PostgreSQL refuses a NUL in text, SQLite keeps it, and a document or a letter would carry it on: a NUL is never
data. The middleware reads the path, the query string and every text body (JSON, plain text, form fields; not file
uploads, whose importers check their own content) and answers 422 in plain words before any route runs, so that
one client's NUL never reaches a transaction shared with another's.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import FastAPI, Query
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from registre.errors import InvalidInput
from registre.i18n import Msg
from registre.kit.limits import INT32_MAX
from registre.kit.paging import MAX_LIMIT
from registre.web.handlers import registre_error

NUL_INPUT = Msg(en="The request holds a NUL character (\\0), which no field accepts: nothing was recorded.",
                fr="La requête contient un caractère NUL (\\0), qu'aucun champ n'accepte : rien n'a été enregistré.")
Offset = Annotated[int, Query(ge=0, le=INT32_MAX, description="Skip this many items first.")]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="At most this many items.")]
BeforeId = Annotated[int | None, Query(ge=1, le=INT32_MAX, description="Only entries before this id.")]

_TEXT_BODIES = ("application/json", "text/", "application/x-www-form-urlencoded")
_NUL_FORMS = (b"\x00", b"\\u0000", b"%00")  # raw, escaped in JSON, encoded in a URL or a form


def has_nul(data: bytes) -> bool:
    """Whether `data` holds a NUL, raw, JSON-escaped or URL-encoded."""
    lowered = data.lower()
    return any(form in lowered for form in _NUL_FORMS)


class InputLimits:
    """The ASGI middleware that refuses a request carrying a NUL before any route sees it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Check the request, then hand it on with its body replayed."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("raw_path") or scope["path"].encode()
        if has_nul(path) or has_nul(scope.get("query_string", b"")):
            await self._refuse(scope, send)
            return
        content_type = dict(scope.get("headers", [])).get(b"content-type", b"").decode("latin-1").lower()
        if not content_type.startswith(_TEXT_BODIES):
            await self.app(scope, receive, send)
            return
        messages: list[Message] = []
        body = b""
        while True:
            message = await receive()
            messages.append(message)
            if message["type"] != "http.request":
                break
            body += message.get("body", b"")
            if not message.get("more_body", False):
                break
        if has_nul(body):
            await self._refuse(scope, send)
            return

        async def replay() -> Message:
            return messages.pop(0) if messages else await receive()

        await self.app(scope, replay, send)

    async def _refuse(self, scope: Scope, send: Send) -> None:
        async def nothing() -> dict[str, Any]:
            return {"type": "http.request", "body": b"", "more_body": False}

        request = Request(scope, nothing)
        response = await registre_error(request, InvalidInput(NUL_INPUT))
        await response(scope, nothing, send)


def install(app: FastAPI) -> None:
    """Add the input limits to every route of the app."""
    app.add_middleware(InputLimits)
