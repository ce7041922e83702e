"""Group commit for the banner's proofs: concurrent requests share one transaction.

Each request hands its rows over and waits; whoever takes the write lock writes every row waiting at that moment
in one transaction, and tells each request whether its rows were committed. A request answers only once its own
rows are committed; when the shared transaction fails, each request's rows are tried again alone, so that one bad
proof fails its own request only, never another visitor's, and nothing is half-written. With SQLite's single
writer, this turns N commits into one; on PostgreSQL it saves round trips.
"""

from __future__ import annotations

import threading
import weakref
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine

from registre.consent import service


@dataclass
class _Pending:
    rows: list[dict[str, Any]]
    done: threading.Event = field(default_factory=threading.Event)
    error: BaseException | None = None


class GroupWriter:
    """Writes the rows of concurrent requests to one engine, batched into shared transactions."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._queue_lock = threading.Lock()
        self._write_lock = threading.Lock()
        self._pending: list[_Pending] = []
        self._wordings: set[str] = set()

    def wording(self, text: str) -> str:
        """Keep a wording once for this engine; returns its hash (stored on first use only)."""
        key = service.wording_key(text)
        if key not in self._wordings:
            with self._write_lock, self.engine.begin() as connection:
                service.wording(connection, text)
            self._wordings.add(key)
        return key

    def write(self, rows: list[dict[str, Any]]) -> None:
        """Write `rows`, with those of other requests waiting now; returns once they are committed."""
        item = _Pending(rows)
        with self._queue_lock:
            self._pending.append(item)
        with self._write_lock:
            if not item.done.is_set():  # no other request took it into its transaction: lead this one
                with self._queue_lock:
                    batch, self._pending = self._pending, []
                try:
                    self._commit(batch)
                finally:
                    for pending in batch:
                        pending.done.set()
        item.done.wait()
        if item.error is not None:
            raise item.error


    def _commit(self, batch: list[_Pending]) -> None:
        """Write a batch in one transaction; if it fails, each request's rows alone, each its own outcome."""
        try:
            with self.engine.begin() as connection:
                service.insert_events(connection, [row for pending in batch for row in pending.rows])
            return
        except Exception as error:
            if len(batch) == 1:
                batch[0].error = error
                return
        for pending in batch:
            try:
                with self.engine.begin() as connection:
                    service.insert_events(connection, pending.rows)
            except Exception as error:
                pending.error = error


_WRITERS: weakref.WeakKeyDictionary[Engine, GroupWriter] = weakref.WeakKeyDictionary()
_WRITERS_LOCK = threading.Lock()


def writer(engine: Engine) -> GroupWriter:
    """The group writer of an engine (one per engine and process)."""
    with _WRITERS_LOCK:
        found = _WRITERS.get(engine)
        if found is None:
            found = _WRITERS[engine] = GroupWriter(engine)
        return found
