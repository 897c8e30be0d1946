"""Bad files and folders where Alembic looks for revisions: a folder named like a revision, symbolic
link loops, dangling links, unreadable files, a FIFO, an empty repository. Compared with what
Alembic 1.8's ScriptDirectory makes of the same project."""
import os
import shutil
import subprocess

from cases_python import BAD_ID, HEADER
from harness import CaseFailure, alembic_load, case, require, revision_source

UNREADABLE = "unreadable-file"


def with_good(ctx):
    p = ctx.project()
    return p, p.good()


def alembic_verdict(ctx, p, expect_reject):
    verdict = alembic_load(p)
    if expect_reject:
        require(verdict[0] == "reject", "Alembic was expected to refuse this project", verdict)
        ctx.note("Alembic 1.8: %s: %s" % (verdict[1], verdict[2]))
    else:
        require(verdict[0] == "accept", "Alembic was expected to load this project", verdict)
        ctx.note("Alembic 1.8: loads it (heads %s)" % (",".join(verdict[1]) or "none"))
    return verdict


@case("files", "directory-as-revision", "a revision file that is a directory (versions/foo.py/)")
def directory_as_revision(ctx):
    p, good = with_good(ctx)
    os.makedirs(os.path.join(p.versions, BAD_ID + "_folder.py"))
    r = ctx.check(p)
    r.expect_exit(1)  # a warning (newer Alembic skips folders), and the neighbour's errors
    f = r.expect(UNREADABLE, "migrations/versions/%s_folder.py" % BAD_ID, message="is a folder named like a revision file")
    require(f["severity"] == "warning", "expected a warning", f)
    r.expect_good(good)
    ctx.show(r, UNREADABLE)
    alembic_verdict(ctx, p, expect_reject=True)


@case("files", "symlink-loop", "a symbolic link loop in versions/ (a.py -> b.py -> a.py)")
def symlink_loop(ctx):
    p, good = with_good(ctx)
    os.symlink("1b_b.py", os.path.join(p.versions, "1b_a.py"))
    os.symlink("1b_a.py", os.path.join(p.versions, "1b_b.py"))
    r = ctx.check(p)
    r.expect_exit(2)  # an I/O problem: exit 2 whatever the findings
    for name in ("1b_a.py", "1b_b.py"):
        r.expect(UNREADABLE, "migrations/versions/" + name, message="Too many levels of symbolic links")
    r.expect_good(good)
    ctx.show(r, UNREADABLE)
    alembic_verdict(ctx, p, expect_reject=True)


@case("files", "symlink-self", "a symbolic link to itself")
def symlink_self(ctx):
    p, good = with_good(ctx)
    os.symlink("1b_self.py", os.path.join(p.versions, "1b_self.py"))
    r = ctx.check(p)
    r.expect_exit(2)
    r.expect(UNREADABLE, "migrations/versions/1b_self.py", message="Too many levels of symbolic links")
    r.expect_good(good)
    ctx.show(r, UNREADABLE)


@case("files", "symlink-folder-loop", "a folder link back up (versions/sub/up -> ..) with recursive_version_locations")
def symlink_folder_loop(ctx):
    p, good = with_good(ctx)
    p.write("alembic.ini", "[alembic]\nscript_location = %(here)s/migrations\nrecursive_version_locations = true\n")
    sub = os.path.join(p.versions, "sub")
    os.makedirs(sub)
    os.symlink("..", os.path.join(sub, "up"))
    p.revision("sub/1c1c1c1c1c1c_nested.py", revision_source("1c1c1c1c1c1c", "0a0a0a0a0a0a",
                                                             upgrade='    op.drop_table("nested")\n'))
    r = ctx.check(p)
    r.expect_exit(1)
    r.expect("drop-table", "migrations/versions/sub/1c1c1c1c1c1c_nested.py", 10, 5)  # linted once
    require(len(r.find("drop-table", "migrations/versions/sub/1c1c1c1c1c1c_nested.py")) == 1, "linted twice")
    r.expect_good(good)
    ctx.note("the linked folder is not entered (as os.walk does): the nested revision is linted once")


@case("files", "dangling-symlink", "a dangling symbolic link")
def dangling_symlink(ctx):
    p, good = with_good(ctx)
    os.symlink("/nonexistent/1b1b1b1b1b1b_gone.py", os.path.join(p.versions, BAD_ID + "_gone.py"))
    r = ctx.check(p)
    r.expect_exit(2)
    r.expect(UNREADABLE, "migrations/versions/%s_gone.py" % BAD_ID, message="No such file or directory")
    r.expect_good(good)
    ctx.show(r, UNREADABLE)
    alembic_verdict(ctx, p, expect_reject=True)


@case("files", "unreadable-file", "an unreadable revision file (mode 000; as root: miglint runs as `nobody`)")
def unreadable_file(ctx):
    p, good = with_good(ctx)
    bad = p.revision(BAD_ID + "_secret.py", HEADER)
    os.chmod(p.path(bad), 0)
    # root reads any file whatever its mode, so as root the read is made to fail by running
    # miglint as `nobody` (everything else in the project is world-readable).
    user = None
    if os.geteuid() == 0:
        if not shutil.which("runuser"):
            raise CaseFailure("running as root without runuser: cannot make a read fail")
        user = "nobody"
        for dirpath, dirnames, filenames in os.walk(p.root):
            os.chmod(dirpath, 0o755)
            for name in filenames:
                if os.path.join(dirpath, name) != p.path(bad):
                    os.chmod(os.path.join(dirpath, name), 0o644)
    r = ctx.check(p, user=user)
    r.expect_exit(2)
    r.expect(UNREADABLE, bad, message="Permission denied")
    r.expect_good(good)
    ctx.show(r, UNREADABLE)
    ctx.note("run as %s" % (user or "the current user"))


@case("files", "fifo", "a named pipe (FIFO) named like a revision file")
def fifo(ctx):
    p, good = with_good(ctx)
    os.mkfifo(os.path.join(p.versions, BAD_ID + "_pipe.py"))
    r = ctx.check(p, timeout=30)  # opening it for reading would block forever
    r.expect_exit(2)
    r.expect(UNREADABLE, "migrations/versions/%s_pipe.py" % BAD_ID, message="named pipe")
    r.expect_good(good)
    ctx.show(r, UNREADABLE)


@case("files", "empty-file", "an empty (0-byte) revision file")
def empty_file(ctx):
    p, good = with_good(ctx)
    p.revision(BAD_ID + "_empty.py", b"")
    r = ctx.check(p)
    r.expect_exit(1)
    r.expect("missing-revision-variable", "migrations/versions/%s_empty.py" % BAD_ID)
    r.expect_good(good)
    ctx.show(r, "missing-revision-variable")
    alembic_verdict(ctx, p, expect_reject=True)


@case("files", "empty-repository", "an empty repository (versions/ without revision files)")
def empty_repository(ctx):
    p = ctx.project()
    r = ctx.check(p)
    r.expect_exit(0)
    require(not r.findings(), "expected no findings", r.context)
    text = ctx.miglint_run(p, "check", ".")
    require("0 revision files" in text.out, "the text summary should say no file was linted", text.context)
    graph = ctx.miglint_run(p, "graph", ".", "--format", "json")
    graph.expect_exit(0)
    require('"heads": []' in graph.out, "an empty history has no head", graph.context)
    sql = ctx.miglint_run(p, "sql", ".", "base:head")
    sql.expect_exit(0)
    verdict = alembic_verdict(ctx, p, expect_reject=False)
    require(verdict[1] == [], "Alembic sees no head", verdict)
    ctx.note(text.out.strip().splitlines()[-1])


@case("files", "no-project", "a folder with no alembic.ini, pyproject.toml or versions/")
def no_project(ctx):
    p = ctx.project(ini=False)
    shutil.rmtree(os.path.join(p.root, "migrations"))
    r = ctx.check(p)
    r.expect_exit(2)
    require("No alembic.ini or pyproject.toml" in r.err, "expected the reason on standard error", r.context)
    ctx.note(r.err.strip().splitlines()[0])


@case("files", "missing-alembic-ini", "a missing alembic.ini (migrations/ present, -c names a file that is not there)")
def missing_alembic_ini(ctx):
    p = ctx.project(ini=False)
    p.good()
    r = ctx.check(p)
    r.expect_exit(2)
    require("No alembic.ini" in r.err, "expected the reason on standard error", r.context)
    ctx.note(r.err.strip().splitlines()[0])
    r = ctx.check(p, "-c", "alembic.ini")
    r.expect_exit(2)
    require("does not exist" in r.err and "alembic.ini" in r.err, "expected the missing file named", r.context)
    ctx.note(r.err.strip().splitlines()[0])


@case("files", "version-location-is-a-file", "version_locations naming a file, not a folder")
def version_location_file(ctx):
    p, good = with_good(ctx)
    p.write("not_a_folder", "x")
    p.write("alembic.ini", "[alembic]\nscript_location = %(here)s/migrations\n"
                           "version_locations = %(here)s/migrations/versions %(here)s/not_a_folder\n")
    r = ctx.check(p)
    r.expect_exit(2)
    r.expect(UNREADABLE, message="is not a folder")
    r.expect_good(good)
    ctx.show(r, UNREADABLE)


@case("files", "unlistable-version-location", "a version location that cannot be listed (mode 000, as `nobody`)")
def unlistable_location(ctx):
    p, good = with_good(ctx)
    other = p.path("other")
    os.makedirs(other)
    p.write("alembic.ini", "[alembic]\nscript_location = %(here)s/migrations\n"
                           "version_locations = %(here)s/migrations/versions %(here)s/other\n")
    user = None
    if os.geteuid() == 0:
        user = "nobody"
        for dirpath, dirnames, filenames in os.walk(p.root):
            os.chmod(dirpath, 0o755)
            for name in filenames:
                os.chmod(os.path.join(dirpath, name), 0o644)
    os.chmod(other, 0)
    r = ctx.check(p, user=user)
    r.expect_exit(2)
    r.expect(UNREADABLE, message="Permission denied")
    r.expect_good(good)
    ctx.show(r, UNREADABLE)


@case("files", "non-utf8-file-name", "a revision file whose name is not UTF-8 (Latin-1 bytes), in every output format")
def non_utf8_name(ctx):
    p, good = with_good(ctx)
    name = os.fsencode(p.versions) + b"/1b1b1b1b1b1b_caf\xe9.py"
    with open(name, "wb") as f:
        f.write(revision_source(BAD_ID, "0a0a0a0a0a0a", upgrade='    op.drop_table("caf")\n').encode())
    r = ctx.check(p)
    r.expect_exit(1)
    r.expect("drop-table", "migrations/versions/1b1b1b1b1b1b_caf\ufffd.py", 10, 5)
    r.expect_good(good)
    ctx.all_formats(p)
    for fmt in ("json", "text", "dot", "mermaid"):
        ctx.miglint_run(p, "graph", ".", "--format", fmt).expect_exit(0)
    ctx.note("the name's invalid byte is printed as U+FFFD in JSON, SARIF and GitLab output")
