"""Oracle helper for tests/unit/lower_oracle_test.cc: renders snippets of op.* calls with
Debian's Alembic 1.8.1 + SQLAlchemy 1.4.46 in offline mode (as `alembic upgrade --sql`),
one MigrationContext for all snippets (`--literal-binds` and `--named` as env.py's
context.configure(literal_binds=True, dialect_opts={"paramstyle": "named"}), which
Alembic's env.py template passes) (so enum memos carry over, as in one run), and prints a
JSON list with, for each snippet, the list of statements Alembic emitted (or an error)."""
import io
import json
import sys
import textwrap
import warnings

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from alembic.runtime.migration import MigrationContext
from alembic.operations import Operations

warnings.simplefilter("ignore")


def main():
    snippets = json.load(sys.stdin)
    opts = {"as_sql": True, "output_buffer": io.StringIO()}
    if "--literal-binds" in sys.argv:
        opts["literal_binds"] = True
    dialect_opts = {"paramstyle": "named"} if "--named" in sys.argv else {}
    ctx = MigrationContext.configure(
        dialect_name="postgresql", dialect_opts=dialect_opts, opts=opts)
    stmts = []
    ctx.impl.static_output = lambda text: stmts.append(text)
    op = Operations(ctx)
    result = []
    for code in snippets:
        stmts.clear()
        try:
            exec(code, {"op": op, "sa": sa, "postgresql": postgresql, "textwrap": textwrap})
            result.append({"sql": [s[:-1] if s.endswith(";") else s for s in stmts]})
        except Exception as e:  # noqa: BLE001 - the test reports it
            result.append({"error": f"{type(e).__name__}: {e}"})
    json.dump(result, sys.stdout)


main()
