from alembic import op
import sqlalchemy as sa
revision = "a"
down_revision = None
def upgrade():
    op.bulk_insert(sa.table("t", sa.column("x", sa.Integer())), [{"x": "99999999999999999999"}, {"x": 1e300}, {"x": "-0012"}, {"x": -0.5}])
