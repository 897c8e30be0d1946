"""tenants and users

Revision ID: 1c0a7f3e2b90
Revises:
Create Date: 2024-01-10 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql


# revision identifiers, used by Alembic.
revision = '1c0a7f3e2b90'
down_revision = None
branch_labels = ('core',)
depends_on = None


def upgrade() -> None:
    op.execute('CREATE EXTENSION IF NOT EXISTS pgcrypto')
    op.create_table(
        'tenants',
        sa.Column('id', postgresql.UUID(), server_default=sa.text('gen_random_uuid()'), nullable=False),
        sa.Column('slug', sa.String(length=63), nullable=False),
        sa.Column('plan', postgresql.ENUM('free', 'team', 'enterprise', name='tenant_plan'), server_default='free', nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_tenants')),
        sa.UniqueConstraint('slug', name=op.f('uq_tenants_slug')),
    )
    op.create_table(
        'users',
        sa.Column('id', sa.BigInteger(), autoincrement=True, nullable=False),
        sa.Column('tenant_id', postgresql.UUID(), nullable=False),
        sa.Column('email', sa.String(length=320), nullable=False),
        sa.Column('roles', postgresql.ARRAY(sa.Text(), dimensions=1), server_default=sa.text("ARRAY['member']::text[]"), nullable=False),
        sa.Column('quota', postgresql.ARRAY(sa.Integer()), nullable=True),
        sa.Column('login_count', sa.Integer(), server_default=sa.text('0'), nullable=False),
        sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_users_tenant_id_tenants'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_users')),
        sa.UniqueConstraint('tenant_id', 'email', name='uq_users_tenant_email'),
    )


def downgrade() -> None:
    op.drop_table('users')
    op.drop_table('tenants')
    postgresql.ENUM(name='tenant_plan').drop(op.get_bind())
