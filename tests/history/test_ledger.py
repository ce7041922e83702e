"""A consent ledger of 100,000 dated events imported, then eligibility decided for past days: each person's decision
is the one of that day, as worked out here from the generated events alone."""

from __future__ import annotations

import csv
import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, func, insert, select

from registre.db.session import unit_of_work
from registre.declarations.declared import Declared
from registre.declarations.schemas import Channel
from registre.history import flows
from registre.marketing import eligibility
from registre.models.consent import ConsentEvent
from registre.models.subjects import DataSubject, Identifier, LifecycleEvent, Restriction
from tests.fixtures.context import as_dpo

PARIS = ZoneInfo("Europe/Paris")
PEOPLE = 10_000
EVENTS = 100_000
FIRST, LAST = dt.datetime(2024, 1, 1, tzinfo=dt.UTC), dt.datetime(2026, 11, 30, tzinfo=dt.UTC)
KINDS = [("consent_given", 35), ("consent_refused", 8), ("consent_withdrawn", 20), ("stop", 7), ("objection", 3),
         ("restriction", 4), ("event", 3)]


@dataclass
class Event:
    """A generated row, and what it means: who (subject number), when, and its values."""

    person: int
    kind: str
    at: dt.datetime
    channel: str | None = None
    activity: str | None = None
    until: dt.datetime | None = None
    event: str | None = None


def ref(person: int) -> str:
    return f"{person + 1:032x}"


def has_phone(person: int) -> bool:
    return person % 2 == 1


def fill(engine: Engine) -> None:
    """The people, prospects, each with an email and one in two with a phone number."""
    subjects = [{"id": n + 1, "ref": ref(n), "category": "prospect", "created_at": FIRST} for n in range(PEOPLE)]
    identifiers = [{"subject_id": n + 1, "kind": "email", "value": f"person{n}@example.fr"} for n in range(PEOPLE)]
    identifiers += [{"subject_id": n + 1, "kind": "phone", "value": f"+3361{n:07d}"}
                    for n in range(PEOPLE) if has_phone(n)]
    with unit_of_work(engine) as session:
        session.execute(insert(DataSubject), subjects)
        session.execute(insert(Identifier), identifiers)


def generate(rng: random.Random) -> tuple[list[Event], list[dict[str, str]]]:
    """The events, and the rows of the file that say them (naming people and times in every way the file may)."""
    events: list[Event] = []
    rows: list[dict[str, str]] = []
    kinds, weights = zip(*KINDS, strict=True)
    span = int((LAST - FIRST).total_seconds() // 60)
    for kind in rng.choices(kinds, weights, k=EVENTS):
        person = rng.randrange(PEOPLE)
        local = (FIRST + dt.timedelta(minutes=rng.randrange(span))).astimezone(PARIS).replace(tzinfo=None)
        form = rng.random()
        if form < 0.6:
            text, at = local.isoformat(timespec="minutes"), local.replace(tzinfo=PARIS)  # naive: Paris time
        elif form < 0.8:
            text, at = local.date().isoformat(), dt.datetime.combine(local.date(), dt.time(), PARIS)
        else:
            aware = local.replace(tzinfo=PARIS).astimezone(dt.UTC)
            text, at = aware.isoformat(), aware
        who = rng.random()
        named = (ref(person) if who < 0.4 else f"email:person{person}@example.fr" if who < 0.7 else
                 f"Person{person}@Example.fr" if who < 0.97 or not has_phone(person) else f"phone:061{person:07d}")
        row = {"who": named, "kind": kind, "at": text}
        event = Event(person, kind, at)
        if kind.startswith("consent_"):
            event.channel = rng.choice(["email", "sms"])
            row.update(purpose="newsletter", channel=event.channel)
            if rng.random() < 0.5:
                row.update(method="web_form", wording="Recevoir la lettre ?", lang="fr")
        elif kind == "stop":
            event.channel = "sms"
        elif kind in ("objection", "restriction"):
            if rng.random() < 0.3:
                event.activity = row["activity"] = "newsletter"
            if kind == "restriction" and rng.random() < 0.5:
                until = at + dt.timedelta(days=rng.randrange(1, 200))
                if until < LAST:
                    event.until = until
                    row["until"] = until.astimezone(dt.UTC).isoformat()
        else:
            event.event = row["event"] = "death_notified" if rng.random() < 0.1 else "contract_concluded"
        events.append(event)
        rows.append(row)
    return events, rows


def expected(events: list[Event], channel: str, day: dt.date) -> dict[str, str]:
    """Each person's decision on `day`, from the events before its end: the exclusions in force then, in the order
    eligibility gives them, else where their consent stood."""
    end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), PARIS)
    excluded: dict[int, tuple[int, str]] = {}
    consent: dict[int, str] = {}
    for event in sorted((e for e in events if e.at < end), key=lambda e: e.at):  # stable: file order on a tie
        reason: tuple[int, str] | None = None
        if event.kind == "event" and event.event == "death_notified":
            reason = (4, "deceased")
        elif event.kind == "objection":
            reason = (1, "objection") if event.activity else (3, "objection_marketing")
        elif event.kind == "restriction" and (event.until is None or event.until >= end):
            reason = (2, "restriction")
        elif event.channel == channel:
            consent[event.person] = {"consent_given": "consent", "consent_refused": "consent_refused"}.get(
                event.kind, "consent_withdrawn")
        if reason is not None and reason > excluded.get(event.person, (0, "")):
            excluded[event.person] = reason
    decisions = {}
    for person in range(PEOPLE):
        if person in excluded:
            decisions[ref(person)] = excluded[person][1]
        elif channel == "sms" and not has_phone(person):
            decisions[ref(person)] = "no_contact"
        else:
            decisions[ref(person)] = consent.get(person, "no_consent")
    return decisions


def test_a_ledger_of_100000_events_gives_each_past_day_its_decision(engine: Engine, declared: Declared,
                                                                     tmp_path: Path) -> None:
    fill(engine)
    events, rows = generate(random.Random(12))
    path = tmp_path / "ledger.csv"
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, ["who", "kind", "at", "purpose", "channel", "method", "wording", "lang",
                                         "activity", "until", "event"])
        writer.writeheader()
        writer.writerows(rows)
    report = flows.import_file(as_dpo(engine, declared), path)
    generated = {kind: sum(1 for e in events if e.kind == kind) for kind, _ in KINDS}
    assert report.kinds == generated
    assert report.rows == EVENTS
    with unit_of_work(engine) as session:
        stored = {model.__table__.name: session.scalar(select(func.count()).select_from(model))
                  for model in (ConsentEvent, Restriction, LifecycleEvent)}
    assert stored == {"consent_event": sum(generated[k] for k in KINDS_OF_CONSENT),
                      "restriction": generated["objection"] + generated["restriction"],
                      "lifecycle_event": generated["event"]}
    for channel, day in (("email", dt.date(2024, 9, 30)), ("sms", dt.date(2025, 3, 30)),
                         ("email", dt.date(2026, 6, 15)), ("sms", dt.date(2026, 10, 25))):
        with unit_of_work(engine) as session:
            answer = eligibility.decide(session, declared=declared, channel=Channel(channel), purpose="newsletter",
                                        at=day)
        decided = {d.who: d.code for d in answer.decisions}
        wanted = expected(events, channel, day)
        wrong = {who: (decided[who], code) for who, code in wanted.items() if decided[who] != code}
        assert not wrong, f"{channel} on {day}: {len(wrong)} people differ, e.g. {list(wrong.items())[:5]}"
        assert len(set(wanted.values())) >= 5  # every outcome is exercised, not only the commonest


KINDS_OF_CONSENT = ("consent_given", "consent_refused", "consent_withdrawn", "stop")
