"""The consent API: record consent given, refused or withdrawn through one door, read a person's consents and
the receipt of each act."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends

from registre.consent import flows
from registre.consent.flows import Format
from registre.consent.schemas import ConsentCreate, ConsentRead
from registre.context import Context
from registre.staff.policy import Duty
from registre.web.deps import EngineDep, context_for, named_for

router = APIRouter(prefix="/api/consent", tags=["consent"])
Staff = Annotated[Context, Depends(context_for(Duty.consent))]
Named = Annotated[str, Depends(named_for(Duty.consent))]


@router.post("", status_code=201)
def record(body: ConsentCreate, ctx: Staff) -> list[ConsentRead]:
    """Record a consent given, refused or withdrawn (the same fields for each), with its proof."""
    return flows.record(ctx, body)


@router.get("/subjects/{who}")
def show(who: str, ctx: Staff) -> dict[str, Any]:
    """A person's consents: the current state per purpose and channel, and every event."""
    return flows.show(ctx, who)


@router.get("/choices/{consent_id}")
def choices(consent_id: str, engine: EngineDep, _: Named) -> list[ConsentRead]:
    """The cookie-banner choices kept for one browser's consent id, oldest first."""
    return flows.choices_of(engine, consent_id.strip().lower())


@router.get("/receipts/{ref}")
def receipt(ref: str, ctx: Staff, format: Format = "iso") -> dict[str, Any]:
    """The receipt of one consent act: ISO/IEC TS 27560 record (default) or Kantara CR v1.1."""
    return flows.receipt(ctx, ref, fmt=format, proof_months=ctx.settings.consent_proof_months)


@router.post("/purge")
def purge(ctx: Staff, dry_run: bool = False) -> dict[str, int]:
    """Record lapsed consents as expired and delete cookie proofs kept past their period."""
    return flows.purge(ctx, dry_run=dry_run)
