"""merge auth and billing

Revision ID: 6d8e2f0a3b41
Revises: 4b6c0d8e1f29, 5c7d1e9f2a30
Create Date: 2024-02-10 09:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '6d8e2f0a3b41'
down_revision = ('4b6c0d8e1f29', '5c7d1e9f2a30')
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
