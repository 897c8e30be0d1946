"""search: full-text index on users

Revision ID: 8f0a4b2c5d63
Revises: 2e8b4d1a6c37
Create Date: 2024-03-04 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql


# revision identifiers, used by Alembic.
revision = '8f0a4b2c5d63'
down_revision = '2e8b4d1a6c37'
branch_labels = ('search',)
depends_on = None

LANGUAGE = 'simple'


def upgrade() -> None:
    op.add_column(
        'users',
        sa.Column(
            'document',
            postgresql.TSVECTOR(),
            sa.Computed(f"to_tsvector('{LANGUAGE}', coalesce(first_name, '') || ' ' || email)"),
            nullable=True,
        ),
    )
    op.create_index('ix_users_document', 'users', ['document'], postgresql_using='gin')
    op.create_table(
        'saved_searches',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('user_id', sa.BigInteger(), sa.ForeignKey('users.id', ondelete='CASCADE'), nullable=False),
        sa.Column('query', sa.Unicode(length=500), nullable=False),
        sa.Column('run_at', sa.Time(timezone=True), nullable=True),
        sa.Column('every', sa.Interval(second_precision=0), nullable=True),
        sa.Column('created_at', sa.TIMESTAMP(timezone=False), server_default=sa.text('LOCALTIMESTAMP'), nullable=False),
    )


def downgrade() -> None:
    op.drop_table('saved_searches')
    op.drop_index('ix_users_document', table_name='users')
    op.drop_column('users', 'document')
