"""billing: invoices

Revision ID: 5c7d1e9f2a30
Revises: 2e8b4d1a6c37
Create Date: 2024-02-03 16:45:00.000000

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql


# revision identifiers, used by Alembic.
revision = '5c7d1e9f2a30'
down_revision = '2e8b4d1a6c37'
branch_labels = ('billing',)
depends_on = '3a5f9e2c7d18'

invoice_state = postgresql.ENUM('draft', 'open', 'paid', 'void', name='invoice_state', create_type=False)


def upgrade() -> None:
    invoice_state.create(op.get_bind(), checkfirst=False)
    op.create_table(
        'invoices',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('tenant_id', postgresql.UUID(), sa.ForeignKey('tenants.id'), nullable=False),
        sa.Column('state', invoice_state, server_default='draft', nullable=False),
        sa.Column('amount', sa.Numeric(14, 4), nullable=False),
        sa.Column('tax', sa.Float(precision=53), nullable=True),
        sa.Column('issued_on', sa.Date(), nullable=True),
        sa.Column('due_in', sa.Interval(), server_default=sa.text("'30 days'::interval"), nullable=False),
        sa.Column('pdf', sa.LargeBinary(), nullable=True),
        sa.Column('lines', postgresql.JSONB(), server_default='[]', nullable=False),
        sa.Column('notes', sa.Unicode(), nullable=True),
        sa.Column('issued_by_session', sa.CHAR(64), nullable=True),
    )
    op.create_foreign_key(
        op.f('fk_invoices_issued_by_session_sessions'), 'invoices', 'sessions', ['issued_by_session'], ['token'], ondelete='SET NULL'
    )
    op.create_index('ix_invoices_open', 'invoices', ['tenant_id', 'issued_on'], postgresql_where=sa.text("state = 'open'"))


def downgrade() -> None:
    op.drop_index('ix_invoices_open', table_name='invoices')
    op.drop_table('invoices')
    op.execute('DROP TYPE invoice_state')
