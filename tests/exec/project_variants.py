"""Copies of fixtures/executor/app for the executor tests: env.py's transaction mode, the
miglint settings in alembic.ini, and extra revisions appended after the head."""
import os
import re
import shutil

HEAD = "0a6c93d7b5e4"
REVISION = '''"""{title}

Revision ID: {rev}
Revises: {down}
Create Date: 2024-03-{day:02d} 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa
{imports}

# revision identifiers, used by Alembic.
revision = '{rev}'
down_revision = {down_repr}
branch_labels = None
depends_on = None


def upgrade() -> None:
{upgrade}


def downgrade() -> None:
{downgrade}
'''


def indent(body):
    return "\n".join(("    " + l) if l.strip() else "" for l in body.strip("\n").split("\n"))


def make_project(source_root, dest, per_migration=False, ini_settings=None, extra=(), configure=()):
    """dest/app: the executor example. `extra`: (rev, title, upgrade, downgrade[, imports])
    tuples chained after the head, in order. `configure`: more `key=value` arguments for the
    online context.configure() in env.py."""
    app = os.path.join(dest, "app")
    shutil.copytree(os.path.join(source_root, "fixtures/executor/app"), app)
    arguments = list(configure) + (["transaction_per_migration=True"] if per_migration else [])
    if arguments:
        env_py = os.path.join(app, "alembic/env.py")
        text = open(env_py).read()
        online = text.index("def run_migrations_online")
        head, tail = text[:online], text[online:]
        added = "".join(f"\n            {a}," for a in arguments)
        tail = tail.replace("compare_server_default=True,", "compare_server_default=True," + added, 1)
        assert added in tail
        open(env_py, "w").write(head + tail)
    if ini_settings:
        ini = os.path.join(app, "alembic.ini")
        text = open(ini).read()
        for key, value in ini_settings.items():
            text, n = re.subn(rf"^{re.escape(key)} = .*$", f"{key} = {value}", text, flags=re.M)
            if not n:
                text = text.replace("[miglint]\n", f"[miglint]\n{key} = {value}\n", 1)
        open(ini, "w").write(text)
    down = HEAD
    for day, spec in enumerate(extra, start=1):
        rev, title, up, dn = spec[:4]
        imports = spec[4] if len(spec) > 4 else ""
        slug = re.sub(r"\W+", "_", title.lower()).strip("_")
        path = os.path.join(app, "alembic/versions", f"202403{day:02d}-{rev}_{slug}.py")
        with open(path, "w") as f:
            f.write(REVISION.format(title=title, rev=rev, down=down, day=day, down_repr=repr(down),
                                    imports=imports, upgrade=indent(up), downgrade=indent(dn)))
        down = rev
    return app


def revision_path(app, rev):
    folder = os.path.join(app, "alembic/versions")
    for name in os.listdir(folder):
        if f"-{rev}_" in name:
            return os.path.join(folder, name)
    raise KeyError(rev)
