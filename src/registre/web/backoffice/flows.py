"""The back office's flows that gather several domains on one page (the dashboard, a person's page): each part
read through its domain, and only the parts the acting role's duties allow."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from registre.audit import flows as audit
from registre.audit.service import Verification
from registre.breaches import flows as breaches
from registre.breaches.schemas import BreachRead
from registre.consent import flows as consent
from registre.context import DPO, Context
from registre.db.session import unit_of_work
from registre.errors import RegistreError
from registre.kit.paging import Page
from registre.law.calendar import today
from registre.retention import flows as retention
from registre.rights import flows as rights
from registre.rights.schemas import PENDING, RequestRead
from registre.staff.policy import Duty, visible, visible_restrictions
from registre.subjects import service as subjects
from registre.subjects.service import SubjectFile


@dataclass(frozen=True)
class Dashboard:
    """What the dashboard shows the role: each part None when its duty is not the role's."""

    requests: Page[RequestRead] | None
    breaches: Page[BreachRead] | None
    plan: list[dict[str, Any]] | None
    verification: Verification | None

    @property
    def endless(self) -> int:
        """How many rows or records the retention plan keeps with no determinable end."""
        return sum(n for part in self.plan or [] for n in part.get("endless", {}).values())


def dashboard(ctx: Context) -> Dashboard:
    """Pending requests (late first), the breaches still to watch (a page), what retention would
    do today (the DPO's), and the audit chain's verification, as the role's duties allow."""
    policy, role = ctx.policy, ctx.actor.role
    requests = breach_list = plan = verification = None
    if policy.may(role, Duty.requests):
        requests = rights.list_requests(ctx, PENDING)
    if policy.may(role, Duty.breaches):
        breach_list = breaches.page_breaches(ctx, lang=ctx.lang, current=True)
    if role == DPO and ctx.declared is not None:
        try:
            plan = retention.plan(ctx, today())
        except RegistreError as error:
            plan = [{"dataset": "?", "tasks": [], "skipped": [], "error": error.text(ctx.lang)}]
    if policy.may(role, Duty.audit):
        verification = audit.state_for_page(ctx)
    return Dashboard(requests, breach_list, plan, verification)


@dataclass(frozen=True)
class Person:
    """One person as the role may see them: their file, the restrictions and objections in force, and their
    current consents (None when consent is not among the role's duties)."""

    file: SubjectFile
    restrictions: list[dict[str, Any]]
    consents: list[dict[str, Any]] | None


def person(ctx: Context, who: str) -> Person:
    """One person by reference or `kind:value`, as the role may see them; each read audited."""
    with unit_of_work(ctx.engine) as session:
        subject = subjects.locate(session, who)
        file = visible(ctx.policy, ctx.actor.role, subjects.read(session, subject, actor=ctx.actor.name))
        held = visible_restrictions(ctx.policy, ctx.actor.role,
                                    subjects.restrictions(session, subject, actor=ctx.actor.name))["restrictions"]
    consents = None
    if ctx.policy.may(ctx.actor.role, Duty.consent):
        consents = consent.show(ctx, file.subject.ref)["current"]
    return Person(file, held, consents)
