"""statistics: searches, credentials earned and digest opens, counted per chat (learners as keyed
hashes), the hash key, and the weekly demand-gap slots

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('stat_demand_gaps',
    sa.Column('chat_id', sa.BigInteger(), nullable=False),
    sa.Column('week', sa.Date(), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.PrimaryKeyConstraint('chat_id', 'week', name=op.f('pk_stat_demand_gaps'))
    )
    op.create_table('stat_digest_opens',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('chat_id', sa.BigInteger(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('credential_id', sa.Integer(), nullable=False),
    sa.Column('learner', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stat_digest_opens'))
    )
    with op.batch_alter_table('stat_digest_opens', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stat_digest_opens_chat_id'), ['chat_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_stat_digest_opens_day'), ['day'], unique=False)

    op.create_table('stat_earned',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('chat_id', sa.BigInteger(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('subject_en', sa.String(length=300), nullable=False),
    sa.Column('subject_fr', sa.String(length=300), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stat_earned'))
    )
    with op.batch_alter_table('stat_earned', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stat_earned_chat_id'), ['chat_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_stat_earned_day'), ['day'], unique=False)

    op.create_table('stat_keys',
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('value', sa.String(length=128), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_stat_keys'))
    )
    op.create_table('stat_origins',
    sa.Column('learner', sa.String(length=64), nullable=False),
    sa.Column('chat_id', sa.BigInteger(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.PrimaryKeyConstraint('learner', name=op.f('pk_stat_origins'))
    )
    with op.batch_alter_table('stat_origins', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stat_origins_day'), ['day'], unique=False)

    op.create_table('stat_searches',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('chat_id', sa.BigInteger(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('query', sa.String(length=200), nullable=False),
    sa.Column('locale', sa.String(length=8), nullable=False),
    sa.Column('found', sa.Boolean(), nullable=False),
    sa.Column('learner', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stat_searches'))
    )
    with op.batch_alter_table('stat_searches', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stat_searches_chat_id'), ['chat_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_stat_searches_day'), ['day'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('stat_searches', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stat_searches_day'))
        batch_op.drop_index(batch_op.f('ix_stat_searches_chat_id'))

    op.drop_table('stat_searches')
    with op.batch_alter_table('stat_origins', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stat_origins_day'))

    op.drop_table('stat_origins')
    op.drop_table('stat_keys')
    with op.batch_alter_table('stat_earned', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stat_earned_day'))
        batch_op.drop_index(batch_op.f('ix_stat_earned_chat_id'))

    op.drop_table('stat_earned')
    with op.batch_alter_table('stat_digest_opens', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stat_digest_opens_day'))
        batch_op.drop_index(batch_op.f('ix_stat_digest_opens_chat_id'))

    op.drop_table('stat_digest_opens')
    op.drop_table('stat_demand_gaps')
