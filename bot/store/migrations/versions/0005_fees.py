"""credentials keep their fees apart from the price

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Existing rows get an empty list; the default is then dropped, as the models have none.
    with op.batch_alter_table('credentials', schema=None) as batch_op:
        batch_op.add_column(sa.Column('fees', sa.JSON(), nullable=False, server_default='[]'))
    with op.batch_alter_table('credentials', schema=None) as batch_op:
        batch_op.alter_column('fees', server_default=None)


def downgrade() -> None:
    with op.batch_alter_table('credentials', schema=None) as batch_op:
        batch_op.drop_column('fees')
