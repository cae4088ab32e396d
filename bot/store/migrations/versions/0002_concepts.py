"""skill and occupation identifiers, credentials' occupations, store stamps

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Existing rows get an empty list; the default is then dropped, as the models have none.
    with op.batch_alter_table("skills", schema=None) as batch_op:
        batch_op.add_column(sa.Column("uris", sa.JSON(), nullable=False, server_default="[]"))
    with op.batch_alter_table("skills", schema=None) as batch_op:
        batch_op.alter_column("uris", server_default=None)
    with op.batch_alter_table("occupations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("uris", sa.JSON(), nullable=False, server_default="[]"))
    with op.batch_alter_table("occupations", schema=None) as batch_op:
        batch_op.alter_column("uris", server_default=None)
    with op.batch_alter_table("credentials", schema=None) as batch_op:
        batch_op.add_column(sa.Column("occupations", sa.JSON(), nullable=False, server_default="[]"))
    with op.batch_alter_table("credentials", schema=None) as batch_op:
        batch_op.alter_column("occupations", server_default=None)
    op.create_table(
        "store_stamps",
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("value", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_store_stamps")),
    )


def downgrade() -> None:
    op.drop_table("store_stamps")
    with op.batch_alter_table("credentials", schema=None) as batch_op:
        batch_op.drop_column("occupations")
    with op.batch_alter_table("occupations", schema=None) as batch_op:
        batch_op.drop_column("uris")
    with op.batch_alter_table("skills", schema=None) as batch_op:
        batch_op.drop_column("uris")
