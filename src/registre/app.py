"""The HTTP application: `create_app(settings)` builds it; the store's engine is made in its lifespan."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from registre import __version__
from registre.audit.router import router as audit_router
from registre.banner.router import router as banner_router
from registre.breaches.router import router as breaches_router
from registre.config import Settings, get_settings
from registre.consent.router import router as consent_router
from registre.db.session import make_engine, ready
from registre.declarations.service import load
from registre.history.router import router as history_router
from registre.jobs import queue
from registre.marketing.router import public as unsubscribe_router
from registre.marketing.router import router as marketing_router
from registre.rights.router import router as rights_router
from registre.subjects.router import router as subjects_router
from registre.web import apidocs, handlers, limits, ratelimits, security
from registre.web.backoffice.accounts import router as accounts_router
from registre.web.backoffice.breaches import router as backoffice_breaches_router
from registre.web.backoffice.people import router as people_router
from registre.web.backoffice.router import router as backoffice_router
from registre.web.center.router import router as center_router
from registre.web.templating import STATIC


def app_from_env() -> FastAPI:
    """The app on the settings of the environment (`REGISTRE_*`), for `gunicorn -k uvicorn.workers.UvicornWorker
    'registre.app:app_from_env()'` or `uvicorn --factory registre.app:app_from_env`."""
    return create_app(get_settings())


def create_app(settings: Settings) -> FastAPI:
    """The API, with its routes and its error handler, on a store checked at start-up to be at the newest schema
    (`registre db upgrade`); on SQLite it runs the jobs in process too."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        engine = make_engine(settings.store_url)
        ready(engine, create=settings.creates_store)
        app.state.engine = engine
        app.state.declared = load(settings.declaration) if settings.declaration else None
        app.state.limits = ratelimits.counter(settings, engine)
        app.state.jobs = jobs = queue.build(settings, engine)
        in_process = settings.jobs_in_process if settings.jobs_in_process is not None else not queue.shared(
            settings.store_url)
        async with jobs.open_async():
            worker = (asyncio.create_task(jobs.run_worker_async(
                queues=list(queue.QUEUES), concurrency=settings.worker_concurrency, install_signal_handlers=False,
                name="in-process")) if in_process else None)
            yield
            if worker is not None:
                worker.cancel()
                with suppress(asyncio.CancelledError):
                    await worker
        engine.dispose()

    app = FastAPI(title="registre", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Rights requests, the subject store and the audit log of registre.")
    app.state.settings = settings
    handlers.install(app)
    apidocs.install(app)
    security.install(app)
    limits.install(app)
    app.include_router(banner_router)  # first: the banner's proofs are the busiest route
    app.include_router(rights_router)
    app.include_router(subjects_router)
    app.include_router(audit_router)
    app.include_router(breaches_router)
    app.include_router(consent_router)
    app.include_router(history_router)
    app.include_router(marketing_router)
    app.include_router(unsubscribe_router)
    app.include_router(backoffice_router)
    app.include_router(backoffice_breaches_router)
    app.include_router(accounts_router)
    app.include_router(people_router)
    app.include_router(center_router)  # the public privacy center, at /
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app
