"""indexes and constraints for reporting

Revision ID: c3a98f0d7e55
Revises: b7d2e91c4a10
Create Date: 2024-03-15 10:45:31.800117

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c3a98f0d7e55'
down_revision = 'b7d2e91c4a10'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_customers_email_lower', 'customers', [sa.text('lower(email)')], unique=True)
    op.create_index(
        'ix_orders_open', 'orders', ['placed_at'], postgresql_where=sa.text("status IN ('pending', 'paid')")
    )
    op.create_index('ix_customers_search', 'customers', ['search'], postgresql_using='gin')
    op.create_index('ix_customers_tags', 'customers', ['tags'], postgresql_using='gin')
    op.create_index('ix_order_lines_product', 'order_lines', ['product_id'], postgresql_include=['quantity'])
    op.create_unique_constraint('uq_customers_phone', 'customers', ['phone'])
    op.create_check_constraint('ck_orders_total_nonnegative', 'orders', sa.column('total') >= 0)
    op.create_check_constraint('ck_customers_country_upper', 'customers', "country = upper(country)")
    op.drop_constraint('ck_products_stock_positive', 'products', type_='check')
    op.create_check_constraint('ck_products_stock_positive', 'products', 'stock >= 0 AND stock < 1000000')

    op.create_table(
        'shipments',
        sa.Column('order_id', sa.BigInteger(), nullable=False),
        sa.Column('carrier', sa.String(length=40), nullable=False),
        sa.Column('tracking_code', sa.String(length=64), nullable=True),
    )
    op.create_primary_key('pk_shipments', 'shipments', ['order_id', 'carrier'])
    op.create_foreign_key(
        'fk_shipments_order',
        'shipments',
        'orders',
        ['order_id'],
        ['id'],
        ondelete='CASCADE',
        onupdate='RESTRICT',
        deferrable=True,
        initially='DEFERRED',
        match='FULL',
    )


def downgrade() -> None:
    op.drop_constraint('fk_shipments_order', 'shipments', type_='foreignkey')
    op.drop_constraint('pk_shipments', 'shipments', type_='primary')
    op.drop_table('shipments')
    op.drop_constraint('ck_products_stock_positive', 'products', type_='check')
    op.create_check_constraint('ck_products_stock_positive', 'products', 'stock >= 0')
    op.drop_constraint('ck_customers_country_upper', 'customers', type_='check')
    op.drop_constraint('ck_orders_total_nonnegative', 'orders')
    op.drop_constraint('uq_customers_phone', 'customers', type_='unique')
    op.drop_index('ix_order_lines_product', table_name='order_lines')
    op.drop_index('ix_customers_tags', table_name='customers')
    op.drop_index('ix_customers_search', table_name='customers')
    op.drop_index('ix_orders_open', table_name='orders', postgresql_where=sa.text("status IN ('pending', 'paid')"))
    op.drop_index('ix_customers_email_lower', table_name='customers')
