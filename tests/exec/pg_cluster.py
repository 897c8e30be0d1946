"""A throwaway PostgreSQL 15 cluster for the executor tests: initdb into a temporary folder as
the `postgres` user, TCP on 127.0.0.1:<port> with scram-sha-256 passwords plus a Unix socket in
that folder, stopped with `pg_ctl -m immediate stop` and removed on every exit path.

    with Cluster(port=54361, password="…") as pg:
        pg.create_database("app")
        pg.psql("app", "SELECT 1")
        env = pg.db_env("app")          # DB_USER/DB_PASSWORD/DB_HOST/DB_PORT/DB_NAME
"""
import os
import shutil
import subprocess
import tempfile

PG_BIN = "/usr/lib/postgresql/15/bin"
SKIP = 77  # ctest's SKIP_RETURN_CODE


def available():
    """Why the cluster cannot be started here, or None."""
    if not os.path.isfile(os.path.join(PG_BIN, "initdb")):
        return "needs PostgreSQL 15 in " + PG_BIN
    if os.geteuid() != 0:
        return "needs root (initdb runs as postgres through runuser)"
    return None


def run(cmd, env=None, cwd=None, timeout=300):
    return subprocess.run(cmd, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True, timeout=timeout)


def _stable(dump):
    """A dump without what differs between two dumps of the same database: the `-- Dumped
    from/by` lines, and the random key of psql's `\\restrict` guard (pg_dump 15.14+)."""
    return "\n".join(l for l in dump.splitlines()
                     if not l.startswith(("-- Dumped", "\\restrict", "\\unrestrict")))


def clean_env():
    """Our environment without DB_* and PG* variables, so nothing leaks into a test case."""
    return {k: v for k, v in os.environ.items() if not k.startswith(("DB_", "PG"))}


class Cluster:
    def __init__(self, port, password="miglint-test-pw", settings=()):
        self.port = str(port)
        self.password = password
        self.settings = list(settings)
        self.tmp = None
        self.started = False

    def __enter__(self):
        self.tmp = tempfile.mkdtemp(prefix="miglint-pg-")
        os.chmod(self.tmp, 0o777)
        self.data = os.path.join(self.tmp, "data")
        r = self._as_postgres(PG_BIN + "/initdb", "-D", self.data, "--auth-local=trust",
                              "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8")
        if r.returncode != 0:
            self.__exit__(None, None, None)
            raise RuntimeError("initdb failed: " + r.stdout + r.stderr)
        options = f"-p {self.port} -k {self.tmp} -c listen_addresses=127.0.0.1 -c fsync=off"
        for s in self.settings:
            options += " -c " + s
        r = self._as_postgres(PG_BIN + "/pg_ctl", "-D", self.data, "-l", os.path.join(self.tmp, "log"),
                              "-o", options, "-w", "start")
        if r.returncode != 0:
            self.__exit__(None, None, None)
            raise RuntimeError("pg_ctl start failed: " + r.stdout + r.stderr)
        self.started = True
        self.psql("postgres", "ALTER USER postgres PASSWORD '%s'" % self.password.replace("'", "''"))
        return self

    def __exit__(self, *exc):
        if self.started:
            self._as_postgres(PG_BIN + "/pg_ctl", "-D", self.data, "-m", "immediate", "stop")
            self.started = False
        if self.tmp:
            shutil.rmtree(self.tmp, ignore_errors=True)
        return False

    def _as_postgres(self, *cmd):
        return run(["runuser", "-u", "postgres", "--", *cmd])

    # --- SQL over the socket (trust) -------------------------------------------------------
    def psql(self, db, sql, check=True):
        r = run([PG_BIN + "/psql", "-h", self.tmp, "-p", self.port, "-U", "postgres", "-d", db,
                 "-v", "ON_ERROR_STOP=1", "-X", "-q", "-A", "-t", "-c", sql])
        if check and r.returncode != 0:
            raise RuntimeError(f"psql {db}: {sql}: {r.stderr}")
        return r.stdout

    def create_database(self, name):
        self.psql("postgres", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.psql("postgres", f'CREATE DATABASE "{name}"')

    def dump_schema(self, db):
        """pg_dump --schema-only (see _stable)."""
        r = run([PG_BIN + "/pg_dump", "-h", self.tmp, "-p", self.port, "-U", "postgres",
                 "--schema-only", "--no-owner", db])
        if r.returncode != 0:
            raise RuntimeError("pg_dump: " + r.stderr)
        return _stable(r.stdout)

    def dump_data(self, db):
        r = run([PG_BIN + "/pg_dump", "-h", self.tmp, "-p", self.port, "-U", "postgres",
                 "--data-only", "--no-owner", "--inserts", db])
        if r.returncode != 0:
            raise RuntimeError("pg_dump: " + r.stderr)
        return _stable(r.stdout)

    # --- how clients reach it -------------------------------------------------------------
    def db_env(self, db, base=None):
        """The DB_* convention the fixtures' env.py reads (TCP, password)."""
        return dict(base if base is not None else clean_env(), DB_USER="postgres",
                    DB_PASSWORD=self.password, DB_HOST="127.0.0.1", DB_PORT=self.port, DB_NAME=db)

    def url(self, db):
        from urllib.parse import quote
        return f"postgresql://postgres:{quote(self.password, safe='')}@127.0.0.1:{self.port}/{db}"
