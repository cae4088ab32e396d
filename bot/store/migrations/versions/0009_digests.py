"""digests: subscriptions, runs, what each chat was sent, credential marks

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('credential_marks',
    sa.Column('external_id', sa.String(length=255), nullable=False),
    sa.Column('fingerprint', sa.String(length=40), nullable=False),
    sa.Column('first_seen', sa.DateTime(timezone=True), nullable=False),
    sa.Column('changed_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('external_id', name=op.f('pk_credential_marks'))
    )
    with op.batch_alter_table('credential_marks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_credential_marks_changed_at'), ['changed_at'], unique=False)

    op.create_table('digest_posted',
    sa.Column('chat_id', sa.BigInteger(), nullable=False),
    sa.Column('external_id', sa.String(length=255), nullable=False),
    sa.Column('fingerprint', sa.String(length=40), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint('chat_id', 'external_id', name=op.f('pk_digest_posted'))
    )
    op.create_table('digest_subscriptions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('chat_id', sa.BigInteger(), nullable=False),
    sa.Column('thread_id', sa.BigInteger(), nullable=False),
    sa.Column('subscriber_user_id', sa.BigInteger(), nullable=False),
    sa.Column('topics', sa.JSON(), nullable=False),
    sa.Column('language', sa.String(length=4), nullable=False),
    sa.Column('frequency', sa.String(length=10), nullable=False),
    sa.Column('weekday', sa.Integer(), nullable=True),
    sa.Column('hour', sa.Integer(), nullable=False),
    sa.Column('timezone', sa.String(length=64), nullable=False),
    sa.Column('auto_approve', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('handled_through', sa.DateTime(timezone=True), nullable=False),
    sa.Column('collected_through', sa.DateTime(timezone=True), nullable=False),
    sa.Column('pause_reported', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_digest_subscriptions')),
    sa.UniqueConstraint('chat_id', 'thread_id', name=op.f('uq_digest_subscriptions_chat_id'))
    )
    with op.batch_alter_table('digest_subscriptions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_digest_subscriptions_subscriber_user_id'), ['subscriber_user_id'], unique=False)

    op.create_table('digest_runs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('subscription_id', sa.Integer(), nullable=False),
    sa.Column('slot_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('items', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['subscription_id'], ['digest_subscriptions.id'], name=op.f('fk_digest_runs_subscription_id_digest_subscriptions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_digest_runs')),
    sa.UniqueConstraint('subscription_id', 'slot_at', name=op.f('uq_digest_runs_subscription_id'))
    )
    with op.batch_alter_table('digest_runs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_digest_runs_subscription_id'), ['subscription_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('digest_runs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_digest_runs_subscription_id'))

    op.drop_table('digest_runs')
    with op.batch_alter_table('digest_subscriptions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_digest_subscriptions_subscriber_user_id'))

    op.drop_table('digest_subscriptions')
    op.drop_table('digest_posted')
    with op.batch_alter_table('credential_marks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_credential_marks_changed_at'))

    op.drop_table('credential_marks')
