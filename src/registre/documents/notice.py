"""The privacy notice (GDPR Arts 13 and 14): built from a declaration in one language, rendered as HTML or Markdown.

`build` turns a `Declared` into a `Notice`: a page of sections in the order of Arts 13 and 14, each made of
paragraphs, tables of strings, lists of entries and boxes, every text already in the reader's language.
`render` fills a Jinja2 template with it. `Notice.hash` fingerprints the content, so that the HTML and the
Markdown of one language carry the same hash, and any change of wording changes it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Literal, get_args

import jinja2
from babel import Locale
from babel.dates import format_date

from registre.declarations.declared import Declared
from registre.declarations.describe import actions, duration, period
from registre.declarations.labels import (
    ART9_CONDITIONS,
    CHANNELS,
    DEROGATIONS,
    LEGAL_BASES,
    RECIPIENT_KINDS,
    RIGHTS,
    SAFEGUARDS,
    SOURCES,
    TRACKER_PURPOSES,
)
from registre.declarations.schemas import (
    NONE,
    Activity,
    Art9Condition,
    Contact,
    Declaration,
    Derogation,
    LegalBasis,
    LegalBasisEntry,
    MarketingChannel,
    MarketingRule,
    Party,
    RecipientKind,
    RightName,
    Safeguard,
    Source,
    StatedNone,
    Text,
    Tracker,
    Transfer,
    listed,
)
from registre.documents import wording as w
from registre.errors import InvalidInput
from registre.i18n import Lang, Msg
from registre.law.adequacy import adequacy, in_eea

# ---------------------------------------------------------------------------------------------------------------
# The page
# ---------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of plain text."""

    text: str
    kind: Literal["paragraph"] = field(default="paragraph", init=False)


@dataclass(frozen=True, slots=True)
class Table:
    """A table with a caption; the first cell of each row heads that row."""

    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    kind: Literal["table"] = field(default="table", init=False)


@dataclass(frozen=True, slots=True)
class Entry:
    """A term (a party, a right, a contact) and the lines that describe it."""

    term: str
    lines: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Entries:
    """A list of terms and their descriptions."""

    entries: tuple[Entry, ...]
    kind: Literal["entries"] = field(default="entries", init=False)


@dataclass(frozen=True, slots=True)
class Box:
    """Text set apart from the rest under its own title, as Art. 21(4) asks for the right to object."""

    title: str
    paragraphs: tuple[str, ...]
    kind: Literal["box"] = field(default="box", init=False)


Block = Paragraph | Table | Entries | Box


@dataclass(frozen=True, slots=True)
class Section:
    """One section of the notice; `fingerprint` marks the one that ends with the notice's hash."""

    id: str
    title: str
    blocks: tuple[Block, ...]
    fingerprint: bool = False


@dataclass(frozen=True, slots=True)
class Notice:
    """A privacy notice in one language, ready to be rendered."""

    lang: Lang
    title: str
    intro: tuple[str, ...]
    contents_label: str
    sections: tuple[Section, ...]
    version: str | None
    date: str | None
    fingerprint_label: str

    @property
    def hash(self) -> str:
        """The SHA-256 (hex) of the notice's content as canonical JSON: the same for HTML and Markdown."""
        content = json.dumps(dataclasses.asdict(self), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(content.encode("utf-8")).hexdigest()


# ---------------------------------------------------------------------------------------------------------------
# Building
# ---------------------------------------------------------------------------------------------------------------

NOT_PUBLISHED_IN = Msg(
    en="This policy is not published in '{lang}'; its languages: {languages}.",
    fr="Cette politique n'est pas publiée en « {lang} » ; ses langues : {languages}.",
)


def build(declared: Declared, lang: Lang) -> Notice:
    """The privacy notice of a declaration in one language; raises `InvalidInput` for a language it lacks."""
    policy = declared.declaration.policy
    if lang not in policy.languages:
        raise InvalidInput(NOT_PUBLISHED_IN, lang=lang, languages=", ".join(policy.languages))
    ctx = _Context(declared, lang)
    controller = declared.declaration.controller.name
    sections = tuple(s for make in _SECTIONS if (s := make(ctx)) is not None)
    return Notice(
        lang=lang,
        title=policy.title(lang) if policy.title else w.TITLE(lang, controller=controller),
        intro=(w.INTRO(lang, controller=controller),),
        contents_label=w.CONTENTS(lang),
        sections=sections,
        version=policy.version,
        date=ctx.date,
        fingerprint_label=w.FINGERPRINT(lang),
    )


@dataclass(frozen=True)
class _Context:
    """The declaration and the reader's language, with the lookups every section needs."""

    declared: Declared
    lang: Lang

    @property
    def decl(self) -> Declaration:
        """The declaration as written."""
        return self.declared.declaration

    @property
    def activities(self) -> list[Activity]:
        """The processing activities, in the declaration's order."""
        return self.declared.declaration.activities

    @property
    def date(self) -> str | None:
        """The policy's date in long form (`15 janvier 2026`), if it has one."""
        day = self.decl.policy.date
        return format_date(day, format="long", locale=_DATE_LOCALES[self.lang]) if day is not None else None

    def t(self, msg: Msg, **params: str) -> str:
        """A fixed text in the reader's language."""
        return msg(self.lang, **params)

    def text(self, value: Text | None) -> str:
        """A declaration's text in the reader's language, or `""`."""
        return value(self.lang) if value is not None else ""

    def subjects(self, ids: Iterable[str]) -> str:
        """Subject categories by their labels."""
        return ", ".join(self.declared.subjects[i].label(self.lang) for i in ids)

    def data(self, ids: Iterable[str], short: bool = False) -> str:
        """Data categories by their labels (`short`: without the examples a label gives in brackets)."""
        labels = (self.declared.data[i].label(self.lang) for i in ids)
        return ", ".join(_TRAILING_BRACKETS.sub("", label) if short else label for label in labels)

    def join(self, items: Iterable[str]) -> str:
        """Items joined by a semicolon, spaced the French way in French."""
        return self.t(w.SEMICOLON).join(i for i in items if i)

    def names(self, activities: Iterable[Activity]) -> str:
        """Activities by their names."""
        return ", ".join(a.name(self.lang) for a in activities)

    def country(self, code: str | None) -> str:
        """A country's or region's name in the reader's language (Babel's CLDR territories)."""
        if code is None:
            return ""
        if code == "EEA":
            return self.t(w.EEA)
        return str(_locale(self.lang).territories.get(code, code))

    def countries(self, codes: Iterable[str] | None) -> str:
        """Countries or regions by their names."""
        return ", ".join(self.country(c) for c in codes or [])

    def labelled(self, pairs: Iterable[tuple[Msg, str | None]]) -> tuple[str, ...]:
        """`Label: value` lines for the values that are given."""
        return tuple(self.t(w.LABELLED, label=self.t(label), value=value) for label, value in pairs if value)

    def contact_lines(self, contact: Contact, country: str | None = None) -> tuple[str, ...]:
        """A contact's address (and country), email, telephone, form and website, one labelled line each."""
        lines = self.labelled([(w.ADDRESS, contact.address), (w.COUNTRY, self.country(country)),
                               (w.EMAIL, contact.email), (w.PHONE, contact.phone), (w.FORM_URL, contact.form_url),
                               (w.WEBSITE, contact.website)])
        return lines if contact.reachable else (*lines, self.t(w.NO_CONTACT))

    def party(self, party: Party) -> Entry:
        """A controller, representative or joint controller: its identity, contact and responsibilities."""
        identity = self.labelled([(w.LEGAL_FORM, party.legal_form), (w.SHARE_CAPITAL, party.share_capital),
                                  (w.REGISTRATION, party.registration)])
        duties = self.labelled([(w.RESPONSIBILITIES, self.text(party.responsibilities))])
        return Entry(party.name, identity + self.contact_lines(party, party.country) + duties)

    @property
    def law_day(self) -> dt.date:
        """The day the law is read on (adequacy decisions): the policy's date; today only for an undated one."""
        return self.decl.policy.date or dt.date.today()

    def request_contact(self) -> Contact:
        """Where requests go: the rights contact, else the DPO, else the controller."""
        dpo = self.decl.dpo
        for contact in (self.decl.rights.contact, dpo, self.decl.controller):
            if contact is not None and contact.reachable:
                return contact
        return self.decl.rights.contact

    def limits(self, right: RightName) -> tuple[str, ...]:
        """The limits the policy states on a right, in its own words."""
        controller = self.decl.controller.name
        return tuple(self.t(w.REFUSED if limit.refused else w.LIMIT, controller=controller,
                            statement=limit.statement(self.lang))
                     for limit in self.decl.rights.limits if limit.right is right)


_TRAILING_BRACKETS = re.compile(r"\s*\([^()]*\)$")

# Dates as a British or French reader writes them: 15 January 2026, 15 janvier 2026.
_DATE_LOCALES: dict[Lang, str] = {"en": "en_GB", "fr": "fr_FR"}


@cache
def _locale(lang: Lang) -> Locale:
    return Locale.parse(lang)


def _table(caption: str, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> Table:
    """A table without the columns that are empty in every row; the other empty cells read `—`."""
    keep = [i for i in range(len(headers)) if i == 0 or any(row[i] for row in rows)]
    return Table(caption, tuple(headers[i] for i in keep), tuple(tuple(row[i] or "—" for i in keep) for row in rows))


def _columns(ctx: _Context, *msgs: Msg) -> list[str]:
    """Column headers in the reader's language."""
    return [ctx.t(m) for m in msgs]


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(i for i in items if i))


# The sections, in the order of Arts 13 and 14.


def _controller(ctx: _Context) -> Section:
    decl = ctx.decl
    blocks: list[Block] = [Paragraph(ctx.t(w.CONTROLLER_IS)), Entries((ctx.party(decl.controller),))]
    if decl.representative is not None:
        blocks += [Paragraph(ctx.t(w.REPRESENTATIVE_IS)), Entries((ctx.party(decl.representative),))]
    if decl.joint_controllers:
        blocks += [Paragraph(ctx.t(w.JOINT_CONTROLLERS)), Entries(tuple(map(ctx.party, decl.joint_controllers)))]
    return Section("controller", ctx.t(w.H_CONTROLLER), tuple(blocks))


def _dpo(ctx: _Context) -> Section:
    dpo = ctx.decl.dpo
    if dpo is None:
        heading, intro = w.H_DPO_CONTACT, w.DPO_NOT_STATED
    elif dpo.appointed:
        heading, intro = w.H_DPO, w.DPO_IS
    elif dpo.appointed is None:
        heading, intro = w.H_DPO_CONTACT, w.DPO_UNSURE
    else:
        heading, intro = w.H_DPO_CONTACT, w.NO_DPO
    # A DPO (or a contact the policy gives) is shown with their own details, even when there are none: never
    # someone else's.
    own = dpo is not None and (dpo.appointed is not False or dpo.reachable)
    contact = dpo if dpo is not None and own else ctx.request_contact()
    names = [n for n in (dpo.name, dpo.organisation) if n] if dpo is not None else []
    term = " — ".join(names) or ctx.t(heading)
    entries = Entries((Entry(term, ctx.contact_lines(contact)),))
    return Section("dpo", ctx.t(heading), (Paragraph(ctx.t(intro)), entries))


def _purposes(ctx: _Context) -> Section:
    rows = []
    for activity in ctx.activities:
        purpose = activity.purpose(ctx.lang)
        if activity.sub_purposes:
            purpose = ctx.t(w.SUB_PURPOSES, purpose=purpose.rstrip(". "),
                            items=ctx.join(p(ctx.lang).rstrip(". ") for p in activity.sub_purposes))
        sensitive = _sensitive(ctx, activity)
        bases: Sequence[LegalBasisEntry | None] = activity.legal_bases or [None]
        for basis in bases:
            subjects = basis.subjects if basis is not None and basis.subjects else activity.subjects
            rows.append([
                activity.name(ctx.lang), purpose, ctx.subjects(subjects),
                ctx.t(LEGAL_BASES[basis.basis]) if basis is not None else ctx.t(w.NOT_STATED),
                ctx.text(basis.interest) if basis else "", ctx.text(basis.law) if basis else "",
                ctx.text(basis.condition) if basis else "", sensitive,
            ])
    headers = _columns(ctx, w.COL_ACTIVITY, w.COL_PURPOSE, w.COL_SUBJECTS, w.COL_BASIS, w.COL_INTEREST, w.COL_LAW,
                       w.COL_CONDITION, w.COL_SENSITIVE)
    return Section("purposes", ctx.t(w.H_PURPOSES), (_table(ctx.t(w.PURPOSES_CAPTION), headers, rows),))


def _sensitive(ctx: _Context, activity: Activity) -> str:
    """The Art. 9 condition and the Art. 10 authority an activity states, in words."""
    parts = []
    if activity.art9_condition is not None:
        parts.append(ctx.t(ART9_CONDITIONS[activity.art9_condition]))
    parts.append(ctx.text(activity.art9_detail))
    if activity.art10_authority is not None:
        parts.append(ctx.t(w.OFFENCES, authority=ctx.text(activity.art10_authority)))
    return ctx.join(parts)


def _data(ctx: _Context) -> Section:
    whose = any(info.subjects is not None for info in ctx.declared.data.values())
    rows = []
    for data_id, info in ctx.declared.data.items():
        users = [a for a in ctx.activities if data_id in a.data]
        if not users:
            continue
        sources = _unique(_source(ctx, s) for a in users for s in ctx.declared.sources_of(a) or []
                          if s.data is None or data_id in s.data)
        silent = [a for a in users if ctx.declared.sources_of(a) is None]
        if silent and sources:
            sources.append(ctx.t(w.NOT_STATED_FOR, activities=ctx.names(silent)))
        people = _unique(s for a in users for s in ctx.declared.data_subjects(a, data_id)) if whose else []
        rows.append([info.label(ctx.lang), info.examples(ctx.lang) if info.examples else "", ctx.subjects(people),
                     ctx.names(users), ctx.join(sources) or ctx.t(w.NOT_STATED_F)])
    headers = _columns(ctx, w.COL_DATA, w.COL_EXAMPLES, w.COL_WHOSE, w.COL_USED_FOR, w.COL_SOURCE)
    return Section("data", ctx.t(w.H_DATA), (_table(ctx.t(w.DATA_CAPTION), headers, rows),))


def _source(ctx: _Context, source: Source) -> str:
    kind = ctx.t(SOURCES[source.kind])
    text = ctx.t(w.NAMED_SOURCE, kind=kind, name=source.name(ctx.lang)) if source.name is not None else kind
    if source.subjects:
        text = ctx.t(w.SOURCE_FOR, source=text, subjects=ctx.subjects(source.subjects))
    return text


def _recipients(ctx: _Context) -> Section:
    declared = ctx.declared
    order = list(RecipientKind)
    shared = declared.for_all_activities()
    unattached = {r.id for r in declared.unattached()}
    rows = []
    for r in sorted(declared.recipients.values(), key=lambda r: order.index(r.kind)):
        if r.all_activities:
            receives = ctx.t(w.ALL_ACTIVITIES)
        elif r.id in unattached:
            receives = ctx.t(w.NOT_STATED_MP)
        else:
            receives = ctx.join(_receives(ctx, a, data) for a in ctx.activities for rec, data in declared.pairs(a)
                                 if rec.id == r.id)
            if not receives:  # a recipient of transfers only
                receives = ctx.names(a for a in ctx.activities if any(t.recipient == r.id for t in a.transfer_list))
        # Where an outside recipient is: its countries, or « non précisé » (an internal one is the controller).
        where = ctx.countries(r.country) or ("" if r.kind is RecipientKind.internal else ctx.t(w.NOT_STATED))
        rows.append([r.name(ctx.lang), ctx.t(RECIPIENT_KINDS[r.kind]), ctx.text(r.description), where, receives])
    title = ctx.t(w.H_RECIPIENTS)
    none = [a for a in ctx.activities if a.recipients == NONE]
    silent = [a for a in ctx.activities if a.recipients is None] if not shared else []
    if not rows:
        if silent and none:
            return Section("recipients", title, (Paragraph(ctx.t(w.NO_RECIPIENTS_FOR, activities=ctx.names(none))),
                                                 Paragraph(ctx.t(w.RECIPIENTS_NOT_STATED_FOR,
                                                                 activities=ctx.names(silent)))))
        return Section("recipients", title, (Paragraph(ctx.t(w.RECIPIENTS_NOT_STATED if silent else w.NO_RECIPIENTS)),))
    headers = _columns(ctx, w.COL_RECIPIENT, w.COL_KIND, w.COL_DESCRIPTION, w.COUNTRY, w.COL_ACTIVITIES)
    blocks: list[Block] = [_table(ctx.t(w.RECIPIENTS_CAPTION), headers, rows)]
    if shared:
        blocks.append(Paragraph(ctx.t(w.ALL_ACTIVITIES_NOTE)))
    if none:
        blocks.append(Paragraph(ctx.t(w.NO_RECIPIENTS_FOR, activities=ctx.names(none))))
    if silent:
        blocks.append(Paragraph(ctx.t(w.RECIPIENTS_NOT_STATED_FOR, activities=ctx.names(silent))))
    return Section("recipients", title, tuple(blocks))


def _receives(ctx: _Context, activity: Activity, data: list[str] | None) -> str:
    """An activity a recipient receives data from, with those data when the policy names them."""
    name = activity.name(ctx.lang)
    return ctx.t(w.RECEIVES, activity=name, data=ctx.data(data)) if data else name


# The grounds of Art. 13(1)(f) for which the notice says how to obtain a copy of the safeguards.
_COPY_SAFEGUARDS = frozenset(set(Safeguard) - {Safeguard.adequacy, Safeguard.derogation})


@dataclass(frozen=True, slots=True)
class _Say:
    """The sentences that tell a three-state fact over the activities: none for all, none for some, not stated
    for all, not stated for some."""

    none: Msg
    none_for: Msg
    unknown: Msg
    unknown_for: Msg


def _say(ctx: _Context, say: _Say, none: list[Activity], unknown: list[Activity], others: bool) -> list[Paragraph]:
    """What the policy states as none and leaves unstated, for all activities at once when it is all of them
    (`others`: some activities state the fact itself, in a table)."""
    out = []
    everyone = len(ctx.activities)
    if none:
        out.append(ctx.t(say.none) if len(none) == everyone else ctx.t(say.none_for, activities=ctx.names(none)))
    if unknown:
        out.append(ctx.t(say.unknown) if len(unknown) == everyone and not others
                   else ctx.t(say.unknown_for, activities=ctx.names(unknown)))
    return [Paragraph(text) for text in out]


_TRANSFERS = _Say(w.NO_TRANSFERS, w.NO_TRANSFERS_FOR, w.TRANSFERS_NOT_STATED, w.TRANSFERS_NOT_STATED_FOR)
_DECISIONS = _Say(w.NO_DECISIONS, w.NO_DECISIONS_FOR, w.DECISIONS_NOT_STATED, w.DECISIONS_NOT_STATED_FOR)
_PROFILING = _Say(w.NO_PROFILING, w.NO_PROFILING_FOR, w.PROFILING_NOT_STATED, w.PROFILING_NOT_STATED_FOR)


def _transfers(ctx: _Context) -> Section:
    rows, none, unknown = [], [], []
    for activity in ctx.activities:
        stated = ctx.declared.transfers(activity)
        if stated is None:
            unknown.append(activity)
            continue
        found = [_transfer(ctx, activity, t, c) for t in listed(stated)
                 for c in _countries_or_unstated(t) if c is None or not in_eea(c)]
        rows += found
        if not found:
            none.append(activity)
    title = ctx.t(w.H_TRANSFERS)
    said = _say(ctx, _TRANSFERS, none, unknown, bool(rows))
    if not rows:
        return Section("transfers", title, tuple(said))
    headers = _columns(ctx, w.COUNTRY, w.COL_RECIPIENT, w.COL_ACTIVITY, w.COL_ADEQUACY, w.COL_GROUND,
                       w.COL_DEROGATION, w.COL_COPY)
    return Section("transfers", title, (Paragraph(ctx.t(w.TRANSFERS_INTRO)),
                                        _table(ctx.t(w.TRANSFERS_CAPTION), headers, rows), *said))


def _countries_or_unstated(transfer: Transfer) -> list[str | None]:
    """A transfer's countries, or None for a country the policy does not give."""
    return list(transfer.country) if transfer.country else [None]


def _transfer(ctx: _Context, activity: Activity, transfer: Transfer, country: str | None) -> list[str]:
    """A row of the transfers table; a country the policy does not give is said so, and so is its adequacy."""
    decision = adequacy(country, ctx.law_day) if country is not None else None
    covered = decision is not None and decision.covers(transfer.dpf_certified)
    if country is None:
        adequate = ctx.t(w.ADEQUACY_COUNTRY_NOT_STATED)
    elif decision is None:
        adequate = ctx.t(w.NO)
    elif covered:
        adequate = ctx.t(w.ADEQUATE, decision=decision.decision)
    elif transfer.dpf_certified is None:
        adequate = ctx.t(w.ADEQUATE_IF_CERTIFIED_UNSTATED)
    else:
        adequate = ctx.t(w.ADEQUATE_IF_CERTIFIED)
    safeguards = transfer.safeguards or ([Safeguard.adequacy] if covered else [])
    grounds = []
    for safeguard in safeguards:
        label = ctx.t(SAFEGUARDS[safeguard])
        if safeguard is Safeguard.adequacy and transfer.dpf_certified:
            label = ctx.t(w.DPF, adequacy=label)
        grounds.append(label)
    needs_copy = (bool(_COPY_SAFEGUARDS & set(safeguards))
                  or transfer.derogation is Derogation.compelling_legitimate_interests)
    copy = ctx.text(transfer.documentation) or (ctx.t(w.NOT_STATED) if needs_copy else "")
    recipient = ctx.declared.recipients[transfer.recipient] if transfer.recipient is not None else None
    where = activity.name(ctx.lang)
    if transfer.context is not None:  # after a colon: a context often has brackets of its own
        where = ctx.t(w.LABELLED, label=where, value=ctx.text(transfer.context))
    return [ctx.country(country) or ctx.t(w.COUNTRY_NOT_STATED), recipient.name(ctx.lang) if recipient else "",
            where, adequate,
            ctx.join(grounds) or ctx.t(w.NOT_STATED),
            ctx.t(DEROGATIONS[transfer.derogation]) if transfer.derogation is not None else "", copy]


def _retention(ctx: _Context) -> Section:
    rows = []
    for activity in ctx.activities:
        placed = ctx.declared.rules(activity)
        for rule in (p.rule for p in placed):
            data, label = ctx.data(rule.data or []), ctx.text(rule.label)
            if label and data and data != label:
                data = f"{label} ({ctx.data(rule.data or [], short=True)})"  # no brackets within brackets
            rows.append([activity.name(ctx.lang), data or label or ctx.t(w.ALL_DATA),
                         ctx.subjects(rule.subjects or activity.subjects),
                         _capitalised(period(rule, ctx.declared, ctx.lang))])
        if not placed:
            rows.append([activity.name(ctx.lang), ctx.t(w.ALL_DATA), ctx.subjects(activity.subjects),
                         ctx.t(w.NOT_STATED)])
    headers = _columns(ctx, w.COL_ACTIVITY, w.COL_DATA, w.COL_SUBJECTS, w.COL_PERIOD)
    defaults = ctx.decl.retention_defaults
    blocks: list[Block] = [_table(ctx.t(w.RETENTION_CAPTION), headers, rows),
                           Paragraph(ctx.t(w.RETENTION_END, actions=actions(defaults.then, ctx.lang)))]
    if defaults.anonymised_for is not None:
        blocks.append(Paragraph(ctx.t(w.ANONYMISED_FOR, purpose=defaults.anonymised_for(ctx.lang))))
    if defaults.legal_hold is not None:
        blocks.append(Paragraph(ctx.t(w.LEGAL_HOLD, text=defaults.legal_hold(ctx.lang))))
    return Section("retention", ctx.t(w.H_RETENTION), tuple(blocks))


def _provision(ctx: _Context) -> Section:
    rows = [[a.name(ctx.lang), ctx.t(w.REQUIREMENTS[p.requirement]), _mandatory(ctx, p.mandatory),
             ctx.text(p.how_marked), ctx.text(p.consequence)]
            for a in ctx.activities if (p := a.provision) is not None]
    title = ctx.t(w.H_PROVISION)
    if not rows:
        return Section("provision", title, (Paragraph(ctx.t(w.NO_PROVISION)),))
    headers = _columns(ctx, w.COL_ACTIVITY, w.COL_REQUIREMENT, w.COL_MANDATORY, w.COL_MARKED, w.COL_CONSEQUENCE)
    return Section("provision", title, (_table(ctx.t(w.PROVISION_CAPTION), headers, rows),))


def _mandatory(ctx: _Context, mandatory: list[str] | StatedNone | None) -> str:
    """The data that must be given: listed, none (when the policy says so), or not stated."""
    if mandatory is None:
        return ctx.t(w.NOT_STATED_FP)
    return ctx.data(listed(mandatory)) or ctx.t(w.NONE)


def _automated(ctx: _Context) -> Section:
    rows = []
    statements = [(a, ctx.declared.automated(a)) for a in ctx.activities]
    for activity, said in statements:
        if not (said.profiling or said.solely_automated):
            continue
        auto = activity.automated
        kinds = [ctx.t(m) for m, on in ((w.PROFILING, said.profiling), (w.SOLELY_AUTOMATED, said.solely_automated))
                 if on]
        rows.append([activity.name(ctx.lang), ctx.join(kinds), ctx.text(auto.logic if auto else None),
                     ctx.text(auto.significance if auto else None), ctx.text(auto.consequences if auto else None),
                     ctx.t(w.EXCEPTIONS[auto.exception]) if auto and auto.exception else ""])
    title = ctx.t(w.H_AUTOMATED)
    decisions = _say(ctx, _DECISIONS, [a for a, s in statements if s.solely_automated is False],
                     [a for a, s in statements if s.solely_automated is None], bool(rows))
    profiling = _say(ctx, _PROFILING, [a for a, s in statements if s.profiling is False],
                     [a for a, s in statements if s.profiling is None], bool(rows))
    if not rows:
        return Section("automated", title, (*decisions, *profiling))
    headers = _columns(ctx, w.COL_ACTIVITY, w.COL_PROCESSING, w.COL_LOGIC, w.COL_SIGNIFICANCE, w.COL_CONSEQUENCES,
                       w.COL_EXCEPTION)
    return Section("automated", title, (_table(ctx.t(w.AUTOMATED_CAPTION), headers, rows), *decisions, *profiling))


def _rights(ctx: _Context) -> Section:
    markets = bool(ctx.decl.marketing) or any(ctx.declared.markets(a) for a in ctx.activities)
    objection = (ctx.t(w.OBJECTION),) + ((ctx.t(w.OBJECTION_MARKETING),) if markets else ())
    access_extra = (ctx.t(w.ACCESS_FURTHER_COPIES),) if ctx.decl.rights.further_copy_fee else ()
    wordings: tuple[tuple[RightName, tuple[str, ...]], ...] = (
        (RightName.access, (ctx.t(w.ACCESS), *access_extra)),
        (RightName.rectification, (ctx.t(w.RECTIFICATION),)),
        (RightName.erasure, (ctx.t(w.ERASURE),)),
        (RightName.restriction, (ctx.t(w.RESTRICTION),)),
        (RightName.portability, (ctx.t(w.PORTABILITY),)),
        (RightName.automated_decision, (ctx.t(w.AUTOMATED_DECISION),)),
    )
    entries = tuple(Entry(ctx.t(RIGHTS[right]), lines + ctx.limits(right)) for right, lines in wordings)
    box = Box(ctx.t(w.H_OBJECTION), objection + ctx.limits(RightName.objection))
    return Section("rights", ctx.t(w.H_RIGHTS), (box, Entries(entries)))


def _rests_on_consent(activity: Activity) -> bool:
    return (any(b.basis is LegalBasis.consent for b in activity.legal_bases)
            or activity.art9_condition is Art9Condition.explicit_consent)


def _withdrawal(ctx: _Context) -> Section | None:
    activities = [a for a in ctx.activities if _rests_on_consent(a)]
    if not activities:
        return None
    default = ctx.t(w.NOT_STATED)
    rows = [[a.name(ctx.lang), ctx.join(_unique(ctx.text(b.withdrawal) for b in a.legal_bases
                                                 if b.basis is LegalBasis.consent)) or default]
            for a in activities]
    table = _table(ctx.t(w.WITHDRAWAL_CAPTION), _columns(ctx, w.COL_ACTIVITY, w.COL_HOW), rows)
    limits = tuple(Paragraph(t) for t in ctx.limits(RightName.consent_withdrawal))
    return Section("withdrawal", ctx.t(w.H_WITHDRAWAL), (Paragraph(ctx.t(w.CONSENT_WITHDRAWAL)), table, *limits))


_IDENTITY = {"when_in_doubt": w.IDENTITY_WHEN_IN_DOUBT, "id_copy": w.IDENTITY_ID_COPY,
             "signed_id_copy": w.IDENTITY_SIGNED_ID_COPY}


def _exercise(ctx: _Context) -> Section:
    rights = ctx.decl.rights
    contact = Entries((Entry(ctx.t(w.CONTACT_TERM), ctx.contact_lines(ctx.request_contact())),))
    texts = [w.REGISTERED_LETTER_ONLY] if rights.registered_letter_only else []
    texts += [_IDENTITY[rights.identity_check], w.DEADLINE, w.NO_ACTION, w.FREE_OF_CHARGE]
    return Section("exercise", ctx.t(w.H_EXERCISE),
                   (Paragraph(ctx.t(w.EXERCISE_INTRO)), contact, *(Paragraph(ctx.t(m)) for m in texts)))


def _post_mortem(ctx: _Context) -> Section:
    where = ctx.decl.rights.post_mortem or ctx.request_contact()
    blocks: tuple[Block, ...] = (
        Paragraph(ctx.t(w.POST_MORTEM)), Paragraph(ctx.t(w.POST_MORTEM_HEIRS)),
        Entries((Entry(ctx.t(w.POST_MORTEM_TERM), ctx.contact_lines(where)),)),
        *(Paragraph(t) for t in ctx.limits(RightName.post_mortem)),
    )
    return Section("post-mortem", ctx.t(w.H_POST_MORTEM), blocks)


def _complaint(ctx: _Context) -> Section:
    entries = tuple(Entry(a.name(ctx.lang), ctx.contact_lines(Contact(address=a.address, phone=a.phone, website=a.url),
                                                              a.country))
                    for a in ctx.declared.authorities)
    return Section("complaint", ctx.t(w.H_COMPLAINT), (Paragraph(ctx.t(w.COMPLAINT)), Entries(entries)))


def _cookies(ctx: _Context) -> Section | None:
    cookies = ctx.decl.cookies
    if cookies is None:
        return None
    blocks: list[Block] = [Paragraph(ctx.t(w.COOKIE_CONSENT[cookies.consent]))]
    if cookies.choice_kept is not None:
        blocks.append(Paragraph(ctx.t(w.CHOICE_KEPT, duration=duration(cookies.choice_kept, ctx.lang))))
    if cookies.trackers:
        headers = _columns(ctx, w.COL_NAME, w.COL_PROVIDER, w.COL_PURPOSE, w.COL_BASIS, w.COL_DESCRIPTION,
                           w.COL_LIFETIME, w.COL_PARTY, w.COL_CONSENT)
        rows = [_tracker(ctx, t) for t in cookies.trackers]
        blocks.append(_table(ctx.t(w.COOKIES_CAPTION), headers, rows))
    else:
        blocks.append(Paragraph(ctx.t(w.NO_TRACKERS)))
    return Section("cookies", ctx.t(w.H_COOKIES), tuple(blocks))


def _tracker(ctx: _Context, tracker: Tracker) -> list[str]:
    asks = tracker.consent_required and not tracker.exempt
    provider = tracker.provider or ""
    if tracker.provider_country:
        provider = ctx.t(w.PROVIDER_IN, provider=provider or ctx.t(w.NOT_STATED), countries=ctx.countries(
            tracker.provider_country))
    return [tracker.title(ctx.lang), provider, ctx.t(TRACKER_PURPOSES[tracker.purpose]),
            ctx.t(LEGAL_BASES[tracker.basis]) if tracker.basis is not None else "",
            ctx.text(tracker.description),
            duration(tracker.lifetime, ctx.lang) if tracker.lifetime is not None else "",
            ctx.t(w.PARTIES[tracker.party] if tracker.party else w.NOT_STATED), ctx.t(w.YES if asks else w.NO)]


def _marketing(ctx: _Context) -> Section | None:
    if not ctx.decl.marketing:
        return None
    rows = [_marketing_row(ctx, channel, rule) for channel in ctx.decl.marketing for rule in channel.rules]
    headers = _columns(ctx, w.COL_CHANNEL, w.COL_SUBJECTS, w.COL_RULE, w.COL_OPT_OUT, w.COL_PARTNERS)
    return Section("marketing", ctx.t(w.H_MARKETING), (_table(ctx.t(w.MARKETING_CAPTION), headers, rows),))


def _marketing_row(ctx: _Context, channel: MarketingChannel, rule: MarketingRule) -> list[str]:
    activity = next((a for a in ctx.activities if a.id == channel.activity), None)
    subjects = rule.subjects or (activity.subjects if activity is not None else [])
    text = ctx.t(w.MARKETING_RULES[rule.rule])
    if rule.professional:
        text = ctx.t(w.PROFESSIONAL, rule=text)
    opt_out = ctx.text(channel.opt_out) or ctx.t(w.NOT_STATED)
    return [ctx.t(CHANNELS[channel.channel]), ctx.subjects(subjects) or ctx.t(w.ALL_PERSONS), text, opt_out,
            ctx.t(w.YES) if channel.partners else ""]


def _version(ctx: _Context) -> Section:
    policy, date = ctx.decl.policy, ctx.date
    blocks = []
    # A version that is only the date (`2023-05-04`) is said once, as the date.
    version = policy.version if policy.version != (policy.date.isoformat() if policy.date else None) else None
    if version is not None:
        blocks.append(Paragraph(ctx.t(w.VERSION if date else w.VERSION_ONLY, version=version, date=date or "")))
    elif date is not None:
        blocks.append(Paragraph(ctx.t(w.DATE_ONLY, date=date)))
    if policy.url:
        blocks.append(Paragraph(ctx.t(w.CURRENT_AT, url=policy.url)))
    return Section("version", ctx.t(w.H_VERSION), tuple(blocks), fingerprint=True)


def _minors(ctx: _Context) -> Section | None:
    lines = []
    for info in ctx.declared.subjects.values():
        minors = info.minors
        if minors is None:
            continue
        label = info.label(ctx.lang)
        if not minors.admitted:
            lines.append(ctx.t(w.MINORS_NOT_ADMITTED, subjects=label))
            continue
        msg = {"joint": w.MINORS_JOINT, "parent_only": w.MINORS_PARENT_ONLY,
               "refused": w.MINORS_REFUSED}[minors.consent_below]
        lines.append(ctx.t(msg, subjects=label, age=str(minors.age_alone)))
    if not lines:
        return None
    return Section("minors", ctx.t(w.H_MINORS), tuple(Paragraph(t) for t in lines))


_SECTIONS: tuple[Callable[[_Context], Section | None], ...] = (
    _controller, _dpo, _purposes, _data, _minors, _recipients, _transfers, _retention, _provision, _automated, _rights,
    _withdrawal, _exercise, _post_mortem, _complaint, _cookies, _marketing, _version,
)

# ---------------------------------------------------------------------------------------------------------------
# Rendering
# ---------------------------------------------------------------------------------------------------------------

Format = Literal["html", "md"]
FORMATS: tuple[Format, ...] = get_args(Format)

UNKNOWN_FORMAT = Msg(en="'{fmt}' is not a notice format; formats: {formats}.",
                     fr="« {fmt} » n'est pas un format de notice ; formats : {formats}.")


def render(notice: Notice, fmt: Format) -> str:
    """The notice as a standalone HTML page or as Markdown; raises `InvalidInput` for another format."""
    if fmt not in FORMATS:
        raise InvalidInput(UNKNOWN_FORMAT, fmt=fmt, formats=", ".join(FORMATS))
    return _environment().get_template(f"notice.{fmt}.j2").render(notice=notice)


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("registre.documents", "templates"),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",), default=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["md"] = _markdown_text
    return env


_MD_INLINE = re.compile(r"[\\`*\[\]<>|&]|(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])")
_MD_LINE_START = re.compile(r"^(\d*)([#>+.)-])")


def _markdown_text(text: str) -> str:
    """Plain text made safe for one Markdown line or table cell: whitespace folded, markup characters escaped."""
    folded = _MD_INLINE.sub(lambda m: "\\" + m.group(0), " ".join(text.split()))
    return _MD_LINE_START.sub(r"\1\\\2", folded)
