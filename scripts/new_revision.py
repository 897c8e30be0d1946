#!/usr/bin/env python3
"""Writes one revision file in the shape `alembic revision` gives it (the default
script.py.mako), for building fixtures by hand quickly.

  new_revision.py VERSIONS_DIR REV DOWN SLUG --upgrade 'op.x(...)' [--downgrade '...'] [--header '...']

DOWN is `None` for a base revision, or a comma-separated list for a merge. Bodies are Python
statements separated by newlines (`\\n` in the argument is a newline); each is indented under
the function. --header adds module-level lines after the imports.
"""
import argparse
import os


def indent(body):
    lines = body.replace("\\n", "\n").split("\n") if body else ["pass"]
    return "\n".join(("    " + l) if l.strip() else "" for l in lines)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("dir")
    p.add_argument("rev")
    p.add_argument("down")
    p.add_argument("slug")
    p.add_argument("--upgrade", default="")
    p.add_argument("--downgrade", default="")
    p.add_argument("--header", default="")
    a = p.parse_args()
    if a.down == "None":
        down, revises = "None", ""
    elif "," in a.down:
        ids = a.down.split(",")
        down, revises = "(" + ", ".join(repr(i) for i in ids) + ")", ", ".join(ids)
    else:
        down, revises = repr(a.down), a.down
    header = ("\n" + a.header.replace("\\n", "\n") + "\n") if a.header else ""
    text = f'''"""{a.slug.replace("_", " ")}

Revision ID: {a.rev}
Revises: {revises}
Create Date: 2024-05-01 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa
{header}

# revision identifiers, used by Alembic.
revision = {a.rev!r}
down_revision = {down}
branch_labels = None
depends_on = None


def upgrade() -> None:
{indent(a.upgrade)}


def downgrade() -> None:
{indent(a.downgrade)}
'''
    os.makedirs(a.dir, exist_ok=True)
    path = os.path.join(a.dir, f"{a.rev}_{a.slug}.py")
    with open(path, "w") as f:
        f.write(text)
    print(path)


if __name__ == "__main__":
    main()
