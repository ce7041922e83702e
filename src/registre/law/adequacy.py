"""Where personal data may go without further safeguards: the EEA, and the countries with an adequacy
decision of the European Commission in force (GDPR Art. 45; regulation.md §6.1)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

# EU member states and the three EEA countries (Iceland, Liechtenstein, Norway).
EEA: frozenset[str] = frozenset((
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU",
    "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO",
))


@dataclass(frozen=True, slots=True)
class Adequacy:
    """An adequacy decision: its reference, when it took effect and ends, and any condition on the importer."""

    decision: str
    valid_from: dt.date | None = None  # None: in force long before any policy registre reads
    valid_until: dt.date | None = None
    condition: str | None = None  # "dpf": only importers certified under the EU-US Data Privacy Framework
    scope: str | None = None

    def covers(self, dpf_certified: bool | None) -> bool:
        """Whether the decision covers a transfer to an importer (certified under the DPF, not, or not stated)."""
        return self.condition != "dpf" or dpf_certified is True


# Decision years for the pre-GDPR decisions are from memory in the reference ([MEM]); the dates that
# matter for a policy written today (Japan, UK, Korea, US, Brazil) are sourced there.
ADEQUACY: dict[str, Adequacy] = {
    "CH": Adequacy("2000/518/EC"),
    "CA": Adequacy("2002/2/EC", scope="commercial organisations subject to PIPEDA only"),
    "AR": Adequacy("2003/490/EC"),
    "GG": Adequacy("2003/821/EC"),
    "IM": Adequacy("2004/411/EC"),
    "JE": Adequacy("2008/393/EC"),
    "FO": Adequacy("2010/146/EU"),
    "AD": Adequacy("2010/625/EU"),
    "IL": Adequacy("2011/61/EU"),
    "UY": Adequacy("2012/484/EU"),
    "NZ": Adequacy("2013/65/EU"),
    "JP": Adequacy("(EU) 2019/419", dt.date(2019, 1, 23), scope="private sector under the APPI"),
    # Renewed on 19 Dec 2025 until 27 Dec 2031.
    "GB": Adequacy("(EU) 2021/1772", dt.date(2021, 6, 28), dt.date(2031, 12, 27)),
    "KR": Adequacy("(EU) 2022/254", dt.date(2021, 12, 17)),
    "US": Adequacy("(EU) 2023/1795", dt.date(2023, 7, 10), condition="dpf"),
    # Adopted 26 Jan 2026; decision number not found (regulation.md §9 item 9).
    "BR": Adequacy("adopted 2026-01-26", dt.date(2026, 1, 26)),
}


def in_eea(country: str) -> bool:
    """Whether a country (ISO alpha-2), or a region (`EU`, `EEA`), is in the European Economic Area."""
    return country in EEA or country in ("EU", "EEA")


def adequacy(country: str, on: dt.date) -> Adequacy | None:
    """The adequacy decision in force for `country` on `on`, if any (its condition still to be checked)."""
    found = ADEQUACY.get(country)
    if found is None:
        return None
    if found.valid_from is not None and on < found.valid_from:
        return None
    if found.valid_until is not None and on > found.valid_until:
        return None
    return found
