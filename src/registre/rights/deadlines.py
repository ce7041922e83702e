"""The legal deadlines of a rights request, as pure functions (`shared/reference/regulation.md` §1.2, §1.3, §1.5).

GDPR Art. 12(3): answer within one month of receipt, extendable once by two further months, the extension
being notified, with reasons, within the first month. The month is counted under Regulation (EEC, Euratom)
No 1182/71, as the EDPB does (Guidelines 01/2022 §160): the day of receipt is not counted (Art. 3(1)), the
period ends on the same date of the last month or on that month's last day when it has no such date
(Art. 3(2)(c)), and an end on a Saturday, Sunday or public holiday moves to the next working day (Art. 3(4)).

Store the deadlines once computed: `add_months` is not invertible, so a deadline cannot be recovered from
another by subtraction (§1.5 point 3).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from registre.law.calendar import Region, add_months, next_working_day

PARIS = "Europe/Paris"

# JUDGEMENT: a setting of ours, not the law's. EDPB 01/2022 §159 tolerates pausing the clock while identity
# is confirmed only if the controller asked for the information "without undue delay"; neither the GDPR nor
# the EDPB gives a figure. registre counts a request for identity made within this many calendar days of
# receipt (local dates) as made without undue delay; a later one earns no pause.
IDENTITY_REQUEST_PROMPT_DAYS = 7


def _initial_end(received: dt.date) -> dt.date:
    """The last day of the first month, before any roll to a working day."""
    # The day of receipt is not counted (1182/71 Art. 3(1)): a period running from 5 March ends at the end
    # of 5 April (Art. 3(2)(c); EDPB 01/2022 §160, examples 32 and 33), which is what add_months gives.
    return add_months(received, 1)


def _extended_end(received: dt.date) -> dt.date:
    """The last day of the extended period, before any roll to a working day."""
    # Two readings of "two further months" (Art. 12(3)): three months from receipt, or two months from the
    # end of the first. They differ when clamping bites (31 Jan 2026: 30 Apr against 28 Apr); the engine
    # keeps the earlier, the conservative choice of regulation.md §1.5 point 3.
    return min(add_months(received, 3), add_months(_initial_end(received), 2))


def initial_deadline(received: dt.date, region: Region) -> dt.date:
    """The last day to answer: one month from receipt (GDPR Art. 12(3)), rolled to a working day (1182/71 Art. 3).

    Invariants: a working day of `region`, strictly after `received`, on or after `add_months(received, 1)`
    and at most four days after it.
    """
    return next_working_day(_initial_end(received), region)


def extended_deadline(received: dt.date, region: Region) -> dt.date:
    """The last day to answer once extended by two further months (GDPR Art. 12(3)), rolled to a working day.

    It is `min(add_months(received, 3), add_months(add_months(received, 1), 2))`, then rolled (regulation.md
    §1.5 point 3). Invariants: a working day, on or after the initial deadline, at most four days after
    `add_months(received, 3)`.
    """
    return next_working_day(_extended_end(received), region)


def local_date(moment: dt.datetime, tz: str = PARIS) -> dt.date:
    """The calendar date of an aware `moment` in the time zone `tz` (Europe/Paris by default)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"a time zone is needed to place {moment.isoformat()} on a calendar day")
    return moment.astimezone(ZoneInfo(tz)).date()


@dataclass(frozen=True, slots=True)
class Deadlines:
    """The deadlines of one request, computed once and stored (dates are local to `tz`).

    Invariants:
    - `received` < `initial` <= `extended` (when extended) and `strict` is `extended` if the request was
      extended, `initial` otherwise;
    - `paused` is None (identity still pending: the clock is stopped) or a working day on or after `strict`;
    - `extension_notice_by` == `initial`: the last day an extension may be notified (GDPR Art. 12(3)).
    """

    received: dt.date
    initial: dt.date
    extended: dt.date | None
    # The deadline in force under the text alone (GDPR Art. 12(3)): no pause for identity. Alerts fire on it.
    strict: dt.date
    # The same deadline under the tolerance of EDPB 01/2022 §159, moved by the days identity was pending.
    paused: dt.date | None
    extension_notice_by: dt.date
    # Whole days the clock was stopped for identity; None while identity is still pending.
    pause_days: int | None
    tz: str = PARIS


def _pause_days(
    received: dt.date,
    identity_requested_at: dt.datetime | None,
    identity_received_at: dt.datetime | None,
    tz: str,
) -> int | None:
    """The whole days the clock stops for identity (EDPB 01/2022 §159): 0 if no pause is due, None if pending."""
    if identity_requested_at is None:
        if identity_received_at is not None:
            raise ValueError("identity cannot be received without having been asked for")
        return 0
    asked = local_date(identity_requested_at, tz)
    if asked < received:
        raise ValueError("identity cannot be asked for before the request was received")
    if (asked - received).days > IDENTITY_REQUEST_PROMPT_DAYS:
        # Asked with undue delay: the tolerance of §159 does not apply, the strict deadline stands.
        return 0
    if identity_received_at is None:
        return None
    local_date(identity_received_at, tz)  # refuses a naive time
    if identity_received_at < identity_requested_at:
        raise ValueError("identity cannot be received before it was asked for")
    # Whole days only (elapsed time, rounded down): the pause never grants a day that did not fully pass.
    return (identity_received_at - identity_requested_at) // dt.timedelta(days=1)


def deadlines(
    received_at: dt.datetime,
    *,
    region: Region,
    extended: bool,
    identity_requested_at: dt.datetime | None = None,
    identity_received_at: dt.datetime | None = None,
    tz: str = PARIS,
) -> Deadlines:
    """The deadlines of a request received at the aware `received_at` (GDPR Art. 12(3); EDPB 01/2022 §§159-161).

    The receipt is placed on its local date in `tz` (23:30 UTC on 31 January is 1 February in Paris). The
    paused deadline is the strict one moved by the whole days identity was pending, only when identity was
    asked within `IDENTITY_REQUEST_PROMPT_DAYS` of receipt; None while identity is still pending.
    """
    received = local_date(received_at, tz)
    initial = initial_deadline(received, region)
    extended_on = extended_deadline(received, region) if extended else None
    end = _extended_end(received) if extended else _initial_end(received)
    pause = _pause_days(received, identity_requested_at, identity_received_at, tz)
    # The pause moves the end of the period itself, which is then rolled (1182/71 Art. 3(4) applies to the
    # last day of the period): adding the pause to an already rolled date would grant the roll twice.
    paused = None if pause is None else next_working_day(end + dt.timedelta(days=pause), region)
    return Deadlines(
        received=received,
        initial=initial,
        extended=extended_on,
        strict=extended_on if extended_on is not None else initial,
        paused=paused,
        # Art. 12(3) asks that the extension be notified "within one month of receipt"; regulation.md §1.5
        # point 3 says "before deadline_initial". We read both as: no later than the last day of that first
        # month, which is itself a period under 1182/71 and so ends on the rolled initial deadline. The
        # initial deadline is therefore the last day a notice may go out.
        extension_notice_by=initial,
        pause_days=pause,
        tz=tz,
    )


def can_extend(now: dt.datetime, deadlines: Deadlines) -> bool:
    """Whether the request may still be extended at the aware `now`: once only, by `extension_notice_by`."""
    return deadlines.extended is None and local_date(now, deadlines.tz) <= deadlines.extension_notice_by
