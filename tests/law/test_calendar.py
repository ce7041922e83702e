"""The copy of the `holidays` package's French days that deadlines read (`law/french_holidays.py`) is the package's
own answer, and the years outside it are asked of the package."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from registre.law import calendar
from registre.law.calendar import CACHED_YEARS, french_holidays_source, public_holidays

KEPT = Path(calendar.__file__).parent / "french_holidays.py"


def test_the_kept_days_are_the_packages() -> None:
    assert KEPT.read_text(encoding="utf-8") == french_holidays_source(), (
        "law/french_holidays.py differs from the holidays package: run `python -m registre.law.calendar`")


def test_a_year_outside_the_kept_ones_is_asked_of_the_package() -> None:
    year = CACHED_YEARS[-1] + 1
    alsace = public_holidays("alsace-moselle", year)
    easter_monday = next(day for day, name in alsace.items() if name == "Easter Monday")
    assert alsace[easter_monday - dt.timedelta(days=3)] == "Good Friday"
    assert dt.date(year, 12, 26) in alsace
    assert dt.date(year, 7, 14) in public_holidays("metropole", year)
