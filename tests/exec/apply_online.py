#!/usr/bin/python3
"""`miglint apply` against Alembic itself, on a real PostgreSQL 15.

fixtures/executor/app (branches, a merge, enums, indexes built concurrently in an autocommit
block, NOT VALID constraints validated after COMMIT, a view, bulk_insert into a new table) is
migrated in two databases of one throwaway cluster: one by `python3 -m alembic`, one by
`miglint apply`, both reached through the DB_* variables env.py reads. After every move, for
both of env.py's transaction modes (one transaction; transaction_per_migration=True):

- `pg_dump --schema-only` and `pg_dump --data-only` of the two databases are equal
  (alembic_version's rows included);
- `alembic current` reports the same revisions on both;
- after an upgrade to heads, `alembic upgrade heads` on miglint's database runs nothing.

The moves: base -> heads; -1; a partial id on one side of the merge (a41b); the other
branch's head (c7e9f05a3b28); heads; base. Also: `--dry-run` executes nothing; a plan that is not
verified (the credit-system example) is refused and nothing runs; env.py's version_table and version_table_schema are honoured; a failed statement rolls back
its step and reports PostgreSQL's message at the op's file:line, leaving the database at the
last committed revision (per-migration) or where it started (one transaction), and the rerun
after the fix continues from there to the same result as Alembic; a step that is not fully
static is refused by name, and with --alembic-fallback is run by Alembic to the same result,
while Alembic reaching another database is detected.

  apply_online.py MIGLINT SOURCE_DIR
"""
import difflib
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from exec_support import arguments, ALEMBIC, alembic, check, current, finish  # noqa: E402
from pg_cluster import Cluster, run  # noqa: E402
from project_variants import HEAD, make_project, revision_path  # noqa: E402

PORT = 54361


def diff(a, b):
    return "\n".join(list(difflib.unified_diff(a.splitlines(), b.splitlines(), "alembic", "miglint",
                                               lineterm="", n=1))[:40])


def dumps(pg, db):
    return pg.dump_schema(db), pg.dump_data(db)


def same_database(pg, app, a, m, what):
    (sa, da), (sm, dm) = dumps(pg, a), dumps(pg, m)
    check(sa == sm, f"{what}: pg_dump --schema-only equal", diff(sa, sm))
    check(da == dm, f"{what}: pg_dump --data-only equal (alembic_version rows included)", diff(da, dm))
    ca, cm = current(pg, app, a), current(pg, app, m)
    check(ca == cm, f"{what}: alembic current equal ({cm})", f"alembic: {ca}\nmiglint: {cm}")


def apply(miglint, pg, app, db, *args, env=None):
    return run([miglint, "apply", app, *args], env=env or pg.db_env(db))


def moves(miglint, pg, app, tag):
    a, m = f"alembic_{tag}", f"miglint_{tag}"
    pg.create_database(a)
    pg.create_database(m)

    alembic(pg, app, a, "upgrade", "heads")
    r = apply(miglint, pg, app, m)
    check(r.returncode == 0, f"[{tag}] apply base -> heads exits 0", r.stdout + r.stderr)
    check(r.stdout.count("\n[") + r.stdout.startswith("[") >= 7 and "applied 7 steps" in r.stdout,
          f"[{tag}] one progress line per step", r.stdout)
    same_database(pg, app, a, m, f"[{tag}] heads")
    r = run(ALEMBIC + ["upgrade", "heads"], env=pg.db_env(m), cwd=app)
    check(r.returncode == 0 and "Running upgrade" not in r.stderr,
          f"[{tag}] `alembic upgrade heads` after apply has nothing to do", r.stderr[-600:])
    r = apply(miglint, pg, app, m)
    check(r.returncode == 0 and "nothing to do" in r.stdout, f"[{tag}] a second apply has nothing to do", r.stdout)

    for target, what in (("-1", "-1"), ("a41b", "a partial id below the merge"),
                         ("c7e9f05a3b28", "the other branch's head"), ("heads", "heads again"),
                         ("base", "base")):
        direction = "upgrade" if target in ("c7e9f05a3b28", "heads") else "downgrade"
        alembic(pg, app, a, direction, target)
        r = apply(miglint, pg, app, m, "--to", target)
        check(r.returncode == 0, f"[{tag}] apply --to {target} ({what}) exits 0", r.stdout + r.stderr)
        same_database(pg, app, a, m, f"[{tag}] --to {target}")


def dry_run_and_refusal(miglint, pg, source, app):
    pg.create_database("dry")
    r = apply(miglint, pg, app, "dry", "--dry-run")
    check(r.returncode == 0 and "dry run: nothing was executed" in r.stdout and "plan: verified" in r.stdout,
          "--dry-run prints the verified plan", r.stdout + r.stderr)
    check(pg.psql("dry", "SELECT count(*) FROM pg_class WHERE relname IN ('alembic_version', 'customers')").strip() == "0",
          "--dry-run executed nothing")

    credit = os.path.join(source, "fixtures/credit_system/src/control_plane/credit_system/app")
    pg.create_database("refused")
    r = apply(miglint, pg, credit, "refused")
    check(r.returncode == 1 and "refusing to apply: the plan is not verified" in r.stderr and "nothing was run" in r.stderr,
          "a plan with error findings is refused (exit 1)", r.stdout + r.stderr)
    check(pg.psql("refused", "SELECT count(*) FROM pg_class WHERE relname = 'alembic_version'").strip() == "0",
          "the refused plan ran nothing")


FAILING = ("f1d2a3b4c5e6", "audit events and a bad seed row", '''
op.create_table(
    "audit_events",
    sa.Column("id", sa.BigInteger(), sa.Identity(), primary_key=True),
    sa.Column("payload", sa.Text(), nullable=False),
)
op.execute("INSERT INTO currencies (code, name) VALUES ('EUR', 'Euro, again')")
''', '''
op.drop_table("audit_events")
''')
FIXED = FAILING[2].replace("('EUR', 'Euro, again')", "('CHF', 'Swiss Franc')")
GOOD_BEFORE = ("b0b1b2b3b4b5", "add customer notes", '''
op.add_column("customers", sa.Column("notes", sa.Text(), nullable=True))
''', '''
op.drop_column("customers", "notes")
''')


def failure_and_rerun(miglint, pg, source, tmp, per_migration):
    tag = "per_migration" if per_migration else "single"
    app = make_project(source, os.path.join(tmp, f"fail_{tag}"), per_migration, extra=[GOOD_BEFORE, FAILING])
    db = f"fail_{tag}"
    pg.create_database(db)
    alembic(pg, app, db, "upgrade", HEAD)  # start from the example's head
    r = apply(miglint, pg, app, db)
    path = os.path.relpath(revision_path(app, FAILING[0]))
    check(r.returncode == 3, f"[{tag}] a failing statement exits 3", r.stdout + r.stderr)
    check("duplicate key value violates unique constraint" in r.stderr and "SQLSTATE 23505" in r.stderr,
          f"[{tag}] PostgreSQL's message and SQLSTATE are reported", r.stderr)
    line = next(i for i, l in enumerate(open(revision_path(app, FAILING[0])).read().splitlines(), 1) if "op.execute" in l)
    check(f"{path}:{line}:" in r.stderr or f"{os.path.abspath(path)}:{line}:" in r.stderr,
          f"[{tag}] the failure points at the op.execute line ({path}:{line})", r.stderr)
    check("statement: INSERT INTO currencies" in r.stderr, f"[{tag}] the failed statement is shown", r.stderr)
    expected = ["b0b1b2b3b4b5"] if per_migration else [HEAD]
    check(current(pg, app, db) == expected, f"[{tag}] the database is left at {expected}", str(current(pg, app, db)))
    check(f"the database is at {expected[0]}" in r.stderr, f"[{tag}] apply says where the database is", r.stderr)
    exists = pg.psql(db, "SELECT count(*) FROM pg_class WHERE relname IN ('audit_events')").strip()
    check(exists == "0", f"[{tag}] the failed step's table was rolled back")
    notes = pg.psql(db, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'customers' AND column_name = 'notes'").strip()
    check(notes == ("1" if per_migration else "0"), f"[{tag}] the step before it is {'kept' if per_migration else 'rolled back too'}")

    # Fix the revision and rerun: it continues from where the database is.
    p = revision_path(app, FAILING[0])
    text = open(p).read().replace(FAILING[2].strip().splitlines()[-1], FIXED.strip().splitlines()[-1])
    open(p, "w").write(text)
    r = apply(miglint, pg, app, db)
    steps = 1 if per_migration else 2
    check(r.returncode == 0 and f"applied {steps} step" in r.stdout, f"[{tag}] the rerun applies the remaining {steps} step(s)",
          r.stdout + r.stderr)
    ref = f"fail_ref_{tag}"
    pg.create_database(ref)
    alembic(pg, app, ref, "upgrade", "heads")
    same_database(pg, app, ref, db, f"[{tag}] after the rerun")


DYNAMIC = ("d7d6d5d4d3d2", "a table named at run time", '''
statement = os.environ.get("MIGLINT_TEST_DDL", "CREATE TABLE dynamic_things (id bigint PRIMARY KEY)")
op.execute(statement)
''', '''
op.drop_table("dynamic_things")
''', "import os")


def fallback(miglint, pg, source, tmp):
    app = make_project(source, os.path.join(tmp, "fallback"), extra=[DYNAMIC, GOOD_BEFORE])
    pg.create_database("fb")
    r = apply(miglint, pg, app, "fb")
    check(r.returncode == 1 and "d7d6d5d4d3d2 is not fully static" in r.stderr and "os.environ.get" in r.stderr,
          "a step that is not fully static is refused, naming the revision and the expression", r.stderr)
    check(pg.psql("fb", "SELECT count(*) FROM pg_class WHERE relname = 'alembic_version'").strip() == "0",
          "nothing ran before the refusal")

    r = apply(miglint, pg, app, "fb", "--alembic-fallback", "--alembic", " ".join(ALEMBIC))
    check(r.returncode == 0 and "(through Alembic)" in r.stdout, "--alembic-fallback runs that step through Alembic",
          r.stdout + r.stderr)
    pg.create_database("fb_ref")
    alembic(pg, app, "fb_ref", "upgrade", "heads")
    same_database(pg, app, "fb_ref", "fb", "--alembic-fallback")

    r = apply(miglint, pg, app, "fb", "--to", "base", "--alembic-fallback", "--alembic", " ".join(ALEMBIC))
    alembic(pg, app, "fb_ref", "downgrade", "base")
    check(r.returncode == 0, "--alembic-fallback downgrades to base too", r.stdout + r.stderr)
    same_database(pg, app, "fb_ref", "fb", "--alembic-fallback --to base")

    # Alembic's env.py reads DB_*; pointed elsewhere, it migrates another database: detected.
    pg.create_database("fb_other")
    pg.create_database("fb_target")
    env = dict(pg.db_env("fb_other"))
    r = apply(miglint, pg, app, "fb_target", "--database-url", pg.url("fb_target"), "--alembic-fallback",
              "--alembic", " ".join(ALEMBIC), env=env)
    check(r.returncode == 3 and "Alembic connected to another database" in r.stderr,
          "Alembic migrating another database than miglint's is detected and stops the run", r.stdout + r.stderr)


def custom_version_table(miglint, pg, source, tmp):
    """env.py's version_table and version_table_schema: the rows live where Alembic puts them."""
    app = make_project(source, os.path.join(tmp, "custom_vt"), per_migration=True,
                       configure=['version_table="schema_history"', 'version_table_schema="meta"'])
    for db in ("alembic_custom", "miglint_custom"):
        pg.create_database(db)
        pg.psql(db, "CREATE SCHEMA meta")
    alembic(pg, app, "alembic_custom", "upgrade", "heads")
    r = apply(miglint, pg, app, "miglint_custom")
    check(r.returncode == 0, "[custom version table] apply exits 0", r.stdout + r.stderr)
    rows = pg.psql("miglint_custom", "SELECT version_num FROM meta.schema_history").split()
    check(rows == ["0a6c93d7b5e4"] and "alembic_version" not in pg.psql("miglint_custom", "SELECT relname FROM pg_class"),
          "[custom version table] the rows are in meta.schema_history, no alembic_version", rows)
    same_database(pg, app, "alembic_custom", "miglint_custom", "[custom version table] heads")
    alembic(pg, app, "alembic_custom", "downgrade", "-2")
    r = apply(miglint, pg, app, "miglint_custom", "--to", "-2")
    check(r.returncode == 0, "[custom version table] apply --to -2 exits 0", r.stdout + r.stderr)
    same_database(pg, app, "alembic_custom", "miglint_custom", "[custom version table] -2")

    # env.py reading the table from alembic.ini at run time: plan and apply refuse to guess,
    # until the configuration says where the rows are.
    app = make_project(source, os.path.join(tmp, "dynamic_vt"), per_migration=True,
                       configure=['version_table=config.get_main_option("version_table")', 'version_table_schema="meta"'])
    ini = os.path.join(app, "alembic.ini")
    text = open(ini).read().replace("[alembic]\n", "[alembic]\nversion_table = schema_history\n", 1)
    open(ini, "w").write(text)
    for db in ("alembic_dynamic", "miglint_dynamic"):
        pg.create_database(db)
        pg.psql(db, "CREATE SCHEMA meta")
    r = apply(miglint, pg, app, "miglint_dynamic")
    check(r.returncode == 2 and "will not guess" in r.stderr and "version_table=config.get_main_option" in r.stderr,
          "[dynamic version table] apply refuses to guess where the rows are (exit 2)", r.stderr)
    text = open(ini).read().replace("[miglint]\n", "[miglint]\nversion-table = schema_history\n", 1)
    open(ini, "w").write(text)
    alembic(pg, app, "alembic_dynamic", "upgrade", "heads")
    r = apply(miglint, pg, app, "miglint_dynamic")
    check(r.returncode == 0, "[dynamic version table] with version-table in [miglint], apply runs", r.stdout + r.stderr)
    same_database(pg, app, "alembic_dynamic", "miglint_dynamic", "[dynamic version table] heads")


def main():
    miglint, source = arguments(__doc__)
    with tempfile.TemporaryDirectory(prefix="miglint-apply-") as tmp, Cluster(PORT) as pg:
        for per_migration in (False, True):
            tag = "per_migration" if per_migration else "single"
            app = make_project(source, os.path.join(tmp, tag), per_migration)
            moves(miglint, pg, app, tag)
            failure_and_rerun(miglint, pg, source, tmp, per_migration)
        custom_version_table(miglint, pg, source, tmp)
        dry_run_and_refusal(miglint, pg, source, os.path.join(tmp, "single", "app"))
        fallback(miglint, pg, source, tmp)
    return finish()


if __name__ == "__main__":
    sys.exit(main())
