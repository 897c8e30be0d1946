"""auth: sessions

Revision ID: 3a5f9e2c7d18
Revises: 2e8b4d1a6c37
Create Date: 2024-02-01 10:15:00.000000

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql


# revision identifiers, used by Alembic.
revision = '3a5f9e2c7d18'
down_revision = '2e8b4d1a6c37'
branch_labels = ('auth',)
depends_on = None


def upgrade() -> None:
    # the exclusion constraint compares a bigint with `=` under gist
    op.execute('CREATE EXTENSION IF NOT EXISTS btree_gist')
    op.create_table(
        'sessions',
        sa.Column('token', sa.CHAR(length=64), primary_key=True),
        sa.Column('user_id', sa.BigInteger(), sa.ForeignKey('users.id', ondelete='CASCADE'), nullable=False, index=True),
        sa.Column('client_ip', postgresql.INET(), nullable=True),
        sa.Column('valid', postgresql.TSTZRANGE(), nullable=False),
        sa.Column('revoked', sa.Boolean(), server_default='false', nullable=False),
        comment='login sessions',
    )
    op.create_exclude_constraint(
        'excl_sessions_one_active',
        'sessions',
        (sa.column('user_id'), '='),
        (sa.column('valid'), '&&'),
        where=sa.text('NOT revoked'),
        using='gist',
    )


def downgrade() -> None:
    op.drop_table('sessions')
