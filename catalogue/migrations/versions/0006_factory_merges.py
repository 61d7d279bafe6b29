"""factory merges

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25 04:00:00
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel
from sqlalchemy.dialects import postgresql

revision: str = '0006'
down_revision: Union[str, None] = '0005'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    # Factory.merged_into_id exists since 0001; this adds the record of each merge (for undo).
    op.create_table('factorymerge',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('survivor_id', sa.Integer(), nullable=False),
    sa.Column('merged_id', sa.Integer(), nullable=False),
    sa.Column('prefecture_id', sa.Integer(), nullable=False),
    sa.Column('merged_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('merged_by_id', sa.Integer(), nullable=True),
    sa.Column('undone_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('undone_by_id', sa.Integer(), nullable=True),
    sa.Column('moved', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.ForeignKeyConstraint(['merged_by_id'], ['user.id'], ),
    sa.ForeignKeyConstraint(['merged_id'], ['factory.id'], ),
    sa.ForeignKeyConstraint(['prefecture_id'], ['prefecture.id'], ),
    sa.ForeignKeyConstraint(['survivor_id'], ['factory.id'], ),
    sa.ForeignKeyConstraint(['undone_by_id'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('factorymerge', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_factorymerge_merged_at'), ['merged_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_factorymerge_merged_id'), ['merged_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_factorymerge_prefecture_id'), ['prefecture_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_factorymerge_survivor_id'), ['survivor_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('factorymerge', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_factorymerge_survivor_id'))
        batch_op.drop_index(batch_op.f('ix_factorymerge_prefecture_id'))
        batch_op.drop_index(batch_op.f('ix_factorymerge_merged_id'))
        batch_op.drop_index(batch_op.f('ix_factorymerge_merged_at'))

    op.drop_table('factorymerge')
