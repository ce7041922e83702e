"""The audit API: verify the chain."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from pydantic import BaseModel

from registre.audit import flows
from registre.context import Context
from registre.staff.policy import Duty
from registre.web.deps import context_for

router = APIRouter(prefix="/api/audit", tags=["audit"])
Audit = Annotated[Context, Depends(context_for(Duty.audit))]


class VerificationRead(BaseModel):
    """The result of checking the chain."""

    ok: bool
    checked: int
    first_bad: int | None
    problem: str | None


@router.get("/verify")
def verify(ctx: Audit) -> VerificationRead:
    """Verify the hash chain; name the first entry altered, removed or reordered."""
    result = flows.verify(ctx)
    return VerificationRead(ok=result.ok, checked=result.checked, first_bad=result.first_bad, problem=result.problem)
