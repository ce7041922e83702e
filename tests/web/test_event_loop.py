"""No page or API route blocks the server's event loop with the store's blocking calls: a route is a plain `def`,
which FastAPI runs in its thread pool, or an `async def` that hands its work to that pool."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from registre.app import create_app
from registre.config import Settings
from tests.conftest import MINIMAL

# Each reads its body as bytes, then runs the import or the proof with `run_in_threadpool`.
HANDS_OVER = {"registre.banner.router.proof", "registre.history.router.import_history"}


def endpoints(routes: Iterable[Any]) -> Iterator[Callable[..., Any]]:
    """Every route's endpoint, through the routers the app includes."""
    for route in routes:
        if hasattr(route, "original_router"):
            yield from endpoints(route.original_router.routes)
        elif getattr(route, "endpoint", None) is not None:
            yield route.endpoint


def test_only_routes_that_hand_their_work_to_the_thread_pool_are_coroutines(tmp_path: Path) -> None:
    app = create_app(Settings(data_dir=tmp_path, declaration=MINIMAL))
    found = {f"{e.__module__}.{e.__qualname__}": e for e in endpoints(app.routes)}
    assert "registre.web.center.router.send_request" in found  # the privacy center's forms are there
    coroutines = {name for name, endpoint in found.items() if inspect.iscoroutinefunction(endpoint)
                  and name.startswith("registre.")}
    assert coroutines == HANDS_OVER
    for name in HANDS_OVER:
        assert "await run_in_threadpool(" in inspect.getsource(found[name])
