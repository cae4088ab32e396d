"""conversation state in the store: processed updates, result pages, what each learner was shown

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('processed_updates',
    sa.Column('bot_id', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('update_id', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('done_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('bot_id', 'update_id', name=op.f('pk_processed_updates'))
    )
    with op.batch_alter_table('processed_updates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_processed_updates_claimed_at'), ['claimed_at'], unique=False)
    op.create_table('result_pages',
    sa.Column('key', sa.String(length=16), nullable=False),
    sa.Column('learner_ref', sa.String(length=120), nullable=False),
    sa.Column('query', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_result_pages'))
    )
    with op.batch_alter_table('result_pages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_result_pages_created_at'), ['created_at'], unique=False)
    op.create_table('learner_contexts',
    sa.Column('learner_ref', sa.String(length=120), nullable=False),
    sa.Column('last_query', sa.Text(), nullable=True),
    sa.Column('shown_kind', sa.String(length=16), nullable=True),
    sa.Column('shown_ids', sa.JSON(), nullable=False),
    sa.Column('shown_query', sa.Text(), nullable=False),
    sa.Column('shown_key', sa.String(length=16), nullable=False),
    sa.Column('shown_page', sa.Integer(), nullable=False),
    sa.Column('shown_first', sa.Integer(), nullable=False),
    sa.Column('shown_pages', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('learner_ref', name=op.f('pk_learner_contexts'))
    )
    with op.batch_alter_table('learner_contexts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_learner_contexts_updated_at'), ['updated_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('learner_contexts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_learner_contexts_updated_at'))
    op.drop_table('learner_contexts')
    with op.batch_alter_table('result_pages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_result_pages_created_at'))
    op.drop_table('result_pages')
    with op.batch_alter_table('processed_updates', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_processed_updates_claimed_at'))
    op.drop_table('processed_updates')
