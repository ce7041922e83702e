"""The journal of connector batches: what is about to change in an organisation's database, recorded in the store
before that database commits, and settled (with its audit entry) after."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from registre.db.base import Base, utcnow


class DatasetBatch(Base):
    """One batch of set-based statements in one dataset: its intent, then its outcome.

    A batch left unsettled (`settled_at` empty) is one whose run stopped between the two: the dataset may have
    committed it or not, and the next run reconciles it with an audit entry before doing anything else.
    """

    __tablename__ = "dataset_batch"

    id: Mapped[int] = mapped_column(primary_key=True)
    dataset: Mapped[str] = mapped_column(String(120))
    operation: Mapped[str] = mapped_column(String(32))  # erase, anonymise, archive, rectify, restrict, retention...
    intent: Mapped[dict[str, Any]] = mapped_column()  # tables, keys or predicate: what the statements touch
    actor: Mapped[str] = mapped_column(String(120))
    subject_ref: Mapped[str | None] = mapped_column(String(32))
    request_ref: Mapped[str | None] = mapped_column(String(32), index=True)
    run_ref: Mapped[str | None] = mapped_column(String(64), index=True)
    started_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    settled_at: Mapped[dt.datetime | None] = mapped_column(index=True)
    outcome: Mapped[str | None] = mapped_column(String(24))  # done, failed, interrupted_run
    counts: Mapped[dict[str, Any] | None] = mapped_column()
