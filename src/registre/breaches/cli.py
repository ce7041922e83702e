"""`registre breaches`: record a breach, watch its 72-hour clock, triage it, notify the CNIL and the people,
alert the DPO, export the register."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, TypeVar

import typer
from pydantic import BaseModel, ValidationError
from rich.markup import escape
from rich.table import Table

from registre import labels
from registre.breaches import affected, flows
from registre.breaches.schemas import (
    Answers,
    Assessment,
    BreachCreate,
    BreachRead,
    BreachUpdate,
    Cause,
    Exemption,
    Nature,
    NotificationCreate,
    NotificationKind,
    Origin,
    Risk,
)
from registre.breaches.triage import QUESTIONS
from registre.config import get_settings
from registre.db.refs import short
from registre.declarations.service import load
from registre.errors import InvalidInput, problems_of
from registre.i18n import Lang, Msg
from registre.kit.cli import (
    ActorOption,
    DeclarationOption,
    JsonOption,
    context,
    err,
    out,
    plain_errors,
    print_json,
    read_declaration,
    reader_lang,
)
from registre.kit.limits import INT32_MAX
from registre.kit.paging import MAX_LIMIT
from registre.law.calendar import PARIS

M = TypeVar("M", bound=BaseModel)

app = typer.Typer(help="Personal-data breaches: the register, the 72-hour clock, triage, notifications "
                       "(GDPR Arts 33 and 34).", no_args_is_help=True)

BAD_INPUT = Msg(en="Not valid: {problems}", fr="Non valide : {problems}")
MORE = Msg(en="{more} more breach(es) of {total}: add --offset {offset}.",
           fr="{more} violation(s) de plus sur {total} : ajoutez --offset {offset}.")
BAD_MOMENT = Msg(en="'{value}' is not a date and time; write it as 2026-11-13T17:30 (Paris time) or with its zone, "
                    "2026-11-13T17:30+01:00.",
                 fr="« {value} » n'est pas une date et heure ; écrivez-la 2026-11-13T17:30 (heure de Paris) ou avec "
                    "son fuseau, 2026-11-13T17:30+01:00.")
RECORDED = Msg(en="Breach {ref} recorded. Notify the CNIL by {deadline}: {left} left.",
               fr="Violation {ref} enregistrée. Notifiez la CNIL au plus tard le {deadline} : il reste {left}.")
RECORDED_LATE = Msg(en="Breach {ref} recorded. The deadline to notify the CNIL passed on {deadline}: notify it now "
                       "with the reasons for the delay (--delay-reasons), unless it is unlikely to result in a risk.",
                    fr="Violation {ref} enregistrée. L'échéance de notification à la CNIL est passée le {deadline} : "
                       "notifiez-la maintenant avec les motifs du retard (--delay-reasons), sauf si elle n'est pas "
                       "susceptible d'engendrer un risque.")
STATE = Msg(en="Breach {ref}: {clock}; deadline {deadline}, {left} left; risk: {risk}.",
            fr="Violation {ref} : {clock} ; échéance {deadline}, reste {left} ; risque : {risk}.")
DECIDED = Msg(en="Risk: {risk} (suggested: {suggested}). Notify the CNIL: {authority}. Tell the people: {people}. "
                 "Public communication: {public}.",
              fr="Risque : {risk} (suggéré : {suggested}). Notifier la CNIL : {authority}. Informer les personnes : "
                 "{people}. Communication publique : {public}.")
RECORDED_NOTICE = Msg(en="Recorded as made ({kind}).", fr="Enregistrée comme faite ({kind}).")
DRAFT = Msg(en="Draft only: nothing recorded.", fr="Brouillon : rien n'est enregistré.")
WROTE = Msg(en="Wrote {path}.", fr="Fichier écrit : {path}.")
UNSENT = Msg(en="Not sent (send it by hand): {why}.", fr="Non envoyé (envoyez-le à la main) : {why}.")
SENT = Msg(en="{count} letter(s) sent by email.", fr="{count} lettre(s) envoyée(s) par courriel.")
ALERTED = Msg(en="Alert sent to {to} for breach {ref} ({hours} h left).",
              fr="Alerte envoyée à {to} pour la violation {ref} (reste {hours} h).")
NOT_ALERTED = Msg(en="Alert for breach {ref} not sent ({why}); it will be tried again.",
                  fr="Alerte pour la violation {ref} non envoyée ({why}) ; elle sera retentée.")
NO_ALERT = Msg(en="No breach needs an alert.", fr="Aucune violation ne demande d'alerte.")
EXPORTED = Msg(en="Wrote {count} breach(es) to {path}.", fr="{count} violation(s) écrite(s) dans {path}.")
NOT_ASSESSED = Msg(en="not assessed", fr="non évalué")
NOT_COUNTED = Msg(en="not counted", fr="non dénombré")
HEADERS = (Msg(en="Ref.", fr="Réf."), Msg(en="Title", fr="Titre"), Msg(en="Aware", fr="Connaissance"),
           Msg(en="Deadline", fr="Échéance"), Msg(en="Left", fr="Reste"), Msg(en="Clock", fr="Délai"),
           Msg(en="Risk", fr="Risque"), Msg(en="People", fr="Personnes"))
FACTS = {"nature": Msg(en="Nature", fr="Nature"), "aware": Msg(en="Aware", fr="Connaissance"),
         "discovered": Msg(en="Discovered", fr="Découverte"), "cause": Msg(en="Cause", fr="Cause"),
         "people": Msg(en="People concerned", fr="Personnes concernées"),
         "records": Msg(en="Records concerned", fr="Enregistrements concernés"),
         "notifications": Msg(en="Notifications", fr="Notifications")}
NOTIFIED = Msg(en="{kind}, {at}{late}", fr="{kind}, {at}{late}")
LATE = Msg(en=" (late)", fr=" (en retard)")
NONE_MADE = Msg(en="none made", fr="aucune faite")

ACTOR = ActorOption
DECLARATION = DeclarationOption
WHEN = "(ISO date and time; Paris time unless a zone is given)"
TITLE = typer.Option(None, "--title", help="A short title.")
DESCRIPTION = typer.Option(None, "--description", help="What happened.")
CIRCUMSTANCES = typer.Option(None, "--circumstances", help="How it was discovered.")
STARTED = typer.Option(None, "--started-at", help=f"When the breach started {WHEN}.")
ONGOING = typer.Option(None, "--ongoing/--over", help="Whether the breach is still going on.")
ENDED = typer.Option(None, "--ended-at", help=f"When it ended {WHEN}.")
NATURE = typer.Option([], "--nature", help="confidentiality, integrity or availability (repeatable).")
ORIGIN = typer.Option(None, "--origin", help="How it happened (the CNIL form's list).")
CAUSE = typer.Option(None, "--cause", help="internal or external, malicious or accidental.")
SYSTEM = typer.Option([], "--system", help="A system or medium involved (repeatable).")
ACTIVITY = typer.Option([], "--activity", help="A declared processing activity involved (repeatable).")
DATA = typer.Option([], "--data", help="A declared data category involved (repeatable).")
SUBJECTS = typer.Option([], "--subjects", help="A declared subject category involved (repeatable).")
WINDOW_FROM = typer.Option(None, "--window-from", help=f"Data collected from then were affected {WHEN}.")
WINDOW_TO = typer.Option(None, "--window-to", help=f"Data collected until then were affected {WHEN}.")
PEOPLE = typer.Option(None, "--people", help="Approximate number of people, when the store cannot count them.")
RECORDS = typer.Option(None, "--records", help="Approximate number of records, when the store cannot count them.")
ENCRYPTED = typer.Option(None, "--encrypted/--not-encrypted",
                         help="The data were encrypted with a key that was not compromised.")
CONSEQUENCES = typer.Option(None, "--consequences", help="The likely consequences for people.")
TAKEN = typer.Option(None, "--measures-taken", help="The measures taken.")
PLANNED = typer.Option(None, "--measures-planned", help="The measures planned.")
ADVICE = typer.Option(None, "--advice", help="What people can do to protect themselves (for the letters).")


def moment(value: str | None) -> dt.datetime | None:
    """A date and time from the command line: with its zone, or in Paris time."""
    if value is None:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value.strip())
    except ValueError:
        raise InvalidInput(BAD_MOMENT, value=value) from None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=PARIS)


def _valid(model: type[M], raw: dict[str, Any]) -> M:
    try:
        return model.model_validate(raw)
    except ValidationError as error:
        problems = problems_of(error)
        raise InvalidInput(BAD_INPUT, problems=problems) from None


def _facts(**given: Any) -> dict[str, Any]:
    """The facts given on the command line, those left out omitted (times parsed, lists only when given)."""
    raw: dict[str, Any] = {}
    for name, value in given.items():
        if value is None or value == []:
            continue
        raw[name] = moment(value) if name.endswith("_at") or name.startswith("window_") else value
    return raw


def _state(breach: BreachRead) -> None:
    lang = reader_lang()
    colour = {"late": "red", "soon": "yellow", None: "green"}[breach.urgency] if breach.running else None
    text = STATE(lang, ref=short(breach.ref), clock=labels.label(breach.clock, lang), deadline=breach.deadline_local,
                 left=breach.time_left, risk=labels.label(breach.risk, lang) if breach.risk else NOT_ASSESSED(lang))
    out.print(f"[{colour}]{text}[/]" if colour else text, soft_wrap=True)


def _show(breach: BreachRead, as_json: bool) -> None:
    if as_json:
        print_json(breach.model_dump(mode="json"))
    else:
        _state(breach)


@app.command()
@plain_errors
def new(
    title: str = typer.Option(..., "--title", help="A short title."),
    aware_at: str | None = typer.Option(None, "--aware-at", help="When the organisation became aware: a reasonable "
                                        f"degree of certainty that personal data were compromised {WHEN}; "
                                        "default: now."),
    discovered_at: str | None = typer.Option(None, "--discovered-at", help=f"When it was discovered {WHEN}."),
    processor: str | None = typer.Option(None, "--processor", help="The declared processor that reported it "
                                         "(Art. 33(2)); awareness is then the receipt of its report."),
    description: str | None = DESCRIPTION, circumstances: str | None = CIRCUMSTANCES,
    started_at: str | None = STARTED, ongoing: bool | None = ONGOING, ended_at: str | None = ENDED,
    nature: list[Nature] = NATURE, origin: Origin | None = ORIGIN, cause: Cause | None = CAUSE,
    system: list[str] = SYSTEM, activity: list[str] = ACTIVITY, data: list[str] = DATA,
    subjects: list[str] = SUBJECTS, window_from: str | None = WINDOW_FROM, window_to: str | None = WINDOW_TO,
    people: int | None = PEOPLE, records: int | None = RECORDS, encrypted: bool | None = ENCRYPTED,
    consequences: str | None = CONSEQUENCES, measures_taken: str | None = TAKEN,
    measures_planned: str | None = PLANNED, advice: str | None = ADVICE,
    declaration: Path | None = DECLARATION,
    actor: str = ACTOR,
    as_json: bool = JsonOption,
) -> None:
    """Record a breach, notified or not (Art. 33(5)), and start its 72-hour clock."""
    lang = reader_lang()
    declared = read_declaration(declaration)
    raw = _facts(title=title, description=description, circumstances=circumstances, started_at=started_at,
                 ongoing=ongoing, ended_at=ended_at, nature=nature, origin=origin, cause=cause, systems=system,
                 activities=activity, data_categories=data, subject_categories=subjects, window_from=window_from,
                 window_to=window_to, subjects_count=people, records_count=records, encrypted=encrypted,
                 consequences=consequences, measures_taken=measures_taken, measures_planned=measures_planned,
                 advice=advice)
    raw.update(aware_at=moment(aware_at) or dt.datetime.now(dt.UTC), discovered_at=moment(discovered_at))
    shown = flows.record(context(actor, create=True, declared=declared), _valid(BreachCreate, raw), lang=lang,
                         processor=processor, sources=affected.sources(get_settings()))
    if as_json:
        print_json(shown.model_dump(mode="json"))
    else:
        said = RECORDED_LATE if shown.urgency == "late" else RECORDED
        out.print(said(lang, ref=shown.ref, deadline=shown.deadline_local, left=shown.time_left), soft_wrap=True)


@app.command()
@plain_errors
def update(
    ref: str = typer.Argument(..., help="The breach's reference."),
    title: str | None = TITLE, description: str | None = DESCRIPTION, circumstances: str | None = CIRCUMSTANCES,
    started_at: str | None = STARTED, ongoing: bool | None = ONGOING, ended_at: str | None = ENDED,
    nature: list[Nature] = NATURE, origin: Origin | None = ORIGIN, cause: Cause | None = CAUSE,
    system: list[str] = SYSTEM, activity: list[str] = ACTIVITY, data: list[str] = DATA,
    subjects: list[str] = SUBJECTS, window_from: str | None = WINDOW_FROM, window_to: str | None = WINDOW_TO,
    people: int | None = PEOPLE, records: int | None = RECORDS, encrypted: bool | None = ENCRYPTED,
    consequences: str | None = CONSEQUENCES, measures_taken: str | None = TAKEN,
    measures_planned: str | None = PLANNED, advice: str | None = ADVICE,
    declaration: Path | None = DECLARATION,
    actor: str = ACTOR,
    as_json: bool = JsonOption,
) -> None:
    """Change a breach's facts as the investigation goes on (lists given replace the old ones)."""
    raw = _facts(title=title, description=description, circumstances=circumstances, started_at=started_at,
                 ongoing=ongoing, ended_at=ended_at, nature=nature, origin=origin, cause=cause, systems=system,
                 activities=activity, data_categories=data, subject_categories=subjects, window_from=window_from,
                 window_to=window_to, subjects_count=people, records_count=records, encrypted=encrypted,
                 consequences=consequences, measures_taken=measures_taken, measures_planned=measures_planned,
                 advice=advice)
    shown = flows.update(context(actor, declared=read_declaration(declaration)), ref, _valid(BreachUpdate, raw),
                         lang=reader_lang(), sources=affected.sources(get_settings()))
    _show(shown, as_json)


@app.command("list")
@plain_errors
def list_command(
    limit: int = typer.Option(MAX_LIMIT, "--limit", min=1, max=MAX_LIMIT, help="At most this many breaches."),
    offset: int = typer.Option(0, "--offset", min=0, max=INT32_MAX, help="Skip this many breaches first."),
    actor: str = ACTOR,
    as_json: bool = JsonOption,
) -> None:
    """List breaches, those whose clock runs first, with the hours left (a page, with the total)."""
    lang = reader_lang()
    page = flows.page_breaches(context(actor), lang=lang, limit=limit, offset=offset)
    shown = page.items
    if as_json:
        print_json(page.model_dump(mode="json"))
        return
    table = Table(*(header(lang) for header in HEADERS))
    for b in shown:
        left = f"[red]{b.time_left}[/]" if b.clock.value == "overdue" else b.time_left
        table.add_row(short(b.ref), escape(b.title), labels.moment(b.aware_at, lang), labels.moment(b.deadline, lang),
                      left, labels.label(b.clock, lang), labels.label(b.risk, lang) if b.risk else NOT_ASSESSED(lang),
                      _people(b, lang))
    out.print(table)
    if page.more:
        out.print(MORE(lang, more=page.more, total=page.total, offset=page.next_offset))


@app.command()
@plain_errors
def show(ref: str = typer.Argument(..., help="The breach's reference."), actor: str = ACTOR,
         as_json: bool = JsonOption) -> None:
    """Show one breach: its facts, clock, triage and notifications."""
    lang = reader_lang()
    breach = flows.show(context(actor), ref, lang=lang)
    if as_json:
        print_json(breach.model_dump(mode="json"))
        return
    out.print(f"[bold]{escape(breach.title)}[/]")
    notified = [NOTIFIED(lang, kind=labels.label(n.kind, lang), at=labels.moment(n.made_at, lang),
                         late=LATE(lang) if n.late else "") for n in breach.notifications]
    facts = {"nature": ", ".join(labels.label(n, lang) for n in breach.nature),
             "discovered": labels.moment(breach.discovered_at, lang), "aware": labels.moment(breach.aware_at, lang),
             "cause": labels.label(breach.cause, lang), "people": _people(breach, lang),
             "records": labels.number(breach.records_count, lang) if breach.records_count is not None
             else NOT_COUNTED(lang), "notifications": "; ".join(notified) or NONE_MADE(lang)}
    for key, value in facts.items():
        out.print(f"{FACTS[key](lang)}{' :' if lang == 'fr' else ':'} {escape(value)}", soft_wrap=True)
    _state(breach)


def _people(breach: BreachRead, lang: Lang) -> str:
    """How many people the breach concerns, or that they were not counted."""
    return labels.number(breach.subjects_count, lang) if breach.subjects_count is not None else NOT_COUNTED(lang)


@app.command()
@plain_errors
def assess(
    ref: str = typer.Argument(..., help="The breach's reference."),
    ask: bool = typer.Option(False, "--ask", help="Ask each triage question in turn (answers guessed from the facts "
                             "are proposed)."),
    unintelligible: bool | None = typer.Option(None, "--unintelligible/--intelligible",
                                               help=QUESTIONS["unintelligible"].en),
    backup: bool | None = typer.Option(None, "--backup/--no-backup", help=QUESTIONS["backup"].en),
    contained: bool | None = typer.Option(None, "--contained/--not-contained", help=QUESTIONS["contained"].en),
    brief_unavailability: bool | None = typer.Option(None, "--brief-unavailability/--lasting",
                                                     help=QUESTIONS["brief_unavailability"].en),
    identifiable: bool | None = typer.Option(None, "--identifiable/--not-identifiable",
                                             help=QUESTIONS["identifiable"].en),
    sensitive: bool | None = typer.Option(None, "--sensitive/--not-sensitive", help=QUESTIONS["sensitive"].en),
    vulnerable: bool | None = typer.Option(None, "--vulnerable/--not-vulnerable", help=QUESTIONS["vulnerable"].en),
    severe_consequences: bool | None = typer.Option(None, "--severe/--not-severe",
                                                    help=QUESTIONS["severe_consequences"].en),
    malicious: bool | None = typer.Option(None, "--malicious/--not-malicious", help=QUESTIONS["malicious"].en),
    risk: Risk | None = typer.Option(None, "--risk", help="The level decided, if not the one suggested (needs "
                                     "--reasons)."),
    exemption: list[Exemption] = typer.Option([], "--exemption", help="An Art. 34(3) exemption (repeatable; needs "
                                              "--reasons)."),
    reasons: str | None = typer.Option(None, "--reasons", help="The reasons of the decision."),
    declaration: Path | None = DECLARATION,
    actor: str = ACTOR,
    as_json: bool = JsonOption,
) -> None:
    """Triage a breach from guided questions: no risk, risk or high risk, and whether to tell the people."""
    lang = reader_lang()
    ctx = context(actor, declared=read_declaration(declaration))
    given = {k: v for k, v in {"unintelligible": unintelligible, "backup": backup, "contained": contained,
                               "brief_unavailability": brief_unavailability, "identifiable": identifiable,
                               "sensitive": sensitive, "vulnerable": vulnerable,
                               "severe_consequences": severe_consequences, "malicious": malicious}.items()
             if v is not None}
    if ask:
        guessed = flows.guessed_answers(ctx, ref)
        for name, question in QUESTIONS.items():
            if name not in given:
                given[name] = typer.confirm(question(lang), default=getattr(guessed, name), err=True)
    assessment = _valid(Assessment, {"answers": _valid(Answers, given), "risk": risk, "exemptions": exemption,
                                     "reasons": reasons})
    shown = flows.assess(ctx, ref, assessment, lang=lang)
    if as_json:
        print_json(shown.model_dump(mode="json"))
        return
    yes, no = Msg(en="yes", fr="oui")(lang), Msg(en="no", fr="non")(lang)
    suggested = (shown.triage or {}).get("suggested", "")
    out.print(DECIDED(lang, risk=shown.risk.value if shown.risk else "", suggested=suggested,
                      authority=yes if shown.notify_authority else no, people=yes if shown.inform_subjects else no,
                      public=yes if shown.public_communication else no), soft_wrap=True)
    _state(shown)


@app.command()
@plain_errors
def notify(
    ref: str = typer.Argument(..., help="The breach's reference."),
    to: NotificationKind = typer.Option(..., "--to", help="initial or complementary (the CNIL), subjects (a letter "
                                        "to each person) or public (Art. 34(3)(c))."),
    made_at: str | None = typer.Option(None, "--made-at", help=f"When it was made {WHEN}; default: now."),
    delay_reasons: str | None = typer.Option(None, "--delay-reasons", help="Why the CNIL is notified after the 72 "
                                             "hours (required then)."),
    cnil_ref: str | None = typer.Option(None, "--cnil-ref", help="The number the CNIL gave the notification."),
    lang: str = typer.Option("fr", "--lang", help="Language of the text: fr or en."),
    draft: bool = typer.Option(False, "--draft", help="Produce the text only; record and send nothing."),
    output: Path | None = typer.Option(None, "-o", "--output", help="Folder for the text and the list of people."),
    declaration: Path | None = DECLARATION,
    actor: str = ACTOR,
    as_json: bool = JsonOption,
) -> None:
    """Produce the notification to the CNIL, the letters to the people or the public notice, and record it."""
    reader = reader_lang()
    notification_in = _valid(NotificationCreate, {"kind": to, "made_at": moment(made_at), "draft": draft,
                                                  "delay_reasons": delay_reasons, "authority_ref": cnil_ref,
                                                  "lang": lang})
    notice = flows.notify(context(actor, declared=read_declaration(declaration)), ref, notification_in, lang=reader)
    written = []
    if output is not None:
        output.mkdir(parents=True, exist_ok=True)
        for name, content in notice.files.items():
            (output / name).write_bytes(content)
            written.append(str(output / name))
    if as_json:
        print_json({**notice.as_dict(), "written": written})
        return
    if output is None:
        typer.echo(notice.text)
    for path in written:
        err.print(WROTE(reader, path=path))
    if notice.sent:
        err.print(SENT(reader, count=len(notice.sent)))
    for why in notice.unsent:
        err.print(f"[yellow]{UNSENT(reader, why=why)}[/]", soft_wrap=True)
    err.print(RECORDED_NOTICE(reader, kind=to.value) if notice.recorded else DRAFT(reader))


@app.command()
@plain_errors
def alert(declaration: Path | None = DECLARATION, actor: str = ACTOR, as_json: bool = JsonOption) -> None:
    """Mail the DPO about each breach with 24 hours or less left to notify the CNIL; each alert is sent once
    (run it every hour from cron or a scheduler)."""
    lang = reader_lang()
    alerts = flows.alert(context(actor, declared=read_declaration(declaration)), lang=lang)
    if as_json:
        print_json([{"ref": a.ref, "title": a.title, "hours_left": a.hours_left, "to": a.to, "sent": a.sent,
                     "error": a.error} for a in alerts])
    elif not alerts:
        out.print(NO_ALERT(lang))
    for a in alerts if not as_json else []:
        if a.sent:
            out.print(ALERTED(lang, to=a.to, ref=a.ref, hours=a.hours_left))
        else:
            out.print(f"[yellow]{NOT_ALERTED(lang, ref=a.ref, why=a.error)}[/]", soft_wrap=True)
    if any(a.sent is None for a in alerts):
        raise typer.Exit(1)


@app.command()
@plain_errors
def export(
    output: Path = typer.Option(..., "-o", "--output", help="The file to write."),
    fmt: str = typer.Option("ods", "--format", help="ods, xlsx or csv."),
    lang: str = typer.Option("fr", "--lang", help="Language of the register: fr or en."),
    declaration: Path | None = DECLARATION,
    actor: str = ACTOR,
    as_json: bool = JsonOption,
) -> None:
    """Write the breach register (Art. 33(5)): every breach, notified or not, with its reasons."""
    path = declaration or get_settings().declaration
    declared = load(path) if path else None
    count = flows.export(context(actor, declared=declared), fmt, output, lang="en" if lang == "en" else "fr")
    if as_json:
        print_json({"path": str(output), "breaches": count, "format": fmt})
    else:
        out.print(EXPORTED(reader_lang(), count=count, path=output))
