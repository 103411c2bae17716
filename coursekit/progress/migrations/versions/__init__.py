"""The revisions, oldest first (a new one: ``alembic revision`` on this script location)."""
