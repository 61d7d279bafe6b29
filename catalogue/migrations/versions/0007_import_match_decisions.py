"""import match decisions

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25 04:00:00
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel

revision: str = '0007'
down_revision: Union[str, None] = '0006'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('importmatchdecision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('prefecture_id', sa.Integer(), nullable=False),
    sa.Column('row_key', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('row_name', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('factory_id', sa.Integer(), nullable=False),
    sa.Column('verdict', sa.Enum('confirmed', 'rejected', name='matchverdict', native_enum=False, length=20), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['factory_id'], ['factory.id'], ),
    sa.ForeignKeyConstraint(['prefecture_id'], ['prefecture.id'], ),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('prefecture_id', 'row_key', 'factory_id')
    )
    with op.batch_alter_table('importmatchdecision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_importmatchdecision_factory_id'), ['factory_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_importmatchdecision_prefecture_id'), ['prefecture_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_importmatchdecision_row_key'), ['row_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_importmatchdecision_user_id'), ['user_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('importmatchdecision', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_importmatchdecision_user_id'))
        batch_op.drop_index(batch_op.f('ix_importmatchdecision_row_key'))
        batch_op.drop_index(batch_op.f('ix_importmatchdecision_prefecture_id'))
        batch_op.drop_index(batch_op.f('ix_importmatchdecision_factory_id'))

    op.drop_table('importmatchdecision')
