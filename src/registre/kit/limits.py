"""Integer bounds of the store's columns, the one place every door takes them from: the API's and the CLI's
options, the pages' query strings and forms, and the schemas of what is imported.

A number over its column's range is refused where it comes in, naming the field (422 on the web, a plain error
elsewhere), rather than failing in the database: PostgreSQL's INTEGER holds -2^31 to 2^31-1 and its BIGINT
-2^63 to 2^63-1, and SQLite's driver cannot bind a Python integer past 2^63-1. Text limits (no NUL) are in
`registre.web.limits`.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

INT32_MAX = 2**31 - 1  # an INTEGER column: counts, amounts, ids, offsets

Count = Annotated[int, Field(ge=0, le=INT32_MAX)]
"""How many of something (people, records, cents), stored in an INTEGER column."""
