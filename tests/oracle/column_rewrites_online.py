#!/usr/bin/python3
"""Measures on PostgreSQL 15 what miglint claims about column changes.

- tests/data/rewrites/type_changes.tsv: for each row, a table with a column of the old type,
  an index on it (when the type has a btree operator class) and one row; SET TimeZone; then
  ALTER TABLE t ALTER COLUMN c TYPE <new>. The table's and the index's pg_class.relfilenode
  before and after tell `catalog` (neither changed), `index` (only the index) or `rewrite`
  (the table). tests/unit/sql_type_change_test.cc replays the same rows through
  classify_type_change, so the two tests together show the rule decides what PostgreSQL does.
- tests/data/rewrites/add_column.tsv: ALTER TABLE t ADD COLUMN c <definition> on a table with
  a row: `rewrite` when the table's relfilenode changes, else `catalog`.
- src/sql/non_volatile_functions.inc: every name exists in pg_proc and none of its overloads
  is volatile (a volatile default makes ADD COLUMN rewrite the table).

Starts a throwaway cluster (initdb as `postgres`, a Unix socket in a temporary folder, no TCP),
stopped with `pg_ctl -m immediate stop` on every exit path. Run as root with Debian's
/usr/bin/python3 (python3-psycopg2). Exits 77 (ctest's SKIP_RETURN_CODE) without PostgreSQL 15
or root.

  column_rewrites_online.py [--source DIR]
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

PG_BIN = "/usr/lib/postgresql/15/bin"
SKIP = 77
# A zone that is not UTC: what miglint assumes when a migration does not set TimeZone.
NOT_UTC = "Europe/Paris"


def read_tsv(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line and not line.startswith("#"):
                rows.append(line.split("\t"))
    return rows


def relfilenode(cur, name):
    cur.execute("SELECT relfilenode FROM pg_class WHERE oid = to_regclass(%s)", (name,))
    row = cur.fetchone()
    return row[0] if row else None


def type_change(conn, old, new, tz):
    """What PostgreSQL does for ALTER COLUMN c TYPE `new` on a column of type `old`."""
    with conn.cursor() as cur:
        cur.execute("DROP TABLE IF EXISTS t")
        cur.execute(f"CREATE TABLE t (c {old})")
        cur.execute("SAVEPOINT ix")
        try:
            cur.execute("CREATE INDEX t_c ON t (c)")
            cur.execute("RELEASE SAVEPOINT ix")
        except Exception:  # no btree operator class (xml, json): no index to watch
            cur.execute("ROLLBACK TO SAVEPOINT ix")
        cur.execute("INSERT INTO t DEFAULT VALUES")
        table, index = relfilenode(cur, "t"), relfilenode(cur, "t_c")
        cur.execute("SELECT set_config('TimeZone', %s, true)", (NOT_UTC if tz == "-" else tz,))
        cur.execute(f"ALTER TABLE t ALTER COLUMN c TYPE {new}")
        if relfilenode(cur, "t") != table:
            return "rewrite", index is not None
        if index is not None and relfilenode(cur, "t_c") != index:
            return "index", True
        return "catalog", index is not None


def add_column(conn, definition):
    with conn.cursor() as cur:
        cur.execute("DROP TABLE IF EXISTS t")
        cur.execute("CREATE TABLE t (a int)")
        cur.execute("INSERT INTO t VALUES (1)")
        before = relfilenode(cur, "t")
        cur.execute(f"ALTER TABLE t ADD COLUMN c {definition}")
        return "rewrite" if relfilenode(cur, "t") != before else "catalog"


def run_case(conn, fn, *args):
    try:
        return fn(conn, *args)
    finally:
        conn.rollback()


def check(conn, source):
    failures = 0
    data = os.path.join(source, "tests", "data", "rewrites")
    for old, new, tz, expected in read_tsv(os.path.join(data, "type_changes.tsv")):
        try:
            got, indexed = run_case(conn, type_change, old, new, tz)
        except Exception as e:  # the case itself must be valid SQL
            got, indexed = f"error: {e}".strip(), False
        ok = got == expected and (expected != "index" or indexed)
        failures += not ok
        print(f"{'ok  ' if ok else 'FAIL'} {old} -> {new} (TimeZone {tz}): {got}, expected {expected}")
    for definition, expected in read_tsv(os.path.join(data, "add_column.tsv")):
        try:
            got = run_case(conn, add_column, definition)
        except Exception as e:
            got = f"error: {e}".strip()
        ok = got == expected
        failures += not ok
        print(f"{'ok  ' if ok else 'FAIL'} ADD COLUMN c {definition}: {got}, expected {expected}")
    inc = os.path.join(source, "src", "sql", "non_volatile_functions.inc")
    with open(inc, encoding="utf-8") as f:
        names = re.findall(r'^"([a-z0-9_]+)",$', f.read(), re.M)
    if len(names) < 20:
        print(f"FAIL read only {len(names)} names from {inc}")
        failures += 1
    with conn.cursor() as cur:
        for name in names:
            cur.execute("SELECT count(*), coalesce(bool_and(provolatile <> 'v'), false) FROM pg_proc "
                        "WHERE proname = %s", (name,))
            count, non_volatile = cur.fetchone()
            ok = count > 0 and non_volatile
            failures += not ok
            print(f"{'ok  ' if ok else 'FAIL'} {name}(): {count} overloads, "
                  f"{'none' if non_volatile else 'some'} volatile")
    conn.rollback()
    return failures


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--source", default=os.path.join(os.path.dirname(__file__), "..", ".."))
    args = ap.parse_args()
    if not os.path.isfile(os.path.join(PG_BIN, "initdb")) or os.geteuid() != 0:
        print("SKIP: needs PostgreSQL 15 in %s and root (for runuser)" % PG_BIN)
        return SKIP
    import psycopg2

    tmp = tempfile.mkdtemp(prefix="miglint-rewrites-")
    os.chmod(tmp, 0o777)
    data = os.path.join(tmp, "data")
    port = "54332"
    started = False
    try:
        r = subprocess.run(["runuser", "-u", "postgres", "--", PG_BIN + "/initdb", "-D", data, "-A", "trust"],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if r.returncode != 0:
            print(r.stdout)
            return 1
        r = subprocess.run(["runuser", "-u", "postgres", "--", PG_BIN + "/pg_ctl", "-D", data, "-l",
                            os.path.join(tmp, "log"), "-o", f"-p {port} -k {tmp} -c listen_addresses=''",
                            "-w", "start"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if r.returncode != 0:
            print(r.stdout)
            return 1
        started = True
        conn = psycopg2.connect(host=tmp, port=port, user="postgres", dbname="postgres")
        try:
            with conn.cursor() as cur:
                cur.execute("CREATE SEQUENCE s")
            conn.commit()
            failures = check(conn, os.path.abspath(args.source))
        finally:
            conn.close()
    finally:
        if started:
            subprocess.run(["runuser", "-u", "postgres", "--", PG_BIN + "/pg_ctl", "-D", data, "-m",
                            "immediate", "stop"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"{failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
