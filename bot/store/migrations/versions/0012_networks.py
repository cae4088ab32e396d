"""networks: chats grouped under a network, credentials tagged with the networks that loaded them

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('networks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('created_by', sa.BigInteger(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_networks'))
    )
    op.create_table('credential_networks',
    sa.Column('credential_id', sa.Integer(), nullable=False),
    sa.Column('network_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['credential_id'], ['credentials.id'], name=op.f('fk_credential_networks_credential_id_credentials'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['network_id'], ['networks.id'], name=op.f('fk_credential_networks_network_id_networks'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('credential_id', 'network_id', name=op.f('pk_credential_networks'))
    )
    with op.batch_alter_table('credential_networks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_credential_networks_network_id'), ['network_id'], unique=False)
    # Every credential stored so far is in the shared catalogue (no network loaded any).
    with op.batch_alter_table('credentials', schema=None) as batch_op:
        batch_op.add_column(sa.Column('shared', sa.Boolean(), nullable=False, server_default=sa.true()))
    with op.batch_alter_table('credentials', schema=None) as batch_op:
        batch_op.alter_column('shared', server_default=None)
    with op.batch_alter_table('chats', schema=None) as batch_op:
        batch_op.add_column(sa.Column('network_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_chats_network_id'), ['network_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_chats_network_id_networks'), 'networks', ['network_id'], ['id'], ondelete='SET NULL')
    with op.batch_alter_table('catalogue_uploads', schema=None) as batch_op:
        batch_op.add_column(sa.Column('all_chats', sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table('catalogue_uploads', schema=None) as batch_op:
        batch_op.alter_column('all_chats', server_default=None)


def downgrade() -> None:
    with op.batch_alter_table('catalogue_uploads', schema=None) as batch_op:
        batch_op.drop_column('all_chats')
    with op.batch_alter_table('chats', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_chats_network_id_networks'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_chats_network_id'))
        batch_op.drop_column('network_id')
    with op.batch_alter_table('credentials', schema=None) as batch_op:
        batch_op.drop_column('shared')
    with op.batch_alter_table('credential_networks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_credential_networks_network_id'))
    op.drop_table('credential_networks')
    op.drop_table('networks')
