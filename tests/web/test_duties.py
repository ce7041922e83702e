"""Each API route names the duty its caller's role needs; nothing under /api answers a staff member without one."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from fastapi import APIRouter
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from registre import app as app_module
from registre.staff.policy import Duty
from registre.web.deps import acting_for

EXPECTED = {"/api/requests": Duty.requests, "/api/subjects": Duty.subjects, "/api/consent": Duty.consent,
            "/api/history": Duty.consent, "/api/marketing": Duty.consent, "/api/breaches": Duty.breaches,
            "/api/audit": Duty.audit}


def _calls(dependant: Dependant) -> Iterator[Callable[..., Any]]:
    for sub in dependant.dependencies:
        if sub.call is not None:
            yield sub.call
        yield from _calls(sub)


def _api_routes() -> list[APIRoute]:
    routers = [value for value in vars(app_module).values() if isinstance(value, APIRouter)]
    return [r for router in routers for r in router.routes if isinstance(r, APIRoute) and r.path.startswith("/api")]


def test_every_api_route_needs_exactly_the_duty_of_its_part_of_the_api() -> None:
    by_check = {acting_for(duty): duty for duty in Duty}
    routes = _api_routes()
    assert len(routes) > 25
    for route in routes:
        duties = {by_check[call] for call in _calls(route.dependant) if call in by_check}
        part = next(prefix for prefix in EXPECTED if route.path == prefix or route.path.startswith(prefix + "/"))
        assert duties == {EXPECTED[part]}, route.path
