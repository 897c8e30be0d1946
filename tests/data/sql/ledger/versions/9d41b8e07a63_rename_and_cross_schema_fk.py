"""rename bookings to reservations, cross-schema foreign key

Revision ID: 9d41b8e07a63
Revises: 5a7e1d3f9c02
Create Date: 2024-06-03 15:27:48.661023

"""
from alembic import context
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '9d41b8e07a63'
down_revision = '5a7e1d3f9c02'
branch_labels = None
depends_on = None

AUDITED_TABLES = ['accounts', 'entries']


def upgrade() -> None:
    op.rename_table('bookings', 'reservations', schema='ledger')
    op.create_table(
        'audit_log',
        sa.Column('id', sa.BigInteger(), sa.Identity(always=False, start=1, cycle=False), primary_key=True),
        sa.Column('account_id', sa.Integer(), nullable=True),
        sa.Column('table_name', sa.Text(), nullable=False),
        sa.Column('payload', sa.dialects.postgresql.JSONB(), server_default=sa.text("'{}'::jsonb"), nullable=False),
        sa.Column('logged_at', sa.TIMESTAMP(), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
    )
    op.create_foreign_key(
        'fk_audit_log_account',
        'audit_log',
        'accounts',
        ['account_id'],
        ['id'],
        referent_schema='ledger',
        ondelete='SET NULL',
        postgresql_not_valid=True,
    )
    op.execute('ALTER TABLE audit_log VALIDATE CONSTRAINT fk_audit_log_account')
    op.create_foreign_key(
        'fk_reservations_account',
        'reservations',
        'accounts',
        ['account_id'],
        ['id'],
        source_schema='ledger',
        referent_schema='ledger',
        deferrable=False,
    )
    if context.get_context().dialect.name == 'postgresql':
        for table in AUDITED_TABLES:
            op.execute(f'ALTER TABLE ledger.{table} SET (autovacuum_vacuum_scale_factor = 0.05)')
    else:
        op.execute('SELECT 1')
    op.drop_table_comment('accounts', schema='ledger')


def downgrade() -> None:
    op.create_table_comment('accounts', 'chart of accounts', schema='ledger')
    if op.get_context().dialect.name == 'postgresql':
        for table in reversed(AUDITED_TABLES):
            op.execute(f'ALTER TABLE ledger.{table} RESET (autovacuum_vacuum_scale_factor)')
    op.drop_constraint('fk_audit_log_account', 'audit_log', type_='foreignkey')
    op.drop_constraint('fk_reservations_account', 'reservations', type_='foreignkey', schema='ledger')
    op.drop_table('audit_log')
    op.rename_table('reservations', 'bookings', schema='ledger')
