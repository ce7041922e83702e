"""The HTTP application: `create_app(settings)` builds it; the store's engine is made in its lifespan."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from registre import __version__
from registre.audit.router import router as audit_router
from registre.breaches.router import router as breaches_router
from registre.config import Settings
from registre.db.session import make_engine, upgrade
from registre.declarations.service import load
from registre.rights.router import router as rights_router
from registre.subjects.router import router as subjects_router
from registre.web import handlers


def create_app(settings: Settings) -> FastAPI:
    """The API, with its routes, its error handler, and a store migrated at start-up."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        engine = make_engine(settings.store_url)
        upgrade(engine)
        app.state.engine = engine
        app.state.declared = load(settings.declaration) if settings.declaration else None
        yield
        engine.dispose()

    app = FastAPI(title="registre", version=__version__, lifespan=lifespan,
                  description="Rights requests, the subject store and the audit log of registre.")
    app.state.settings = settings
    handlers.install(app)
    app.include_router(rights_router)
    app.include_router(subjects_router)
    app.include_router(audit_router)
    app.include_router(breaches_router)
    return app
