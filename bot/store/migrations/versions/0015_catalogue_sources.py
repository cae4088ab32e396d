"""catalogue sources: a network's catalogue URL fetched on a schedule

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('catalogue_sources',
    sa.Column('telegram_chat_id', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('url', sa.String(length=2000), nullable=False),
    sa.Column('registered_by', sa.BigInteger(), nullable=False),
    sa.Column('registered_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('next_fetch_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('etag', sa.String(length=300), nullable=True),
    sa.Column('last_modified', sa.String(length=100), nullable=True),
    sa.Column('sha256', sa.String(length=64), nullable=True),
    sa.Column('last_fetch_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_result', sa.String(length=16), nullable=True),
    sa.Column('last_counts', sa.JSON(), nullable=False),
    sa.Column('last_error', sa.String(length=500), nullable=True),
    sa.Column('failures', sa.Integer(), nullable=False),
    sa.Column('failing_since', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('telegram_chat_id', name=op.f('pk_catalogue_sources'))
    )
    with op.batch_alter_table('catalogue_sources', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_catalogue_sources_next_fetch_at'), ['next_fetch_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('catalogue_sources', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_catalogue_sources_next_fetch_at'))
    op.drop_table('catalogue_sources')
