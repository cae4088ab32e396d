"""worker_stats: what each credbot process counted, for `credbot status`

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('worker_stats',
    sa.Column('worker', sa.String(length=120), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('counters', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('worker', name=op.f('pk_worker_stats'))
    )
    with op.batch_alter_table('worker_stats', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_worker_stats_updated_at'), ['updated_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('worker_stats', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_worker_stats_updated_at'))
    op.drop_table('worker_stats')
