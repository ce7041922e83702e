"""A sample shop's own database, the kind registre connects to: its schema and deterministic data, for
`registre demo` and the tests.

Nine tables (customers, addresses, orders, order lines, payments, invoices, support tickets with free text,
newsletter subscriptions, web logs) in SQLAlchemy Core, portable to SQLite, PostgreSQL and MariaDB, with an index
on every foreign key, email, phone, IP and date column. The data are built relative to TODAY (2026-11-23): three
named people (Jeanne Martin, an active customer; Paul Durand, whose account closed in 2021; Awa Diallo, a prospect)
and `others` random customers (seeded), so that every retention rule of the shop's declaration
(`examples/shop/declaration.yaml`) has rows due and rows not due. Dates are naive and meant as UTC.
"""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Connection,
    Date,
    DateTime,
    Engine,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    false,
    func,
    or_,
    select,
    text,
)
from sqlalchemy.dialects import sqlite

TODAY = dt.date(2026, 11, 23)
NOW = dt.datetime(2026, 11, 23, 9, 30)
_NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_name)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s",
    "pk": "pk_%(table_name)s",
}


# SQLite's own text format for date-times (what datetime('now') gives), as a shop on SQLite would store them.
Moment = DateTime().with_variant(
    sqlite.DATETIME(storage_format="%(year)04d-%(month)02d-%(day)02d %(hour)02d:%(minute)02d:%(second)02d"),  # type: ignore[no-untyped-call]
    "sqlite")


def _id() -> Column[int]:
    return Column("id", Integer, primary_key=True, autoincrement=True)


def _fk(name: str, target: str, *, nullable: bool) -> Column[int]:
    return Column(name, Integer, ForeignKey(f"{target}.id"), nullable=nullable, index=True)


def shop_metadata() -> MetaData:
    """The shop's tables, with an index on every foreign key, email, phone, IP and date column."""
    metadata = MetaData(naming_convention=_NAMING)
    Table(
        "customers", metadata, _id(),
        Column("customer_number", String(20), nullable=False, unique=True),
        Column("email", String(254), nullable=False, unique=True),
        Column("first_name", String(100), nullable=False),
        Column("last_name", String(100), nullable=False),
        Column("phone", String(20), index=True),
        Column("birth_date", Date, index=True),
        Column("postcode", String(10)),
        Column("city", String(100)),
        Column("created_at", Moment, nullable=False, index=True),
        Column("last_login_at", Moment, index=True),
        Column("closed_at", Moment, index=True),
        Column("restricted", Boolean, nullable=False, server_default=false()),
    )
    Table(
        "addresses", metadata, _id(),
        _fk("customer_id", "customers", nullable=False),
        Column("line1", String(200), nullable=False),
        Column("postcode", String(10), nullable=False),
        Column("city", String(100), nullable=False),
        Column("country", String(2), nullable=False),
    )
    Table(
        "orders", metadata, _id(),
        _fk("customer_id", "customers", nullable=True),
        Column("guest_email", String(254), index=True),
        Column("placed_at", Moment, nullable=False, index=True),
        Column("total_cents", Integer, nullable=False),
        Column("shipping_postcode", String(10)),
        Column("status", String(20), nullable=False),
    )
    Table(
        "order_lines", metadata, _id(),
        _fk("order_id", "orders", nullable=False),
        Column("product_sku", String(40), nullable=False),
        Column("quantity", Integer, nullable=False),
        Column("unit_price_cents", Integer, nullable=False),
    )
    Table(
        "payments", metadata, _id(),
        _fk("order_id", "orders", nullable=False),
        Column("paid_at", Moment, nullable=False, index=True),
        Column("amount_cents", Integer, nullable=False),
        Column("card_last4", String(4)),
        Column("iban", String(34)),
    )
    Table(
        "invoices", metadata, _id(),
        _fk("customer_id", "customers", nullable=True),
        _fk("order_id", "orders", nullable=False),
        Column("number", String(20), nullable=False, unique=True),
        Column("issued_at", Date, nullable=False, index=True),
        Column("billing_name", String(200), nullable=False),
        Column("billing_address", String(300), nullable=False),
        Column("total_cents", Integer, nullable=False),
    )
    Table(
        "support_tickets", metadata, _id(),
        _fk("customer_id", "customers", nullable=False),
        Column("opened_at", Moment, nullable=False, index=True),
        Column("subject", String(200), nullable=False),
        Column("body", Text, nullable=False),
    )
    Table(
        "newsletter_subscriptions", metadata, _id(),
        Column("email", String(254), nullable=False, index=True),
        _fk("customer_id", "customers", nullable=True),
        Column("subscribed_at", Moment, nullable=False, index=True),
        Column("unsubscribed_at", Moment, index=True),
        Column("source", String(40), nullable=False),
    )
    Table(
        "web_logs", metadata,
        # BIGINT on the servers; SQLite makes only INTEGER PRIMARY KEY an auto-incremented rowid.
        Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True),
        _fk("customer_id", "customers", nullable=True),
        Column("ip", String(45), nullable=False, index=True),
        Column("at", Moment, nullable=False, index=True),
        Column("path", String(300), nullable=False),
        Column("user_agent", String(300), nullable=False),
    )
    return metadata


@dataclass(frozen=True)
class Person:
    """A named person of the shop, with the identifiers the tests look for."""

    id: int | None  # customers.id; None for a prospect
    customer_number: str | None
    email: str
    first_name: str
    last_name: str
    phones: tuple[str, ...]  # every form the database holds; the first as stored in customers.phone
    iban: str | None
    ip: str
    street: str | None  # addresses.line1, unique to the person in this database

    @property
    def phone(self) -> str | None:
        """The phone as customers.phone stores it."""
        return self.phones[0] if self.phones else None

    @property
    def identifiers(self) -> tuple[str, ...]:
        """Every value that identifies this person alone, for `identifiers_left` (not the name: others share it)."""
        values = (self.email, self.customer_number, *self.phones, self.iban, self.ip, self.street)
        return tuple(value for value in values if value)


JEANNE = Person(1, "C0000001", "jeanne.martin@example.fr", "Jeanne", "Martin", ("06 12 34 56 78", "+33612345678"),
                "FR7630006000011234567890189", "203.0.113.45", "12 rue des Lilas")
PAUL = Person(2, "C0000002", "paul.durand@example.com", "Paul", "Durand", ("+33698765432",),
              "FR7610107001011234567890129", "198.51.100.23", "4 allée des Pins")
AWA = Person(None, None, "awa.diallo@example.org", "Awa", "Diallo", (), None, "192.0.2.77", None)


FIRST_NAMES = ["Camille", "Louis", "Léa", "Hugo", "Chloé", "Lucas", "Manon", "Nathan", "Inès", "Théo", "Sarah",
               "Mathis", "Emma", "Yanis", "Jade", "Gabriel", "Zoé", "Raphaël", "Lina", "Arthur", "Fatou", "Karim",
               "Hélène", "Benoît", "Jeanne", "Paul", "Mamadou", "Nguyen", "Élodie", "François"]
LAST_NAMES = ["Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Moreau", "Laurent", "Simon", "Michel",
              "Lefèvre", "Leroy", "Roux", "David", "Bertrand", "Morel", "Fournier", "Girard", "Bonnet", "Dupont",
              "Lambert", "Fontaine", "Rousseau", "Vincent", "Müller", "Benali", "Traoré", "Nguyen", "Martin", "Durand"]
CITIES = [("75011", "Paris"), ("13005", "Marseille"), ("69007", "Lyon"), ("31000", "Toulouse"), ("06000", "Nice"),
          ("44000", "Nantes"), ("67000", "Strasbourg"), ("34000", "Montpellier"), ("33800", "Bordeaux"),
          ("59000", "Lille"), ("35000", "Rennes"), ("51100", "Reims"), ("97400", "Saint-Denis"), ("2A004", "Ajaccio")]
STREETS = ["rue de la République", "avenue Jean Jaurès", "rue Victor Hugo", "boulevard Pasteur", "place de l'Église",
           "rue du Moulin", "chemin des Vignes", "impasse des Tilleuls", "rue Émile Zola", "allée des Cerisiers"]
SKUS = ["TSH-COT-M", "TSH-COT-L", "JEAN-SLIM-32", "PULL-LAINE-S", "CHAUS-RUN-42", "SAC-CUIR-01", "BONNET-ROUGE",
        "ECHARPE-SOIE", "VESTE-PLUIE-M", "CHAUS-VILLE-39", "CEINT-CUIR-90", "GANTS-HIVER"]
PATHS = ["/", "/connexion", "/compte", "/compte/commandes", "/panier", "/commande/paiement", "/produits/tee-shirts",
         "/produits/chaussures", "/recherche?q=pull", "/aide/livraison", "/newsletter"]
AGENTS = ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0",
          "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile",
          "Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0",
          "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari"]
TICKETS = [("Retard de livraison", "Ma commande n'est toujours pas arrivée, pouvez-vous vérifier ?"),
           ("Retour produit", "La taille ne convient pas, je souhaite retourner l'article."),
           ("Facture", "Pouvez-vous m'envoyer la facture de ma dernière commande ?"),
           ("Mot de passe", "Je n'arrive plus à me connecter à mon compte."),
           ("Article défectueux", "La couture a lâché après deux lavages.")]
ROW_TABLES = ["customers", "addresses", "orders", "order_lines", "payments", "invoices", "support_tickets",
              "newsletter_subscriptions", "web_logs"]


def iban_fr(bban: str) -> str:
    """A French IBAN with valid check digits for a 23-character BBAN (bank, branch, account, RIB key)."""
    digits = "".join(str(int(char, 36)) for char in bban + "FR00")
    return f"FR{98 - int(digits) % 97:02d}{bban}"


def ascii_name(name: str) -> str:
    """A name as it may appear in an email address: no accents, no spaces, lower case."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower().replace(" ", "")


class _Rows:
    """The rows of every table, with ids given in insertion order."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.tables: dict[str, list[dict[str, Any]]] = {name: [] for name in ROW_TABLES}

    def add(self, table: str, **values: Any) -> int:
        rows = self.tables[table]
        rows.append({"id": len(rows) + 1, **values})
        return len(rows)

    def moment(self, start: dt.datetime, end: dt.datetime) -> dt.datetime:
        seconds = max(int((end - start).total_seconds()), 1)
        return start + dt.timedelta(seconds=self.rng.randrange(seconds))

    def order(self, customer_id: int | None, placed_at: dt.datetime, postcode: str, *, name: str, address: str,
              guest_email: str | None = None, iban: str | None = None, card: str | None = None,
              status: str = "delivered") -> int:
        """An order with its lines, its payment and its invoice (none for a cancelled one)."""
        lines = [(self.rng.choice(SKUS), self.rng.randint(1, 3), self.rng.randrange(500, 12000, 10))
                 for _ in range(self.rng.randint(1, 3))]
        total = sum(quantity * price for _, quantity, price in lines)
        order_id = self.add("orders", customer_id=customer_id, guest_email=guest_email, placed_at=placed_at,
                            total_cents=total, shipping_postcode=postcode, status=status)
        for sku, quantity, price in lines:
            self.add("order_lines", order_id=order_id, product_sku=sku, quantity=quantity, unit_price_cents=price)
        if status == "cancelled":
            return order_id
        if iban is None and card is None:
            card = f"{self.rng.randrange(10000):04d}"
        paid_at = placed_at + dt.timedelta(minutes=self.rng.randint(1, 30))
        self.add("payments", order_id=order_id, paid_at=paid_at, amount_cents=total, card_last4=card, iban=iban)
        self.add("invoices", customer_id=customer_id, order_id=order_id,
                 number=f"F{placed_at.year}-{order_id:08d}", issued_at=placed_at.date(), billing_name=name,
                 billing_address=address, total_cents=total)
        return order_id

    def log(self, customer_id: int | None, ip: str, at: dt.datetime) -> None:
        self.add("web_logs", customer_id=customer_id, ip=ip, at=at, path=self.rng.choice(PATHS),
                 user_agent=self.rng.choice(AGENTS))


def _d(text_: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text_)


def _named(rows: _Rows) -> None:
    """Jeanne (active customer), Paul (account closed in 2021) and Awa (a prospect)."""
    jeanne, paul, awa = JEANNE, PAUL, AWA
    rows.add("customers", customer_number=jeanne.customer_number, email=jeanne.email, first_name="Jeanne",
             last_name="Martin", phone=jeanne.phone, birth_date=dt.date(1984, 5, 17), postcode="69003", city="Lyon",
             created_at=_d("2018-04-02 10:15:00"), last_login_at=_d("2026-11-20 19:02:11"), closed_at=None)
    rows.add("customers", customer_number=paul.customer_number, email=paul.email, first_name="Paul",
             last_name="Durand", phone=paul.phone, birth_date=dt.date(1971, 9, 3), postcode="33000", city="Bordeaux",
             created_at=_d("2014-06-11 08:40:00"), last_login_at=_d("2021-05-09 21:12:45"),
             closed_at=_d("2021-05-10 09:00:00"))
    jeanne_address, paul_address = f"{jeanne.street}, 69003 Lyon", f"{paul.street}, 33000 Bordeaux"
    rows.add("addresses", customer_id=1, line1=jeanne.street, postcode="69003", city="Lyon", country="FR")
    rows.add("addresses", customer_id=2, line1=paul.street, postcode="33000", city="Bordeaux", country="FR")
    jeanne_orders: list[tuple[str, dict[str, Any]]] = [
        ("2019-03-14 18:22:05", {"card": "4242"}), ("2025-06-02 12:01:40", {"iban": jeanne.iban}),
        ("2026-10-28 20:45:13", {"card": "4242", "status": "shipped"})]
    for placed, how in jeanne_orders:
        rows.order(1, _d(placed), "69003", name="Jeanne Martin", address=jeanne_address, **how)
    paul_orders: list[tuple[str, dict[str, Any]]] = [
        ("2015-11-20 14:10:00", {"card": "1881"}), ("2018-07-03 09:55:30", {"iban": paul.iban}),
        ("2020-11-27 22:03:17", {"card": "1881"})]
    for placed, how in paul_orders:
        rows.order(2, _d(placed), "33000", name="Paul Durand", address=paul_address, **how)
    rows.add("support_tickets", customer_id=1, opened_at=_d("2023-02-10 11:00:00"), subject="Mot de passe oublié",
             body=f"Bonjour, je n'arrive pas à me connecter avec {jeanne.email}. Merci, Jeanne Martin")
    rows.add("support_tickets", customer_id=1, opened_at=_d("2026-10-30 16:20:00"), subject="Colis non reçu",
             body=f"Mon colis n'est pas arrivé. Rappelez-moi au {jeanne.phones[1]} ou écrivez à {jeanne.email}.")
    rows.add("support_tickets", customer_id=2, opened_at=_d("2021-05-08 10:05:00"), subject="Clôture de mon compte",
             body=f"Merci de fermer mon compte {paul.email}. Paul Durand")
    rows.add("newsletter_subscriptions", email=jeanne.email, customer_id=1, subscribed_at=_d("2018-04-02 10:16:00"),
             unsubscribed_at=None, source="inscription")
    rows.add("newsletter_subscriptions", email=paul.email, customer_id=2, subscribed_at=_d("2014-06-11 08:41:00"),
             unsubscribed_at=_d("2021-05-10 09:00:00"), source="inscription")
    rows.add("newsletter_subscriptions", email=awa.email, customer_id=None, subscribed_at=_d("2022-09-15 15:30:00"),
             unsubscribed_at=None, source="salon")
    for at in ["2024-12-03 08:15:00", "2026-11-20 19:01:58", "2026-11-20 19:02:11", "2026-11-20 19:05:40"]:
        rows.log(1, jeanne.ip, _d(at))
    for at in ["2021-05-09 21:12:40", "2021-05-09 21:12:45"]:
        rows.log(2, paul.ip, _d(at))
    for at in ["2022-09-15 15:29:00", "2025-03-02 10:00:00", "2026-11-02 07:45:00"]:
        rows.log(None, awa.ip, _d(at))


def _others(rows: _Rows, count: int) -> None:
    """Random customers, guest orders, prospects and anonymous visits."""
    rng = rows.rng
    first_day = dt.datetime(2012, 1, 1)
    for _ in range(count):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        postcode, city = rng.choice(CITIES)
        created = rows.moment(first_day, NOW - dt.timedelta(days=20))
        closed = rows.moment(created, NOW) if rng.random() < 0.2 else None
        end = closed or NOW
        login = rows.moment(created, end) if rng.random() < 0.85 else None
        digits = f"{rng.randrange(10**8):08d}"
        phone = f"07 {' '.join(digits[i:i + 2] for i in range(0, 8, 2))}" if rng.random() < 0.5 else f"+337{digits}"
        number = len(rows.tables["customers"]) + 1
        domain = rng.choice(["example.com", "example.fr", "example.net"])
        email = f"{ascii_name(first)}.{ascii_name(last)}.{number}@{domain}"
        ip = f"{rng.randint(80, 95)}.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}"
        customer_id = rows.add(
            "customers", customer_number=f"C{number:07d}", email=email, first_name=first, last_name=last, phone=phone,
            birth_date=dt.date(1940, 1, 1) + dt.timedelta(days=rng.randrange(25000)), postcode=postcode, city=city,
            created_at=created, last_login_at=login, closed_at=closed)
        line1 = f"{rng.randint(1, 120)} {rng.choice(STREETS)}"
        rows.add("addresses", customer_id=customer_id, line1=line1, postcode=postcode, city=city, country="FR")
        for _ in range(rng.choice([0, 1, 1, 2, 3, 4])):
            placed = rows.moment(created, end)
            recent = NOW - placed < dt.timedelta(days=7)
            status = "cancelled" if rng.random() < 0.05 else "shipped" if recent else "delivered"
            iban = iban_fr(f"{rng.randrange(10**5):05d}{rng.randrange(10**5):05d}{rng.randrange(10**11):011d}00")
            rows.order(customer_id, placed, postcode, name=f"{first} {last}", address=f"{line1}, {postcode} {city}",
                       iban=iban if rng.random() < 0.15 else None, status=status)
        for _ in range(rng.choice([0, 0, 1, 2])):
            subject, body = rng.choice(TICKETS)
            if rng.random() < 0.3:
                body += f" Vous pouvez me joindre au {phone} ou à {email}."
            rows.add("support_tickets", customer_id=customer_id, opened_at=rows.moment(created, end), subject=subject,
                     body=body)
        if rng.random() < 0.5:
            subscribed = rows.moment(created, end)
            rows.add("newsletter_subscriptions", email=email, customer_id=customer_id, subscribed_at=subscribed,
                     unsubscribed_at=rows.moment(subscribed, end) if rng.random() < 0.3 else None,
                     source="inscription")
        for _ in range(rng.randint(0, 8)):
            rows.log(customer_id, ip, rows.moment(max(created, dt.datetime(2023, 1, 1)), end))
    for n in range(count // 5):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        postcode, city = rng.choice(CITIES)
        rows.order(None, rows.moment(first_day, NOW), postcode, name=f"{first} {last}",
                   address=f"{rng.randint(1, 120)} {rng.choice(STREETS)}, {postcode} {city}",
                   guest_email=f"{ascii_name(first)}.{ascii_name(last)}.invite{n}@example.net")
    for n in range(count // 4):
        rows.add("newsletter_subscriptions", email=f"prospect{n}@example.org", customer_id=None,
                 subscribed_at=rows.moment(dt.datetime(2019, 1, 1), NOW), unsubscribed_at=None,
                 source=rng.choice(["salon", "jeu-concours", "site"]))
    for _ in range(count * 2):
        ip = f"{rng.randint(80, 95)}.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}"
        rows.log(None, ip, rows.moment(dt.datetime(2023, 1, 1), NOW))


def reset_sequences(connection: Connection) -> None:
    """On PostgreSQL, move each id sequence past the ids written explicitly."""
    if connection.dialect.name != "postgresql":
        return
    for name in ROW_TABLES:
        connection.execute(text(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                                f"coalesce((SELECT max(id) FROM {name}), 0) + 1, false)"))


@dataclass(frozen=True)
class Built:
    """What `build` wrote: the rows per table."""

    counts: dict[str, int]


def build(engine: Engine, *, others: int = 40, seed: int = 7) -> Built:
    """Create the shop's tables in an empty database and fill them with the named people and `others` customers."""
    metadata = shop_metadata()
    rows = _Rows(seed)
    _named(rows)
    _others(rows, others)
    metadata.create_all(engine)
    with engine.begin() as connection:
        for name in ROW_TABLES:
            if rows.tables[name]:
                connection.execute(metadata.tables[name].insert(), rows.tables[name])
        reset_sequences(connection)
    return Built({name: len(table_rows) for name, table_rows in rows.tables.items()})


def identifiers_left(url: str, values: Iterable[str], *, tables: Iterable[str] | None = None) -> dict[str, int]:
    """For every table (or those named), the rows where a text column contains one of the values, in any case."""
    needles = list(values)
    engine = create_engine(url)
    try:
        metadata = MetaData()
        names = list(tables) if tables is not None else None
        metadata.reflect(engine, only=names)
        left: dict[str, int] = {}
        with engine.connect() as connection:
            for name in sorted(names if names is not None else metadata.tables):
                table = metadata.tables[name]
                matches = [column.icontains(value, autoescape=True) for column in table.columns
                           if isinstance(column.type, String) for value in needles]
                left[name] = (connection.scalar(select(func.count()).select_from(table).where(or_(*matches)))
                              or 0) if matches else 0
        return left
    finally:
        engine.dispose()
