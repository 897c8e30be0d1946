#!/usr/bin/env python3
"""End to end: Debian's `pre-commit` runs the hook this repository defines (.pre-commit-hooks.yaml)
in a temporary git repository holding an Alembic project, through `git commit` itself.

The hook is the repository's own definition, copied into a `repo: local` entry of the temporary
repository's .pre-commit-config.yaml: `language: system` needs no environment, so pre-commit
clones and downloads nothing. The built miglint is put first on PATH as `miglint`, as an
installed one would be.

Proves: a good revision commits; a revision with a non-concurrent index or without a downgrade is
refused (and the commit does not happen); only the staged revision files are linted (an old
revision committed with --no-verify does not block later commits); the graph is still checked
whole (a new revision that forks the history is refused for the second head it creates).

Usage: run_pre_commit.py MIGLINT REPO_ROOT
"""
import os
import shutil
import subprocess
import sys
import tempfile

import yaml

ALEMBIC_INI = """[alembic]
script_location = alembic
sqlalchemy.url = postgresql://localhost/app
"""

ENV_PY = """from alembic import context


def run_migrations_online():
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
"""


def revision(rev, down, slug, upgrade, downgrade):
    down_repr = "None" if down is None else repr(down)
    return f'''"""{slug}

Revision ID: {rev}
Revises: {down or ""}
Create Date: 2024-05-01 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


revision = {rev!r}
down_revision = {down_repr}
branch_labels = None
depends_on = None


def upgrade() -> None:
{upgrade}


def downgrade() -> None:
{downgrade}
'''


CREATE_ACCOUNTS = revision(
    "1a2b3c4d5e6f", None, "create accounts",
    '    op.create_table(\n        "accounts",\n        sa.Column("id", sa.BigInteger(), primary_key=True),\n'
    '        sa.Column("email", sa.Text(), nullable=False),\n    )',
    '    op.drop_table("accounts")')

BAD_INDEX = revision(
    "2b3c4d5e6f7a", "1a2b3c4d5e6f", "index accounts email",
    '    op.create_index("ix_accounts_email", "accounts", ["email"])',
    '    op.drop_index("ix_accounts_email", table_name="accounts")')

GOOD_INDEX = revision(
    "2b3c4d5e6f7a", "1a2b3c4d5e6f", "index accounts email",
    '    with op.get_context().autocommit_block():\n'
    '        op.create_index("ix_accounts_email", "accounts", ["email"], postgresql_concurrently=True)',
    '    with op.get_context().autocommit_block():\n'
    '        op.drop_index("ix_accounts_email", table_name="accounts", postgresql_concurrently=True)')

NO_DOWNGRADE = revision(
    "3c4d5e6f7a8b", "2b3c4d5e6f7a", "add note",
    '    op.add_column("accounts", sa.Column("note", sa.Text(), nullable=True))',
    '    pass')

GOOD_NOTE = revision(
    "3c4d5e6f7a8b", "2b3c4d5e6f7a", "add note",
    '    op.add_column("accounts", sa.Column("note", sa.Text(), nullable=True))',
    '    op.drop_column("accounts", "note")')

NEXT = revision(
    "4d5e6f7a8b9c", "3c4d5e6f7a8b", "add phone",
    '    op.add_column("accounts", sa.Column("phone", sa.Text(), nullable=True))',
    '    op.drop_column("accounts", "phone")')

# Forks the history at 3c4d…, which NEXT already follows: fine on its own, but the graph then
# has two heads.
FORK = revision(
    "5e6f7a8b9c0d", "3c4d5e6f7a8b", "add nickname",
    '    op.add_column("accounts", sa.Column("nickname", sa.Text(), nullable=True))',
    '    op.drop_column("accounts", "nickname")')

failures = []


def check(condition, what, output=""):
    print(("ok   " if condition else "FAIL ") + what)
    if not condition:
        failures.append(what)
        if output:
            print(output)


class Repo:
    def __init__(self, root, env):
        self.root = root
        self.env = env

    def run(self, *args, check_ok=True):
        proc = subprocess.run(list(args), cwd=self.root, env=self.env, capture_output=True, text=True, timeout=300)
        if check_ok and proc.returncode != 0:
            raise SystemExit(f"`{' '.join(args)}` failed ({proc.returncode}):\n{proc.stdout}{proc.stderr}")
        return proc

    def write(self, rel, text):
        path = os.path.join(self.root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)

    def commits(self):
        proc = self.run("git", "rev-list", "--count", "HEAD", check_ok=False)
        return int(proc.stdout) if proc.returncode == 0 else 0

    def commit(self, message, *extra):
        """Stages everything and commits through the installed hook; returns (committed, output)."""
        self.run("git", "add", "-A")
        before = self.commits()
        proc = self.run("git", "commit", "-q", "-m", message, *extra, check_ok=False)
        return self.commits() == before + 1 and proc.returncode == 0, proc.stdout + proc.stderr


def main():
    miglint, root = os.path.abspath(sys.argv[1]), sys.argv[2]
    pre_commit = shutil.which("pre-commit")
    if not pre_commit:
        print("pre-commit is not installed (Debian package pre-commit; scripts/install-deps.sh)")
        return 1
    with open(os.path.join(root, ".pre-commit-hooks.yaml")) as f:
        hooks = yaml.safe_load(f)
    hook = next(h for h in hooks if h["id"] == "miglint")

    with tempfile.TemporaryDirectory(prefix="miglint-pre-commit-") as tmp:
        bin_dir = os.path.join(tmp, "bin")
        os.makedirs(bin_dir)
        os.symlink(miglint, os.path.join(bin_dir, "miglint"))
        env = {
            "PATH": bin_dir + os.pathsep + "/usr/bin:/bin",
            "HOME": tmp,
            "PRE_COMMIT_HOME": os.path.join(tmp, "pre-commit-cache"),
            "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
            "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com",
            "GIT_CONFIG_NOSYSTEM": "1", "NO_COLOR": "1", "LANG": "C.UTF-8",
        }
        repo = Repo(os.path.join(tmp, "app"), env)
        os.makedirs(repo.root)
        repo.run("git", "init", "-q", "-b", "main")
        repo.write(".pre-commit-config.yaml", yaml.safe_dump({"repos": [{"repo": "local", "hooks": [hook]}]}))
        repo.write("alembic.ini", ALEMBIC_INI)
        repo.write("alembic/env.py", ENV_PY)
        repo.write("alembic/versions/1a2b3c4d5e6f_create_accounts.py", CREATE_ACCOUNTS)
        repo.run("pre-commit", "install")

        ok, out = repo.commit("create accounts")
        check(ok, "a good first revision commits", out)
        check("miglint" in out and "Passed" in out, "the miglint hook ran on it", out)

        repo.write("alembic/versions/2b3c4d5e6f7a_index_accounts_email.py", BAD_INDEX)
        ok, out = repo.commit("index email")
        check(not ok, "a non-concurrent index is refused", out)
        check("non-concurrent-index" in out, "the refusal names non-concurrent-index", out)

        repo.write("alembic/versions/2b3c4d5e6f7a_index_accounts_email.py", GOOD_INDEX)
        ok, out = repo.commit("index email concurrently")
        check(ok, "the same revision with CREATE INDEX CONCURRENTLY commits", out)

        repo.write("alembic/versions/3c4d5e6f7a8b_add_note.py", NO_DOWNGRADE)
        ok, out = repo.commit("add note")
        check(not ok, "a revision without a downgrade is refused", out)
        check("missing-downgrade" in out, "the refusal names missing-downgrade", out)

        # Committed anyway, bypassing the hook: later commits only lint the files they stage.
        ok, out = repo.commit("add note, hook skipped", "--no-verify")
        check(ok, "--no-verify commits it", out)
        repo.write("alembic/versions/4d5e6f7a8b9c_add_phone.py", NEXT)
        ok, out = repo.commit("add phone")
        check(ok, "a good revision commits while an old one without a downgrade is in the tree", out)
        repo.write("README.md", "notes\n")
        ok, out = repo.commit("readme")
        check(ok, "a commit without revision files is not blocked by an old revision", out)
        check("(no files to check)" in out, "the hook skipped a commit with no revision file", out)
        repo.write("alembic/versions/3c4d5e6f7a8b_add_note.py", GOOD_NOTE)
        ok, out = repo.commit("add note downgrade")
        check(ok, "fixing the revision commits", out)

        repo.write("alembic/versions/5e6f7a8b9c0d_add_nickname.py", FORK)
        ok, out = repo.commit("add nickname")
        check(not ok, "a revision that forks the history is refused (graph rules see the whole project)", out)
        check("multiple-heads" in out, "the refusal names multiple-heads", out)

    print(f"{len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
