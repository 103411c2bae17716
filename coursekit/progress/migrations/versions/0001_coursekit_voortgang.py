"""The progress table: per volunteer and module, first opening and first mastery.

Revision ID: 0001
Revises:
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "coursekit_voortgang",
        sa.Column("gebruiker", sa.String(255), nullable=False),
        sa.Column("module_id", sa.String(100), nullable=False),
        sa.Column("begonnen", sa.DateTime(timezone=True), nullable=False),
        sa.Column("afgerond", sa.DateTime(timezone=True), nullable=True),
        sa.Column("eerste_goed", sa.Integer(), nullable=True),
        sa.Column("eerste_van", sa.Integer(), nullable=True),
        sa.Column("bijgewerkt", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("gebruiker", "module_id", name="coursekit_voortgang_pkey"),
    )


def downgrade() -> None:
    op.drop_table("coursekit_voortgang")
