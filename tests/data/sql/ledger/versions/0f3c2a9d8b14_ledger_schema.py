"""ledger schema: accounts, entries, bookings

Revision ID: 0f3c2a9d8b14
Revises:
Create Date: 2024-05-02 11:03:27.441906

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql


# revision identifiers, used by Alembic.
revision = '0f3c2a9d8b14'
down_revision = None
branch_labels = None
depends_on = None

entry_side = postgresql.ENUM('debit', 'credit', name='entry_side', schema='ledger', create_type=False)
account_kind = sa.Enum('asset', 'liability', 'equity', 'income', 'expense', name='account_kind')


def upgrade() -> None:
    op.execute('CREATE SCHEMA ledger')
    op.execute('CREATE EXTENSION IF NOT EXISTS btree_gist')
    entry_side.create(op.get_bind(), checkfirst=False)
    account_kind.create(op.get_bind(), checkfirst=False)

    op.create_table(
        'accounts',
        sa.Column('id', sa.Integer(), sa.Identity(), primary_key=True),
        sa.Column('code', sa.String(length=20), nullable=False),
        sa.Column('kind', postgresql.ENUM(name='account_kind', create_type=False), nullable=False),
        sa.Column('parent_id', sa.Integer(), sa.ForeignKey('ledger.accounts.id'), nullable=True),
        sa.Column('opened_on', sa.Date(), server_default=sa.text('CURRENT_DATE'), nullable=False),
        sa.UniqueConstraint('code', name='uq_accounts_code'),
        schema='ledger',
    )
    op.create_table_comment('accounts', 'chart of accounts', schema='ledger')

    op.create_table(
        'entries',
        sa.Column('id', sa.BigInteger(), primary_key=True),
        sa.Column('account_id', sa.Integer(), nullable=False),
        sa.Column('side', entry_side, nullable=False),
        sa.Column('amount_cents', sa.BigInteger(), nullable=False),
        sa.Column('booked_at', postgresql.TIMESTAMP(timezone=True, precision=3), server_default=sa.func.now(), nullable=False),
        sa.Column('memo', sa.Text(), server_default='', nullable=False, comment='free text'),
        sa.ForeignKeyConstraint(['account_id'], ['ledger.accounts.id'], name='fk_entries_account', ondelete='RESTRICT'),
        sa.CheckConstraint('amount_cents > 0', name='ck_entries_amount_positive'),
        schema='ledger',
    )
    op.create_index('ix_entries_account_booked', 'entries', ['account_id', sa.text('booked_at DESC')], schema='ledger')

    op.create_table(
        'bookings',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('account_id', sa.Integer(), nullable=False),
        sa.Column('during', postgresql.TSTZRANGE(), nullable=False),
        schema='ledger',
    )
    op.create_exclude_constraint(
        'excl_bookings_no_overlap',
        'bookings',
        ('account_id', '='),
        ('during', '&&'),
        using='gist',
        schema='ledger',
    )


def downgrade() -> None:
    op.drop_constraint('excl_bookings_no_overlap', 'bookings', schema='ledger')
    op.drop_table('bookings', schema='ledger')
    op.drop_index('ix_entries_account_booked', table_name='entries', schema='ledger')
    op.drop_table('entries', schema='ledger')
    op.drop_table_comment('accounts', existing_comment='chart of accounts', schema='ledger')
    op.drop_table('accounts', schema='ledger')
    account_kind.drop(op.get_bind(), checkfirst=False)
    entry_side.drop(op.get_bind(), checkfirst=False)
    op.execute('DROP SCHEMA ledger')
