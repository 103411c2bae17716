"""The progress table beside the gradebook, and the four things done with it.

One row per volunteer and module (``coursekit_voortgang``): when the module was first
opened, when mastery was first reached and that first mastery's score, and when the row
last changed (``bijgewerkt``). A later report
never overwrites them: each write is one ``INSERT ... ON CONFLICT DO UPDATE`` that keeps
what is there, so two reports at once cannot undo each other. Times are kept in UTC.

The table is made and changed by the Alembic migrations in ``migrations/`` (:func:`upgrade`),
with their own version table, so nbgrader's ``alembic_version`` in the same database is
left alone. PostgreSQL on the hub; SQLite works too.

Every function takes an Engine (it commits) or a Connection (the caller commits).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Column,
    DateTime,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    case,
    create_engine,
    delete,
    func,
    select,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Row

from coursekit.progress.model import (
    Event,
    InvalidProgress,
    ModuleProgress,
    as_utc,
    check_event,
    check_module,
    check_score,
)
from coursekit.text import learner

__all__ = ["TABLE", "VERSION_TABLE", "forget", "group", "mine", "record", "upgrade"]

TABLE = "coursekit_voortgang"
# Alembic's version table for these migrations; nbgrader's is "alembic_version".
VERSION_TABLE = "coursekit_alembic_version"
# JupyterHub allows names of up to 255 characters.
MAX_NAME = 255

metadata = MetaData()
voortgang = Table(
    TABLE,
    metadata,
    Column("gebruiker", String(MAX_NAME), primary_key=True),
    Column("module_id", String(100), primary_key=True),
    Column("begonnen", DateTime(timezone=True), nullable=False),
    Column("afgerond", DateTime(timezone=True), nullable=True),
    Column("eerste_goed", Integer, nullable=True),
    Column("eerste_van", Integer, nullable=True),
    Column("bijgewerkt", DateTime(timezone=True), nullable=False),
)

Database = Engine | Connection


def record(
    db: Database,
    user: str,
    module_id: str,
    event: Event,
    goed: int | None = None,
    van: int | None = None,
    now: datetime | None = None,
) -> ModuleProgress:
    """Keep that ``user`` opened (``begonnen``) or mastered (``afgerond``) ``module_id``.

    The first opening and the first mastery with its score are kept; later reports change
    nothing. Mastery also counts as opening when no opening was reported. Returns what is
    kept. InvalidProgress (one Dutch sentence) for an unknown module, event or a bad score.
    """
    _check_user(user)
    module_id = check_module(module_id)
    event = check_event(event)
    goed, van = check_score(event, goed, van)
    moment = as_utc(now) if now is not None else datetime.now(UTC)
    done = moment if event == "afgerond" else None
    values = {
        "gebruiker": user,
        "module_id": module_id,
        "begonnen": moment,
        "afgerond": done,
        "eerste_goed": goed,
        "eerste_van": van,
        "bijgewerkt": moment,
    }
    with _connection(db) as connection:
        dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
        insert = dialect.insert(voortgang).values(**values)
        new = insert.excluded
        first_mastery = voortgang.c.afgerond.is_(None) & new.afgerond.is_not(None)
        statement = insert.on_conflict_do_update(
            index_elements=[voortgang.c.gebruiker, voortgang.c.module_id],
            set_={
                "begonnen": func.coalesce(voortgang.c.begonnen, new.begonnen),
                "afgerond": func.coalesce(voortgang.c.afgerond, new.afgerond),
                "eerste_goed": case(
                    (first_mastery, new.eerste_goed), else_=voortgang.c.eerste_goed
                ),
                "eerste_van": case((first_mastery, new.eerste_van), else_=voortgang.c.eerste_van),
                "bijgewerkt": case((first_mastery, new.bijgewerkt), else_=voortgang.c.bijgewerkt),
            },
        ).returning(*_PROGRESS_COLUMNS)
        return _progress(connection.execute(statement).one())


def mine(db: Database, user: str) -> dict[str, ModuleProgress]:
    """Everything kept about ``user``, per module id."""
    query = select(voortgang.c.module_id, *_PROGRESS_COLUMNS).where(voortgang.c.gebruiker == user)
    with _connection(db) as connection:
        rows = connection.execute(query.order_by(voortgang.c.module_id)).all()
    return {row.module_id: _progress(row) for row in rows}


def forget(db: Database, user: str) -> int:
    """Delete everything kept about ``user``; the number of rows removed."""
    with _connection(db) as connection:
        result = connection.execute(delete(voortgang).where(voortgang.c.gebruiker == user))
    return int(result.rowcount)


def group(db: Database) -> dict[str, dict[str, ModuleProgress]]:
    """Everyone's progress: per user, per module id (for trainers)."""
    query = select(voortgang.c.gebruiker, voortgang.c.module_id, *_PROGRESS_COLUMNS)
    found: dict[str, dict[str, ModuleProgress]] = {}
    with _connection(db) as connection:
        rows = connection.execute(query.order_by(voortgang.c.gebruiker, voortgang.c.module_id))
        for row in rows:
            found.setdefault(row.gebruiker, {})[row.module_id] = _progress(row)
    return found


def upgrade(db: str | Engine) -> None:
    """Bring the progress tables up to date (Alembic's ``upgrade head``); idempotent.

    ``db`` is an SQLAlchemy URL or Engine: the gradebook's database, whose own tables and
    ``alembic_version`` stay as they are.
    """
    from alembic import command
    from alembic.config import Config

    engine = create_engine(db) if isinstance(db, str) else db
    config = Config()
    config.set_main_option("script_location", "coursekit.progress:migrations")
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    finally:
        if isinstance(db, str):
            engine.dispose()


_PROGRESS_COLUMNS = (
    voortgang.c.begonnen,
    voortgang.c.afgerond,
    voortgang.c.eerste_goed,
    voortgang.c.eerste_van,
)


def _progress(row: Row[Any, *tuple[Any, ...]]) -> ModuleProgress:
    return ModuleProgress(
        begonnen=None if row.begonnen is None else as_utc(row.begonnen),
        afgerond=None if row.afgerond is None else as_utc(row.afgerond),
        goed=row.eerste_goed,
        van=row.eerste_van,
    )


def _check_user(user: object) -> None:
    # The service passes the hub's name for the token; this guards other callers.
    if not isinstance(user, str) or not user or len(user) > MAX_NAME:
        raise InvalidProgress(learner.PROGRESS_ONLY_PEOPLE)


@contextmanager
def _connection(db: Database) -> Iterator[Connection]:
    if isinstance(db, Connection):
        yield db
    else:
        with db.begin() as connection:
            yield connection
