"""What the executor tests share: reporting checks, and asking Alembic (Debian's python3 with
python3-alembic) about a database the fixtures' env.py reaches through DB_*."""
import os
import sys

from pg_cluster import SKIP, available, run

ALEMBIC = ["/usr/bin/python3", "-m", "alembic"]
failures = 0


def check(ok, what, detail=""):
    global failures
    if ok:
        print("ok:", what)
    else:
        failures += 1
        print("FAIL:", what)
        if detail:
            print("   ", str(detail).replace("\n", "\n    "))


def arguments(doc):
    """(MIGLINT, SOURCE_DIR) from the command line, absolute; exits 2 with the usage on a
    wrong command line, and 77 (ctest's skip) where no throwaway cluster can start."""
    if len(sys.argv) != 3:
        print(doc)
        sys.exit(2)
    why = available()
    if why:
        print("SKIP:", why)
        sys.exit(SKIP)
    return os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])


def finish():
    print(f"{failures} failed")
    return 1 if failures else 0


def alembic(pg, app, db, *args):
    """`alembic <args>` on `db`; raises with Alembic's error when it fails."""
    r = run(ALEMBIC + list(args), env=pg.db_env(db), cwd=app)
    if r.returncode != 0:
        raise RuntimeError(f"alembic {' '.join(args)} on {db}: {r.stderr[-800:]}")
    return r


def current(pg, app, db):
    """The revisions `alembic current` reports, sorted (or its error text)."""
    r = run(ALEMBIC + ["current"], env=pg.db_env(db), cwd=app)
    if r.returncode != 0:
        return "alembic current failed: " + r.stderr[-300:]
    return sorted(line.split()[0] for line in r.stdout.splitlines() if line.strip())
