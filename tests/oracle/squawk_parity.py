#!/usr/bin/python3
"""miglint's SQL rules against squawk 2.66 on the same statements: a superset check.

Every case is one piece of SQL. squawk lints it as a file (with every opt-in rule included,
and --assume-in-transaction, since Alembic runs a revision in a transaction). miglint lints it
inside an Alembic revision (`op.execute(<the SQL as a triple-quoted string>)`, or inside an autocommit block for
cases marked so) whose base revision created the tables, so they exist; it runs with
every rule selected by name (so rules that are off by default run too). The rule mapping comes from the table in docs/rules/README.md ("| miglint |
squawk | …"), so the documentation is what is tested.

A case passes when every squawk rule that fires has a miglint rule mapped to it that fires
too. Where miglint deliberately reports less (it knows a table is new, a timeout is set in
env.py…), the case lists the squawk rule under `differs` with the reason, and the test prints
it. The final line gives the coverage: squawk rules seen firing, and how many are matched.

Needs squawk on PATH (`npm install -g squawk-cli@2.66.0`); exits 77 (ctest skip) without it.

  squawk_parity.py MIGLINT ROOT
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

SKIP = 77

BASE = '''
op.execute("""
CREATE TABLE accounts (id bigint PRIMARY KEY, email text, name varchar(50), balance int,
                       status text, parent_id bigint, created timestamp);
CREATE TABLE orders (id bigint PRIMARY KEY, account_id bigint, total numeric(10, 2));
CREATE TYPE mood AS ENUM ('calm');
CREATE MATERIALIZED VIEW account_ids AS SELECT id FROM accounts;
CREATE TABLE events (id bigint, at date) PARTITION BY RANGE (at);
CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE DOMAIN positive AS int;
""")
'''

# squawk asks for lock_timeout and statement_timeout before every DDL statement. miglint asks
# for lock_timeout only before a lock that blocks writes on a table that already exists (SHARE
# or stronger: while it waits, every later query on the table queues behind it), and for
# statement_timeout only before such a lock held for a scan or a rewrite. These are the
# statements where it deliberately stays quiet.
NO_LOCK = ("miglint's missing-lock-timeout reports only locks that block writes on an existing table; "
           "this statement takes none")
CATALOG_ONLY = ("miglint's missing-statement-timeout reports only a blocking lock held for a scan or "
                "rewrite; this statement is catalog-only or takes no blocking lock")
QUIET_TIMEOUTS = {"require-lock-timeout": NO_LOCK, "require-statement-timeout": CATALOG_ONLY}
QUIET_STATEMENT_TIMEOUT = {"require-statement-timeout": CATALOG_ONLY}

# (name, sql, autocommit, differs[, squawk arguments]): differs maps a squawk rule to why miglint
# stays quiet.
CASES = [
    ("index", "CREATE INDEX ix_accounts_email ON accounts (email)", False, {}),
    ("index concurrently in tx", "CREATE INDEX CONCURRENTLY ix_a ON accounts (email)", False, QUIET_TIMEOUTS),
    ("drop index", "DROP INDEX ix_accounts_email", False, QUIET_STATEMENT_TIMEOUT),
    ("reindex", "REINDEX INDEX ix_accounts_email", False, {}),
    ("reindex table", "REINDEX TABLE accounts", False, {}),
    ("detach partition", "ALTER TABLE events DETACH PARTITION events_2024", False, QUIET_STATEMENT_TIMEOUT),
    ("add fk", "ALTER TABLE orders ADD CONSTRAINT fk_orders_account FOREIGN KEY (account_id) REFERENCES accounts (id)", False, {}),
    ("add check", "ALTER TABLE accounts ADD CONSTRAINT ck_balance CHECK (balance >= 0)", False, {}),
    ("add unique", "ALTER TABLE accounts ADD CONSTRAINT uq_email UNIQUE (email)", False, {}),
    ("add pk", "ALTER TABLE orders DROP CONSTRAINT orders_pkey; ALTER TABLE orders ADD PRIMARY KEY (id)", False, {}),
    ("set not null", "ALTER TABLE accounts ALTER COLUMN email SET NOT NULL", False, {}),
    ("drop not null", "ALTER TABLE accounts ALTER COLUMN email DROP NOT NULL", False, QUIET_STATEMENT_TIMEOUT),
    ("add required column", "ALTER TABLE accounts ADD COLUMN region text NOT NULL", False, {}),
    ("add column volatile default", "ALTER TABLE accounts ADD COLUMN token uuid DEFAULT gen_random_uuid()", False, {}),
    ("add column constant default", "ALTER TABLE accounts ADD COLUMN flag boolean DEFAULT false", False, QUIET_STATEMENT_TIMEOUT),
    ("add serial column", "ALTER TABLE accounts ADD COLUMN seq serial", False, {}),
    ("add serial pk column", "ALTER TABLE orders ADD COLUMN num bigserial PRIMARY KEY", False, {}),
    ("add generated column", "ALTER TABLE accounts ADD COLUMN double_balance int GENERATED ALWAYS AS (balance * 2) STORED", False, {}),
    ("change type", "ALTER TABLE accounts ALTER COLUMN balance TYPE bigint", False, {}),
    ("rename column", "ALTER TABLE accounts RENAME COLUMN name TO display_name", False, QUIET_STATEMENT_TIMEOUT),
    ("rename table", "ALTER TABLE orders RENAME TO purchases", False, QUIET_STATEMENT_TIMEOUT),
    ("drop column", "ALTER TABLE accounts DROP COLUMN status", False, QUIET_STATEMENT_TIMEOUT),
    ("drop table", "DROP TABLE orders", False, QUIET_STATEMENT_TIMEOUT),
    ("drop database", "DROP DATABASE legacy", False, QUIET_TIMEOUTS),
    ("truncate cascade", "TRUNCATE accounts CASCADE", False, QUIET_STATEMENT_TIMEOUT),
    ("int column", "CREATE TABLE t_int (id int PRIMARY KEY, n smallint)", False, {}),
    ("varchar column", "CREATE TABLE t_varchar (id bigint PRIMARY KEY, name varchar(100))", False, {}),
    ("timestamp column", "CREATE TABLE t_ts (id bigint PRIMARY KEY, at timestamp)", False, {}),
    ("char column", "CREATE TABLE t_char (id bigint PRIMARY KEY, code char(3))", False, {}),
    ("serial pk", "CREATE TABLE t_serial (id serial PRIMARY KEY)", False, {}),
    ("long identifier", "CREATE TABLE t_long (id bigint PRIMARY KEY, this_column_name_is_far_too_long_for_postgresql_to_keep_it_whole_x text)", False, {}),
    ("create domain with check", "CREATE DOMAIN small_int AS int CHECK (VALUE < 100)", False, QUIET_TIMEOUTS),
    ("alter domain add check", "ALTER DOMAIN positive ADD CONSTRAINT positive_check CHECK (VALUE > 0)", False, QUIET_TIMEOUTS),
    ("begin commit", "BEGIN; ALTER TABLE accounts ADD COLUMN note text; COMMIT", False, QUIET_STATEMENT_TIMEOUT),
    ("begin only", "BEGIN; ALTER TABLE accounts ADD COLUMN note text", False, QUIET_STATEMENT_TIMEOUT),
    ("enum add value", "ALTER TYPE mood ADD VALUE 'angry'", False, QUIET_TIMEOUTS),
    ("duplicate assignment", "UPDATE accounts SET status = 'a', status = 'b' WHERE id = 1", False, {}),
    ("vacuum full", "VACUUM FULL accounts", True, {}),
    ("cluster", "CLUSTER accounts USING accounts_pkey", False, {}),
    ("refresh matview", "REFRESH MATERIALIZED VIEW account_ids", False, {}),
    ("robust create in autocommit", "CREATE INDEX CONCURRENTLY ix_b ON accounts (name)", True, QUIET_TIMEOUTS),
    ("unqualified table", "CREATE TABLE t_plain (id bigint PRIMARY KEY)", False, {}),
    ("concurrent index in explicit transaction",
     "BEGIN; CREATE INDEX CONCURRENTLY ix_c ON accounts (status); COMMIT", False, QUIET_TIMEOUTS),
    # squawk suggests REPACK only where it exists (PostgreSQL 19), so it is asked with that version.
    ("vacuum full, squawk for PostgreSQL 19", "VACUUM FULL accounts", True, QUIET_STATEMENT_TIMEOUT,
     ["--pg-version", "19"]),
    ("timeout set", "SET LOCAL lock_timeout = '2s'; SET LOCAL statement_timeout = '5s'; ALTER TABLE accounts ADD COLUMN note2 text", False, {}),
]

SQUAWK_OPT_IN = ["require-table-schema", "prefer-robust-stmts", "require-enum-value-ordering",
                 "prefer-bigint-over-int", "prefer-bigint-over-smallint", "prefer-identity",
                 "prefer-text-field", "prefer-timestamp-tz", "ban-char-field", "identifier-too-long",
                 "require-lock-timeout", "require-statement-timeout", "require-timeout-settings"]


def mapping(root):
    """miglint rule ids for each squawk rule, from docs/rules/README.md."""
    text = open(os.path.join(root, "docs", "rules", "README.md")).read()
    out = {}
    header = None
    for line in text.splitlines():
        if not line.startswith("|"):
            header = None
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if header is None:
            header = [c.lower() for c in cells]
            continue
        if set(cells[0]) <= set("-: "):
            continue
        if "squawk" not in header or "miglint" not in header[0]:
            continue
        ours = re.findall(r"`([a-z0-9-]+)`", cells[0])
        theirs = re.findall(r"`([a-z0-9-]+)`", cells[header.index("squawk")])
        for s in theirs:
            out.setdefault(s, set()).update(ours)
    return out


def revision(rev, down, body):
    return (f'"""{rev}\n\nRevision ID: {rev}\nRevises: {down or ""}\nCreate Date: 2024-01-01 00:00:00\n\n"""\n'
            f"from alembic import op\nimport sqlalchemy as sa\n\nrevision = {rev!r}\n"
            f"down_revision = {down!r}\nbranch_labels = None\ndepends_on = None\n\n\n"
            f"def upgrade() -> None:\n{body}\n\n\ndef downgrade() -> None:\n    pass\n")


def indent(text, n):
    return "\n".join(" " * n + l if l.strip() else l for l in text.strip("\n").split("\n"))


def squawk_rules(sql, tmp, extra_args=()):
    path = os.path.join(tmp, "case.sql")
    with open(path, "w") as f:
        f.write(sql + ";\n")
    args = ["squawk", "--reporter", "json", "--assume-in-transaction"]
    for r in SQUAWK_OPT_IN:
        args += ["--include", r]
    p = subprocess.run(args + list(extra_args) + [path], capture_output=True, text=True)
    try:
        doc = json.loads(p.stdout)
    except json.JSONDecodeError:
        raise SystemExit(f"squawk gave no JSON for {sql!r}: {p.stdout}{p.stderr}")
    items = doc if isinstance(doc, list) else doc.get("violations", doc.get("files", []))
    found = set()
    for v in items:
        for key in ("rule_name", "rule", "code"):
            if isinstance(v, dict) and key in v:
                found.add(v[key])
    return found - {"syntax-error"}


def all_rule_ids(miglint):
    """Every rule id: naming them all turns on the ones that are off by default."""
    p = subprocess.run([miglint, "rules", "--format", "json"], capture_output=True, text=True, check=True)
    return ",".join(r["id"] for r in json.loads(p.stdout))


def miglint_rules(miglint, rule_ids, sql, autocommit, tmp):
    repo = os.path.join(tmp, "repo")
    shutil.rmtree(repo, ignore_errors=True)
    versions = os.path.join(repo, "versions")
    os.makedirs(versions)
    with open(os.path.join(versions, "a0_base.py"), "w") as f:
        f.write(revision("a0", None, indent(BASE, 4)))
    call = f'op.execute("""{sql}""")'
    body = ("with op.get_context().autocommit_block():\n" + indent(call, 4)) if autocommit else call
    with open(os.path.join(versions, "b1_case.py"), "w") as f:
        f.write(revision("b1", "a0", indent(body, 4)))
    p = subprocess.run([miglint, "check", repo, "--select", rule_ids, "--format", "json"],
                       capture_output=True, text=True)
    doc = json.loads(p.stdout)
    return {d["rule"] for d in doc["diagnostics"] if d["path"].endswith("b1_case.py")}


def main():
    miglint, root = sys.argv[1], sys.argv[2]
    if not shutil.which("squawk"):
        print("SKIP: squawk is not installed (npm install -g squawk-cli@2.66.0)")
        return SKIP
    version = subprocess.run(["squawk", "--version"], capture_output=True, text=True).stdout.strip()
    table = mapping(root)
    rule_ids = all_rule_ids(miglint)
    tmp = tempfile.mkdtemp(prefix="miglint-squawk-")
    failures = 0
    seen, matched = set(), set()
    try:
        for name, sql, autocommit, differs, *squawk_args in CASES:
            theirs = squawk_rules(sql, tmp, squawk_args[0] if squawk_args else ())
            ours = miglint_rules(miglint, rule_ids, sql, autocommit, tmp)
            missing = []
            for rule in sorted(theirs):
                seen.add(rule)
                if table.get(rule, set()) & ours:
                    matched.add(rule)
                elif rule in differs:
                    print(f"differs  {name}: squawk {rule}; miglint: {differs[rule]}")
                else:
                    missing.append(f"{rule} (mapped to {sorted(table.get(rule, [])) or 'nothing'})")
            if missing:
                failures += 1
                print(f"FAIL {name}: squawk {sorted(theirs)}, miglint {sorted(ours)}; unmatched: {', '.join(missing)}")
        unmapped = sorted(seen - set(table))
        print(f"{version}: {len(CASES) - failures} of {len(CASES)} cases covered; "
              f"{len(matched)} of {len(seen)} squawk rules seen firing are matched by a miglint rule"
              + (f"; not in the mapping table: {', '.join(unmapped)}" if unmapped else ""))
        return 1 if failures else 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
