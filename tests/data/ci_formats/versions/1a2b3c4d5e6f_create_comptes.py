"""create comptes (the accounts of the French entity: « comptes »)

Revision ID: 1a2b3c4d5e6f
Revises: 
Create Date: 2024-05-01 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '1a2b3c4d5e6f'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("comptes", sa.Column("id", sa.BigInteger(), primary_key=True))
    op.create_table("tmp<&>", sa.Column("id", sa.BigInteger(), primary_key=True))


def downgrade() -> None:
    op.drop_table("tmp<&>")
    op.drop_table("comptes")
