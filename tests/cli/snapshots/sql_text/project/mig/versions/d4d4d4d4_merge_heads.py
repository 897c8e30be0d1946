"""merge heads

Revision ID: d4d4d4d4
Revises: b2b2b2b2, c3c3c3c3
"""
from alembic import op

revision = "d4d4d4d4"
down_revision = ("b2b2b2b2", "c3c3c3c3")
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
