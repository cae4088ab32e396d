"""catalogue uploads: a network manager's catalogue file held until they confirm it

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('catalogue_uploads',
    sa.Column('token', sa.String(length=16), nullable=False),
    sa.Column('telegram_user_id', sa.BigInteger(), nullable=False),
    sa.Column('telegram_chat_id', sa.BigInteger(), nullable=True),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('token', name=op.f('pk_catalogue_uploads'))
    )
    with op.batch_alter_table('catalogue_uploads', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_catalogue_uploads_created_at'), ['created_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('catalogue_uploads', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_catalogue_uploads_created_at'))
    op.drop_table('catalogue_uploads')
