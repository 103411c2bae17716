"""One real PostgreSQL for the progress tests; each test gets a fresh database in it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, create_engine, text

from coursekit.progress.store import upgrade
from tests.support.postgres import postgres_database


@pytest.fixture(scope="session")
def postgres() -> Iterator[str]:
    with postgres_database("postgres_tests") as url:
        yield url


@pytest.fixture
def database_url(postgres: str, request: pytest.FixtureRequest) -> Iterator[str]:
    """An empty database of its own: ``CREATE DATABASE`` in the shared server."""
    name = "t_" + "".join(c if c.isalnum() else "_" for c in request.node.name.lower())[:50]
    admin = create_engine(postgres, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        yield postgres.replace("/postgres_tests?", f"/{name}?")
    finally:
        admin.dispose()


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """The progress tables, migrated, in an empty database."""
    made = create_engine(database_url)
    upgrade(made)
    try:
        yield made
    finally:
        made.dispose()
