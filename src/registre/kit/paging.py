"""Paged lists: a page of items with the total, so that no list is cut without a word."""

from __future__ import annotations

from typing import Generic, TypeVar

from pydantic import BaseModel

T = TypeVar("T")

# The page size when none is asked for, and the largest one may ask for
DEFAULT_LIMIT = 100
MAX_LIMIT = 500


class Page(BaseModel, Generic[T]):
    """Some items of a list, where they start (offset), how many were asked for (limit) and how many there are."""

    items: list[T]
    total: int
    limit: int
    offset: int

    @property
    def more(self) -> int:
        """How many items come after this page."""
        return max(0, self.total - self.offset - len(self.items))

    @property
    def next_offset(self) -> int | None:
        """The offset of the next page, or None on the last one."""
        return self.offset + len(self.items) if self.more else None


def bounded(limit: int | None, offset: int | None) -> tuple[int, int]:
    """A limit between 1 and MAX_LIMIT (DEFAULT_LIMIT if none) and an offset of at least 0."""
    return min(max(limit or DEFAULT_LIMIT, 1), MAX_LIMIT), max(offset or 0, 0)
