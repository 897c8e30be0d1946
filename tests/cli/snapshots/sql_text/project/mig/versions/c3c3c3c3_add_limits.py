"""add limits

Revision ID: c3c3c3c3
Revises: a1a1a1a1
"""
from alembic import op

revision = "c3c3c3c3"
down_revision = "a1a1a1a1"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
