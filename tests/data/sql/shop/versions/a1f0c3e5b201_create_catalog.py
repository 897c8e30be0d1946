"""create catalog: customers, products, orders

Revision ID: a1f0c3e5b201
Revises:
Create Date: 2024-03-01 09:12:44.120315

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql


# revision identifiers, used by Alembic.
revision = 'a1f0c3e5b201'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'customers',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('email', sa.String(length=255), nullable=False),
        sa.Column('display_name', sa.Unicode(length=100), nullable=True),
        sa.Column('bio', sa.Text(), nullable=True),
        sa.Column('country', sa.CHAR(length=2), server_default='NL', nullable=False),
        sa.Column('nickname', sa.VARCHAR(length=40), nullable=True),
        sa.Column('is_active', sa.Boolean(), server_default=sa.text('true'), nullable=False),
        sa.Column('birth_date', sa.Date(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=True),
        sa.Column('last_seen', postgresql.TIMESTAMP(timezone=True), nullable=True),
        sa.Column('preferred_time', sa.Time(), nullable=True),
        sa.Column('trial_length', sa.Interval(), nullable=True),
        sa.Column('avatar', sa.LargeBinary(), nullable=True),
        sa.Column('last_ip', postgresql.INET(), nullable=True),
        sa.Column('allowed_net', postgresql.CIDR(), nullable=True),
        sa.Column('external_id', postgresql.UUID(as_uuid=True), nullable=True, comment='id in the CRM'),
        sa.Column('tags', postgresql.ARRAY(sa.String()), server_default='{}', nullable=False),
        sa.Column('settings', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column('raw_profile', sa.JSON(), nullable=True),
        sa.Column('search', postgresql.TSVECTOR(), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_customers')),
        sa.UniqueConstraint('email', name=op.f('uq_customers_email')),
        comment='people who buy things',
    )
    op.create_index(op.f('ix_customers_country'), 'customers', ['country'], unique=False)

    op.create_table(
        'products',
        sa.Column('id', sa.BigInteger(), nullable=False),
        sa.Column('sku', sa.String(length=32), nullable=False, unique=True),
        sa.Column('name', sa.String(length=200), nullable=False, index=True),
        sa.Column('stock', sa.SmallInteger(), server_default='0', nullable=False),
        sa.Column('price', sa.Numeric(precision=10, scale=2), nullable=False),
        sa.Column('weight_kg', sa.Float(), nullable=True),
        sa.Column('vat_rate', sa.Numeric(precision=4, scale=3), server_default=sa.text('0.21'), nullable=False),
        sa.Column('price_with_vat', sa.Numeric(precision=12, scale=2), sa.Computed('price * (1 + vat_rate)'), nullable=True),
        sa.PrimaryKeyConstraint('id'),
        sa.CheckConstraint('stock >= 0', name='ck_products_stock_positive'),
    )

    op.create_table(
        'orders',
        sa.Column('id', sa.BigInteger(), sa.Identity(always=True, start=1000, increment=1), primary_key=True),
        sa.Column('customer_id', sa.Integer(), sa.ForeignKey('customers.id', ondelete='CASCADE'), nullable=False),
        sa.Column('status', sa.Enum('pending', 'paid', 'shipped', 'cancelled', name='order_status'), server_default='pending', nullable=False),
        sa.Column('total', sa.Numeric(precision=12, scale=2), server_default='0', nullable=False),
        sa.Column('placed_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.Index('ix_orders_customer_placed', 'customer_id', 'placed_at'),
    )

    op.create_table(
        'order_lines',
        sa.Column('order_id', sa.BigInteger(), nullable=False),
        sa.Column('line_no', sa.SmallInteger(), autoincrement=False, nullable=False),
        sa.Column('product_id', sa.BigInteger(), nullable=False),
        sa.Column('quantity', sa.Integer(), server_default='1', nullable=False),
        sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name='fk_order_lines_order', ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['product_id'], ['products.id'], name='fk_order_lines_product'),
        sa.PrimaryKeyConstraint('order_id', 'line_no', name='pk_order_lines'),
        sa.CheckConstraint('quantity > 0', name='ck_order_lines_quantity'),
    )


def downgrade() -> None:
    op.drop_table('order_lines')
    op.drop_table('orders')
    sa.Enum(name='order_status').drop(op.get_bind(), checkfirst=True)
    op.drop_table('products')
    op.drop_index(op.f('ix_customers_country'), table_name='customers')
    op.drop_table('customers')
