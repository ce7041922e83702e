"""Server-rendered pages: one Jinja2 environment for the privacy center and the back office.

API (what pages use):

    page_lang(request) -> Lang            the reader's language: ?lang=, then the `lang` cookie, then
                                          Accept-Language, then settings.lang
    render(request, name, status_code=200, **context) -> HTMLResponse
                                          renders a template; the context always has `request`, `lang`,
                                          `t` (Msg, declared label or {fr, en} dict -> text in `lang`),
                                          `csrf` (the form token, see security.csrf_token), `lang_url(lang)`
                                          (this page in another language), `static(path)`, and `staff` (the
                                          signed-in staff member or None, from request.state); a `?lang=`
                                          choice is remembered in the `lang` cookie
                                          `t` also reads an enum member (its label, registre.labels), and the
                                          context has `when(moment)`, `day(date)`, `hours(float)` (Paris time,
                                          the reader's language) and `activity(id)`, `category(id)`,
                                          `event(id)`, `subject_category(id)` (the names the app's declaration gives)
    text(value, lang) -> str              the same translation as `t`, for Python code

Templates: `base.html.j2` (from src/registre/web/templates) is the layout every page extends (blocks
`title`, `main`, and `nav` for the site's links); a door's own templates live in its package's `templates`
folder and are named with the package as prefix: `center/notice.html.j2` is
src/registre/web/center/templates/notice.html.j2, `backoffice/...` likewise. Static files are served at
/static from src/registre/web/static (registre.css).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from enum import StrEnum
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PrefixLoader, StrictUndefined, select_autoescape

from registre import labels
from registre.i18n import LANGS, Lang, Msg, lang_or_default

WEB = Path(__file__).parent
STATIC = WEB / "static"
LANG_COOKIE = "lang"
_YEAR = 365 * 24 * 3600

environment = Environment(
    loader=ChoiceLoader([
        FileSystemLoader(WEB / "templates"),
        PrefixLoader({door: FileSystemLoader(WEB / door / "templates") for door in ("center", "backoffice")}),
    ]),
    autoescape=select_autoescape(["html", "j2"], default_for_string=True),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def _chosen(value: str | None) -> Lang | None:
    return next((lang for lang in LANGS if value == lang), None)


def page_lang(request: Request) -> Lang:
    """The reader's language: an explicit choice (query, then cookie), then the browser's, then the default."""
    chosen = _chosen(request.query_params.get("lang")) or _chosen(request.cookies.get(LANG_COOKIE))
    if chosen:
        return chosen
    default: Lang = request.app.state.settings.lang
    return lang_or_default(request.headers.get("accept-language"), default)


def text(value: Any, lang: Lang, /, **params: Any) -> str:
    """A text in `lang`: a `Msg`, a declared label (a callable taking the language), or a `{fr, en}` mapping."""
    if isinstance(value, Msg):
        return value(lang, **params)
    if isinstance(value, StrEnum):
        return labels.label(value, lang)
    if isinstance(value, Mapping):
        chosen = str(value.get(lang) or next(iter(value.values()), ""))
        return chosen.format(**params) if params else chosen
    if callable(value):
        return str(value(lang))
    return "" if value is None else str(value)


def _lang_url(request: Request) -> Callable[[str], str]:
    def url(lang: str) -> str:
        query = {**request.query_params, "lang": lang}
        return f"{request.url.path}?{urlencode(query)}"
    return url


def _organisation(declared: Any) -> dict[str, Any]:
    """The organisation's name and contact, from the declaration, for the header and footer of every page."""
    if declared is None:
        return {"name": "registre", "email": None, "address": None}
    controller = declared.declaration.controller
    return {"name": controller.name, "email": controller.email, "address": controller.address}


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """A page: the template `name` rendered in the reader's language, with the helpers every page uses."""
    from registre.web import security  # security imports this module's neighbours only; keep the cycle lazy

    lang = page_lang(request)
    declared = getattr(request.app.state, "declared", None)
    html = environment.get_template(name).render(
        request=request, lang=lang, t=lambda value, **params: text(value, lang, **params),
        csrf=security.csrf_token(request), lang_url=_lang_url(request), static=lambda path: f"/static/{path}",
        staff=getattr(request.state, "staff", None), when=lambda value: labels.moment(value, lang),
        day=lambda value: labels.day(value, lang), hours=lambda value: labels.duration(value, lang),
        activity=lambda value: labels.activity(declared, value, lang),
        purpose=lambda value: labels.consent_purpose(declared, value, lang),
        channel=lambda value: labels.channel(value, lang),
        category=lambda value: labels.data_category(declared, value, lang),
        subject_category=lambda value: labels.subject_category(declared, value, lang),
        event=lambda value: labels.event(declared, value, lang), action=lambda value: labels.retention_action(
            str(value), lang), who=lambda value: labels.actor(value, lang), field=labels.field,
        word=lambda value: labels.word(str(value), lang), organisation=_organisation(declared), **context)
    response = HTMLResponse(html, status_code=status_code)
    if _chosen(request.query_params.get("lang")) and request.cookies.get(LANG_COOKIE) != lang:
        response.set_cookie(LANG_COOKIE, lang, max_age=_YEAR, samesite="lax", httponly=True)
    security.attach_csrf_cookie(request, response)
    return response
