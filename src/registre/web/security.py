"""What protects the pages: security headers, CSRF tokens, rate limits, and signed expiring tokens.

API:

    install(app)                          adds the security-headers middleware (CSP without inline scripts,
                                          frame-ancestors 'none', nosniff, Referrer-Policy, Permissions-Policy,
                                          HSTS outside development); /banner/ is left to the embedding site
    signed(value, purpose, max_age, *, secret) -> str
    unsigned(token, purpose, *, secret) -> str
                                          (from registre.kit.signing, which the domains use too)
                                          an HMAC-SHA256 token for `value` that only `purpose` accepts, valid
                                          `max_age` seconds (None: forever); `unsigned` raises InvalidToken
                                          (an InvalidInput, 422) when the token is forged, altered, for another
                                          purpose, or expired
    secret_of(request) -> str             settings.secret_key of the app
    csrf_token(request) -> str            the token a form sends back in its `csrf` field (templates get it
                                          as `csrf`): tied to the staff session cookie when there is one,
                                          else to the `registre_csrf` cookie (double submit)
    attach_csrf_cookie(request, response) sets that cookie if csrf_token had to make one (render() does it)
    CsrfProtected, check_csrf(request)    a dependency for POST routes: refuses (403) a missing or wrong token,
                                          read from the form field `csrf` or the `X-CSRF-Token` header
    CheckedForm, checked_form(request)    the same check, giving the posted form: a route that reads its form
                                          itself stays a plain `def` (run in the thread pool, never blocking)
    RateLimit(limit=None, window=60)      a dependency: at most `limit` calls (default settings.rate_limit) per
                                          client address and route in `window` seconds, else 429
    SESSION_COOKIE                        the staff session cookie's name (set by registre.staff)
    cookie_secure(request) -> bool        whether cookies are Secure (everywhere but development)
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections import defaultdict, deque
from typing import Annotated

from fastapi import Depends, FastAPI, Request, Response
from starlette.datastructures import FormData
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from registre.errors import RegistreError
from registre.i18n import Msg
from registre.kit.signing import InvalidToken as InvalidToken
from registre.kit.signing import signed as signed
from registre.kit.signing import unsigned as unsigned

SESSION_COOKIE = "registre_session"
CSRF_COOKIE = "registre_csrf"
CSRF_FIELD = "csrf"
CSRF_HEADER = "x-csrf-token"

BAD_CSRF = Msg(en="This form was not sent from our page (or the page is too old): reload it and try again.",
               fr="Ce formulaire n'a pas été envoyé depuis notre page (ou la page est trop ancienne) : rechargez-la "
                  "et réessayez.")
TOO_MANY = Msg(en="Too many attempts from your address: please wait a minute and try again.",
               fr="Trop de tentatives depuis votre adresse : veuillez patienter une minute et réessayer.")


class CsrfRefused(RegistreError):
    """A form that does not carry the token of the page it came from."""

    code = "csrf_refused"
    status_code = 403


class TooManyRequests(RegistreError):
    """Too many calls from one address to one route."""

    code = "too_many_requests"
    status_code = 429


def secret_of(request: Request) -> str:
    """The key that signs this app's tokens."""
    key: str = request.app.state.settings.secret_key.get_secret_value()
    return key


def cookie_secure(request: Request) -> bool:
    """Cookies are Secure everywhere but in development (where the server is often plain http on loopback)."""
    env: str = request.app.state.settings.env
    return env != "development"


# --- CSRF -----------------------------------------------------------------------------------------------------

def _csrf_binding(request: Request) -> str:
    """What a form token is tied to: the staff session, else the double-submit cookie (made if missing)."""
    session = request.cookies.get(SESSION_COOKIE)
    if session:
        return "s:" + hashlib.sha256(session.encode()).hexdigest()
    cookie = request.cookies.get(CSRF_COOKIE) or getattr(request.state, "new_csrf_cookie", None)
    if not cookie:
        cookie = secrets.token_urlsafe(24)
        request.state.new_csrf_cookie = cookie
    return "c:" + cookie


def csrf_token(request: Request) -> str:
    """The token a form of this page sends back."""
    return signed(_csrf_binding(request), "csrf", None, secret=secret_of(request))


def attach_csrf_cookie(request: Request, response: Response) -> None:
    """Set the double-submit cookie that `csrf_token` made for this reader, if it made one."""
    cookie = getattr(request.state, "new_csrf_cookie", None)
    if cookie:
        response.set_cookie(CSRF_COOKIE, cookie, httponly=True, samesite="lax", secure=cookie_secure(request))


async def check_csrf(request: Request) -> None:
    """Refuse a state-changing call whose token is missing or tied to another session or cookie."""
    given = request.headers.get(CSRF_HEADER)
    if not given:
        form = await request.form()  # Starlette keeps the parsed form: the route's Form fields still read it
        value = form.get(CSRF_FIELD)
        given = value if isinstance(value, str) else None
    if not given or (not request.cookies.get(SESSION_COOKIE) and not request.cookies.get(CSRF_COOKIE)):
        raise CsrfRefused(BAD_CSRF)
    try:
        bound = unsigned(given, "csrf", secret=secret_of(request))
    except InvalidToken:
        raise CsrfRefused(BAD_CSRF) from None
    if not hmac.compare_digest(bound.encode(), _csrf_binding(request).encode()):
        raise CsrfRefused(BAD_CSRF)


CsrfProtected = Annotated[None, Depends(check_csrf)]


async def checked_form(request: Request) -> FormData:
    """The posted form, once its CSRF token is checked: read here, on the event loop, so that the route can be a
    plain `def` that FastAPI runs in its thread pool with the store's blocking calls."""
    await check_csrf(request)
    return await request.form()


CheckedForm = Annotated[FormData, Depends(checked_form)]


# --- rate limits ----------------------------------------------------------------------------------------------

class RateLimit:
    """At most `limit` calls per client address and route in `window` seconds: shared by every process where the
    app has shared counts (`app.state.limits`: Redis, or the store on PostgreSQL), else in memory, per process."""

    def __init__(self, limit: int | None = None, window: float = 60.0) -> None:
        self.limit = limit
        self.window = window
        self._calls: defaultdict[tuple[int, str, str], deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def __call__(self, request: Request) -> None:
        """Count this call; refuse it (429) past the limit."""
        limit: int = self.limit if self.limit is not None else request.app.state.settings.rate_limit
        route = getattr(request.scope.get("route"), "path", request.url.path)
        # per app too: two apps in one process (tests, or a mounted sub-app) do not share their counts
        key = (id(request.app), request.client.host if request.client else "?", f"{request.method} {route}")
        shared = getattr(request.app.state, "limits", None)
        if shared is not None:  # every process counts in one place
            seconds = int(self.window)
            window = int(time.time()) // seconds * seconds
            if shared.hit(f"{key[1]} {key[2]}", window, seconds) > limit:
                raise TooManyRequests(TOO_MANY)
            return
        now = time.monotonic()
        with self._lock:
            calls = self._calls[key]
            while calls and calls[0] <= now - self.window:
                calls.popleft()
            if len(calls) >= limit:
                raise TooManyRequests(TOO_MANY)
            calls.append(now)
            if len(self._calls) > 10_000:  # forget idle clients so that memory stays bounded
                for stale in [k for k, v in self._calls.items() if not v or v[-1] <= now - self.window]:
                    del self._calls[stale]


# --- security headers -----------------------------------------------------------------------------------------

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'")
# /docs and /redoc load Swagger UI and ReDoc from this server (registre.web.apidocs) with an inline start-up script.
DOCS_CSP = ("default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data:; font-src 'self'; worker-src 'self' blob:; frame-ancestors 'none'")
COMMON = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"same-origin"),
          (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()")]
HSTS = (b"strict-transport-security", b"max-age=63072000; includeSubDomains")


class SecurityHeaders:
    """An ASGI middleware that adds the security headers to every HTTP answer."""

    def __init__(self, app: ASGIApp, *, hsts: bool) -> None:
        self.app = app
        self.hsts = hsts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the call on; add the headers to the answer's start."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        extra = list(COMMON)
        if path.startswith("/banner/"):
            pass  # the banner runs inside the organisation's own pages, under their policy
        elif path in ("/docs", "/redoc", "/docs/oauth2-redirect"):
            extra.append((b"content-security-policy", DOCS_CSP.encode()))
        else:
            extra += [(b"content-security-policy", CSP.encode()), (b"x-frame-options", b"DENY")]
        if self.hsts:
            extra.append(HSTS)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []), *(h for h in extra if h[0] not in present)]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def install(app: FastAPI) -> None:
    """Add the security headers to every answer of the app (HSTS outside development)."""
    app.add_middleware(SecurityHeaders, hsts=app.state.settings.env != "development")
