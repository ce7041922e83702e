"""The declarative base every model shares: constraint names, time stamps in UTC, JSON."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import JSON, Text
from sqlalchemy.orm import DeclarativeBase

from registre.db import tables
from registre.db.tables import NAMING, UTCDateTime, utcnow

__all__ = ["NAMING", "Base", "UTCDateTime", "utcnow"]


class Base(DeclarativeBase):
    """The base of the engine's tables."""

    metadata = tables.metadata  # with the tables declared in Core there
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        dt.datetime: UTCDateTime(), dict[str, Any]: JSON(), list[Any]: JSON(), str: Text(),
    }

