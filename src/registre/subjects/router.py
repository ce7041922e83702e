"""The subject API: a person's file in the store, each read audited."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends

from registre.context import Actor
from registre.db.session import unit_of_work
from registre.staff.policy import Duty, visible, visible_restrictions
from registre.subjects import service
from registre.web.deps import EngineDep, PolicyDep, acting_for

router = APIRouter(prefix="/api/subjects", tags=["subjects"])
StaffActor = Annotated[Actor, Depends(acting_for(Duty.subjects))]


@router.get("/{who}")
def show(who: str, engine: EngineDep, actor: StaffActor, policy: PolicyDep) -> dict[str, Any]:
    """A subject's identifiers, records and events, by reference or `kind:value`: only the records of the
    activities that list the caller's role as a recipient; the read is audited."""
    with unit_of_work(engine) as session:
        file = service.read(session, service.locate(session, who), actor=actor.name)
        return visible(policy, actor.role, file).as_dict()


@router.get("/{who}/events")
def events(who: str, engine: EngineDep, actor: StaffActor, policy: PolicyDep) -> dict[str, Any]:
    """A subject's lifecycle events (for a limited role, those its activities' retention runs from); audited."""
    with unit_of_work(engine) as session:
        parts: tuple[service.Part, ...] = ("events",)
        file = service.read(session, service.locate(session, who), actor=actor.name, parts=parts)
        return visible(policy, actor.role, file).as_dict()


@router.get("/{who}/restrictions")
def restrictions(who: str, engine: EngineDep, actor: StaffActor, policy: PolicyDep) -> dict[str, Any]:
    """What the organisation's systems must respect for a person (restrictions, objections, withdrawn consents,
    legal holds), by reference or `kind:value`: the API a connected system asks before using someone's data. A
    limited role sees those on every activity and on its own."""
    with unit_of_work(engine) as session:
        found = service.restrictions(session, service.locate(session, who), actor=actor.name)
    return visible_restrictions(policy, actor.role, found)
