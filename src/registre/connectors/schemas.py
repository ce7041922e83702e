"""The annotation of a connected database (a dataset), as written in YAML beside the declaration.

    dataset: shop
    connection: {url: "postgresql+psycopg://registre@db.internal/shop", password_env: SHOP_DB_PASSWORD}
    tables:
      customers:
        activity: customer_management
        columns:
          email: {data: identification, identity: email}
          birth_date: {data: identification, erase: year, quasi_identifier: true}
          closed_at: {event: account_closed}
      invoices: {activity: accounting, kept_by_law: "Code de commerce L123-22"}
      addresses:                # customers.address_id points here: the person's own address
        activity: customer_management
        reference: true
        columns: {street: {data: contact, own: true}}
      cities: {activity: customer_management, reference: true, columns: {name: {data: contact}}}

Secrets never sit in the file: the password (or the whole URL) comes from an environment variable.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Literal

from pydantic import Field, model_validator

from registre.declarations.schemas import Id, Model, Text


class Erase(StrEnum):
    """How a column is erased or anonymised when its row is kept."""

    clear = "clear"  # set to NULL
    overwrite = "overwrite"  # set to the column's `value`
    pseudonymise = "pseudonymise"  # a keyed hash: still personal data (Art. 4(5))
    year = "year"  # a date or time to 1 January of its year
    month = "month"  # a date or time to the first of its month
    departement = "departement"  # a French postcode to its département (2 digits, 3 overseas)
    age_band = "age_band"  # a number to the start of its band of ten

    @property
    def generalises(self) -> bool:
        """Whether the strategy keeps a coarser value (a generalisation for anonymised statistics)."""
        return self in (Erase.year, Erase.month, Erase.departement, Erase.age_band)


class IdentityKind(StrEnum):
    """The kinds of identifier a person is found by; the same names as the subject store's identifiers."""

    email = "email"
    phone = "phone"
    customer_id = "customer_id"
    account = "account"
    ip = "ip"


class Column(Model):
    """What a column holds: its data category, whether it identifies a person, the event it records."""

    data: Id | None = None
    identity: IdentityKind | None = None
    event: Id | None = None
    of: Literal["row", "person"] = "row"  # the event of this row, or the person's latest over all their rows
    attribute: Id | None = None  # the name a retention rule's condition uses (`when: {attribute: ...}`)
    erase: Erase | None = None
    value: str | int | None = None  # for `erase: overwrite`
    quasi_identifier: bool = False
    # In a `reference` table: a value of the person's own (the street of their address), which makes the row theirs
    own: bool = False
    # How identities are compared: `exact` (the value as given and lower-cased, which uses the column's index) or
    # `lower` (lower(column), for mixed-case data: give the column an index on lower(column) first)
    match: Literal["exact", "lower"] = "exact"

    @model_validator(mode="after")
    def _overwrite_has_value(self) -> Column:
        if self.erase is Erase.overwrite and self.value is None:
            raise ValueError("'erase: overwrite' needs a 'value'")
        return self


class Restriction(Model):
    """A flag column that marks a row as restricted (Art. 18): set to `value` when restricted."""

    column: str
    value: bool | int | str = True


class Table(Model):
    """A table holding personal data: the activity it serves and how each column is handled."""

    activity: Id
    subjects: Id | None = None
    columns: dict[str, Column] = Field(default_factory=dict)
    erase: Literal["delete", "columns"] = "delete"  # delete the rows, or erase their columns and keep them
    kept_by_law: Text | None = None  # a legal obligation keeps the rows (Art. 17(3)(b)); a plain string is fine
    restriction: Restriction | None = None
    key: list[str] | None = None  # the primary key, when the table has none declared
    # Reached from the person's rows by the keys they hold (many-to-one: their address, its city, its country; a
    # product): read for access, never erased or counted as the person's, unless a column is marked `own`
    reference: bool = False

    @model_validator(mode="before")
    @classmethod
    def _plain_reason(cls, value: Any) -> Any:
        if isinstance(value, dict) and isinstance(value.get("kept_by_law"), str):
            reason = value["kept_by_law"]
            return {**value, "kept_by_law": {"fr": reason, "en": reason}}
        return value


class Relation(Model):
    """A link the database does not declare as a foreign key: `orders.customer_ref` points to `customers.ref`."""

    child: str = Field(alias="from")
    parent: str = Field(alias="to")


class Connection(Model):
    """Where the database is. The URL has no password; the password, or the whole URL, comes from the
    environment."""

    url: str | None = None
    url_env: str | None = None
    password_env: str | None = None
    schema_: str | None = Field(None, alias="schema")

    @model_validator(mode="after")
    def _one_url(self) -> Connection:
        if (self.url is None) == (self.url_env is None):
            raise ValueError("give either 'url' (without its password) or 'url_env'")
        return self


class ArchiveTarget(Model):
    """Where archived rows go: a schema of the same database, or another database (its URL from the
    environment). Access to it is restricted to the roles named."""

    schema_: str | None = Field(None, alias="schema")
    url_env: str | None = None
    readers: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _one_place(self) -> ArchiveTarget:
        if (self.schema_ is None) == (self.url_env is None):
            raise ValueError("give either 'schema' (same database) or 'url_env' (another database)")
        return self


class Dataset(Model):
    """One connected database and its annotation."""

    dataset: Id
    connection: Connection
    tables: dict[str, Table] = Field(default_factory=dict)
    relations: list[Relation] = Field(default_factory=list)
    archive: ArchiveTarget | None = None
    ignore: list[str] = Field(default_factory=list)  # tables known to hold no personal data
