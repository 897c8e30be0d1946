"""customer profile changes

Revision ID: b7d2e91c4a10
Revises: a1f0c3e5b201
Create Date: 2024-03-08 14:02:10.551002

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql


# revision identifiers, used by Alembic.
revision = 'b7d2e91c4a10'
down_revision = 'a1f0c3e5b201'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('customers', sa.Column('phone', sa.String(length=32), nullable=True))
    op.add_column('customers', sa.Column('loyalty_points', sa.Integer(), server_default='0', nullable=False))
    op.add_column(
        'customers',
        sa.Column('referrer_id', sa.Integer(), sa.ForeignKey('customers.id', name='fk_customers_referrer'), nullable=True),
    )
    op.alter_column('customers', 'display_name', existing_type=sa.Unicode(length=100), nullable=False, server_default='')
    op.alter_column(
        'customers',
        'trial_length',
        existing_type=sa.Interval(),
        type_=sa.Integer(),
        postgresql_using='extract(epoch from trial_length)::integer',
        existing_nullable=True,
    )
    op.alter_column('customers', 'bio', new_column_name='about', existing_type=sa.Text())
    op.alter_column(
        'customers', 'country', existing_type=sa.CHAR(length=2), comment='ISO 3166-1 alpha-2', existing_nullable=False
    )
    op.alter_column('products', 'stock', existing_type=sa.SmallInteger(), type_=sa.Integer(), existing_server_default=sa.text('0'))
    op.alter_column('orders', 'total', existing_type=sa.Numeric(precision=12, scale=2), server_default=None)
    op.drop_column('customers', 'raw_profile')


def downgrade() -> None:
    op.add_column('customers', sa.Column('raw_profile', postgresql.JSON(astext_type=sa.Text()), autoincrement=False, nullable=True))
    op.alter_column('orders', 'total', existing_type=sa.Numeric(precision=12, scale=2), server_default=sa.text("'0'::numeric"))
    op.alter_column('products', 'stock', existing_type=sa.Integer(), type_=sa.SmallInteger())
    op.alter_column(
        'customers', 'country', existing_type=sa.CHAR(length=2), comment=None, existing_comment='ISO 3166-1 alpha-2', existing_nullable=False
    )
    op.alter_column('customers', 'about', new_column_name='bio', existing_type=sa.Text())
    op.alter_column(
        'customers',
        'trial_length',
        existing_type=sa.Integer(),
        type_=sa.Interval(),
        postgresql_using="make_interval(secs => trial_length)",
    )
    op.alter_column('customers', 'display_name', existing_type=sa.Unicode(length=100), nullable=True, server_default=None)
    op.drop_column('customers', 'referrer_id')
    op.drop_column('customers', 'loyalty_points')
    op.drop_column('customers', 'phone')
