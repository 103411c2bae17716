"""Alembic migrations of the progress tables; run by :func:`coursekit.progress.store.upgrade`."""
