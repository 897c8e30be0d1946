#!/usr/bin/python3
"""Builds the starting corpora of the fuzz targets from the repository's own test inputs.

    collect_seeds.py REPO OUT

writes OUT/<target>/<sha1> files (generated, never committed; scripts/fuzz.sh puts them in
build-fuzz/seeds). The hand-picked seeds in tests/fuzz/seeds/<target>/ are passed to libFuzzer
beside these.

  python   every .py file under fixtures/ and tests/data/
  strings  every string literal and f-string of those files as `x = <literal>`, and the SQL
           strings as module constants
  lower    every revision file, and each SQL string in a revision's upgrade() as op.execute(...)
  check    each fixture project as the fuzz target's chunk format (##> ini / toml / env / rev)
  ini      every .ini file, and the alembic.ini texts written inline in tests/unit/config_*_test.cc
  toml     every .toml file, and the pyproject.toml texts written inline in those tests

Needs Debian's /usr/bin/python3 only for `ast` (the standard library).
"""
import ast
import hashlib
import pathlib
import re
import sys

CHECK_MAX_BYTES = 32768  # scripts/fuzz.sh's -max_len for the check target
MAX_REVISIONS = 12       # what tests/fuzz/check.cc writes at most


def save(out, target, data):
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogateescape")
    folder = out / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / hashlib.sha1(data).hexdigest()).write_bytes(data)


def python_files(repo):
    for base in ("fixtures", "tests/data"):
        yield from sorted(p for p in (repo / base).rglob("*.py") if p.is_file())  # not dangling links


def read(path):
    """The file's text (undecodable bytes kept as surrogates), or None when it cannot be read."""
    try:
        return path.read_bytes().decode("utf-8", "surrogateescape")
    except OSError:
        return None  # the unreadable-file fixtures


def sql_strings(tree):
    """First string arguments of op.execute(...) and text(...) / sa.text(...) calls."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        f = node.func
        name = f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""
        arg = node.args[0]
        if name in ("execute", "text") and isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            yield arg.value


REVISION_TEMPLATE = '''"""fuzz seed

Revision ID: f0
Revises:
"""
from alembic import op
import sqlalchemy as sa

revision = "f0"
down_revision = None


def upgrade():
    op.execute({sql})


def downgrade():
    pass
'''


def literals(source, tree):
    for node in ast.walk(tree):
        if isinstance(node, (ast.Constant, ast.JoinedStr)) and (
                isinstance(node, ast.JoinedStr) or isinstance(node.value, (str, bytes))):
            segment = ast.get_source_segment(source, node)
            if segment:
                yield segment


def c_string_groups(text):
    """Adjacent C++ string literals joined and decoded (plain "..." only, the escapes tests use)."""
    literal = r'"(?:[^"\\\n]|\\.)*"'
    for m in re.finditer(rf'{literal}(?:\s*{literal})*', text):
        parts = re.findall(literal, m.group(0))
        raw = "".join(p[1:-1] for p in parts)
        yield raw.encode("latin-1", "backslashreplace").decode("unicode_escape").encode("latin-1").decode(
            "utf-8", "replace")


def project_seeds(repo):
    """Each folder named versions/ as a project in the check target's chunk format."""
    for versions in sorted(p for base in ("fixtures", "tests/data") for p in (repo / base).rglob("versions")):
        if not versions.is_dir():
            continue
        script = versions.parent
        root = script.parent if (script.parent / "alembic.ini").exists() else script
        chunks = []
        if (root / "alembic.ini").exists():
            chunks.append("##> ini\n" + read(root / "alembic.ini"))
        if (root / "miglint.toml").exists():
            chunks.append("##> toml\n" + read(root / "miglint.toml"))
        if (script / "env.py").exists():
            chunks.append("##> env\n" + read(script / "env.py"))
        size = sum(len(c) for c in chunks)
        for rev in sorted(p for p in versions.glob("*.py") if p.is_file())[:MAX_REVISIONS]:
            text = read(rev)
            if text is None:
                continue
            chunk = f"##> rev {rev.name}\n" + text
            if size + len(chunk) > CHECK_MAX_BYTES:
                break
            chunks.append(chunk)
            size += len(chunk)
        yield "".join(c if c.endswith("\n") else c + "\n" for c in chunks)


def main():
    repo, out = pathlib.Path(sys.argv[1]).resolve(), pathlib.Path(sys.argv[2])
    for path in python_files(repo):
        source = read(path)
        if source is None:
            continue
        save(out, "python", source)
        if "versions" in path.parts:
            save(out, "lower", source)
        try:
            tree = ast.parse(source)
        except (SyntaxError, ValueError):
            continue  # bad-input fixtures: still python seeds
        if len(source) < 4096:
            save(out, "strings", source)
        for segment in literals(source, tree):
            save(out, "strings", f"x = ({segment})\n")
        for sql in sql_strings(tree):
            save(out, "strings", f"SQL = {sql!r}\n")
            save(out, "lower", REVISION_TEMPLATE.format(sql=repr(sql)))
    for project in project_seeds(repo):
        save(out, "check", project)
    for base in ("fixtures", "tests"):
        for path in sorted((repo / base).rglob("*.ini")):
            save(out, "ini", path.read_bytes())
        for path in sorted((repo / base).rglob("*.toml")):
            save(out, "toml", path.read_bytes())
    for path in sorted((repo / "tests/unit").glob("config_*_test.cc")):
        for text in c_string_groups(path.read_text(errors="replace")):
            if "[tool." in text:
                save(out, "toml", text)
            elif "[alembic]" in text or "[miglint" in text or "[DEFAULT]" in text:
                save(out, "ini", text)
    for target in sorted(p.name for p in out.iterdir()):
        print(f"{target}: {sum(1 for _ in (out / target).iterdir())} seeds")


if __name__ == "__main__":
    main()
