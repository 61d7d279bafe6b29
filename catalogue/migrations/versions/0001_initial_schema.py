"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-25 01:05:47.599017
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel
from sqlalchemy.dialects import postgresql

revision: str = '0001'
down_revision: Union[str, None] = None
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('category',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('label', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.ForeignKeyConstraint(['parent_id'], ['category.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('category', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_category_parent_id'), ['parent_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_category_slug'), ['slug'], unique=True)

    op.create_table('image',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sha256', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('format', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
    sa.Column('width', sa.Integer(), nullable=False),
    sa.Column('height', sa.Integer(), nullable=False),
    sa.Column('size_bytes', sa.Integer(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('image', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_image_sha256'), ['sha256'], unique=True)

    op.create_table('outboxentry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entity_type', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('processed_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('outboxentry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outboxentry_entity_type'), ['entity_type'], unique=False)
        batch_op.create_index(batch_op.f('ix_outboxentry_processed_at'), ['processed_at'], unique=False)

    op.create_table('prefecture',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(length=6), nullable=False),
    sa.Column('name', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('seat_lat', sa.Float(), nullable=True),
    sa.Column('seat_lon', sa.Float(), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('code')
    )
    with op.batch_alter_table('prefecture', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_prefecture_slug'), ['slug'], unique=True)

    op.create_table('belt',
    sa.Column('status', sa.Enum('draft', 'submitted', 'published', 'archived', name='status', native_enum=False, length=20), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('slug', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('prefecture_id', sa.Integer(), nullable=False),
    sa.Column('cluster_type', sa.Enum('trade', 'industry_trade', name='clustertype', native_enum=False, length=20), nullable=False),
    sa.Column('themes', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('name', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('description', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('counties', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['prefecture_id'], ['prefecture.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('belt', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_belt_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_belt_prefecture_id'), ['prefecture_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_belt_slug'), ['slug'], unique=True)
        batch_op.create_index(batch_op.f('ix_belt_status'), ['status'], unique=False)

    op.create_table('user',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
    sa.Column('password_hash', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('role', sa.Enum('admin', 'official', name='role', native_enum=False, length=20), nullable=False),
    sa.Column('prefecture_id', sa.Integer(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['prefecture_id'], ['prefecture.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_user_email'), ['email'], unique=True)
        batch_op.create_index(batch_op.f('ix_user_prefecture_id'), ['prefecture_id'], unique=False)

    op.create_table('auditentry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('entity_type', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=False),
    sa.Column('action', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('changes', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('auditentry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_auditentry_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_auditentry_entity_id'), ['entity_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_auditentry_entity_type'), ['entity_type'], unique=False)
        batch_op.create_index(batch_op.f('ix_auditentry_user_id'), ['user_id'], unique=False)

    op.create_table('factory',
    sa.Column('status', sa.Enum('draft', 'submitted', 'published', 'archived', name='status', native_enum=False, length=20), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('uscc', sqlmodel.sql.sqltypes.AutoString(length=18), nullable=True),
    sa.Column('external_ref', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=True),
    sa.Column('name', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('profile', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('prefecture_id', sa.Integer(), nullable=False),
    sa.Column('belt_id', sa.Integer(), nullable=True),
    sa.Column('county', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('address', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('latitude', sa.Float(), nullable=True),
    sa.Column('longitude', sa.Float(), nullable=True),
    sa.Column('capabilities', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('moq', sa.Integer(), nullable=True),
    sa.Column('lead_time_days', sa.Integer(), nullable=True),
    sa.Column('capacity', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('staff_count', sa.Integer(), nullable=True),
    sa.Column('year_founded', sa.Integer(), nullable=True),
    sa.Column('certifications', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('export_markets', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('platforms', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('own_brands', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('contact_public', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('contact_private', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('verification', sa.Enum('unverified', 'verified', name='verification', native_enum=False, length=20), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('merged_into_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['belt_id'], ['belt.id'], ),
    sa.ForeignKeyConstraint(['merged_into_id'], ['factory.id'], ),
    sa.ForeignKeyConstraint(['prefecture_id'], ['prefecture.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('factory', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_factory_belt_id'), ['belt_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_factory_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_factory_external_ref'), ['external_ref'], unique=True)
        batch_op.create_index(batch_op.f('ix_factory_prefecture_id'), ['prefecture_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_factory_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_factory_uscc'), ['uscc'], unique=True)

    op.create_table('factoryimage',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('factory_id', sa.Integer(), nullable=False),
    sa.Column('image_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('alt', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.ForeignKeyConstraint(['factory_id'], ['factory.id'], ),
    sa.ForeignKeyConstraint(['image_id'], ['image.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('factory_id', 'image_id')
    )
    with op.batch_alter_table('factoryimage', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_factoryimage_factory_id'), ['factory_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_factoryimage_image_id'), ['image_id'], unique=False)

    op.create_table('product',
    sa.Column('status', sa.Enum('draft', 'submitted', 'published', 'archived', name='status', native_enum=False, length=20), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('factory_id', sa.Integer(), nullable=False),
    sa.Column('category_id', sa.Integer(), nullable=True),
    sa.Column('external_ref', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=True),
    sa.Column('name', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('description', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('themes', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('materials', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('hs_code', sqlmodel.sql.sqltypes.AutoString(length=6), nullable=True),
    sa.Column('price_min', sa.Float(), nullable=True),
    sa.Column('price_max', sa.Float(), nullable=True),
    sa.Column('currency', sqlmodel.sql.sqltypes.AutoString(length=3), nullable=True),
    sa.Column('moq', sa.Integer(), nullable=True),
    sa.Column('lead_time_days', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['category_id'], ['category.id'], ),
    sa.ForeignKeyConstraint(['factory_id'], ['factory.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('product', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_product_category_id'), ['category_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_product_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_product_external_ref'), ['external_ref'], unique=True)
        batch_op.create_index(batch_op.f('ix_product_factory_id'), ['factory_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_product_status'), ['status'], unique=False)

    op.create_table('productimage',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('image_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('alt', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.ForeignKeyConstraint(['image_id'], ['image.id'], ),
    sa.ForeignKeyConstraint(['product_id'], ['product.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('product_id', 'image_id')
    )
    with op.batch_alter_table('productimage', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_productimage_image_id'), ['image_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_productimage_product_id'), ['product_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('productimage', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_productimage_product_id'))
        batch_op.drop_index(batch_op.f('ix_productimage_image_id'))

    op.drop_table('productimage')
    with op.batch_alter_table('product', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_product_status'))
        batch_op.drop_index(batch_op.f('ix_product_factory_id'))
        batch_op.drop_index(batch_op.f('ix_product_external_ref'))
        batch_op.drop_index(batch_op.f('ix_product_created_at'))
        batch_op.drop_index(batch_op.f('ix_product_category_id'))

    op.drop_table('product')
    with op.batch_alter_table('factoryimage', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_factoryimage_image_id'))
        batch_op.drop_index(batch_op.f('ix_factoryimage_factory_id'))

    op.drop_table('factoryimage')
    with op.batch_alter_table('factory', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_factory_uscc'))
        batch_op.drop_index(batch_op.f('ix_factory_status'))
        batch_op.drop_index(batch_op.f('ix_factory_prefecture_id'))
        batch_op.drop_index(batch_op.f('ix_factory_external_ref'))
        batch_op.drop_index(batch_op.f('ix_factory_created_at'))
        batch_op.drop_index(batch_op.f('ix_factory_belt_id'))

    op.drop_table('factory')
    with op.batch_alter_table('auditentry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_auditentry_user_id'))
        batch_op.drop_index(batch_op.f('ix_auditentry_entity_type'))
        batch_op.drop_index(batch_op.f('ix_auditentry_entity_id'))
        batch_op.drop_index(batch_op.f('ix_auditentry_at'))

    op.drop_table('auditentry')
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_user_prefecture_id'))
        batch_op.drop_index(batch_op.f('ix_user_email'))

    op.drop_table('user')
    with op.batch_alter_table('belt', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_belt_status'))
        batch_op.drop_index(batch_op.f('ix_belt_slug'))
        batch_op.drop_index(batch_op.f('ix_belt_prefecture_id'))
        batch_op.drop_index(batch_op.f('ix_belt_created_at'))

    op.drop_table('belt')
    with op.batch_alter_table('prefecture', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_prefecture_slug'))

    op.drop_table('prefecture')
    with op.batch_alter_table('outboxentry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outboxentry_processed_at'))
        batch_op.drop_index(batch_op.f('ix_outboxentry_entity_type'))

    op.drop_table('outboxentry')
    with op.batch_alter_table('image', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_image_sha256'))

    op.drop_table('image')
    with op.batch_alter_table('category', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_category_slug'))
        batch_op.drop_index(batch_op.f('ix_category_parent_id'))

    op.drop_table('category')
