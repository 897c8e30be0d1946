#!/usr/bin/python3
"""`miglint trace` proves the lock model against PostgreSQL 15, statement kind by statement kind.

For every case of tests/oracle/locks_oracle.py (the statements src/sql/locks models, each with
the relations the model deliberately leaves out), a two-revision Alembic project is generated:
the first revision builds the oracle's schema with rows, the second runs the statement
(op.execute), with env.py's transaction_per_migration=True so the statement has its own
transaction. `miglint trace --database-url <fresh database> --format json` runs it; the case
passes when the statement was observed, and the differences trace reports are exactly about
the documented gaps: none for a case without gaps, and for a case with gaps only differences
that name a gap relation.

Also: trace in its own throwaway cluster on fixtures/executor/app agrees everywhere and reports
the CONCURRENTLY index build as not observable.

  trace_online.py MIGLINT SOURCE_DIR
"""
import json
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "oracle"))
from exec_support import arguments, check, finish  # noqa: E402
from pg_cluster import Cluster, clean_env, run  # noqa: E402
import locks_oracle  # noqa: E402

PORT = 54391

INI = """[alembic]
script_location = alembic

[loggers]
keys = root
[handlers]
keys = console
[formatters]
keys = generic
[logger_root]
level = WARN
handlers = console
[handler_console]
class = StreamHandler
args = (sys.stderr,)
formatter = generic
[formatter_generic]
format = %%(message)s
"""
ENV = """from alembic import context
from sqlalchemy import create_engine

def run_migrations_online():
    with create_engine("postgresql+psycopg2://").connect() as connection:
        context.configure(connection=connection, transaction_per_migration=True)
        with context.begin_transaction():
            context.run_migrations()

run_migrations_online()
"""
REVISION = '''"""{title}

Revision ID: {rev}
Revises: {down}
Create Date: 2024-01-01 00:00:00

"""
from alembic import op

revision = {rev!r}
down_revision = {down_repr}
branch_labels = None
depends_on = None


def upgrade():
    op.execute({sql!r})


def downgrade():
    pass
'''


def setup_sql():
    """The oracle's schema for a fresh database: its resets (DROP SCHEMA public …) would drop
    the version table Alembic has just created."""
    sql = locks_oracle.SETUP
    for reset in ("DROP SCHEMA IF EXISTS public CASCADE;", "DROP SCHEMA IF EXISTS audit CASCADE;",
                  "CREATE SCHEMA public;", "DROP TYPE IF EXISTS mood;"):
        assert reset in sql, reset
        sql = sql.replace(reset, "")
    return sql.strip()


def project(root, statement):
    os.makedirs(os.path.join(root, "alembic", "versions"))
    open(os.path.join(root, "alembic.ini"), "w").write(INI)
    open(os.path.join(root, "alembic", "env.py"), "w").write(ENV)
    versions = os.path.join(root, "alembic", "versions")
    open(os.path.join(versions, "000000000001_schema.py"), "w").write(
        REVISION.format(title="schema", rev="000000000001", down="", down_repr="None", sql=setup_sql()))
    open(os.path.join(versions, "000000000002_case.py"), "w").write(
        REVISION.format(title="case", rev="000000000002", down="000000000001", down_repr="'000000000001'",
                        sql=statement))
    return root


def main():
    miglint, source = arguments(__doc__)
    agreed = 0
    with tempfile.TemporaryDirectory(prefix="miglint-trace-") as tmp, Cluster(PORT) as pg:
        for i, (statement, gaps) in enumerate(locks_oracle.CASES):
            db = f"case_{i}"
            pg.create_database(db)
            app = project(os.path.join(tmp, db), statement)
            r = run([miglint, "trace", app, "--database-url", pg.url(db), "--format", "json"], env=clean_env())
            try:
                doc = json.loads(r.stdout)
            except ValueError:
                check(False, f"trace ran: {statement}", r.stdout[-300:] + r.stderr[-600:])
                continue
            traced = [s for s in doc["statements"] if s["revision"] == "000000000002"]
            if len(traced) != 1 or not traced[0]["observed"]:
                check(False, f"the statement was observed: {statement}", traced)
                continue
            diffs = traced[0]["differences"]
            real_gaps = [g for g in gaps if g != locks_oracle.NEW_STORAGE]
            if not real_gaps:
                ok = not diffs
                if ok:
                    agreed += 1
                check(ok, f"trace agrees with the model: {statement}", diffs)
            else:
                # A gap is a relation the model may leave out; PostgreSQL's lock on it may also be
                # one neither compares (ACCESS SHARE), so no difference is fine too.
                ok = all(any(g in d for g in real_gaps) for d in diffs)
                check(ok, f"trace differs only on the documented gap ({', '.join(real_gaps)}): {statement}", diffs)
        print(f"{agreed} of {len(locks_oracle.CASES)} statement kinds agree outright")

        example = os.path.join(source, "fixtures/executor/app")
        r = run([miglint, "trace", example, "--format", "json"], env=clean_env())
        doc = json.loads(r.stdout) if r.stdout.startswith("{") else {}
        check(r.returncode == 0 and doc.get("differ") == 0 and doc.get("observed", 0) > 10,
              f"trace of the executor example in a throwaway cluster agrees ({doc.get('observed')} observed)",
              r.stdout[-400:] + r.stderr)
        unobserved = [s["sql"] for s in doc.get("statements", []) if not s["observed"]]
        check(any("CONCURRENTLY" in s for s in unobserved), "the CONCURRENTLY build is reported as not observable",
              unobserved)
    return finish()


if __name__ == "__main__":
    sys.exit(main())
