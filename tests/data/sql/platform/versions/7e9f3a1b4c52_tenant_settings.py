"""tenant settings and cleanups

Revision ID: 7e9f3a1b4c52
Revises: 6d8e2f0a3b41
Create Date: 2024-02-20 14:00:00.000000

"""
from textwrap import dedent

from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql


# revision identifiers, used by Alembic.
revision = '7e9f3a1b4c52'
down_revision = '6d8e2f0a3b41'
branch_labels = None
depends_on = None

SETTINGS_TABLE = 'tenant_settings'
TRIGGER_FUNCTION = dedent(
    """
    CREATE FUNCTION touch_updated_at() RETURNS trigger AS $$
    BEGIN
        NEW.updated_at := now();
        RETURN NEW;
    END;
    $$ LANGUAGE plpgsql
    """
)

tenants = sa.table('tenants', sa.column('plan', sa.String), sa.column('slug', sa.String))


def upgrade() -> None:
    op.create_table(
        SETTINGS_TABLE,
        sa.Column('tenant_id', postgresql.UUID(), sa.ForeignKey('tenants.id', ondelete='CASCADE'), primary_key=True),
        sa.Column('settings', postgresql.JSONB(), server_default=sa.text("'{}'::jsonb"), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    )
    op.execute(TRIGGER_FUNCTION)
    op.execute(
        'CREATE TRIGGER trg_%s_touch BEFORE UPDATE ON %s '
        'FOR EACH ROW EXECUTE FUNCTION touch_updated_at()' % (SETTINGS_TABLE, SETTINGS_TABLE)
    )
    op.execute(tenants.update().where(tenants.c.slug.like('test-%')).values(plan='team'))
    # The function forms build the same statements as the methods.
    op.execute(sa.update(tenants).where(tenants.c.slug == 'demo').values(plan='free'))
    op.execute(sa.delete(tenants).where(tenants.c.slug == 'deleted-demo'))
    op.create_check_constraint('ck_tenants_plan_known', 'tenants', "plan IN ('free', 'team', 'enterprise')", postgresql_not_valid=True)
    op.alter_column('users', 'login_count', existing_type=sa.Integer(), type_=sa.BigInteger(), server_default=None, existing_server_default=sa.text('0'))
    op.drop_constraint('uq_users_tenant_email', 'users', type_='unique')
    op.create_index('uq_users_tenant_email_lower', 'users', ['tenant_id', sa.text('lower(email)')], unique=True)


def downgrade() -> None:
    op.drop_constraint('ck_tenants_plan_known', 'tenants', type_='check')
    op.drop_index('uq_users_tenant_email_lower', table_name='users')
    op.create_unique_constraint('uq_users_tenant_email', 'users', ['tenant_id', 'email'])
    op.alter_column('users', 'login_count', existing_type=sa.BigInteger(), type_=sa.Integer(), server_default=sa.text('0'))
    op.execute(f'DROP TRIGGER trg_{SETTINGS_TABLE}_touch ON {SETTINGS_TABLE}')
    op.execute('DROP FUNCTION touch_updated_at()')
    op.drop_table(SETTINGS_TABLE)
