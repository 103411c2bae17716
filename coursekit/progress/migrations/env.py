"""Alembic's environment for the progress tables.

:func:`coursekit.progress.store.upgrade` passes an open connection in
``config.attributes["connection"]``. Alembic keeps its place in ``coursekit_alembic_version``
and looks only at tables named ``coursekit_*``, so nbgrader's gradebook in the same database
(and its own ``alembic_version``) is never touched, not even by ``--autogenerate``.
"""

from __future__ import annotations

from typing import Any

from alembic import context
from sqlalchemy import create_engine

from coursekit.progress.store import VERSION_TABLE, metadata


def _ours(name: str | None, type_: str, parent_names: Any) -> bool:
    return type_ != "table" or bool(name and name.startswith("coursekit_"))


def _run(connection: Any) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        version_table=VERSION_TABLE,
        include_name=_ours,
    )
    with context.begin_transaction():
        context.run_migrations()


def _online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    # `alembic` on the command line: the URL from `-x url=...`.
    url = context.get_x_argument(as_dictionary=True).get("url")
    if not url:
        raise SystemExit("name the database: alembic -x url=postgresql+psycopg://...")
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            _run(connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise SystemExit("the progress migrations run online only (coursekit.progress.store.upgrade)")
_online()
