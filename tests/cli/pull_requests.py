#!/usr/bin/env python3
"""Pull-request mode end to end, in a temporary git repository (docs/pull-requests.md).

main has one revision; two branches each add a revision on top of it; one is merged into main,
then main is merged into the other (what a pull request's CI sees). The test shows:
  - `check --since main` reports only the branch's revision, and multiple-heads names the
    branch's revision and the current head with the `miglint rebase` remedy;
  - `rebase REV --onto head` (and --dry-run, and its refusals) puts the branch's revision on top,
    after which miglint and Alembic 1.8 (`python3 -m alembic heads`) both see one head;
  - modified-revision: a changed operation in an applied revision is reported, a comment or
    docstring change is not; untracked files count as changed;
  - git problems (unknown REF, no repository) are one config-error and exit 2;
  - baseline round trip: only new findings are reported, moved lines still match, stale entries
    are summed up.

Usage: pull_requests.py MIGLINT
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

MIGLINT = None
FAILURES = []


def expect(cond, message):
    if not cond:
        FAILURES.append(message)
        print(f"FAIL {message}")
    return cond


def git(repo, *args):
    return subprocess.run(["git", "-C", repo, "-c", "commit.gpgsign=false"] + list(args), check=True,
                          capture_output=True, text=True).stdout


def miglint(repo, *args):
    return subprocess.run([MIGLINT] + list(args), cwd=repo, capture_output=True, text=True, timeout=120)


def check_json(repo, *args):
    proc = miglint(repo, "check", ".", "--format", "json", *args)
    try:
        return proc, json.loads(proc.stdout)["diagnostics"]
    except (ValueError, KeyError):
        return proc, None


REVISION = '''"""{message}

Revision ID: {rev}
Revises: {down_doc}
Create Date: 2024-05-01 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '{rev}'
down_revision = {down}
branch_labels = None
depends_on = None


def upgrade() -> None:
{upgrade}


def downgrade() -> None:
{downgrade}
'''


def write_revision(repo, name, rev, down, message, upgrade, downgrade):
    text = REVISION.format(message=message, rev=rev, down_doc=down or "", down=f"'{down}'" if down else "None",
                           upgrade=upgrade, downgrade=downgrade)
    path = os.path.join(repo, "migrations", "versions", name)
    with open(path, "w") as f:
        f.write(text)
    return path


def index_revision(repo, name, rev, down, column):
    return write_revision(repo, name, rev, down, f"index {column}",
                          f'    op.create_index("ix_accounts_{column}", "accounts", ["{column}"])',
                          f'    op.drop_index("ix_accounts_{column}", table_name="accounts")')


A, B, C = "1a2b3c4d5e6f", "2b3c4d5e6f7a", "3c4d5e6f7a8b"


def make_repository(repo):
    os.makedirs(os.path.join(repo, "migrations", "versions"))
    with open(os.path.join(repo, "alembic.ini"), "w") as f:
        # The timeouts are configured so that each index revision has exactly one finding.
        f.write("[alembic]\nscript_location = migrations\n\n[miglint]\nlock-timeout = 5s\nstatement-timeout = 1min\n")
    with open(os.path.join(repo, "migrations", "env.py"), "w") as f:
        f.write("# not run: `alembic heads` only reads the scripts\n")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.name", "Test User")
    git(repo, "config", "user.email", "test@example.com")
    write_revision(repo, f"{A}_create_accounts.py", A, None, "create accounts",
                   '    op.create_table("accounts", sa.Column("id", sa.BigInteger(), primary_key=True),\n'
                   '                    sa.Column("email", sa.Text()), sa.Column("name", sa.Text()))',
                   '    op.drop_table("accounts")')
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "create accounts")
    git(repo, "checkout", "-q", "-b", "feature-b")
    index_revision(repo, f"{B}_index_email.py", B, A, "email")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "index email")
    git(repo, "checkout", "-q", "main")
    git(repo, "checkout", "-q", "-b", "feature-c")
    index_revision(repo, f"{C}_index_name.py", C, A, "name")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "index name")
    # feature-b lands first; feature-c then merges main, as a pull request is brought up to date.
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--ff-only", "feature-b")
    git(repo, "checkout", "-q", "feature-c")
    git(repo, "merge", "-q", "--no-edit", "main")


def test_since_and_rebase(repo):
    c_path = os.path.join(repo, "migrations", "versions", f"{C}_index_name.py")
    proc, found = check_json(repo, "--since", "main")
    if not expect(found is not None, f"check --since main printed JSON: {proc.stderr}"):
        return
    expect(proc.returncode == 1, f"check --since main exits 1, got {proc.returncode}")
    files = {d["path"] for d in found if d["rule"] == "non-concurrent-index"}
    expect(files == {f"migrations/versions/{C}_index_name.py"},
           f"only the branch's revision is linted, got {files}")
    heads = [d for d in found if d["rule"] == "multiple-heads"]
    if expect(len(heads) == 1, f"one multiple-heads finding, got {len(heads)}"):
        msg, help_text = heads[0]["message"], heads[0]["help"]
        expect(f"revision `{C}`" in msg and f"current head `{B}`" in msg,
               f"multiple-heads names the branch's revision and the current head: {msg}")
        expect(f"miglint rebase {C} --onto {B}" in help_text, f"help shows the rebase command: {help_text}")

    with open(c_path) as f:
        before = f.read()
    dry = miglint(repo, "rebase", C[:6], "--onto", "head", "--dry-run")
    expect(dry.returncode == 0, f"rebase --dry-run exits 0, got {dry.returncode}: {dry.stderr}")
    with open(c_path) as f:
        expect(f.read() == before, "rebase --dry-run writes nothing")
    expect(f"-down_revision = '{A}'" in dry.stdout and f"+down_revision = '{B}'" in dry.stdout
           and f"-Revises: {A}" in dry.stdout and f"+Revises: {B}" in dry.stdout,
           f"rebase --dry-run prints the diff:\n{dry.stdout}")

    # Refusals, before anything is written.
    for args, why in ((["zzzz", "--onto", "head"], "unknown REV"),
                      ([C, "--onto", "ffff"], "unknown TARGET"),
                      ([A, "--onto", B], "base revision"),
                      ([A[:1], "--onto", "head"], "ambiguous prefix")):
        r = miglint(repo, "rebase", *args)
        expect(r.returncode == 2 and r.stderr.startswith("miglint rebase: "),
               f"rebase refuses ({why}): exit {r.returncode}, {r.stderr!r}")

    done = miglint(repo, "rebase", C[:6], "--onto", "head")
    expect(done.returncode == 0 and f"Rebased `{C}` onto `{B}`" in done.stdout,
           f"rebase exits 0 and says what it changed: {done.returncode} {done.stdout} {done.stderr}")
    with open(c_path) as f:
        after = f.read()
    want = before.replace(f"down_revision = '{A}'", f"down_revision = '{B}'").replace(f"Revises: {A}", f"Revises: {B}")
    expect(after == want and after != before, f"rebase changed exactly the two lines:\n{after}")

    proc, found = check_json(repo, "--select", "multiple-heads,orphan-revision,revision-cycle")
    expect(found == [] and proc.returncode == 0, f"one head after the rebase: {found}")
    alembic = subprocess.run(["/usr/bin/python3", "-m", "alembic", "heads"], cwd=repo, capture_output=True,
                             text=True, timeout=120)
    expect(alembic.returncode == 0 and alembic.stdout.split() == [C, "(head)"],
           f"alembic heads agrees: {alembic.stdout!r} {alembic.stderr[-500:]!r}")

    # Moving it back would put B on top of its own descendant.
    cycle = miglint(repo, "rebase", B, "--onto", C)
    expect(cycle.returncode == 2 and "cycle" in cycle.stderr, f"rebase refuses a cycle: {cycle.stderr!r}")
    git(repo, "commit", "-q", "-am", "rebase onto index email")


def test_modified_revision(repo):
    a_path = os.path.join(repo, "migrations", "versions", f"{A}_create_accounts.py")
    with open(a_path) as f:
        original = f.read()

    def since(*extra):
        proc, found = check_json(repo, "--since", "main", "--select", "modified-revision", *extra)
        return proc, [d for d in (found or []) if d["rule"] == "modified-revision"]

    with open(a_path, "w") as f:
        f.write(original.replace('sa.Column("name", sa.Text())', 'sa.Column("name", sa.String(100))'))
    proc, found = since()
    if expect(len(found) == 1, f"a changed operation is reported once, got {found} {proc.stderr}"):
        d = found[0]
        notes = " | ".join(n["message"] for n in d.get("notes", []))
        expect(d["path"] == f"migrations/versions/{A}_create_accounts.py" and d["start"]["line"] == 20,
               f"reported at the changed call: {d['path']}:{d['start']}")
        expect("was: CREATE TABLE accounts" in notes and "name TEXT" in notes,
               f"the note quotes the old SQL: {notes}")

    with open(a_path, "w") as f:
        f.write(original.replace('"""create accounts', '"""create the accounts table (owners)')
                .replace("def upgrade() -> None:\n", "def upgrade() -> None:\n    # accounts are never deleted\n")
                .replace('sa.Column("email", sa.Text()), ', 'sa.Column("email",  sa.Text()),\n                    '))
    proc, found = since()
    expect(proc.returncode == 0 and found == [], f"comment, docstring and formatting changes pass: {found}")
    with open(a_path, "w") as f:
        f.write(original)

    # Untracked files are in scope (pre-commit runs before `git add` of new files too).
    index_revision(repo, "4d5e6f7a8b9c_index_email_again.py", "4d5e6f7a8b9c", C, "email")
    proc, found = check_json(repo, "--since", "HEAD", "--select", "non-concurrent-index")
    files = {d["path"] for d in (found or [])}
    expect(files == {"migrations/versions/4d5e6f7a8b9c_index_email_again.py"},
           f"an untracked revision is checked with --since HEAD: {files}")
    os.remove(os.path.join(repo, "migrations", "versions", "4d5e6f7a8b9c_index_email_again.py"))


def test_git_problems(repo, tmp):
    proc, found = check_json(repo, "--since", "no-such-branch")
    errors = [d for d in (found or []) if d["rule"] == "config-error"]
    expect(proc.returncode == 2 and len(errors) == 1 and "no-such-branch" in errors[0]["message"],
           f"an unknown REF is one config-error, exit 2: {proc.returncode} {found}")
    outside = os.path.join(tmp, "outside")
    shutil.copytree(repo, outside, ignore=shutil.ignore_patterns(".git"))
    env = dict(os.environ, GIT_CEILING_DIRECTORIES=tmp)
    proc = subprocess.run([MIGLINT, "check", ".", "--format", "json", "--since", "main"], cwd=outside,
                          capture_output=True, text=True, env=env, timeout=120)
    found = json.loads(proc.stdout)["diagnostics"] if proc.stdout.strip() else []
    expect(proc.returncode == 2 and [d["rule"] for d in found] == ["config-error"]
           and "git repository" in found[0]["message"],
           f"outside a repository: one config-error, exit 2: {proc.returncode} {found}")


def test_baseline(repo):
    wrote = miglint(repo, "baseline")
    expect(wrote.returncode == 0 and "Wrote 2 findings to miglint-baseline.json" in wrote.stdout,
           f"baseline writes the current findings: {wrote.stdout} {wrote.stderr}")
    with open(os.path.join(repo, "miglint-baseline.json")) as f:
        doc = json.load(f)
    expect(list(doc) == ["version", "entries"] and doc["version"] == 1, f"baseline file layout: {list(doc)}")
    keys = sorted((e["rule"], e["revision"], e["operation"]) for e in doc["entries"])
    expect(keys == [("non-concurrent-index", B, "upgrade op.create_index ix_accounts_email"),
                    ("non-concurrent-index", C, "upgrade op.create_index ix_accounts_name")],
           f"baseline keys: {keys}")

    proc, found = check_json(repo, "--baseline", "miglint-baseline.json")
    expect(proc.returncode == 0 and found == [] and "2 findings suppressed by the baseline" in proc.stderr,
           f"a baselined repository passes: {proc.returncode} {found} {proc.stderr}")

    # A new bad revision is reported; the old findings stay suppressed.
    index_revision(repo, "5e6f7a8b9c0d_index_both.py", "5e6f7a8b9c0d", C, "email_name")
    proc, found = check_json(repo, "--baseline", "miglint-baseline.json")
    expect(proc.returncode == 1 and [(d["rule"], d["path"]) for d in found or []]
           == [("non-concurrent-index", "migrations/versions/5e6f7a8b9c0d_index_both.py")],
           f"only the new finding is reported: {found}")
    os.remove(os.path.join(repo, "migrations", "versions", "5e6f7a8b9c0d_index_both.py"))

    # Reformatting moves lines: still matched.
    c_path = os.path.join(repo, "migrations", "versions", f"{C}_index_name.py")
    with open(c_path) as f:
        text = f.read()
    with open(c_path, "w") as f:
        f.write(text.replace("from alembic import op\n", "# Indexes for the account search page.\n\n"
                             "from alembic import op\n\n")
                .replace('op.create_index("ix_accounts_name", "accounts", ["name"])',
                         "op.create_index(\n        'ix_accounts_name',\n        'accounts',\n        ['name'],\n    )"))
    proc, found = check_json(repo, "--baseline", "miglint-baseline.json")
    expect(proc.returncode == 0 and found == [], f"moved lines still match the baseline: {found}")

    # Fixing a baselined finding leaves a stale entry: one summary line, not an error.
    b_path = os.path.join(repo, "migrations", "versions", f"{B}_index_email.py")
    with open(b_path) as f:
        text = f.read()
    with open(b_path, "w") as f:
        f.write(text.replace('op.create_index("ix_accounts_email", "accounts", ["email"])',
                             'op.add_column("accounts", sa.Column("nickname", sa.Text(), nullable=True))'))
    proc, found = check_json(repo, "--baseline", "miglint-baseline.json", "--select", "non-concurrent-index")
    expect(proc.returncode == 0 and found == [] and "1 finding suppressed" in proc.stderr
           and "1 baseline entry is no longer found" in proc.stderr,
           f"a stale entry is one summary line: {proc.returncode} {found} {proc.stderr!r}")

    bad = os.path.join(repo, "bad-baseline.json")
    with open(bad, "w") as f:
        f.write('{"entries": []}')
    proc = miglint(repo, "check", ".", "--baseline", "bad-baseline.json")
    expect(proc.returncode == 2 and "not a usable baseline" in proc.stderr, f"a broken baseline is exit 2: {proc.stderr}")


def main():
    global MIGLINT
    MIGLINT = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory() as tmp:
        repo = os.path.join(tmp, "repo")
        os.makedirs(repo)
        make_repository(repo)
        test_since_and_rebase(repo)
        test_modified_revision(repo)
        test_git_problems(repo, tmp)
        test_baseline(repo)
    print(f"{len(FAILURES)} failed" if FAILURES else "ok")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
