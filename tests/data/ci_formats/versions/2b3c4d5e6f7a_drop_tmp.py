"""drop the « tmp » table

Revision ID: 2b3c4d5e6f7a
Revises: 0000000000ff
Create Date: 2024-05-02 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '2b3c4d5e6f7a'
down_revision = '1a2b3c4d5e6f'
branch_labels = None
depends_on = None


def upgrade() -> None:
    note = "été"; op.drop_table("tmp<&>")
    op.add_column("comptes", sa.Column("libellé", sa.Text(), nullable=False))


def downgrade() -> None:
    op.drop_column("comptes", "libellé")
