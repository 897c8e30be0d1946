#!/usr/bin/python3
"""Tests of `miglint normalize-sql FILE|-` through the real binary: what it keeps (statements,
comments between them, BEGIN/COMMIT), what it ignores (whitespace, keyword case, unneeded
quotes, comments inside a statement), and its errors (PostgreSQL's message at line:col, exit 1;
an unreadable file, exit 2).

  sql_normalize_cli.py MIGLINT
"""
import os
import subprocess
import sys
import tempfile

MIGLINT = sys.argv[1]
failures = 0
checks = 0


def normalize(text):
    p = subprocess.run([MIGLINT, "normalize-sql", "-"], input=text.encode(), stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE)
    return p.returncode, p.stdout.decode(), p.stderr.decode()


def check(name, ok, detail=""):
    global failures, checks
    checks += 1
    print(f"{'ok  ' if ok else 'FAIL'} {name}")
    if not ok:
        failures += 1
        print(detail)


def same(name, a, b):
    ra, ra_out, _ = normalize(a)
    rb, rb_out, _ = normalize(b)
    check(name, ra == rb == 0 and ra_out == rb_out and ra_out, f"{ra_out}\n---\n{rb_out}")


def differ(name, a, b):
    ra, ra_out, _ = normalize(a)
    rb, rb_out, _ = normalize(b)
    check(name, ra == rb == 0 and ra_out != rb_out, ra_out)


same("whitespace and keyword case",
     "CREATE TABLE customers (\n    id SERIAL NOT NULL, \n    PRIMARY KEY (id)\n);",
     "create table customers(id serial not null,primary key(id))")
same("unneeded identifier quotes", 'ALTER TABLE "orders" ADD COLUMN "total" NUMERIC(12, 2);',
     "alter table orders add column total numeric(12,2)")
same("type aliases", "ALTER TABLE t ADD COLUMN a INT", "ALTER TABLE t ADD COLUMN a integer")
same("comments inside a statement", "SELECT /* x */ 1 -- y\n;", "SELECT 1;")
same("trailing semicolon", "DROP TABLE t;", "DROP TABLE t")
same("whitespace inside a comment between statements", "--   Running  upgrade  a -> b\nSELECT 1;",
     "-- Running upgrade a -> b\n SELECT 1")
differ("quoted mixed case is another name", 'DROP TABLE "T"', "DROP TABLE T")
differ("string literals", "UPDATE t SET a = 'x'", "UPDATE t SET a = 'X'")
differ("negative defaults", "ALTER TABLE t ALTER COLUMN a SET DEFAULT -1",
       "ALTER TABLE t ALTER COLUMN a SET DEFAULT 0")
differ("statement order", "SELECT 1; SELECT 2;", "SELECT 2; SELECT 1;")
differ("comments between statements are kept", "-- Running upgrade a -> b\nSELECT 1;",
       "-- Running upgrade a -> c\nSELECT 1;")

code, out, err = normalize("BEGIN;\n\n-- Running upgrade  -> a1\n\nCREATE TABLE t (id int);\n\nCOMMIT;\n")
lines = out.splitlines()
check("one line per statement and comment, in order",
      code == 0 and len(lines) == 4 and "TRANS_STMT_BEGIN" in lines[0] and lines[1] == "-- Running upgrade -> a1"
      and "CreateStmt" in lines[2] and "TRANS_STMT_COMMIT" in lines[3], out)
code, out, err = normalize("")
check("empty input: nothing, exit 0", code == 0 and out == "", out + err)
code, out, err = normalize("-- only a comment\n")
check("comment-only input: the comment", code == 0 and out == "-- only a comment\n", out + err)

code, out, err = normalize("SELECT 1;\n  SELEC 2;\n")
check("syntax error: exit 1, PostgreSQL's message at line:col",
      code == 1 and out == "" and err.strip() == 'miglint: <stdin>:2:3: syntax error at or near "SELEC"', err)
code, out, err = normalize("SELECT 'éé', 1;\n  SELECT 'ü' + ;\n")
check("syntax error column counts characters", code == 1 and "<stdin>:2:16:" in err, err)

with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as f:
    f.write("CREATE INDEX ix ON t (a);\n")
p = subprocess.run([MIGLINT, "normalize-sql", f.name], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
os.unlink(f.name)
check("reads a file", p.returncode == 0 and b"IndexStmt" in p.stdout, p.stderr.decode())
p = subprocess.run([MIGLINT, "normalize-sql", "/nonexistent/x.sql"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
check("unreadable file: exit 2", p.returncode == 2 and b"cannot read" in p.stderr, p.stderr.decode())

print(f"{checks - failures} passed, {failures} failed")
sys.exit(1 if failures else 0)
