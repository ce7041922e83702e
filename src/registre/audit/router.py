"""The audit API: verify the chain."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

from registre.audit import service
from registre.db.session import unit_of_work
from registre.web.deps import EngineDep, Staff

router = APIRouter(prefix="/api/audit", tags=["audit"])


class VerificationRead(BaseModel):
    """The result of checking the chain."""

    ok: bool
    checked: int
    first_bad: int | None
    problem: str | None


@router.get("/verify")
def verify(engine: EngineDep, _: Staff) -> VerificationRead:
    """Verify the hash chain; name the first entry altered, removed or reordered."""
    with unit_of_work(engine) as session:
        result = service.verify(session)
    return VerificationRead(ok=result.ok, checked=result.checked, first_bad=result.first_bad, problem=result.problem)
