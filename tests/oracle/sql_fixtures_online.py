#!/usr/bin/python3
"""Proves the SQL oracle repositories (tests/data/sql/*) are valid PostgreSQL by running them.

Starts a throwaway PostgreSQL 15 (initdb as the `postgres` user, a Unix socket in a temporary
folder, no TCP), and for every repository, in a database of its own: `alembic upgrade heads`,
`alembic downgrade base`, then `alembic upgrade heads` again (so each downgrade leaves nothing
behind that would break the next upgrade). Each repository's env.py reads the database URL from
$MIGLINT_ORACLE_PG_URL. The server is stopped with `pg_ctl -m immediate stop` on every exit path.

Run with Debian's /usr/bin/python3 (python3-alembic, python3-sqlalchemy, python3-psycopg2), as
root (initdb refuses root, so it runs through runuser). Exits 0 with a skip message (and ctest's
SKIP_RETURN_CODE 77) when PostgreSQL 15 or root is not available.

  sql_fixtures_online.py [--repos DIR]
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile

PG_BIN = "/usr/lib/postgresql/15/bin"
SKIP = 77
# Schemas a repository's version table lives in must exist before Alembic creates the table
# (Alembic does not create them); the application schemas are created by the migrations.
PRE_SCHEMAS = ["meta"]


def repo_dirs(root):
    return sorted(os.path.join(root, d) for d in os.listdir(root)
                  if os.path.isfile(os.path.join(root, d, "alembic.ini")))


def run(cmd, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **kw)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repos", default=os.path.join(os.path.dirname(__file__), "..", "data", "sql"))
    args = ap.parse_args()
    if not os.path.isfile(os.path.join(PG_BIN, "initdb")) or os.geteuid() != 0:
        print("SKIP: needs PostgreSQL 15 in %s and root (for runuser)" % PG_BIN)
        return SKIP

    tmp = tempfile.mkdtemp(prefix="miglint-sqlo-")
    os.chmod(tmp, 0o777)
    data = os.path.join(tmp, "data")
    port = "54331"
    started = False
    failures = 0
    try:
        r = run(["runuser", "-u", "postgres", "--", PG_BIN + "/initdb", "-D", data, "-A", "trust"])
        if r.returncode != 0:
            print(r.stdout)
            return 1
        r = run(["runuser", "-u", "postgres", "--", PG_BIN + "/pg_ctl", "-D", data, "-l",
                 os.path.join(tmp, "log"), "-o", f"-p {port} -k {tmp} -c listen_addresses=''",
                 "-w", "start"])
        if r.returncode != 0:
            print(r.stdout)
            return 1
        started = True
        psql = [PG_BIN + "/psql"]
        for repo in repo_dirs(args.repos):
            name = os.path.basename(repo)
            db = "oracle_" + name
            r = run(psql + ["-h", tmp, "-p", port, "-U", "postgres", "-d", "postgres", "-v",
                            "ON_ERROR_STOP=1", "-c", f"CREATE DATABASE {db}"])
            r2 = run(psql + ["-h", tmp, "-p", port, "-U", "postgres", "-d", db, "-v", "ON_ERROR_STOP=1",
                             "-c", "; ".join(f"CREATE SCHEMA {s}" for s in PRE_SCHEMAS)])
            if r.returncode or r2.returncode:
                print(r.stdout + r2.stdout)
                return 1
            env = dict(os.environ)
            env["MIGLINT_ORACLE_PG_URL"] = f"postgresql://postgres@/{db}?host={tmp}&port={port}"
            for step in (["upgrade", "heads"], ["downgrade", "base"], ["upgrade", "heads"]):
                r = run([sys.executable, "-m", "alembic"] + step, cwd=repo, env=env)
                ok = r.returncode == 0
                print(f"{'ok  ' if ok else 'FAIL'} {name}: alembic {' '.join(step)}")
                if not ok:
                    failures += 1
                    print(r.stdout)
                    break
    finally:
        if started:
            run(["runuser", "-u", "postgres", "--", PG_BIN + "/pg_ctl", "-D", data, "-m", "immediate", "stop"])
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"{failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
