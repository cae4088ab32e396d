"""credentials keep their durations as written (weeks, months, ranges)

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Existing rows get an empty list; the default is then dropped, as the models have none.
    with op.batch_alter_table('credentials', schema=None) as batch_op:
        batch_op.add_column(sa.Column('durations', sa.JSON(), nullable=False, server_default='[]'))
    with op.batch_alter_table('credentials', schema=None) as batch_op:
        batch_op.alter_column('durations', server_default=None)


def downgrade() -> None:
    with op.batch_alter_table('credentials', schema=None) as batch_op:
        batch_op.drop_column('durations')
