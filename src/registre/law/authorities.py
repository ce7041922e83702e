"""Which bodies are supervisory authorities under the GDPR: those of the EU member states and of the three EEA
countries (regulation.md §6.1 for the list of EEA countries).

GDPR Art. 51(1): each Member State provides for one or more independent public authorities; Art. 77(1): the
complaint is lodged with a supervisory authority "in particular in the Member State of his or her habitual
residence, place of work or place of the alleged infringement". The EEA Joint Committee Decision No 154/2018
of 6 July 2018 brought the GDPR into the EEA Agreement, so the authorities of Iceland, Liechtenstein and Norway
are supervisory authorities under it too. A body elsewhere (the UK's ICO since 1 January 2021, Switzerland's
FDPIC) applies its own law: it is no remedy under the GDPR, however adequate its country.
"""

from __future__ import annotations

from registre.law.adequacy import in_eea

SOURCE = "GDPR Art. 4(21), 51(1), 77(1); EEA Joint Committee Decision No 154/2018"


def gdpr_authority(country: str) -> bool:
    """Whether a public data protection authority of `country` (ISO code) is a supervisory authority under the
    GDPR."""
    return in_eea(country)
