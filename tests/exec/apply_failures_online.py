#!/usr/bin/python3
"""`miglint apply` when things go wrong, on a real PostgreSQL 15: every case ends with a clear
message and the database at a consistent revision (what `alembic current` says matches the
schema), and nothing that was committed is lost.

- the server unreachable, a wrong password: one line, exit 2, the password nowhere;
- the database at a revision the repository does not have: refused by name, exit 2;
- a read-only database: PostgreSQL's refusal at the first statement, exit 3, nothing changed;
- statement_timeout (from the configuration) hit: exit 3 with SQLSTATE 57014, the database at
  the last committed revision;
- lock_timeout (from the configuration) hit while another session reads the table: exit 3 with
  SQLSTATE 55P03, the same;
- the connection lost mid-apply (pg_terminate_backend): exit 3, miglint reconnects to say where
  the database is, and the rerun completes;
- SIGKILL in the middle of a multi-revision apply, in both of env.py's transaction modes: the
  database is at a consistent revision, the killed run's backend and its migration lock are gone
  within seconds, and the rerun completes to the same result as Alembic;
- Ctrl-C (SIGINT) during a long statement: the statement is cancelled at once, its step rolled
  back, the database at the last committed revision, and the rerun completes;
- two applies at once: the second waits with a message naming the first (pid), or gives up
  after --wait with exit 2; the waiting one then finds nothing to do.

  apply_failures_online.py MIGLINT SOURCE_DIR
"""
import os
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from exec_support import arguments, alembic, check, current, finish  # noqa: E402
from pg_cluster import Cluster, clean_env, run  # noqa: E402
from project_variants import HEAD, make_project  # noqa: E402

import psycopg2  # noqa: E402  (Debian's python3-psycopg2, installed with python3-alembic)

PORT = 54371

A = ("aaaa00000001", "create audit log", '''
op.create_table("audit_log", sa.Column("id", sa.BigInteger(), sa.Identity(), primary_key=True))
''', '''
op.drop_table("audit_log")
''')
SLEEP = ("aaaa00000002", "wait for the warehouse", '''
op.execute("SELECT pg_sleep(3)")
''', '''
op.execute("SELECT pg_sleep(0)")
''')
B = ("aaaa00000003", "create audit tags", '''
op.create_table("audit_tags", sa.Column("id", sa.BigInteger(), sa.Identity(), primary_key=True))
''', '''
op.drop_table("audit_tags")
''')
ALTER = ("aaaa00000004", "add customer segment", '''
op.add_column("customers", sa.Column("segment", sa.Text(), nullable=True))
''', '''
op.drop_column("customers", "segment")
''')


def tables(pg, db, *names):
    listed = ", ".join("'%s'" % n for n in names)
    return int(pg.psql(db, f"SELECT count(*) FROM pg_class WHERE relname IN ({listed})").strip())


def connect(pg, db):
    c = psycopg2.connect(host="127.0.0.1", port=pg.port, user="postgres", password=pg.password, dbname=db)
    c.autocommit = True
    return c


def wait_for(predicate, seconds=20, step=0.02):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return False


def sleeping_backend(watch, db):
    with watch.cursor() as cur:
        cur.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s AND application_name = 'miglint apply' "
                    "AND state = 'active' AND query LIKE '%%pg_sleep%%'", (db,))
        row = cur.fetchone()
        return row[0] if row else None


def miglint_backends(watch, db):
    with watch.cursor() as cur:
        cur.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND application_name = 'miglint apply'", (db,))
        return cur.fetchone()[0]


def advisory_locks(watch, db):
    with watch.cursor() as cur:
        cur.execute("SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database "
                    "WHERE l.locktype = 'advisory' AND d.datname = %s", (db,))
        return cur.fetchone()[0]


def connection_failures(miglint, pg, app):
    pw = "Unre4chable-S3cret"
    r = run([miglint, "apply", app, "--database-url", f"postgresql://postgres:{pw}@127.0.0.1:1/none"], env=clean_env())
    lines = r.stderr.strip().splitlines()
    check(r.returncode == 2 and len(lines) == 1 and lines[0].startswith("miglint: cannot connect to ") and pw not in r.stderr,
          "unreachable server: one line, exit 2, no password", r.stderr)
    env = dict(pg.db_env("postgres"), DB_PASSWORD="Wr0ng-Passw0rd")
    r = run([miglint, "apply", app], env=env)
    lines = r.stderr.strip().splitlines()
    check(r.returncode == 2 and len(lines) == 1 and "password authentication failed" in r.stderr
          and "Wr0ng-Passw0rd" not in r.stderr + r.stdout, "wrong password: one line, exit 2, no password", r.stderr)


def unknown_revision(miglint, pg, app):
    pg.create_database("unknown")
    alembic(pg, app, "unknown", "upgrade", HEAD)
    pg.psql("unknown", "UPDATE alembic_version SET version_num = 'feedc0ffee42'")
    before = pg.dump_schema("unknown")
    r = run([miglint, "apply", app], env=pg.db_env("unknown"))
    check(r.returncode == 2 and "'feedc0ffee42'" in r.stderr and "not in this repository" in r.stderr,
          "a database at an unknown revision is refused by name (exit 2)", r.stderr)
    check(pg.dump_schema("unknown") == before, "nothing changed")


def read_only(miglint, pg, app):
    pg.create_database("readonly")
    pg.psql("postgres", "ALTER DATABASE readonly SET default_transaction_read_only = on")
    r = run([miglint, "apply", app], env=pg.db_env("readonly"))
    check(r.returncode == 3 and "read-only transaction" in r.stderr and "SQLSTATE 25006" in r.stderr,
          "a read-only database: PostgreSQL's refusal, exit 3", r.stderr)
    check(tables(pg, "readonly", "alembic_version", "customers") == 0, "nothing was created")


def timeouts(miglint, pg, source, tmp):
    app = make_project(source, os.path.join(tmp, "stmt_timeout"), per_migration=True,
                       ini_settings={"statement-timeout": "1s"}, extra=[A, SLEEP, B])
    pg.create_database("stmt_timeout")
    alembic(pg, app, "stmt_timeout", "upgrade", HEAD)
    r = run([miglint, "apply", app], env=pg.db_env("stmt_timeout"))
    check(r.returncode == 3 and "canceling statement due to statement timeout" in r.stderr and "SQLSTATE 57014" in r.stderr,
          "statement_timeout from the configuration is set, and hitting it is reported (exit 3)", r.stderr)
    check(current(pg, app, "stmt_timeout") == [A[0]] and f"the database is at {A[0]}" in r.stderr,
          "statement timeout: the database is at the last committed revision", r.stderr)

    app = make_project(source, os.path.join(tmp, "lock_timeout"), per_migration=True,
                       ini_settings={"lock-timeout": "1s"}, extra=[A, ALTER])
    pg.create_database("lock_timeout")
    alembic(pg, app, "lock_timeout", "upgrade", HEAD)
    reader = psycopg2.connect(host="127.0.0.1", port=pg.port, user="postgres", password=pg.password, dbname="lock_timeout")
    try:
        with reader.cursor() as cur:  # a long read: ACCESS SHARE on customers until rollback
            cur.execute("SELECT count(*) FROM customers")
        started = time.time()
        r = run([miglint, "apply", app], env=pg.db_env("lock_timeout"))
        took = time.time() - started
    finally:
        reader.rollback()
        reader.close()
    check(r.returncode == 3 and "canceling statement due to lock timeout" in r.stderr and "SQLSTATE 55P03" in r.stderr,
          f"lock_timeout from the configuration is set, and hitting it is reported (exit 3, {took:.1f}s)", r.stderr)
    check(current(pg, app, "lock_timeout") == [A[0]], "lock timeout: the database is at the last committed revision")
    r = run([miglint, "apply", app], env=pg.db_env("lock_timeout"))
    check(r.returncode == 0 and current(pg, app, "lock_timeout") == [ALTER[0]], "lock timeout: the rerun completes", r.stderr)


def start_apply(miglint, pg, app, db, *args):
    return subprocess.Popen([miglint, "apply", app, *args], env=pg.db_env(db), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def lost_connection(miglint, pg, source, tmp):
    app = make_project(source, os.path.join(tmp, "lost"), per_migration=True, extra=[A, SLEEP, B])
    pg.create_database("lost")
    alembic(pg, app, "lost", "upgrade", HEAD)
    watch = connect(pg, "lost")
    p = start_apply(miglint, pg, app, "lost")
    pid = None
    if wait_for(lambda: sleeping_backend(watch, "lost")):
        pid = sleeping_backend(watch, "lost")
        with watch.cursor() as cur:
            cur.execute("SELECT pg_terminate_backend(%s)", (pid,))
    out, err = p.communicate(timeout=60)
    check(pid is not None, "the apply reached the sleeping revision")
    check(p.returncode == 3 and "terminating connection" in err.lower() or "server closed the connection" in err,
          "a lost connection is reported (exit 3)", err)
    check(current(pg, app, "lost") == [A[0]] and f"the database is at {A[0]}" in err,
          "lost connection: miglint reconnects and says the database is at the last committed revision", err)
    r = run([miglint, "apply", app], env=pg.db_env("lost"))
    check(r.returncode == 0 and current(pg, app, "lost") == [B[0]], "lost connection: the rerun completes", r.stderr)
    watch.close()


def sigkill(miglint, pg, source, tmp, per_migration):
    tag = "per_migration" if per_migration else "single"
    db = f"killed_{tag}"
    app = make_project(source, os.path.join(tmp, db), per_migration=per_migration, extra=[A, SLEEP, B])
    pg.create_database(db)
    alembic(pg, app, db, "upgrade", HEAD)
    watch = connect(pg, db)
    p = start_apply(miglint, pg, app, db)
    reached = wait_for(lambda: sleeping_backend(watch, db))
    os.kill(p.pid, signal.SIGKILL)
    p.communicate(timeout=30)
    check(reached and p.returncode == -signal.SIGKILL, f"[{tag}] SIGKILL during the sleeping revision")
    gone = wait_for(lambda: miglint_backends(watch, db) == 0 and advisory_locks(watch, db) == 0, seconds=10)
    check(gone, f"[{tag}] the killed run's backend and migration lock are gone within seconds")
    expected = [A[0]] if per_migration else [HEAD]
    check(current(pg, app, db) == expected, f"[{tag}] the database is at a consistent revision {expected}",
          current(pg, app, db))
    check(tables(pg, db, "audit_log") == (1 if per_migration else 0), f"[{tag}] its schema matches that revision")
    r = run([miglint, "apply", app], env=pg.db_env(db))
    check(r.returncode == 0 and current(pg, app, db) == [B[0]], f"[{tag}] the rerun completes", r.stdout + r.stderr)
    ref = f"killed_ref_{tag}"
    pg.create_database(ref)
    alembic(pg, app, ref, "upgrade", "heads")
    check(pg.dump_schema(ref) == pg.dump_schema(db) and pg.dump_data(ref) == pg.dump_data(db),
          f"[{tag}] after the rerun the database equals Alembic's (pg_dump)")
    watch.close()


def interrupted(miglint, pg, source, tmp):
    app = make_project(source, os.path.join(tmp, "interrupted"), per_migration=True, extra=[A, SLEEP, B])
    pg.create_database("interrupted")
    alembic(pg, app, "interrupted", "upgrade", HEAD)
    watch = connect(pg, "interrupted")
    p = start_apply(miglint, pg, app, "interrupted")
    reached = wait_for(lambda: sleeping_backend(watch, "interrupted"))
    started = time.time()
    p.send_signal(signal.SIGINT)
    out, err = p.communicate(timeout=30)
    took = time.time() - started
    check(reached and p.returncode == 3 and "canceling statement due to user request" in err and took < 2.5,
          f"Ctrl-C cancels the running statement at once ({took:.2f}s, exit {p.returncode})", err)
    check(current(pg, app, "interrupted") == [A[0]] and f"the database is at {A[0]}" in err,
          "Ctrl-C: the database is at the last committed revision, and apply says so", err)
    r = run([miglint, "apply", app], env=pg.db_env("interrupted"))
    check(r.returncode == 0 and current(pg, app, "interrupted") == [B[0]], "Ctrl-C: the rerun completes", r.stderr)
    watch.close()


def concurrent(miglint, pg, source, tmp):
    app = make_project(source, os.path.join(tmp, "concurrent"), per_migration=True, extra=[A, SLEEP, B])
    pg.create_database("concurrent")
    alembic(pg, app, "concurrent", "upgrade", HEAD)
    watch = connect(pg, "concurrent")
    first = start_apply(miglint, pg, app, "concurrent")
    reached = wait_for(lambda: sleeping_backend(watch, "concurrent"))
    holder = sleeping_backend(watch, "concurrent")
    r = run([miglint, "apply", app, "--wait", "0.3"], env=pg.db_env("concurrent"))
    check(reached and r.returncode == 2 and "holds the migration lock" in r.stderr and f"pid {holder}" in r.stderr
          and "gave up after" in r.stderr, "a second apply gives up after --wait, naming the first's pid (exit 2)", r.stderr)
    third = start_apply(miglint, pg, app, "concurrent")
    out1, err1 = first.communicate(timeout=60)
    out3, err3 = third.communicate(timeout=60)
    check(first.returncode == 0, "the first apply completes", err1)
    check(third.returncode == 0 and "waiting" in err3 and "nothing to do" in out3,
          "a third apply waits with a message, then finds nothing to do", out3 + err3)
    check(current(pg, app, "concurrent") == [B[0]], "the database is at the head once")
    watch.close()


def main():
    miglint, source = arguments(__doc__)
    with tempfile.TemporaryDirectory(prefix="miglint-apply-fail-") as tmp, Cluster(PORT) as pg:
        app = make_project(source, os.path.join(tmp, "plain"))
        connection_failures(miglint, pg, app)
        unknown_revision(miglint, pg, app)
        read_only(miglint, pg, app)
        timeouts(miglint, pg, source, tmp)
        lost_connection(miglint, pg, source, tmp)
        for per_migration in (True, False):
            sigkill(miglint, pg, source, tmp, per_migration)
        interrupted(miglint, pg, source, tmp)
        concurrent(miglint, pg, source, tmp)
    return finish()


if __name__ == "__main__":
    sys.exit(main())
