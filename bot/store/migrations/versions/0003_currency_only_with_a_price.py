"""a credential without a price has no currency

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('credentials', schema=None) as batch_op:
        batch_op.alter_column('currency', existing_type=sa.String(length=3), nullable=True)
    op.execute("UPDATE credentials SET currency = NULL WHERE cost IS NULL")


def downgrade() -> None:
    op.execute("UPDATE credentials SET currency = 'CAD' WHERE currency IS NULL")
    with op.batch_alter_table('credentials', schema=None) as batch_op:
        batch_op.alter_column('currency', existing_type=sa.String(length=3), nullable=False)
