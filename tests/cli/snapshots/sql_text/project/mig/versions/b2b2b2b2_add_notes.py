"""add notes

Revision ID: b2b2b2b2
Revises: a1a1a1a1
"""
from alembic import op

revision = "b2b2b2b2"
down_revision = "a1a1a1a1"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
