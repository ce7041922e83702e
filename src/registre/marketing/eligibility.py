"""Who may be contacted on a channel for a purpose, on a day, and why everyone else may not.

The rules (regulation.md §2.5, §2.4, §5.1-5.4): email and SMS to individuals need consent, or the soft opt-in
of CPCE L34-5 for existing customers; a professional address may be written to about the person's job unless
they object; telephone needs, until 10 August 2026, a number absent from the Bloctel list, and from 11 August
2026 prior consent, a contract in progress excepted either way; post is allowed unless the person objected; push
needs consent. The declaration may promise more (consent where the law allows an opt-out); it never lowers the
law. An objection to direct marketing excludes for good, a restriction or an objection to the activity excludes,
so do a retention period over and a death notified.

The decision is set-based: a handful of queries over the whole audience (a list small beside the store is loaded
into a temporary table; a large one is read with the whole store), then one pass in memory; never a query per
person.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Literal

from sqlalchemy import Column, Connection, Integer, MetaData, Select, String, Table, and_, func, select
from sqlalchemy.orm import Session

from registre.consent.service import activity_or_raise, minor_threshold
from registre.declarations.catalog import SubjectKind
from registre.declarations.declared import Declared
from registre.declarations.schemas import Channel, MarketingChannel, MarketingRule
from registre.errors import InvalidInput
from registre.i18n import Lang, Msg
from registre.law.calendar import PARIS, first_moment_after
from registre.law.facts import BLOCTEL_CHECK_DAYS, PHONE_CONSENT_FROM
from registre.marketing.reasons import TEXTS, Basis, Reason
from registre.models.consent import BloctelImport, BloctelListing, ConsentEvent
from registre.models.subjects import DataSubject, Identifier, LifecycleEvent, Restriction
from registre.retention.combine import SQL
from registre.retention.store import Owner, latest_events, person_verdict
from registre.subjects.schemas import EMAIL, PHONE, normalise_identifier

BLOCTEL_FRESH = dt.timedelta(days=BLOCTEL_CHECK_DAYS)
CONTRACT_STARTS = ("contract_concluded",)
CONTRACT_ENDS = ("contract_ended", "relationship_ended", "subscription_cancelled", "account_closed")
DEATH = "death_notified"
CONTACT_KIND = {Channel.email: EMAIL, Channel.sms: PHONE, Channel.phone: PHONE}
WHOLE_STORE_FROM = 10  # an audience of a tenth of the store or more is decided from whole-store queries

STALE_BLOCTEL = Msg(en="The Bloctel list was last imported on {day}: it must be checked at least monthly.",
                    fr="La liste Bloctel a été importée pour la dernière fois le {day} : elle doit être vérifiée au "
                       "moins une fois par mois.")
EMPTY_LINE = Msg(en="Line {line} of the audience is empty.", fr="La ligne {line} de l'audience est vide.")

Requirement = Literal["consent", "soft_opt_in", "professional", "opt_out", "phone", "consent_or_contract"]


@dataclass(slots=True)  # not frozen: a million are made per decision, and frozen ones cost three times as much
class Decision:
    """One person's answer: who, whether they may be contacted, and the code of the basis or the reason."""

    who: str
    subject: str | None
    eligible: bool
    code: str


@dataclass
class Answer:
    """The decision for a whole audience, in its order, with warnings for the person who asked."""

    channel: Channel
    purpose: str
    at: dt.date
    decisions: list[Decision]
    warnings: list[tuple[Msg, dict[str, Any]]] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """How many people per basis or reason."""
        return dict(Counter(d.code for d in self.decisions).most_common())

    def as_dict(self, lang: Lang) -> dict[str, Any]:
        """The answer as JSON-ready data; each code's words in both languages are given once, in `reasons`."""
        counts = self.counts()
        return {
            "channel": self.channel.value, "purpose": self.purpose, "at": self.at.isoformat(),
            "eligible": sum(1 for d in self.decisions if d.eligible), "total": len(self.decisions),
            "counts": counts,
            "reasons": {code: TEXTS[code].both() for code in counts},
            "warnings": [msg(lang, **params) for msg, params in self.warnings],
            "decisions": [{"who": d.who, "subject": d.subject, "eligible": d.eligible, "code": d.code}
                          for d in self.decisions],
        }


def _channel(declared: Declared, channel: Channel, purpose: str) -> MarketingChannel:
    return next(c for c in declared.declaration.marketing if c.channel is channel and c.activity in (None, purpose))


def _rule(channel: MarketingChannel, category: str | None) -> MarketingRule | None:
    return next((r for r in channel.rules if r.subjects is None or (category is not None and category in r.subjects)),
                None)


def requirement(declared: Declared, channel: MarketingChannel, category: str | None) -> Requirement | None:
    """What contacting a person of `category` requires on `channel`: the declared rule, never below the law."""
    rule = _rule(channel, category)
    if rule is None:
        return None
    kind = declared.subjects[category].kind if category in declared.subjects else SubjectKind.other
    if channel.channel is Channel.push:
        return "consent"
    if channel.channel is Channel.post:
        return "consent" if rule.rule == "consent" else "opt_out"
    if channel.channel is Channel.phone:
        return "consent_or_contract" if rule.rule == "consent" else "phone"
    if rule.rule == "consent":
        return "consent"
    if rule.professional:
        return "professional"
    conditions = rule.analogous_products and rule.opt_out_at_collection and rule.opt_out_in_each_message
    return "soft_opt_in" if kind is SubjectKind.customer and conditions else "consent"


class _Scope:
    """The audience: the whole store, or the subjects listed, loaded into a temporary table."""

    def __init__(self, session: Session, ids: Iterable[int] | None) -> None:
        self.session = session
        self.table: Table | None = None
        if ids is None:
            return
        self.table = Table("registre_audience", MetaData(),
                           Column("subject_id", Integer, primary_key=True, autoincrement=False), prefixes=["TEMPORARY"])
        self.table.create(session.connection())
        _insert_plain(session.connection(), self.table, [(i,) for i in set(ids)])

    def __call__(self, query: Select[Any], column: Any) -> Select[Any]:
        """The query limited to the audience."""
        if self.table is None:
            return query
        return query.where(column.in_(select(self.table.c.subject_id)))

    def drop(self) -> None:
        """Drop the temporary table."""
        if self.table is not None:
            self.table.drop(self.session.connection())


def _resolve(session: Session, lines: Sequence[str]) -> list[int | None]:
    """The subject id of each audience line (a ref, kind:value, or an email), None where nobody matches."""
    parsed: list[tuple[str, str]] = []
    for number, line in enumerate(lines, start=1):
        text = line.strip()
        if not text:
            raise InvalidInput(EMPTY_LINE, line=number)
        if ":" in text:
            kind, value = text.split(":", 1)
        elif "@" in text:
            kind, value = EMAIL, text
        else:
            kind, value = "ref", text
        kind = kind.strip().lower()
        if kind == EMAIL and value.isascii():
            # A stored email is its lower-cased form (subjects.schemas): an ASCII line that is not a valid email
            # matches nothing, so it needs no checking here; the million-line file is read three times faster.
            value = value.strip().lower()
        elif kind != "ref":
            try:
                value = normalise_identifier(kind, value)
            except InvalidInput:
                kind, value = "invalid", value
        parsed.append((kind, value.strip()))
    table = Table("registre_audience_lines", MetaData(), Column("line", Integer, primary_key=True, autoincrement=False),
                  Column("kind", String(32)), Column("value", String(400)), prefixes=["TEMPORARY"])
    connection = session.connection()
    table.create(connection)
    try:
        _insert_plain(connection, table, [(n, k, v) for n, (k, v) in enumerate(parsed)])
        found: list[int | None] = [None] * len(parsed)
        by_ref = select(table.c.line, DataSubject.id).join(DataSubject, DataSubject.ref == table.c.value).where(
            table.c.kind == "ref")
        by_identifier = select(table.c.line, Identifier.subject_id).join(
            Identifier, and_(Identifier.kind == table.c.kind, Identifier.value == table.c.value))
        for query in (by_ref, by_identifier):
            for line, subject_id in connection.execute(query).all():
                found[line] = subject_id
        return found
    finally:
        table.drop(session.connection())


def _insert_plain(connection: Connection, table: Table, rows: list[tuple[Any, ...]]) -> None:
    """Insert plain tuples through the driver: SQLAlchemy's per-row parameter handling would cost more than the
    whole decision."""
    names = ", ".join(c.name for c in table.columns)
    cursor: Any = connection.connection.cursor()
    try:
        if connection.dialect.name == "postgresql":  # COPY: ten times faster than INSERT there
            with cursor.copy(f"COPY {table.name} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            cursor.execute(f"ANALYZE {table.name}")  # a temporary table has no statistics until then
            return
        mark = "?" if connection.dialect.paramstyle == "qmark" else "%s"
        sql = f"INSERT INTO {table.name} ({names}) VALUES ({', '.join(mark for _ in table.columns)})"
        for start in range(0, len(rows), 50_000):
            cursor.executemany(sql, rows[start:start + 50_000])
    finally:
        cursor.close()


def _plain_rows(connection: Connection, query: Select[Any]) -> list[Any]:
    """The rows of a query without parameters, as the driver's plain tuples: a million of them are read a second
    faster than as rows."""
    cursor = connection.connection.cursor()
    try:
        cursor.execute(str(query.compile(dialect=connection.dialect)))
        return list(cursor.fetchall())
    finally:
        cursor.close()


@contextmanager
def _no_collection() -> Iterator[None]:
    """Pause the cyclic garbage collector: a million rows and decisions make no cycles, and it would walk them
    again and again as they are made."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def decide(session: Session, *, declared: Declared, channel: Channel, purpose: str, at: dt.date,
           audience: Sequence[str] | None = None) -> Answer:
    """The decision for each person of the audience (default: everyone in the store) on `channel` for `purpose`."""
    with _no_collection():
        return _decide(session, declared, channel, purpose, at, audience)


def _decide(session: Session, declared: Declared, channel: Channel, purpose: str, at: dt.date,
            audience: Sequence[str] | None) -> Answer:
    activity = activity_or_raise(declared, purpose, channel.value)
    declared_channel = _channel(declared, channel, purpose)
    moment = first_moment_after(at)
    connection = session.connection()  # Core, not the ORM: rows are read by the hundred thousand
    people: list[tuple[str, int | None, str | None, str | None]]  # who, subject id, ref, category
    if audience is None:
        people = _plain_rows(connection, select(DataSubject.ref, DataSubject.id, DataSubject.ref, DataSubject.category)
                             .order_by(DataSubject.id))
        scope = _Scope(session, None)
    else:
        ids = _resolve(session, audience)
        listed = {i for i in ids if i is not None}
        stored = session.scalar(select(func.count()).select_from(DataSubject)) or 0
        # A small audience is looked up through a temporary table; a large one costs less read whole (the facts
        # are mostly exceptions) and picked out in memory.
        scope = _Scope(session, listed if len(listed) * WHOLE_STORE_FROM < stored else None)
        found = {subject_id: (ref, category) for subject_id, ref, category in _plain_rows(
            connection, select(DataSubject.id, DataSubject.ref, DataSubject.category))
            if subject_id in listed} if scope.table is None else {
            subject_id: (ref, category) for subject_id, ref, category in connection.execute(
                scope(select(DataSubject.id, DataSubject.ref, DataSubject.category), DataSubject.id)).all()}
        people = [(line.strip(), subject_id, *found.get(subject_id, (None, None)))
                  for line, subject_id in zip(audience, ids, strict=True)]
    answer = Answer(channel, purpose, at, [])
    try:
        facts = _Facts(session, scope, declared, activity.id, channel, moment, at, answer)
    finally:
        scope.drop()
    requirements = {category: requirement(declared, declared_channel, category)
                    for category in {person[3] for person in people}}
    excluded, consents, rule = facts.excluded, facts.consents, facts.rule
    decisions = answer.decisions
    by_person = channel is Channel.phone
    # Codes are plain strings here: a million hashes of an enum member would cost a second.
    memo: dict[tuple[Requirement | None, str | None], tuple[bool, str]] = {}
    _decide_each(people, decisions, excluded, consents, rule, requirements, memo, by_person)
    return answer


def _decide_each(people: list[tuple[str, int | None, str | None, str | None]], decisions: list[Decision],
                 excluded: dict[int, str], consents: dict[int, str | None],
                 rule: Callable[[int, Requirement | None, str | None], str],
                 requirements: dict[str | None, Requirement | None],
                 memo: dict[tuple[Requirement | None, str | None], tuple[bool, str]], by_person: bool) -> None:
    for line, subject_id, ref, category in people:
        if subject_id is None or ref is None:
            decisions.append(Decision(line, None, False, NOT_FOUND))
            continue
        code = excluded.get(subject_id)
        if code is not None:
            decisions.append(Decision(line, ref, False, code))
            continue
        needs, state = requirements[category], consents.get(subject_id, NO_CONSENT)
        if by_person:
            code = str(rule(subject_id, needs, state))
            decisions.append(Decision(line, ref, code in ELIGIBLE, code))
            continue
        known = memo.get((needs, state))  # off the telephone, the answer depends only on these two
        if known is None:
            code = str(rule(subject_id, needs, state))
            known = memo[(needs, state)] = (code in ELIGIBLE, code)
        decisions.append(Decision(line, ref, *known))


ELIGIBLE: frozenset[str] = frozenset(b.value for b in Basis)
NOT_FOUND, NO_CONSENT = Reason.not_found.value, Reason.no_consent.value
_SAID_NO = {Reason.consent_refused.value: Reason.consent_refused.value,
            Reason.consent_withdrawn.value: Reason.unsubscribed.value}
_BASES = {"soft_opt_in": Basis.soft_opt_in.value, "professional": Basis.professional.value,
          "opt_out": Basis.opt_out.value}


class _Facts:
    """Everything the decision needs about the audience, read in a few set-based queries: the people excluded
    whatever the channel's rule (with the reason that comes first), and the state of each one's consent."""

    def __init__(self, session: Session, scope: _Scope, declared: Declared, purpose: str, channel: Channel,
                 moment: dt.datetime, at: dt.date, answer: Answer) -> None:
        self.declared = declared
        self.moment = moment
        self.phone_consent = at >= PHONE_CONSENT_FROM
        connection = session.connection()

        def ids(query: Select[Any], column: Any) -> set[int]:
            return set(connection.execute(scope(query, column)).scalars().all())

        events = LifecycleEvent
        # From the reason checked last to the first: a person gets the first reason that applies.
        layers: list[tuple[Reason, set[int]]] = []
        kind = CONTACT_KIND.get(channel)
        if kind is not None:
            layers.append((Reason.no_contact, ids(select(DataSubject.id).where(~select(Identifier.id).where(
                Identifier.subject_id == DataSubject.id, Identifier.kind == kind).exists()), DataSubject.id)))
        layers.append((Reason.retention_over, self._retention(connection, scope, purpose, at)))
        restricted: dict[str, set[int]] = {}
        for subject_id, restriction in connection.execute(scope(select(Restriction.subject_id, Restriction.kind).where(
                Restriction.since < moment, (Restriction.lifted_at.is_(None)) | (Restriction.lifted_at >= moment),
                (Restriction.activity.is_(None)) | (Restriction.activity == purpose) |
                (Restriction.kind == "objection_marketing")), Restriction.subject_id)):
            restricted.setdefault(restriction, set()).add(subject_id)
        for reason in (Reason.objection, Reason.restriction, Reason.objection_marketing):
            layers.append((reason, restricted.get(reason.value, set())))
        layers.append((Reason.deceased, ids(select(events.subject_id).where(
            events.event == DEATH, events.occurred_at < moment).distinct(), events.subject_id)))
        self.excluded: dict[int, str] = {}
        for reason, members in layers:
            self.excluded.update(dict.fromkeys(members, reason.value))
        self.contract: set[int] = set()
        self.bloctel_checked = True
        self.on_bloctel: set[int] = set()
        if channel is Channel.phone:
            self.contract = self._contracts(connection, scope, moment)
            if not self.phone_consent:
                # The list in force on the day decided: the last import before it, and the numbers it had.
                last = session.scalar(select(func.max(BloctelImport.imported_at)).where(
                    BloctelImport.imported_at < moment))
                self.bloctel_checked = last is not None
                if last is not None and moment - last > BLOCTEL_FRESH:
                    answer.warnings.append((STALE_BLOCTEL, {"day": last.astimezone(PARIS).date().isoformat()}))
                listed = BloctelListing
                self.on_bloctel = ids(select(Identifier.subject_id).join(
                    listed, listed.number == Identifier.value).where(
                    Identifier.kind == PHONE, listed.listed_from < moment,
                    (listed.listed_until.is_(None)) | (listed.listed_until >= moment)).distinct(),
                    Identifier.subject_id)
        self.consents = self._consents(connection, scope, purpose, channel, moment,
                                       restricted.get("consent_withdrawn", set()))

    def _retention(self, connection: Connection, scope: _Scope, purpose: str, at: dt.date) -> set[int]:
        """The audience whose time for the purpose is over on `at`: the activity's rules combined as everywhere
        (`registre.retention.combine`), their limits over; a condition the store cannot tell may hold, so its
        exception must be over too; an obligation to keep keeps the data, not the purpose."""
        activity = self.declared.activity(purpose)
        assert activity is not None  # checked by `activity_or_raise` before any query
        rules = [p.rule for p in self.declared.rules(activity)]
        if not rules:
            return set()
        year_end = self.declared.declaration.controller.financial_year_end
        latest = latest_events(rules, self.moment)
        verdict = person_verdict(rules, at, year_end, Owner(DataSubject.id, before=self.moment, archived=False,
                                                            category=DataSubject.category, events=latest))
        over = and_(verdict.limits_over, SQL.negate(verdict.endless))
        query = select(DataSubject.id).select_from(DataSubject).outerjoin(
            latest, latest.c.subject_id == DataSubject.id).where(over)
        return set(connection.execute(scope(query, DataSubject.id)).scalars())

    def _contracts(self, connection: Connection, scope: _Scope, moment: dt.datetime) -> set[int]:
        """The audience with a contract in progress: concluded, and not ended since."""
        started: dict[int, dt.datetime] = {}
        ended: dict[int, dt.datetime] = {}
        query = select(LifecycleEvent.subject_id, LifecycleEvent.event, func.max(LifecycleEvent.occurred_at)).where(
            LifecycleEvent.event.in_(CONTRACT_STARTS + CONTRACT_ENDS), LifecycleEvent.occurred_at < moment).group_by(
            LifecycleEvent.subject_id, LifecycleEvent.event)
        for subject_id, event, last in connection.execute(scope(query, LifecycleEvent.subject_id)):
            target = started if event in CONTRACT_STARTS else ended
            target[subject_id] = max(last, target.get(subject_id, last))
        return {s for s, begun in started.items() if s not in ended or ended[s] < begun}

    def _consents(self, connection: Connection, scope: _Scope, purpose: str, channel: Channel,
                  moment: dt.datetime, withdrawn_by_request: set[int]) -> dict[int, str | None]:
        """Where each person's consent for this purpose and channel stands by `moment`: None if valid, else the
        reason; the latest event counts, and a withdrawal by a rights request after it."""
        ranked = scope(select(
            ConsentEvent.id, ConsentEvent.subject_id,
            func.row_number().over(partition_by=ConsentEvent.subject_id,
                                   order_by=(ConsentEvent.at.desc(), ConsentEvent.id.desc())).label("rank"),
        ).where(ConsentEvent.purpose == purpose, ConsentEvent.channel == channel.value,
                ConsentEvent.joint_id.is_(None), ConsentEvent.subject_id.is_not(None), ConsentEvent.at < moment),
            ConsentEvent.subject_id).subquery()
        parent = ConsentEvent.__table__.alias("parent")
        parents = select(func.count()).where(parent.c.joint_id == ConsentEvent.id).scalar_subquery()
        lapsed = (ConsentEvent.expires_at.is_not(None)) & (ConsentEvent.expires_at < moment)
        withdrawn_after = select(Restriction.id).where(
            Restriction.subject_id == ConsentEvent.subject_id, Restriction.kind == "consent_withdrawn",
            Restriction.since >= ConsentEvent.at, Restriction.since < moment,
            (Restriction.lifted_at.is_(None)) | (Restriction.lifted_at >= moment),
            (Restriction.activity.is_(None)) | (Restriction.activity == purpose)).exists()
        query = select(ConsentEvent.subject_id, ConsentEvent.state, lapsed, ConsentEvent.age, ConsentEvent.given_by,
                       parents, withdrawn_after, DataSubject.category).join(
            ranked, and_(ranked.c.id == ConsentEvent.id, ranked.c.rank == 1)).join(
            DataSubject, DataSubject.id == ConsentEvent.subject_id)
        states: dict[int, str | None] = dict.fromkeys(withdrawn_by_request, Reason.consent_withdrawn.value)
        for subject_id, state, expired, age, given_by, count, withdrawn, category in connection.execute(query).all():
            if withdrawn or state == "withdrawn":
                states[subject_id] = Reason.consent_withdrawn.value
            elif state == "refused":
                states[subject_id] = Reason.consent_refused.value
            elif state == "expired" or expired:
                states[subject_id] = Reason.consent_expired.value
            elif age is not None and not self._minor_valid(category, age, given_by, count):
                states[subject_id] = Reason.minor_without_parent.value
            else:
                states[subject_id] = None
        return states

    def _minor_valid(self, category: str | None, age: int, given_by: str, parents: int) -> bool:
        """Whether a consent given at `age` stands: under the threshold, with the parent the declaration asks for."""
        threshold, regime = minor_threshold(self.declared, category)
        if age >= threshold:
            return True
        if regime == "joint":
            return given_by == "subject" and parents > 0
        return regime == "parent_only" and (given_by == "parent" or parents > 0)

    def rule(self, subject_id: int, needs: Requirement | None, state: str | None) -> str:
        """The basis or reason of a person no general exclusion stops, from what the channel requires and where
        their consent stands (None: valid)."""
        if needs is None:
            return Reason.no_rule
        if needs == "consent":
            return Basis.consent if state is None else state
        if state in _SAID_NO:
            return _SAID_NO[state]
        if state is None:
            return Basis.consent
        if needs == "phone" and self.phone_consent:
            needs = "consent_or_contract"
        if needs == "consent_or_contract":
            return Basis.contract_in_progress if subject_id in self.contract else state
        if needs == "phone":
            if subject_id in self.contract:
                return Basis.contract_in_progress
            if not self.bloctel_checked:
                return Reason.bloctel_not_checked
            return Reason.on_bloctel if subject_id in self.on_bloctel else Basis.not_on_bloctel
        return _BASES[needs]
