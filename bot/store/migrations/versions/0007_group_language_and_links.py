"""groups: the adder's language and a guessed language for chats; search links for deep links

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('chats', schema=None) as batch_op:
        batch_op.add_column(sa.Column('added_by_language_code', sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column('guessed_locale', sa.String(length=8), nullable=True))
    op.create_table('search_links',
    sa.Column('key', sa.String(length=16), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_search_links'))
    )
    with op.batch_alter_table('search_links', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_search_links_created_at'), ['created_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('search_links', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_search_links_created_at'))
    op.drop_table('search_links')
    with op.batch_alter_table('chats', schema=None) as batch_op:
        batch_op.drop_column('guessed_locale')
        batch_op.drop_column('added_by_language_code')
