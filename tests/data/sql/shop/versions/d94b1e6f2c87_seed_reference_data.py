"""seed reference data and backfill

Revision ID: d94b1e6f2c87
Revises: c3a98f0d7e55
Create Date: 2024-03-22 16:20:05.004411

"""
import textwrap

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd94b1e6f2c87'
down_revision = 'c3a98f0d7e55'
branch_labels = None
depends_on = None

SCHEMA = 'reporting'
BATCH_SIZE = 5000
DEFAULT_COUNTRY = 'NL'
CARRIERS = ('dhl', 'postnl', 'ups')

countries = sa.table(
    'countries',
    sa.column('code', sa.CHAR(2)),
    sa.column('name', sa.String),
    sa.column('eu_member', sa.Boolean),
)

customers = sa.table(
    'customers',
    sa.column('id', sa.Integer),
    sa.column('country', sa.CHAR(2)),
    sa.column('loyalty_points', sa.Integer),
    sa.column('is_active', sa.Boolean),
)


def _grant_read(table_name):
    op.execute(f"GRANT SELECT ON {SCHEMA}.{table_name} TO PUBLIC")


def upgrade() -> None:
    op.create_table(
        'countries',
        sa.Column('code', sa.CHAR(length=2), primary_key=True),
        sa.Column('name', sa.String(length=80), nullable=False),
        sa.Column('eu_member', sa.Boolean(), server_default=sa.false(), nullable=False),
    )
    op.bulk_insert(
        countries,
        [
            {'code': 'NL', 'name': 'Netherlands', 'eu_member': True},
            {'code': 'BE', 'name': "Belgium", 'eu_member': True},
            {'code': 'GB', 'name': "United Kingdom (it's complicated)", 'eu_member': False},
        ],
    )
    op.execute(
        customers.update()
        .where(customers.c.country == op.inline_literal('UK'))
        .values({'country': op.inline_literal('GB')})
    )
    op.execute(customers.update().where(customers.c.is_active == sa.false()).values(loyalty_points=0))
    op.execute(customers.delete().where(customers.c.id < 0))

    op.execute(sa.text("UPDATE customers SET country = '%s' WHERE country IS NULL" % DEFAULT_COUNTRY))
    op.execute(sa.text("UPDATE customers SET country = :new WHERE country = :old").bindparams(new='GB', old='EN'))
    op.execute("UPDATE customers SET email = lower(email) WHERE email LIKE '%@EXAMPLE.COM'")
    op.execute(sa.text("UPDATE customers SET preferred_time = '10:00'::time WHERE preferred_time IS NULL"))
    op.execute("CREATE SCHEMA IF NOT EXISTS {}".format(SCHEMA))
    op.execute(
        textwrap.dedent(
            f"""\
            CREATE VIEW {SCHEMA}.customer_totals AS
                SELECT c.id, c.email, coalesce(sum(o.total), 0) AS lifetime_total
                FROM customers c
                LEFT JOIN orders o ON o.customer_id = c.id
                GROUP BY c.id, c.email
            """
        )
    )
    _grant_read('customer_totals')
    op.execute(
        "CREATE MATERIALIZED VIEW " + SCHEMA + ".daily_orders AS "
        "SELECT date_trunc('day', placed_at) AS day, count(*) AS n "
        "FROM orders GROUP BY 1 "
        "WITH NO DATA"
    )
    _grant_read('daily_orders')
    for carrier in CARRIERS:
        op.execute(f"INSERT INTO shipments (order_id, carrier) SELECT id, '{carrier}' FROM orders WHERE false")
    op.execute(
        "UPDATE customers SET loyalty_points = loyalty_points + 1 "
        "WHERE id IN (SELECT id FROM customers ORDER BY id LIMIT %d)" % BATCH_SIZE
    )


def downgrade() -> None:
    op.execute(f"DROP MATERIALIZED VIEW {SCHEMA}.daily_orders")
    op.execute(f"DROP VIEW {SCHEMA}.customer_totals")
    op.execute(f"DROP SCHEMA {SCHEMA}")
    op.drop_table('countries')
