"""The cookie banner's doors: its script, its configuration, the proof it posts, and the demo page.

These routes are public (a visitor's browser calls them, from the organisation's own site): they answer with
`Access-Control-Allow-Origin: *`, and the proof is posted as `text/plain` so that no preflight is needed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse, JSONResponse
from pydantic import ValidationError

from registre.banner import config as banner_config
from registre.consent import flows
from registre.consent.schemas import CookieChoice
from registre.errors import InvalidInput, problems_of
from registre.i18n import Lang, Msg
from registre.web.deps import declared_of, engine_of, settings_of

router = APIRouter(prefix="/banner", tags=["banner"])

STATIC = Path(__file__).parent / "static"
EXAMPLES = Path(__file__).parent.parent / "examples"
OPEN = {"Access-Control-Allow-Origin": "*"}
BAD_PROOF = Msg(en="The proof is not valid: {problems}", fr="La preuve n'est pas valide : {problems}")


def _config(request: Request, lang: Lang) -> tuple[dict[str, Any], str]:
    """The banner's configuration in `lang` and the exact wording it shows, built once per app and language."""
    cache: dict[str, tuple[dict[str, Any], str]] | None = getattr(request.app.state, "banner_configs", None)
    if cache is None:
        cache = request.app.state.banner_configs = {}
    if lang not in cache:
        shown = banner_config.build(declared_of(request), settings_of(request), lang)
        cache[lang] = shown, banner_config.wording(shown)
    return cache[lang]


@router.get("/banner.js", include_in_schema=False)
def script() -> FileResponse:
    """The banner's script."""
    return FileResponse(STATIC / "banner.js", media_type="text/javascript; charset=utf-8",
                        headers={**OPEN, "Cache-Control": "public, max-age=300"})


@router.get("/banner.css", include_in_schema=False)
def stylesheet() -> FileResponse:
    """The banner's stylesheet, which the script links to."""
    return FileResponse(STATIC / "banner.css", media_type="text/css; charset=utf-8",
                        headers={**OPEN, "Cache-Control": "public, max-age=300"})


@router.get("/config")
def config(request: Request, lang: str = "fr") -> JSONResponse:
    """What the banner shows, in French or English: categories, texts, the version its choice is kept for."""
    chosen: Lang = "fr" if lang.lower().startswith("fr") else "en"
    return JSONResponse(_config(request, chosen)[0], headers={**OPEN, "Cache-Control": "no-cache"})


async def proof(request: Request) -> JSONResponse:
    """Keep a visitor's choice as anonymous proof (consent id, choices, notice version, server time)."""
    try:
        choice = CookieChoice.model_validate_json(await request.body())
    except ValidationError as error:
        problems = problems_of(error)
        raise InvalidInput(BAD_PROOF, problems=problems) from None
    shown, wording = _config(request, choice.lang)
    done = await run_in_threadpool(flows.record_choice, engine_of(request), shown, choice,
                                   keep_months=settings_of(request).consent_proof_months, wording=wording)
    return JSONResponse(done, status_code=201, headers=OPEN)


# A plain Starlette route: FastAPI's dependency machinery would cost as much as the proof itself.
router.add_route(f"{router.prefix}/proof", proof, methods=["POST"], include_in_schema=False)


@router.options("/proof", include_in_schema=False)
def preflight() -> Response:
    """Let a site post the proof as JSON too."""
    return Response(status_code=204, headers={**OPEN, "Access-Control-Allow-Methods": "POST",
                                              "Access-Control-Allow-Headers": "Content-Type"})


@router.get("/demo", include_in_schema=False)
def demo() -> FileResponse:
    """The demo page of Le Nappage, with a tracker behind the banner (examples/le-nappage.demo.html)."""
    return FileResponse(EXAMPLES / "le-nappage.demo.html", media_type="text/html; charset=utf-8")


@router.get("/demo/tracker.js", include_in_schema=False)
def demo_tracker() -> FileResponse:
    """The demo's stand-in tracker: it runs only once the banner lets it."""
    return FileResponse(EXAMPLES / "le-nappage.tracker.js", media_type="text/javascript; charset=utf-8")
