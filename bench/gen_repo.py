#!/usr/bin/env python3
"""Generate a synthetic Alembic repository of N revisions for benchmarks.

Deterministic: the same N and --seed always give byte-identical files. The
history is mostly linear with a branch point and a merge point every few dozen
revisions (and a rare `depends_on`), so it ends with a single head. Bodies are
short but realistic (create_table, add_column, create_index, op.execute with
SQL, alter_column, batch_alter_table, renames, autocommit_block + CONCURRENTLY,
docstrings and comments), about 480 bytes a file. The files are rendered the
way Alembic 1.8's script.py.mako renders them, named by the file_template
`%%(year)d%%(month).2d%%(day).2d-%%(rev)s_%%(slug)s`, and every table and
column a revision touches exists at that point of the history, so
`alembic upgrade head --sql` renders valid PostgreSQL.

Only the standard library is used.

    python3 bench/gen_repo.py 10000 bench/out/repo-10000
"""
import argparse
import datetime
import os
import random
import re
import shutil

ALEMBIC_INI = """\
# A generic, single database configuration.

[alembic]
# path to migration scripts
script_location = alembic

# template used to generate migration file names
file_template = %%(year)d%%(month).2d%%(day).2d-%%(rev)s_%%(slug)s

# sys.path path, will be prepended to sys.path if present.
prepend_sys_path = .

version_path_separator = os  # Use os.pathsep. Default configuration used for new projects.

sqlalchemy.url = postgresql+psycopg2://bench@localhost:5432/bench


# Logging configuration
[loggers]
keys = root,sqlalchemy,alembic

[handlers]
keys = console

[formatters]
keys = generic

[logger_root]
level = WARN
handlers = console
qualname =

[logger_sqlalchemy]
level = WARN
handlers =
qualname = sqlalchemy.engine

[logger_alembic]
level = INFO
handlers =
qualname = alembic

[handler_console]
class = StreamHandler
args = (sys.stderr,)
level = NOTSET
formatter = generic

[formatter_generic]
format = %(levelname)-5.5s [%(name)s] %(message)s
datefmt = %H:%M:%S
"""

ENV_PY = '''\
from logging.config import fileConfig

from sqlalchemy import engine_from_config
from sqlalchemy import pool

from alembic import context

config = context.config

if config.config_file_name is not None:
    fileConfig(config.config_file_name)

target_metadata = None


def run_migrations_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connectable = engine_from_config(
        config.get_section(config.config_ini_section),
        prefix="sqlalchemy.",
        poolclass=pool.NullPool,
    )
    with connectable.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
'''

SCRIPT_MAKO = '''\
"""${message}

Revision ID: ${up_revision}
Revises: ${down_revision | comma,n}
Create Date: ${create_date}

"""
from alembic import op
import sqlalchemy as sa
${imports if imports else ""}

# revision identifiers, used by Alembic.
revision = ${repr(up_revision)}
down_revision = ${repr(down_revision)}
branch_labels = ${repr(branch_labels)}
depends_on = ${repr(depends_on)}


def upgrade() -> None:
    ${upgrades if upgrades else "pass"}


def downgrade() -> None:
    ${downgrades if downgrades else "pass"}
'''

TEMPLATE = '''\
"""{message}

Revision ID: {rev}
Revises: {revises}
Create Date: {date}

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = {rev!r}
down_revision = {down!r}
branch_labels = None
depends_on = {depends!r}


def upgrade() -> None:
    {upgrade}


def downgrade() -> None:
    {downgrade}
'''

NOUNS = ["accounts", "ledgers", "invoices", "payments", "customers", "orders", "refunds",
         "audits", "tenants", "plans", "credits", "payouts", "fees", "limits", "events"]
COLUMNS = ["status", "amount", "currency", "note", "external_ref", "region",
           "priority", "score", "updated_at", "created_by", "is_active", "kind"]
TYPES = ["sa.Integer()", "sa.String(32)", "sa.Boolean()", "sa.Numeric(12, 2)",
         "sa.DateTime()", "sa.Text()", "sa.BigInteger()", "sa.String(64)"]
# A literal that fits each type, for the data fixes.
VALUES = {"sa.Integer()": "0", "sa.String(32)": "'n/a'", "sa.Boolean()": "false",
          "sa.Numeric(12, 2)": "0", "sa.DateTime()": "now()", "sa.Text()": "''",
          "sa.BigInteger()": "0", "sa.String(64)": "'unknown'"}
COMMENTS = ["# Requested in PAY-{n}.", "# Backfilled separately, see OPS-{n}.",
            "# Reviewed with the data team.", "# Needed by the reporting job.",
            "# Keep in sync with the model in models/{t}.py."]


class Schema:
    """The tables and columns that exist at the current point of the history."""

    def __init__(self, rng):
        self.rng = rng
        self.tables = {}  # name -> {column: type}
        self.indexes = set()  # (table, column)
        self.index_names = set()  # names stay when a column is renamed
        self.count = 0
        self.stable = None  # inside a branch: the tables that existed at its branch point

    def new_table(self):
        self.count += 1
        return "%s_%d" % (self.rng.choice(NOUNS), self.count)

    def new_column(self, table):
        cols = self.tables[table]
        base = self.rng.choice(COLUMNS)
        name, k = base, 2
        while name in cols:
            name, k = "%s_%d" % (base, k), k + 1
        return name

    def index_name(self, table, column):
        name, k = "ix_%s_%s" % (table, column), 2
        while name in self.index_names:
            name, k = "ix_%s_%s_%d" % (table, column, k), k + 1
        self.index_names.add(name)
        return name

    def pick(self):
        return self.rng.choice(sorted(self.stable or self.tables))


def indent(lines):
    return "\n    ".join(lines)


def body_for(kind, schema, rng, n):
    """Return (message, upgrade lines, downgrade lines) and update the schema."""
    s = schema
    if kind == "create_table" or not s.tables:
        t = s.new_table()
        cols = {"id": "sa.BigInteger()"}
        up = ["op.create_table(", "    %r," % t,
              "    sa.Column('id', sa.BigInteger(), primary_key=True),"]
        for _ in range(rng.randint(1, 2)):
            s.tables[t] = cols
            c = s.new_column(t)
            ty = rng.choice(TYPES)
            cols[c] = ty
            null = "" if rng.random() < 0.5 else ", nullable=False"
            up.append("    sa.Column(%r, %s%s)," % (c, ty, null))
        up.append(")")
        s.tables[t] = cols
        return "create %s" % t, up, ["op.drop_table(%r)" % t]
    t = s.pick()
    cols = s.tables[t]
    if kind == "add_column":
        c, ty = s.new_column(t), rng.choice(TYPES)
        cols[c] = ty
        return ("add %s to %s" % (c, t),
                ["op.add_column(%r, sa.Column(%r, %s))" % (t, c, ty)],
                ["op.drop_column(%r, %r)" % (t, c)])
    if kind == "create_index":
        free = [c for c in sorted(cols) if (t, c) not in s.indexes]
        if not free:
            return body_for("add_column", s, rng, n)
        c = rng.choice(free)
        s.indexes.add((t, c))
        ix = s.index_name(t, c)
        if rng.random() < 0.25:
            return ("index %s %s concurrently" % (t, c),
                    ["with op.get_context().autocommit_block():",
                     "    op.create_index(%r, %r, [%r], postgresql_concurrently=True)" % (ix, t, c)],
                    ["op.drop_index(%r, table_name=%r)" % (ix, t)])
        return ("index %s %s" % (t, c),
                ["op.create_index(%r, %r, [%r])" % (ix, t, c)],
                ["op.drop_index(%r, table_name=%r)" % (ix, t)])
    if kind == "execute":
        c = rng.choice(sorted(x for x in cols if x != "id"))
        v = VALUES[cols[c]]
        return ("backfill %s %s" % (t, c),
                ['op.execute("UPDATE %s SET %s = %s WHERE %s IS NULL")' % (t, c, v, c)],
                ["pass"])
    if kind == "alter_column":
        c = rng.choice(sorted(x for x in cols if x != "id"))
        if rng.random() < 0.5:
            return ("make %s %s nullable" % (t, c),
                    ["op.alter_column(%r, %r, nullable=True)" % (t, c)],
                    ["op.alter_column(%r, %r, nullable=False)" % (t, c)])
        return ("make %s %s nullable" % (t, c),
                ["op.alter_column(%r, %r, existing_type=%s, nullable=True)" % (t, c, cols[c])],
                ["op.alter_column(%r, %r, existing_type=%s, nullable=False)" % (t, c, cols[c])])
    if kind == "rename":
        c = rng.choice(sorted(x for x in cols if x != "id"))
        new = s.new_column(t)
        cols[new] = cols.pop(c)
        s.indexes = {(tt, new if (tt, cc) == (t, c) else cc) for tt, cc in s.indexes}
        return ("rename %s %s" % (t, c),
                ["op.alter_column(%r, %r, new_column_name=%r)" % (t, c, new)],
                ["op.alter_column(%r, %r, new_column_name=%r)" % (t, new, c)])
    if kind == "batch":
        c, ty = s.new_column(t), rng.choice(TYPES)
        cols[c] = ty
        s.indexes.add((t, c))
        ix = s.index_name(t, c)
        return ("batch %s %s" % (t, c),
                ["with op.batch_alter_table(%r) as batch_op:" % t,
                 "    batch_op.add_column(sa.Column(%r, %s))" % (c, ty),
                 "    batch_op.create_index(%r, [%r])" % (ix, c)],
                ["with op.batch_alter_table(%r) as batch_op:" % t,
                 "    batch_op.drop_index(%r)" % ix,
                 "    batch_op.drop_column(%r)" % c])
    raise ValueError(kind)


KINDS = ["create_table"] * 7 + ["add_column"] * 34 + ["create_index"] * 14 + \
        ["execute"] * 14 + ["alter_column"] * 11 + ["rename"] * 10 + ["batch"] * 5
BRANCH_KINDS = ["create_table"] + ["add_column"] * 3


def slugify(message):
    slug = "_".join(re.findall(r"\w+", message)).lower()
    if len(slug) > 40:  # Alembic's truncate_slug_length
        slug = slug[:40].rsplit("_", 1)[0] + "_"
    return slug


def generate(n, out, seed):
    rng = random.Random(seed)
    schema = Schema(rng)
    versions = os.path.join(out, "alembic", "versions")
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(versions)
    with open(os.path.join(out, "alembic.ini"), "w") as f:
        f.write(ALEMBIC_INI)
    with open(os.path.join(out, "alembic", "env.py"), "w") as f:
        f.write(ENV_PY)
    with open(os.path.join(out, "alembic", "script.py.mako"), "w") as f:
        f.write(SCRIPT_MAKO)

    ids = set()
    date = datetime.datetime(2019, 1, 7, 9, 0, 0)
    mainline = []  # revisions on the trunk, for the rare depends_on
    total = 0

    def new_id():
        while True:
            rev = "%012x" % rng.getrandbits(48)
            if rev not in ids:
                ids.add(rev)
                return rev

    def emit(down, message=None, up=None, downgrade=None, depends=None, kinds=KINDS):
        nonlocal date, total
        rev = new_id()
        total += 1
        date += datetime.timedelta(minutes=rng.randint(30, 300), microseconds=rng.randint(0, 999999))
        if message is None:
            kind = rng.choice(kinds)
            message, up, downgrade = body_for(kind, schema, rng, total)
            if rng.random() < 0.1:
                up = [rng.choice(COMMENTS).format(n=rng.randint(100, 9999), t=message.split()[-1])] + up
        revises = ", ".join(down) if isinstance(down, tuple) else (down or "")
        text = TEMPLATE.format(message=message, rev=rev, revises=revises,
                               date=date.strftime("%Y-%m-%d %H:%M:%S.%f"),
                               down=down, depends=depends,
                               upgrade=indent(up), downgrade=indent(downgrade))
        name = "%s-%s_%s.py" % (date.strftime("%Y%m%d"), rev, slugify(message))
        with open(os.path.join(versions, name), "w") as f:
            f.write(text)
        return rev

    head = None
    while total < n:
        left = n - total
        # A branch point and a merge point: two lines of 1-4 revisions each.
        if head is not None and left >= 4 and rng.random() < 0.03:
            a, b = rng.randint(1, 4), rng.randint(1, 4)
            while a + b + 1 > left:
                a, b = max(1, a - 1), max(1, b - 1)
            tips = []
            schema.stable = set(schema.tables)
            for length in (a, b):
                tip = head
                for _ in range(length):
                    # Only changes that commute, since Alembic may apply
                    # the two lines in either order.
                    tip = emit(tip, kinds=BRANCH_KINDS)
                tips.append(tip)
            schema.stable = None
            head = emit(tuple(tips), "merge heads", ["pass"], ["pass"])
            continue
        depends = None
        if len(mainline) > 20 and rng.random() < 0.005:
            depends = rng.choice(mainline[:-10])
        head = emit(head, depends=depends)
        mainline.append(head)
    return total


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int, help="number of revisions")
    ap.add_argument("out", help="output folder (replaced)")
    ap.add_argument("--seed", type=int, default=20231124)
    args = ap.parse_args()
    generate(args.n, args.out, args.seed)


if __name__ == "__main__":
    main()
