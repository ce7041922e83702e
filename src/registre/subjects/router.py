"""The subject API: a person's file in the store, each read audited."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends

from registre.context import Context
from registre.staff.policy import Duty
from registre.subjects import flows
from registre.subjects.flows import ONLY_EVENTS
from registre.web.deps import context_for

router = APIRouter(prefix="/api/subjects", tags=["subjects"])
Subjects = Annotated[Context, Depends(context_for(Duty.subjects))]


@router.get("/{who}")
def show(who: str, ctx: Subjects) -> dict[str, Any]:
    """A subject's identifiers, records and events, by reference or `kind:value`: only the records of the
    activities that list the caller's role as a recipient; the read is audited."""
    return flows.show(ctx, who).as_dict()


@router.get("/{who}/events")
def events(who: str, ctx: Subjects) -> dict[str, Any]:
    """A subject's lifecycle events (for a limited role, those its activities' retention runs from); audited."""
    return flows.show(ctx, who, ONLY_EVENTS).as_dict()


@router.get("/{who}/restrictions")
def restrictions(who: str, ctx: Subjects) -> dict[str, Any]:
    """What the organisation's systems must respect for a person (restrictions, objections, withdrawn consents,
    legal holds), by reference or `kind:value`: the API a connected system asks before using someone's data. A
    limited role sees those on every activity and on its own."""
    return flows.restrictions(ctx, who)
