"""Rate-limit counts shared by every web process: in Redis when one is configured, in the store on PostgreSQL.

A fixed window per client and route: the count of the current window is incremented atomically (`INCR` in Redis,
`INSERT … ON CONFLICT DO UPDATE … RETURNING` in PostgreSQL), so that two processes never both let the last call
through. On SQLite (one machine, usually one process) the counts stay in memory (`registre.web.security`).
"""

from __future__ import annotations

import random
from typing import Protocol

from sqlalchemy import Engine, delete
from sqlalchemy.dialects.postgresql import insert

from registre.config import Settings
from registre.db.session import unit_of_work
from registre.models.limits import RateCount


class Counter(Protocol):
    """Counts calls per key and window, for every process at once."""

    def hit(self, key: str, window: int, seconds: int) -> int:
        """Count one call under `key` in the window starting at `window`; returns the window's count so far."""
        ...


class StoreCounter:
    """Counts in the store's `rate_count` table (PostgreSQL)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def hit(self, key: str, window: int, seconds: int) -> int:
        """Count one call, atomically; now and then forget the windows that are over."""
        new = insert(RateCount).values(key=key, window=window, count=1)
        statement = new.on_conflict_do_update(index_elements=["key", "window"],
                                              set_={"count": RateCount.count + 1}).returning(RateCount.count)
        with unit_of_work(self.engine) as session:
            count = int(session.execute(statement).scalar_one())
            if random.random() < 0.01:  # not a secret: only when to tidy up
                session.execute(delete(RateCount).where(RateCount.window < window - seconds))
        return count


class RedisCounter:
    """Counts in Redis: one key per client, route and window, expiring with its window."""

    def __init__(self, url: str) -> None:
        import redis

        self.client = redis.Redis.from_url(url)

    def hit(self, key: str, window: int, seconds: int) -> int:
        """Count one call, atomically."""
        name = f"registre:rate:{key}:{window}"
        pipe = self.client.pipeline()
        pipe.incr(name)
        pipe.expire(name, seconds * 2)
        count, _ = pipe.execute()
        return int(count)


def counter(settings: Settings, engine: Engine) -> Counter | None:
    """The shared counter of these settings, or None to count in memory (SQLite, no Redis)."""
    if settings.redis_url:
        return RedisCounter(settings.redis_url)
    if engine.dialect.name == "postgresql":
        return StoreCounter(engine)
    return None
