"""auth: session lookup index

Revision ID: 4b6c0d8e1f29
Revises: 3a5f9e2c7d18
Create Date: 2024-02-05 11:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '4b6c0d8e1f29'
down_revision = '3a5f9e2c7d18'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(op.f('ix_sessions_client_ip'), 'sessions', ['client_ip'], postgresql_using='gist', postgresql_ops={'client_ip': 'inet_ops'})
    op.execute(sa.text("COMMENT ON INDEX ix_sessions_client_ip IS 'abuse investigations'"))


def downgrade() -> None:
    op.drop_index(op.f('ix_sessions_client_ip'), table_name='sessions')
