"""create accounts

Revision ID: a1a1a1a1
Revises: 
"""
from alembic import op

revision = "a1a1a1a1"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
