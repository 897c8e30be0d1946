#!/usr/bin/python3
"""`miglint plan` against a real PostgreSQL 15 and Alembic itself.

Starts a throwaway cluster (initdb as `postgres`, TCP on 127.0.0.1:54351 with scram-sha-256
passwords, plus a Unix socket in a temporary folder), migrates fixtures/credit_system's app with
`python3 -m alembic upgrade <rev>` (its env.py reads DB_USER/DB_PASSWORD/DB_HOST/DB_PORT/DB_NAME)
to a revision on one side of a branch, then checks:

- `miglint plan`, connecting through the DB_* variables and through --database-url, lists
  exactly the revisions `alembic upgrade <rev>:head --sql` runs, in order; `--to base` those of
  `alembic downgrade <rev>:base --sql`; `--to +2` the first two of them;
- its exit code agrees with the plan's "verified";
- a database stamped (by hand, with psql) at a revision the repository does not have is refused:
  exit 2, naming the revision;
- a wrong password gives one line on stderr, exit 2, and the password appears nowhere.

Stopped with `pg_ctl -m immediate stop` on every exit path. Exits 77 (ctest's
SKIP_RETURN_CODE) without PostgreSQL 15 or root.

  exec_plan_online.py MIGLINT SOURCE_DIR
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

PG_BIN = "/usr/lib/postgresql/15/bin"
SKIP = 77
PORT = "54351"
PASSWORD = "S3cr3t/p@ss%word"
WRONG = "Wr0ng-Secret-4711"
MIDDLE = "cd0822dc1e28"  # one side of the branch at 7deb22f191b9; the merge is still ahead
APP = "fixtures/credit_system/src/control_plane/credit_system/app"

failures = 0


def check(ok, what):
    global failures
    if not ok:
        failures += 1
        print("FAIL:", what)
    else:
        print("ok:", what)


def run(cmd, env=None, cwd=None):
    return subprocess.run(cmd, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def as_postgres(*cmd):
    return run(["runuser", "-u", "postgres", "--", *cmd])


def alembic_revisions(app, env, args):
    """The revisions `alembic <args> --sql` runs, in order (the right side of each
    `-- Running upgrade a -> b` line, the left side of a downgrade's)."""
    r = run(["/usr/bin/python3", "-m", "alembic", *args, "--sql"], env=env, cwd=app)
    if r.returncode != 0:
        raise RuntimeError(r.stderr)
    out = []
    for m in re.finditer(r"^-- Running (upgrade|downgrade) (.*) -> (.*)$", r.stdout, re.M):
        out.append(m.group(3).strip() if m.group(1) == "upgrade" else m.group(2).strip())
    return out


def plan(miglint, app, env, *args):
    r = run([miglint, "plan", app, "--format", "json", *args], env=env)
    doc = json.loads(r.stdout) if r.stdout.strip().startswith("{") else None
    return r, doc


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    miglint, source = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    if not os.path.isfile(os.path.join(PG_BIN, "initdb")) or os.geteuid() != 0:
        print("SKIP: needs PostgreSQL 15 in %s and root (for runuser)" % PG_BIN)
        return SKIP
    app = os.path.join(source, APP)
    tmp = tempfile.mkdtemp(prefix="miglint-plan-")
    os.chmod(tmp, 0o777)
    data = os.path.join(tmp, "data")
    started = False
    try:
        r = as_postgres(PG_BIN + "/initdb", "-D", data, "--auth-local=trust", "--auth-host=scram-sha-256")
        if r.returncode != 0:
            print(r.stdout, r.stderr)
            return 1
        r = as_postgres(PG_BIN + "/pg_ctl", "-D", data, "-l", os.path.join(tmp, "log"), "-o",
                        f"-p {PORT} -k {tmp} -c listen_addresses=127.0.0.1", "-w", "start")
        if r.returncode != 0:
            print(r.stdout, r.stderr)
            return 1
        started = True
        psql = [PG_BIN + "/psql", "-h", tmp, "-p", PORT, "-U", "postgres", "-v", "ON_ERROR_STOP=1", "-q"]
        r = run(psql + ["-d", "postgres", "-c", "CREATE DATABASE credit",
                        "-c", "ALTER USER postgres PASSWORD '%s'" % PASSWORD.replace("'", "''")])
        if r.returncode != 0:
            print(r.stderr)
            return 1

        base_env = {k: v for k, v in os.environ.items() if not k.startswith(("DB_", "PG"))}
        db_env = dict(base_env, DB_USER="postgres", DB_PASSWORD=PASSWORD, DB_HOST="127.0.0.1",
                      DB_PORT=PORT, DB_NAME="credit")
        r = run(["/usr/bin/python3", "-m", "alembic", "upgrade", MIDDLE], env=db_env, cwd=app)
        if r.returncode != 0:
            print(r.stderr)
            return 1

        expected_up = alembic_revisions(app, db_env, ["upgrade", f"{MIDDLE}:head"])
        expected_down = alembic_revisions(app, db_env, ["downgrade", f"{MIDDLE}:base"])
        check(len(expected_up) >= 3, f"alembic runs {len(expected_up)} revisions from {MIDDLE}")

        url = "postgresql://postgres:%s@127.0.0.1:%s/credit" % (
            PASSWORD.replace("%", "%25").replace("/", "%2F").replace("@", "%40"), PORT)
        for how, env, extra in (("DB_* variables", db_env, []),
                                ("--database-url", base_env, ["--database-url", url]),
                                ("libpq environment", dict(base_env, PGHOST=tmp, PGPORT=PORT,
                                                           PGUSER="postgres", PGDATABASE="credit"), [])):
            r, doc = plan(miglint, app, env, *extra)
            if doc is None:
                check(False, f"plan via {how}: JSON on stdout (exit {r.returncode}, stderr {r.stderr!r})")
                continue
            got = [s["revision"] for s in doc["steps"]]
            check(got == expected_up, f"plan via {how} lists {expected_up}, got {got}")
            check(doc["current_heads"] == [MIDDLE], f"plan via {how} reads the current head")
            check(r.returncode == (0 if doc["verified"] else 1),
                  f"plan via {how}: exit {r.returncode} agrees with verified={doc['verified']}")
            check(PASSWORD not in r.stdout + r.stderr, f"plan via {how}: the password is not printed")

        r, doc = plan(miglint, app, db_env, "--to", "base")
        got = [s["revision"] for s in doc["steps"]] if doc else None
        check(doc is not None and doc["direction"] == "downgrade" and got == expected_down,
              f"plan --to base lists {expected_down}, got {got}")
        r, doc = plan(miglint, app, db_env, "--to=+2")
        got = [s["revision"] for s in doc["steps"]] if doc else None
        expected_two = alembic_revisions(app, db_env, ["upgrade", f"{MIDDLE}:+2"])
        check(got == expected_two, f"plan --to +2 lists {expected_two}, got {got}")
        r = run([miglint, "plan", app], env=db_env)
        check(r.stdout.rstrip().splitlines()[-1].startswith(("plan: verified", "plan: NOT verified: ")),
              "text output ends with the verdict")

        # The wrong password: one line, exit 2, the password nowhere.
        for how, env, extra in (("DB_PASSWORD", dict(db_env, DB_PASSWORD=WRONG), []),
                                ("--database-url", base_env,
                                 ["--database-url", f"postgresql://postgres:{WRONG}@127.0.0.1:{PORT}/credit"])):
            r = run([miglint, "plan", app, *extra], env=env)
            lines = r.stderr.strip().splitlines()
            check(r.returncode == 2, f"wrong password via {how}: exit 2 (got {r.returncode})")
            check(len(lines) == 1 and lines[0].startswith("miglint: cannot connect to "),
                  f"wrong password via {how}: one line ({r.stderr!r})")
            check(WRONG not in r.stdout + r.stderr and r.stdout == "",
                  f"wrong password via {how}: the password is not printed")

        # A database at a revision this repository does not have.
        r = run(psql + ["-d", "credit", "-c", "UPDATE alembic_version SET version_num = 'feedc0ffee42'"])
        check(r.returncode == 0, "stamped an unknown revision by hand")
        r = run([miglint, "plan", app], env=db_env)
        check(r.returncode == 2 and "'feedc0ffee42'" in r.stderr and r.stdout == "",
              f"an unknown current revision is refused, naming it (exit {r.returncode}, {r.stderr!r})")
    finally:
        if started:
            as_postgres(PG_BIN + "/pg_ctl", "-D", data, "-m", "immediate", "stop")
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"{failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
