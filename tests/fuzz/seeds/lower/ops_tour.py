"""ops tour

Revision ID: a1b2c3d4e5f6
Revises:
Create Date: 2026-11-25 00:00:00
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = "a1b2c3d4e5f6"
down_revision = None
branch_labels = None
depends_on = None

STATUS = sa.Enum("new", "done", name="status")


def upgrade():
    op.create_table(
        "orders",
        sa.Column("id", sa.BigInteger(), primary_key=True),
        sa.Column("status", STATUS, nullable=False, server_default="new"),
        sa.Column("meta", postgresql.JSONB(), server_default=sa.text("'{}'::jsonb")),
        sa.UniqueConstraint("status", name="uq_orders_status"),
        schema="shop",
    )
    op.add_column("orders", sa.Column("total", sa.Numeric(10, 2), nullable=False), schema="shop")
    op.alter_column("orders", "total", type_=sa.Integer(), existing_type=sa.Numeric(10, 2), schema="shop")
    with op.batch_alter_table("orders", schema="shop") as batch_op:
        batch_op.drop_column("meta")
    with op.get_context().autocommit_block():
        op.create_index("ix_orders_status", "orders", ["status"], postgresql_concurrently=True, schema="shop")
    for table in ("a", "b"):
        op.execute(f"UPDATE {table} SET x = 1 WHERE y IS NULL")
    op.create_foreign_key("fk_a_b", "a", "b", ["b_id"], ["id"], ondelete="CASCADE")
    op.create_check_constraint("ck_total", "orders", "total > 0", schema="shop")
    op.execute("SET lock_timeout = '5s'; ALTER TABLE shop.orders ADD CONSTRAINT x CHECK (total > 0) NOT VALID")
    op.execute(sa.text("SELEC broken"))
    op.bulk_insert(sa.table("a", sa.column("x")), [{"x": 1}, {"x": "it's"}])
    op.get_bind().execute("SELECT 1")


def downgrade():
    op.drop_constraint("fk_a_b", "a", type_="foreignkey")
    op.drop_index("ix_orders_status", table_name="orders", schema="shop")
    op.drop_table("orders", schema="shop")
    STATUS.drop(op.get_bind())
