#!/usr/bin/python3
"""`miglint verify` on real PostgreSQL 15, against Alembic and pg_dump.

- fixtures/executor/app, in the throwaway cluster verify starts itself (initdb): exit 0, every
  downgrade and every second upgrade compared equal (14 comparisons), --format json agrees;
- the same project with revisions whose downgrades do not restore the schema (an enum type
  left behind; a NOT NULL not put back): exit 1, and the revision verify names first is the one
  an independent check names: for each revision, Alembic upgrades to it, downgrades one step,
  and `pg_dump --schema-only` is compared with the dump before its upgrade;
- through --database-url: a database at base works; one that is not at base is refused (exit 2)
  and left untouched;
- a downgrade that fails on PostgreSQL: exit 3 with PostgreSQL's message at the revision file.

  verify_online.py MIGLINT SOURCE_DIR
"""
import json
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from exec_support import arguments, alembic, check, finish  # noqa: E402
from pg_cluster import Cluster, clean_env, run  # noqa: E402
from project_variants import HEAD, make_project  # noqa: E402

PORT = 54381

LEAK = ("bbbb00000001", "add notes with a kind", '''
note_kind = sa.Enum("draft", "final", name="note_kind")
op.create_table(
    "notes",
    sa.Column("id", sa.BigInteger(), sa.Identity(), primary_key=True),
    sa.Column("kind", note_kind, nullable=False),
)
''', '''
op.drop_table("notes")
''')
RELAX = ("bbbb00000002", "let customers have no email", '''
op.alter_column("customers", "email", existing_type=sa.Text(), nullable=True)
''', '''
op.execute("COMMENT ON TABLE customers IS 'People and companies we bill'")
''')
GOOD = ("bbbb00000003", "add customer notes", '''
op.add_column("customers", sa.Column("notes", sa.Text(), nullable=True))
''', '''
op.drop_column("customers", "notes")
''')
FAILS = ("bbbb00000004", "add customer region", '''
op.add_column("customers", sa.Column("region", sa.Text(), nullable=True))
''', '''
op.drop_column("customers", "regoin")
''')


def oracle_unrestored(pg, app, revisions):
    """The revisions whose downgrade leaves a different pg_dump than before their upgrade,
    checked one by one with Alembic on a fresh database each."""
    flagged = []
    for i, rev in enumerate(revisions):
        db = f"oracle_{i}"
        pg.create_database(db)
        alembic(pg, app, db, "upgrade", f"{rev}-1" if i else HEAD)
        if i == 0:
            alembic(pg, app, db, "upgrade", f"{HEAD}")
        before = pg.dump_schema(db)
        alembic(pg, app, db, "upgrade", rev)
        alembic(pg, app, db, "downgrade", "-1")
        if pg.dump_schema(db) != before:
            flagged.append(rev)
    return flagged


def main():
    miglint, source = arguments(__doc__)
    with tempfile.TemporaryDirectory(prefix="miglint-verify-") as tmp, Cluster(PORT) as pg:
        app = make_project(source, os.path.join(tmp, "clean"))
        r = run([miglint, "verify", app], env=clean_env())
        check(r.returncode == 0 and "14 schema comparison(s), all equal" in r.stdout and "a scratch cluster" in r.stdout,
              "the executor example verifies in a throwaway cluster (exit 0, 14 comparisons)", r.stdout + r.stderr)
        r = run([miglint, "verify", app, "--format", "json"], env=clean_env())
        doc = json.loads(r.stdout) if r.returncode == 0 else {}
        check(doc.get("ok") is True and len(doc.get("steps", [])) == 21 and doc.get("mismatches") == 0,
              "--format json: 21 steps (7 up, 7 down, 7 up again), ok", r.stdout[-500:] + r.stderr)

        faulty = make_project(source, os.path.join(tmp, "faulty"), extra=[GOOD, RELAX, LEAK])
        r = run([miglint, "verify", faulty, "--format", "json"], env=clean_env())
        doc = json.loads(r.stdout) if r.stdout.startswith("{") else {}
        expected = oracle_unrestored(pg, faulty, [GOOD[0], RELAX[0], LEAK[0]])
        check(expected == [RELAX[0], LEAK[0]], f"the independent check flags {expected}")
        check(r.returncode == 1 and doc.get("first_mismatch") == expected[-1],
              f"verify exits 1 and names {expected[-1]} first (the downgrade nearest the head that does not restore)",
              r.stderr + json.dumps(doc.get("first_mismatch")))
        leak = next((s for s in doc.get("steps", []) if s["phase"] == "downgrade" and s["revision"] == LEAK[0]), {})
        check("enum public.note_kind 'draft', 'final'" in leak.get("extra", []),
              "the leaked enum type is the extra fact", leak)
        relax = next((s for s in doc.get("steps", []) if s["phase"] == "downgrade" and s["revision"] == RELAX[0]), {})
        check(any("email text not null" in f for f in relax.get("missing", [])),
              "the lost NOT NULL is the missing fact", relax)
        r = run([miglint, "verify", faulty], env=clean_env())
        check(r.returncode == 1 and f"the downgrade of {LEAK[0]}" in r.stderr and "SCHEMA DIFFERS" in r.stdout,
              "text output names the revision and shows the difference", r.stdout[-800:] + r.stderr)

        pg.create_database("scratch")
        r = run([miglint, "verify", app, "--database-url", pg.url("scratch")], env=clean_env())
        check(r.returncode == 0 and f"127.0.0.1:{PORT}/scratch" in r.stdout and pg.password not in r.stdout,
              "--database-url: a database at base verifies (the password not shown)", r.stdout + r.stderr)
        pg.create_database("busy")
        alembic(pg, app, "busy", "upgrade", "heads")
        before = pg.dump_schema("busy")
        r = run([miglint, "verify", app, "--database-url", pg.url("busy")], env=clean_env())
        check(r.returncode == 2 and "needs a scratch database at base" in r.stderr and pg.dump_schema("busy") == before,
              "a database that is not at base is refused and untouched", r.stderr)

        failing = make_project(source, os.path.join(tmp, "failing"), extra=[FAILS])
        r = run([miglint, "verify", failing], env=clean_env())
        check(r.returncode == 3 and "the downgrade failed" in r.stderr and 'column "regoin"' in r.stderr
              and "bbbb00000004" in r.stderr, "a failing downgrade: exit 3 with PostgreSQL's message", r.stderr)
    return finish()


if __name__ == "__main__":
    sys.exit(main())
