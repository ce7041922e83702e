"""`registre datasets scan`: the draft annotation of a live database, on SQLite, PostgreSQL and MariaDB."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML
from sqlalchemy import (
    Column,
    Date,
    DateTime,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    event,
    text,
)
from sqlalchemy.engine import make_url

from registre.connectors import schemas
from registre.connectors import service as acting_kinds
from registre.connectors.mapping import attach, read_annotations
from registre.connectors.scan import Draft, draft
from registre.errors import InvalidInput
from registre.rights.schemas import RequestKind
from tests.fixtures.shop import JEANNE, MARIADB_ADMIN, PAUL, build_shop, iban_fr


def parsed(result: Draft) -> dict[str, Any]:
    """The draft as the YAML a user opens."""
    data = YAML(typ="safe").load(result.yaml)
    assert isinstance(data, dict)
    return data


def loaded(result: Draft, folder: Path) -> schemas.Dataset:
    """The draft written to a file and read back the way registre reads annotations."""
    path = folder / "draft.dataset.yaml"
    path.write_text(result.yaml, encoding="utf-8")
    (annotation,) = read_annotations(path)
    return annotation.dataset


@pytest.fixture
def shop_built(shop_url: str) -> str:
    engine = create_engine(shop_url)
    try:
        build_shop(engine, others=10)
    finally:
        engine.dispose()
    return shop_url


def test_the_shop_is_drafted_with_its_identities_categories_and_events(shop_built: str, tmp_path: Path) -> None:
    result = draft(shop_built, dataset="shop")
    tables = parsed(result)["tables"]
    customers = tables["customers"]["columns"]
    assert result.classified["customers"]["email"] == "email"
    assert customers["email"] == {"data": "contact", "identity": "email"}
    assert customers["phone"] == {"data": "contact", "identity": "phone"}
    assert customers["customer_number"] == {"data": "identification", "identity": "customer_id"}
    assert customers["birth_date"] == {"data": "identification", "erase": "year", "quasi_identifier": True}
    assert customers["postcode"] == {"data": "contact", "erase": "departement", "quasi_identifier": True}
    assert (customers["created_at"], customers["last_login_at"], customers["closed_at"]) == (
        {"event": "collected"}, {"event": "last_connection"}, {"event": "account_closed"})
    assert tables["customers"]["restriction"] == {"column": "restricted"}
    assert result.classified["payments"] == {"card_last4": "economic_financial", "iban": "economic_financial"}
    assert tables["payments"]["columns"]["paid_at"] == {"event": "transaction"}
    assert result.classified["web_logs"]["ip"] == "ip"
    assert tables["web_logs"]["columns"]["at"] == {"event": "recorded"}
    assert tables["orders"]["columns"]["placed_at"] == {"event": "last_purchase", "of": "person"}
    assert tables["invoices"]["columns"]["issued_at"] == {"event": "invoice_issued"}
    assert tables["newsletter_subscriptions"]["columns"]["unsubscribed_at"] == {"event": "consent_withdrawn"}
    # addresses.line1 says nothing by its name; its values are street addresses.
    assert tables["addresses"]["columns"]["line1"] == {"data": "contact"}
    # Order lines hold nothing personal of their own but belong to a person's orders.
    assert tables["order_lines"] == {"activity": "unclassified"}
    assert "support_tickets.body" in result.unclassified
    assert tables["support_tickets"]["columns"]["body"] == {}
    assert "free text: it may hold anything" in result.yaml
    assert "orders.total_cents" in result.unclassified
    assert "#   orders: total_cents, status" in result.yaml
    assert "# kept_by_law: Code de commerce L123-22" in result.yaml
    assert re.search(r"# which processing activity\? name it\n.*\n\s+activity: unclassified", result.yaml)
    # Tables in the database's order; columns in each table's order.
    assert list(tables["customers"]["columns"])[:3] == ["customer_number", "email", "first_name"]
    # No value read from the database is copied into the draft.
    read = [JEANNE.email, JEANNE.iban, JEANNE.ip, JEANNE.street, PAUL.email, "Martin"]
    assert [value for value in read if value and value in result.yaml] == []
    dataset = loaded(result, tmp_path)
    assert dataset.tables["customers"].columns["birth_date"].erase is schemas.Erase.year
    assert dataset.tables["web_logs"].columns["ip"].identity is schemas.IdentityKind.ip
    connected = attach(read_annotations(tmp_path / "draft.dataset.yaml")[0])  # it agrees with the live schema
    try:
        assert set(connected.tables) == set(tables)
    finally:
        connected.dispose()


@pytest.fixture
def statements() -> Iterator[list[str]]:
    """Every SQL statement any engine runs while the test does."""
    seen: list[str] = []

    def record(*args: Any) -> None:
        seen.append(args[2])

    event.listen(Engine, "before_cursor_execute", record)
    yield seen
    event.remove(Engine, "before_cursor_execute", record)


def test_samples_are_read_with_a_limit_never_the_whole_table(shop_built: str, statements: list[str]) -> None:
    draft(shop_built, dataset="shop", sample=3)
    reads = [s for s in statements if re.search(r"FROM [`\"]?(customers|addresses|support_tickets)\b", s)]
    assert reads
    assert [s for s in reads if "LIMIT" not in s] == []
    statements.clear()
    result = draft(shop_built, dataset="shop", sample=0)
    assert not [s for s in statements if re.search(r"FROM [`\"]?customers\b", s)]
    assert "addresses.line1" in result.unclassified  # no values, so only its name, which says nothing


def _with_password(url: str, password: str) -> str:
    """The URL with a password the server accepts: PostgreSQL's trust ignores it; MariaDB gets a reader with it."""
    parsed_url = make_url(url)
    if parsed_url.get_backend_name() == "mysql":
        user = f"scan_reader_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"  # one account, reused
        admin = create_engine(MARIADB_ADMIN, isolation_level="AUTOCOMMIT")
        try:
            with admin.connect() as connection:
                connection.execute(text(f"CREATE USER IF NOT EXISTS '{user}'@'%' IDENTIFIED BY '{password}'"))
                connection.execute(text(f"ALTER USER '{user}'@'%' IDENTIFIED BY '{password}'"))
                connection.execute(text(f"GRANT SELECT ON `{parsed_url.database}`.* TO '{user}'@'%'"))
        finally:
            admin.dispose()
        parsed_url = parsed_url.set(username=user)
    return parsed_url.set(password=password).render_as_string(hide_password=False)


@pytest.mark.parametrize("shop_url", ["postgresql", "mariadb"], indirect=True)  # SQLite has no password
def test_a_password_in_the_url_never_reaches_the_draft(shop_built: str, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    password = "Zx9-s3cret-Q"
    url = _with_password(shop_built, password)
    result = draft(url, dataset="shop-eu")
    assert password not in result.yaml
    connection = parsed(result)["connection"]
    assert connection["password_env"] == "SHOP_EU_DB_PASSWORD"
    assert make_url(connection["url"]).password is None
    assert "give it in the environment variable SHOP_EU_DB_PASSWORD" in result.yaml
    loaded(result, tmp_path)
    monkeypatch.setenv("SHOP_EU_DB_PASSWORD", password)
    connected = attach(read_annotations(tmp_path / "draft.dataset.yaml")[0])  # the password comes back from there
    connected.dispose()


def _french_clients(url: str) -> None:
    metadata = MetaData()
    clients = Table(
        "clients", metadata,
        Column("id", Integer, primary_key=True),
        Column("courriel", String(254)),
        Column("telephone", String(20)),
        Column("date_naissance", Date),
        Column("code_postal", String(5)),
        Column("commentaire", Text),
        Column("sexe", String(1)),
        Column("contact_urgence", String(30)),  # phones, by their values
        Column("reference", String(40)),  # shaped like IBANs, but with wrong check digits
        Column("rib_secours", String(40)),
        Column("niveau_fidelite", String(10)),  # says nothing, holds nothing recognisable
        Column("date_creation", DateTime),
        Column("derniere_connexion", DateTime),
    )
    prices = Table("tarifs", metadata, Column("id", Integer, primary_key=True), Column("libelle", String(40)),
                   Column("prix_centimes", Integer))
    engine = create_engine(url)
    try:
        metadata.create_all(engine)
        with engine.begin() as connection:
            connection.execute(clients.insert(), [
                {"courriel": "Jeanne.Martin@Example.fr", "telephone": "06 12 34 56 78",
                 "date_naissance": dt.date(1980, 3, 14), "code_postal": "75011", "commentaire": "Allergique",
                 "sexe": "F", "contact_urgence": "+33 6 98 76 54 32", "reference": "FR00 3000 6000 0112 3456 7890 189",
                 "rib_secours": iban_fr("30006000011234567890189"), "niveau_fidelite": "or",
                 "date_creation": dt.datetime(2020, 1, 2), "derniere_connexion": dt.datetime(2026, 1, 2)},
                {"courriel": "paul@example.com", "telephone": "+33698765432", "date_naissance": None,
                 "code_postal": "2A004", "commentaire": None, "sexe": "M", "contact_urgence": "01.23.45.67.89",
                 "reference": "FR01 1010 7001 0112 3456 7890 129", "rib_secours": None, "niveau_fidelite": "argent",
                 "date_creation": dt.datetime(2021, 5, 6), "derniere_connexion": None},
            ])
            connection.execute(prices.insert(), [{"libelle": "Livraison", "prix_centimes": 490}])
    finally:
        engine.dispose()


def test_a_french_schema_is_classified(shop_url: str, tmp_path: Path) -> None:
    _french_clients(shop_url)
    result = draft(shop_url, dataset="crm")
    document = parsed(result)
    columns = document["tables"]["clients"]["columns"]
    assert columns["courriel"] == {"data": "contact", "identity": "email", "match": "lower"}
    assert columns["telephone"] == {"data": "contact", "identity": "phone"}
    assert columns["date_naissance"] == {"data": "identification", "erase": "year", "quasi_identifier": True}
    assert columns["code_postal"] == {"data": "contact", "erase": "departement", "quasi_identifier": True}
    assert columns["contact_urgence"] == {"data": "contact", "identity": "phone"}
    assert columns["rib_secours"] == {"data": "economic_financial"}
    assert columns["date_creation"] == {"event": "collected"}
    assert columns["derniere_connexion"] == {"event": "last_connection"}
    assert columns["sexe"] == {"data": "identification"}
    assert "ATTENTION: sex or gender" in result.yaml
    assert columns["commentaire"] == {}
    assert "texte libre : il peut contenir n'importe quoi" in result.yaml
    assert result.unclassified == ["clients.commentaire", "clients.reference", "clients.niveau_fidelite"]
    assert "reference" not in columns
    assert "niveau_fidelite" not in columns
    assert document["ignore"] == ["tarifs"]
    assert "tarifs.libelle" not in result.unclassified
    assert "Allergique" not in result.yaml
    assert "75011" not in result.yaml
    loaded(result, tmp_path)


def test_bad_input_is_refused_without_echoing_a_secret() -> None:
    for url in ("postgresql://reader:hunter2@db:notaport/shop", "nosuchdb://reader:hunter2@db/shop"):
        with pytest.raises(InvalidInput) as error:
            draft(url)
        assert "hunter2" not in str(error.value)
    with pytest.raises(InvalidInput, match="cannot name a dataset"):
        draft("sqlite://", dataset="Shop DB")


def test_names_are_read_with_their_table(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'mixed.sqlite3'}"
    metadata = MetaData()
    Table("journal_acces", metadata, Column("id", Integer, primary_key=True), Column("at", DateTime),
          Column("expires_at", DateTime), Column("adresse_ip", String(45)), Column("navigateur", String(300)))
    Table("factures", metadata, Column("id", Integer, primary_key=True), Column("date", Date),
          Column("due_date", Date), Column("client_nom", String(100)))
    Table("produits", metadata, Column("id", Integer, primary_key=True), Column("name", String(100)),
          Column("description", Text))
    Table("patients", metadata, Column("id", Integer, primary_key=True), Column("nom", String(100)),
          Column("sante_notes", Text), Column("nationalite", String(40)))
    engine = create_engine(url)
    metadata.create_all(engine)
    engine.dispose()
    result = draft(url)
    document = parsed(result)
    assert document["dataset"] == "mixed"
    tables = document["tables"]
    assert tables["journal_acces"]["columns"] == {
        "at": {"event": "recorded"}, "adresse_ip": {"data": "connection", "identity": "ip"},
        "navigateur": {"data": "connection"}}
    assert tables["factures"]["columns"] == {"date": {"event": "invoice_issued"},
                                             "client_nom": {"data": "identification"}}
    assert "factures.due_date" in result.unclassified
    assert tables["patients"]["columns"]["sante_notes"] == {"data": "health_data"}
    assert "ATTENTION: special category data (Art. 9)" in result.yaml
    assert "ATTENTION : la nationalité peut révéler l'origine raciale ou ethnique" in result.yaml
    assert document["ignore"] == ["produits"]
    assert "- produits  # check: name, description / à vérifier : name, description\n" in result.yaml
    loaded(result, tmp_path)


def test_the_request_kinds_connectors_act_on_are_kinds_of_request() -> None:
    # Connectors name them by value, below rights: a renamed kind must not silently stop acting.
    named = {acting_kinds.ERASURE, acting_kinds.RECTIFICATION, acting_kinds.RESTRICTION, *acting_kinds.READS_VALUES}
    assert named <= {kind.value for kind in RequestKind}
