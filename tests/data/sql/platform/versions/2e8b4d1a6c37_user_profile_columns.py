"""user profile columns

Revision ID: 2e8b4d1a6c37
Revises: 1c0a7f3e2b90
Create Date: 2024-01-17 13:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '2e8b4d1a6c37'
down_revision = '1c0a7f3e2b90'
branch_labels = None
depends_on = None

NEW_COLUMNS = (
    ('first_name', 100),
    ('last_name', 100),
    ('locale', 10),
)


def upgrade() -> None:
    for name, length in NEW_COLUMNS:
        op.add_column('users', sa.Column(name, sa.String(length=length), nullable=True))
    op.add_column('users', sa.Column('full_name', sa.Text(), sa.Computed("first_name || ' ' || last_name", persisted=True)))
    op.alter_column('users', 'email', existing_type=sa.String(length=320), comment='lower-cased by the application')


def downgrade() -> None:
    op.alter_column(
        'users', 'email', existing_type=sa.String(length=320), comment=None, existing_comment='lower-cased by the application'
    )
    op.drop_column('users', 'full_name')
    for name, _ in reversed(NEW_COLUMNS):
        op.drop_column('users', name)
