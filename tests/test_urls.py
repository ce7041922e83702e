"""Database URLs as people type them reach the drivers registre installs."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import make_url

from registre.db.session import make_engine
from registre.kit.urls import driver_url


@pytest.mark.parametrize(("typed", "driver"), [
    ("postgresql://u@h/db", "postgresql+psycopg"), ("postgres://u@h:5433/db", "postgresql+psycopg"),
    ("mysql://u@h/db", "mysql+pymysql"), ("mariadb://u@h/db", "mariadb+pymysql"),
    ("postgresql+psycopg://u@h/db", "postgresql+psycopg"), ("sqlite:///x.db", "sqlite"),
    ("postgresql+psycopg2://u@h/db", "postgresql+psycopg2"),  # a driver named is kept
])
def test_a_url_without_a_driver_means_registres_driver(typed: str, driver: str) -> None:
    url = driver_url(make_url(typed))
    assert url.drivername == driver
    assert url.database == make_url(typed).database
    assert url.host == make_url(typed).host


def test_the_store_takes_a_plain_postgresql_url() -> None:
    engine = make_engine("postgresql://registre@127.0.0.1:5432/registre")  # not connected: only the dialect
    try:
        assert engine.dialect.driver == "psycopg"
    finally:
        engine.dispose()
