"""chats know whether the bot is in them and may post, who added it, and their managers

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('chats', schema=None) as batch_op:
        batch_op.add_column(sa.Column('active', sa.Boolean(), nullable=False, server_default=sa.true()))
        batch_op.add_column(sa.Column('bot_can_post', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('added_by_user_id', sa.BigInteger(), nullable=True))
    with op.batch_alter_table('chats', schema=None) as batch_op:
        batch_op.alter_column('active', server_default=None)
        batch_op.alter_column('bot_can_post', server_default=None)
    op.create_table('chat_managers',
    sa.Column('chat_id', sa.Integer(), nullable=False),
    sa.Column('telegram_user_id', sa.BigInteger(), nullable=False),
    sa.Column('since', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['chat_id'], ['chats.id'], name=op.f('fk_chat_managers_chat_id_chats'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('chat_id', 'telegram_user_id', name=op.f('pk_chat_managers'))
    )


def downgrade() -> None:
    op.drop_table('chat_managers')
    with op.batch_alter_table('chats', schema=None) as batch_op:
        batch_op.drop_column('added_by_user_id')
        batch_op.drop_column('bot_can_post')
        batch_op.drop_column('active')
