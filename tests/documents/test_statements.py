"""What a document may say: every statement of "none" that the notice and the register can make appears only when
the declaration states it, for each example and the minimal declaration, in both languages. A silence is shown as
not stated, never as none (DESIGN.md, "What a document may say")."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from registre.declarations.declared import Declared
from registre.declarations.schemas import NONE, listed
from registre.declarations.service import load
from registre.documents import register
from registre.documents import wording as w
from registre.documents.notice import build, render
from registre.i18n import LANGS, Lang, Msg
from registre.law.adequacy import in_eea
from tests.conftest import EXAMPLES, MINIMAL

DECLARATIONS = [MINIMAL, *sorted(EXAMPLES.glob("*.yaml"))]


@dataclass(frozen=True)
class Statement:
    """A sentence the notice makes from a statement of none, and whether the declaration states it."""

    msg: Msg
    stated: Callable[[Declared], bool]

    def text(self, lang: Lang) -> str:
        """The sentence's fixed part: what comes before the first placeholder."""
        return self.msg(lang, activities="\0").split("\0")[0]


def _transfers_none(declared: Declared) -> list[bool]:
    out = []
    for activity in declared.declaration.activities:
        stated = declared.transfers(activity)
        # A transfer whose country is not stated may leave the EEA: it is no statement of none.
        out.append(stated == NONE or (stated is not None and all(
            t.country is not None and all(in_eea(c) for c in t.country) for t in listed(stated))))
    return out


def _automated(declared: Declared, field: str) -> list[bool]:
    return [getattr(declared.automated(a), field) is False for a in declared.declaration.activities]


def _all(values: list[bool]) -> bool:
    return bool(values) and all(values)


STATEMENTS = {
    "no transfer": Statement(w.NO_TRANSFERS, lambda d: _all(_transfers_none(d))),
    "no transfer for some": Statement(w.NO_TRANSFERS_FOR, lambda d: any(_transfers_none(d))
                                      and not _all(_transfers_none(d))),
    "no automated decision": Statement(w.NO_DECISIONS, lambda d: _all(_automated(d, "solely_automated"))),
    "no automated decision for some": Statement(
        w.NO_DECISIONS_FOR, lambda d: any(_automated(d, "solely_automated"))
        and not _all(_automated(d, "solely_automated"))),
    "no profiling": Statement(w.NO_PROFILING, lambda d: _all(_automated(d, "profiling"))),
    "no profiling for some": Statement(w.NO_PROFILING_FOR, lambda d: any(_automated(d, "profiling"))
                                       and not _all(_automated(d, "profiling"))),
    "no DPO": Statement(w.NO_DPO, lambda d: d.declaration.dpo is not None and d.declaration.dpo.appointed is False),
    "not certified": Statement(w.ADEQUATE_IF_CERTIFIED, lambda d: any(
        t.dpf_certified is False for a in d.declaration.activities for t in a.transfer_list)),
    "no recipient": Statement(w.NO_RECIPIENTS, lambda d: all(a.recipients == NONE for a in d.declaration.activities)),
    "no recipient for some": Statement(w.NO_RECIPIENTS_FOR, lambda d: any(
        a.recipients == NONE for a in d.declaration.activities)),
}


@pytest.fixture(scope="module", params=DECLARATIONS, ids=lambda path: path.stem)
def declared(request: pytest.FixtureRequest) -> Declared:
    """The minimal declaration and each example."""
    path: Path = request.param
    return load(path)


def notice_text(declared: Declared, lang: Lang) -> str:
    """The notice as Markdown, whitespace folded and Markdown escapes removed."""
    text = render(build(declared, lang), "md").replace("\\", "")
    return " ".join(text.split())


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", sorted(STATEMENTS))
def test_a_statement_of_none_appears_only_when_declared(declared: Declared, lang: Lang, name: str) -> None:
    if lang not in declared.declaration.policy.languages:
        pytest.skip(f"not published in {lang}")
    statement = STATEMENTS[name]
    assert (statement.text(lang) in notice_text(declared, lang)) == statement.stated(declared), name


@pytest.mark.parametrize("lang", LANGS)
def test_mandatory_data_none_only_when_declared(declared: Declared, lang: Lang) -> None:
    """The mandatory-data cell reads « Aucune » only for `mandatory: none`, « Non précisées » when left out."""
    if lang not in declared.declaration.policy.languages:
        pytest.skip(f"not published in {lang}")
    section = next(s for s in build(declared, lang).sections if s.id == "provision")
    cells = [row[2] for block in section.blocks if block.kind == "table" for row in block.rows]
    provisions = [a.provision for a in declared.declaration.activities if a.provision is not None]
    assert len(cells) == len(provisions)
    for cell, provision in zip(cells, provisions, strict=True):
        if provision.mandatory is None:
            assert cell == w.NOT_STATED_FP(lang)
        elif provision.mandatory == NONE:
            assert cell == w.NONE(lang)
        else:
            assert cell not in (w.NONE(lang), w.NOT_STATED_FP(lang))


def test_no_means_of_withdrawal_or_opt_out_is_invented(declared: Declared) -> None:
    """Where the declaration gives no way to withdraw consent or to opt out, the notice says « not stated » and
    does not send the reader to the rights section."""
    for lang in declared.declaration.policy.languages:
        text = notice_text(declared, lang)
        assert "the address in" not in text
        assert "l'adresse indiquée dans" not in text


def test_the_register_says_no_transfer_only_when_declared(declared: Declared) -> None:
    for lang in LANGS:
        flat = register.build(declared, lang).flat
        column = flat.rows[0].cells.index(register.TRANSFERS(lang))
        for activity, row in zip(declared.declaration.activities, flat.rows[1:], strict=True):
            stated = declared.transfers(activity)
            cell = row.cells[column]
            if stated is None:
                assert cell == register.TRANSFERS_NOT_STATED(lang), activity.id
            else:
                assert cell != register.TRANSFERS_NOT_STATED(lang), activity.id
            if cell == register.NO_TRANSFER(lang):
                assert stated is not None, activity.id


def example(name: str) -> Declared:
    """One of the five examples."""
    return load(EXAMPLES / f"{name}.yaml")


@pytest.mark.parametrize("name", ["wimi", "w-services", "ambassade-des-langues", "paris-je-taime"])
def test_prospecting_or_marketing_profiling_brings_the_art_21_2_paragraph(name: str) -> None:
    """Wimi profiles to find prospects and W Services keeps data « à des fins de prospection »: neither has a
    `marketing` section, and both notices carry the Art. 21(2)-(3) objection."""
    declared = example(name)
    for lang in declared.declaration.policy.languages:
        assert w.OBJECTION_MARKETING(lang) in render(build(declared, lang), "html")


def test_le_nappage_marketing_section_and_the_minimal_one_too() -> None:
    assert w.OBJECTION_MARKETING("en") in render(build(load(MINIMAL), "en"), "html")


def test_ambassade_notice_states_its_minors_rule() -> None:
    text = notice_text(example("ambassade-des-langues"), "fr")
    assert ("Clients : à partir de 16 ans, un mineur agit seul ; avant 16 ans, le titulaire de l'autorité parentale "
            "consent pour le mineur.") in text


def test_ambassade_recipient_attached_to_nothing_is_still_listed() -> None:
    text = notice_text(example("ambassade-des-langues"), "fr")
    row = "Entités de Holding Egilope (filiales et sociétés du groupe) | Tiers | — | Non précisé | Non précisés"
    assert row in text


def test_no_cctv_row_lists_banks() -> None:
    declared = example("paris-je-taime")
    cctv = declared.activity("video_surveillance")
    assert cctv is not None
    assert not [r for r, _ in declared.pairs(cctv)]
    for lang in LANGS:
        notice = build(declared, lang)
        recipients = next(s for s in notice.sections if s.id == "recipients")
        rows = [row for block in recipients.blocks if block.kind == "table" for row in block.rows]
        banks = next(row for row in rows if row[0] == ("Banking organisations" if lang == "en" else
                                                        "Organismes bancaires"))
        assert banks[-1] == w.ALL_ACTIVITIES(lang)
        assert cctv.name(lang) not in banks[-1]
        assert w.ALL_ACTIVITIES_NOTE(lang) in notice_text(declared, lang)


def test_the_examples_register_has_the_controller_address_and_dpo_contact_or_says_not_stated(
        declared: Declared) -> None:
    flat = register.build(declared, "fr").flat
    header = flat.rows[0].cells
    controller, dpo = declared.declaration.controller, declared.declaration.dpo
    for row in flat.rows[1:]:
        cells = dict(zip(header, row.cells, strict=True))
        assert cells[register.CONTROLLER_ADDRESS("fr")] == (controller.address or register.NOT_STATED_F("fr"))
        contact = cells[register.DPO_CONTACT("fr")]
        if dpo is not None and dpo.email:
            assert dpo.email in contact
        elif dpo is None or not (dpo.phone or dpo.address or dpo.form_url):
            assert contact == register.NOT_STATED_FP("fr")
