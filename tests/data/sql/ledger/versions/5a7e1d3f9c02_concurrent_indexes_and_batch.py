"""concurrent indexes, new entry side, batch changes to accounts

Revision ID: 5a7e1d3f9c02
Revises: 0f3c2a9d8b14
Create Date: 2024-05-20 08:41:12.220958

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql


# revision identifiers, used by Alembic.
revision = '5a7e1d3f9c02'
down_revision = '0f3c2a9d8b14'
branch_labels = None
depends_on = None

currency = postgresql.ENUM('EUR', 'USD', 'GBP', name='currency')


def upgrade() -> None:
    currency.create(op.get_bind(), checkfirst=True)
    op.add_column(
        'entries',
        sa.Column('currency', currency, server_default='EUR', nullable=False),
        schema='ledger',
    )

    with op.batch_alter_table('accounts', schema='ledger') as batch_op:
        batch_op.add_column(sa.Column('name', sa.String(length=120), nullable=True))
        batch_op.add_column(sa.Column('closed', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.alter_column('code', existing_type=sa.String(length=20), type_=sa.String(length=32))
        batch_op.create_check_constraint('ck_accounts_code_format', "code ~ '^[0-9A-Z.]+$'")
        batch_op.drop_column('opened_on')

    with op.get_context().autocommit_block():
        op.execute("ALTER TYPE ledger.entry_side ADD VALUE IF NOT EXISTS 'reversal'")
        op.create_index(
            'ix_entries_booked_at',
            'entries',
            ['booked_at'],
            schema='ledger',
            postgresql_concurrently=True,
        )
        op.create_index(
            'ix_accounts_name_trgm',
            'accounts',
            ['name'],
            unique=True,
            schema='ledger',
            postgresql_concurrently=True,
            postgresql_where=sa.text('NOT closed'),
        )


def downgrade() -> None:
    with op.get_context().autocommit_block():
        op.drop_index('ix_accounts_name_trgm', table_name='accounts', schema='ledger', postgresql_concurrently=True)
        op.drop_index('ix_entries_booked_at', table_name='entries', schema='ledger', postgresql_concurrently=True)

    with op.batch_alter_table('accounts', schema='ledger') as batch_op:
        batch_op.add_column(
            sa.Column('opened_on', sa.DATE(), server_default=sa.text('CURRENT_DATE'), autoincrement=False, nullable=False)
        )
        batch_op.drop_constraint('ck_accounts_code_format', type_='check')
        batch_op.alter_column('code', existing_type=sa.String(length=32), type_=sa.String(length=20))
        batch_op.drop_column('closed')
        batch_op.drop_column('name')

    op.drop_column('entries', 'currency', schema='ledger')
    currency.drop(op.get_bind(), checkfirst=False)
