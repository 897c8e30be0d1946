"""The bad-input catalogue's harness: projects built in a temporary folder at test time, the
built `miglint` run on them with a time limit, and the checks every case shares.

Every case writes one bad input next to a *good neighbour*, a revision with known findings, and
asserts three things: miglint ends normally (exit 0, 1 or 2: never a signal, never the time
limit), it says what is wrong where (rule id, message fragment, file:line:col), and it still
lints the good neighbour (its findings are present). Where an oracle exists (CPython's `ast`
for Python source, Alembic's ScriptDirectory for histories) the case compares with it too.
Run with Debian's /usr/bin/python3 (it sees python3-alembic).
"""
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

CASES = []  # (group, name, title, function), in definition order


def case(group, name, title):
    """Registers a case: `title` is what docs/bad-input.md calls it."""
    def register(fn):
        CASES.append((group, name, title, fn))
        return fn
    return register


class CaseFailure(AssertionError):
    pass


def require(condition, message, *context):
    """Fails the case with `message` and the context; a callable context is called only then."""
    if not condition:
        parts = [c() if callable(c) else c for c in context]
        raise CaseFailure("\n".join([message] + [str(c) for c in parts if c]))


# ---------------------------------------------------------------------------------------------
# Projects

GOOD_ID = "0a0a0a0a0a0a"
# The good neighbour: drop-table at 13:5 and missing-downgrade at 16:5, wherever it sits.
GOOD_SOURCE = '''"""good neighbour

Revision ID: 0a0a0a0a0a0a
Revises:
"""
from alembic import op

revision = "0a0a0a0a0a0a"
down_revision = None


def upgrade():
    op.drop_table("legacy_accounts")


def downgrade():
    pass
'''
GOOD_FINDINGS = [("drop-table", 13, 5), ("missing-downgrade", 16, 5)]


def revision_source(rev, down, upgrade="    op.execute(\"SELECT 1\")\n", extra=""):
    """A clean revision file (no finding of its own) with `upgrade` as upgrade()'s body."""
    return ('revision = %r\ndown_revision = %r\nbranch_labels = None\ndepends_on = None\n%s\n'
            'from alembic import op\n\n\ndef upgrade():\n%s\n\ndef downgrade():\n    op.execute("SELECT 1")\n'
            % (rev, down, extra, upgrade))


class Project:
    """An Alembic project: alembic.ini (script_location = migrations) and migrations/versions/."""

    def __init__(self, root, ini=True):
        self.root = root
        self.versions = os.path.join(root, "migrations", "versions")
        os.makedirs(self.versions)
        if ini:
            self.write("alembic.ini", "[alembic]\nscript_location = %(here)s/migrations\n")

    def path(self, rel):
        return os.path.join(self.root, rel)

    def write(self, rel, data):
        full = self.path(rel)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "wb") as f:
            f.write(data.encode("utf-8") if isinstance(data, str) else data)
        return full

    def revision(self, name, data):
        """Writes versions/<name>; returns its path as miglint prints it (relative to the root)."""
        self.write(os.path.join("migrations", "versions", name), data)
        return "migrations/versions/" + name

    def good(self):
        return self.revision(GOOD_ID + "_good.py", GOOD_SOURCE)


# ---------------------------------------------------------------------------------------------
# Running miglint


class Result:
    def __init__(self, argv, rc, out, err, seconds, max_rss_kb, cpu_seconds=0.0):
        self.argv, self.rc, self.out, self.err = argv, rc, out, err
        # Wall time, peak resident memory and CPU time (user + system) of this one process.
        self.seconds, self.max_rss_kb, self.cpu_seconds = seconds, max_rss_kb, cpu_seconds
        self._findings = None

    def context(self):
        out = self.out[:3000]
        try:  # findings in one line each rather than pages of JSON
            doc = json.loads(self.out)
            out = "\n".join(self.concise(f) for f in self._parse(doc)[:40])
        except (ValueError, KeyError, TypeError, AttributeError):
            pass
        return "$ %s\nexit %s after %.2fs\n--- stdout (start)\n%s\n--- stderr (start)\n%s" % (
            " ".join(self.argv), self.rc, self.seconds, out, self.err[:3000])

    @staticmethod
    def _parse(doc):
        return [{
            "path": d.get("path", ""), "rule": d["rule"], "severity": d["severity"],
            "message": d["message"], "notes": [n.get("message", "") for n in d.get("notes", [])],
            "line": (d.get("start") or {}).get("line"), "col": (d.get("start") or {}).get("column"),
        } for d in doc.get("diagnostics", [])]

    def findings(self):
        """Diagnostics of a `--format json` run as dicts: path, line, col, rule, severity, message."""
        if self._findings is None:
            try:
                doc = json.loads(self.out) if self.out.strip() else {"diagnostics": []}
            except json.JSONDecodeError as e:
                raise CaseFailure("miglint printed invalid JSON: %s" % e, self.context)
            self._findings = self._parse(doc)
        return self._findings

    def concise(self, f):
        where = f["path"] + (":%d:%d" % (f["line"], f["col"]) if f["line"] else "")
        return "%s: %s[%s] %s" % (where, f["severity"], f["rule"], f["message"])

    def expect_exit(self, *codes):
        require(self.rc in codes, "expected exit code %s, got %s" % ("/".join(map(str, codes)), self.rc),
                self.context)

    def find(self, rule, path=None, line=None, col=None, message=None):
        return [f for f in self.findings()
                if f["rule"] == rule and (path is None or f["path"] == path)
                and (line is None or f["line"] == line) and (col is None or f["col"] == col)
                and (message is None or message in f["message"])]

    def expect(self, rule, path=None, line=None, col=None, message=None):
        """One finding of `rule` at path:line:col whose message contains `message`; returned."""
        hits = self.find(rule, path, line, col, message)
        require(hits, "expected %s at %s:%s:%s with message containing %r" % (rule, path, line, col, message),
                self.context)
        return hits[0]

    def expect_none(self, rule, path=None):
        hits = self.find(rule, path)
        require(not hits, "expected no %s%s" % (rule, " in " + path if path else ""),
                "\n".join(self.concise(f) for f in hits[:10]))

    def expect_good(self, good_path):
        """The good neighbour was linted: all its known findings are there."""
        for rule, line, col in GOOD_FINDINGS:
            self.expect(rule, good_path, line, col)


def timeout_scale():
    # Sanitizer builds run several times slower; robustness.cmake passes the factor.
    return float(os.environ.get("MIGLINT_ROBUSTNESS_TIMEOUT_SCALE", "1"))


def run(argv, cwd, timeout=60, user=None):
    """Runs argv with a time limit; never returns for a signal or a timeout (the case fails).
    `user`: run as this user through runuser (used to make a read fail as root)."""
    if user:
        argv = ["runuser", "-u", user, "--"] + argv
    limit = timeout * timeout_scale()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.monotonic()
        proc = subprocess.Popen(argv, cwd=cwd, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        # os.wait4 rather than Popen.wait: its rusage gives this process's own peak memory.
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - start > limit:
                proc.kill()
                os.wait4(proc.pid, 0)
                proc.returncode = -9
                out.seek(0)
                err.seek(0)
                raise CaseFailure("miglint did not finish within %.0fs (a hang)" % limit,
                                  "$ " + " ".join(argv), out.read(3000).decode("utf-8", "replace"),
                                  err.read(3000).decode("utf-8", "replace"))
            time.sleep(0.005)
        seconds = time.monotonic() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        result = Result(argv, proc.returncode, out.read().decode("utf-8", "replace"),
                        err.read().decode("utf-8", "replace"), seconds, usage.ru_maxrss,
                        usage.ru_utime + usage.ru_stime)
    require(result.rc >= 0, "miglint was killed by signal %s" % (
        signal.Signals(-result.rc).name if -result.rc in signal.Signals._value2member_map_ else -result.rc),
        result.context)
    require(result.rc in (0, 1, 2), "unexpected exit code %d (0, 1 or 2 expected)" % result.rc, result.context)
    require("AddressSanitizer" not in result.err and "runtime error:" not in result.err,
            "a sanitizer reported a problem", result.context)
    return result


# ---------------------------------------------------------------------------------------------
# Oracles

PY_ORACLE = r'''
import ast, sys
src = open(sys.argv[1], "rb").read()
try:
    ast.parse(src)
    print("accept 0 0")
except SyntaxError as e:
    print("reject %d %d %s: %s" % (e.lineno or 0, e.offset or 0, type(e).__name__, e.msg))
except (ValueError, RecursionError, MemoryError) as e:
    print("reject 0 0 %s: %s" % (type(e).__name__, e))
'''


def cpython_parse(path, timeout=300):
    """CPython's verdict on a file, as Alembic's import compiles it (compile() of the bytes):
    (accepted, line, col, message). In a child process: deep inputs can exhaust its stack."""
    proc = subprocess.run([sys.executable, "-c", PY_ORACLE, path], capture_output=True, text=True, timeout=timeout)
    if proc.returncode != 0:  # CPython itself crashed: count it as a rejection without position
        return False, 0, 0, "CPython exited %d" % proc.returncode
    verdict, line, col, *msg = proc.stdout.strip().split(" ", 3)
    return verdict == "accept", int(line), int(col), " ".join(msg)


def compare_with_cpython(result, project, rel):
    """miglint and CPython agree on accepting the file; when both reject it and CPython gives a
    line, miglint's first python-syntax-error is on that line. Returns a note for the report."""
    accepted, line, col, message = cpython_parse(project.path(rel))
    errors = sorted((f for f in result.find("python-syntax-error", rel)), key=lambda f: (f["line"] or 0, f["col"] or 0))
    require(accepted == (not errors),
            "CPython %s the file but miglint %s it" % ("accepts" if accepted else "rejects (%s)" % message,
                                                      "rejects" if errors else "accepts"),
            "\n".join(result.concise(f) for f in errors[:5]))
    if accepted:
        return "CPython: accepted"
    if line:
        require(errors[0]["line"] == line, "CPython reports line %d, miglint line %s" % (line, errors[0]["line"]),
                message, result.concise(errors[0]))
        return "CPython: %s (line %d, col %d)" % (message, line, col)
    return "CPython: %s" % message


ALEMBIC_ORACLE = r'''
import json, sys, warnings
from alembic.config import Config
from alembic.script import ScriptDirectory
warnings.simplefilter("ignore")
try:
    script = ScriptDirectory.from_config(Config(sys.argv[1]))
    rmap = script.revision_map
    print(json.dumps(["accept", sorted(rmap.heads), sorted(rmap.bases)]))
except Exception as e:
    print(json.dumps(["reject", type(e).__name__, str(e).replace("\n", " ")[:300]]))
'''


def alembic_load(project, timeout=600):
    """Alembic 1.8's verdict on the project: ("accept", heads, bases) or ("reject", exception, text)."""
    proc = subprocess.run([sys.executable, "-c", ALEMBIC_ORACLE, project.path("alembic.ini")],
                          capture_output=True, text=True, timeout=timeout, cwd=project.root)
    require(proc.returncode == 0, "the Alembic oracle failed", proc.stderr[-2000:])
    return tuple(json.loads(proc.stdout))


# ---------------------------------------------------------------------------------------------
# One case's context


class Context:
    def __init__(self, miglint, keep=False):
        self.miglint = miglint
        self.keep = keep
        self.tmp = tempfile.mkdtemp(prefix="miglint-bad-input-")
        os.chmod(self.tmp, 0o755)  # the unreadable-file case runs miglint as `nobody`
        self.notes = []  # what the report prints for this case: diagnostics, oracle, figures
        self.count = 0

    def project(self, ini=True):
        self.count += 1
        return Project(os.path.join(self.tmp, "p%d" % self.count), ini)

    def miglint_run(self, project, command, *args, timeout=60, user=None):
        return run([self.miglint, command, *args], cwd=project.root, timeout=timeout, user=user)

    def check(self, project, *args, timeout=60, user=None):
        """`miglint check . --format json`, run from the project's root."""
        return self.miglint_run(project, "check", ".", "--format", "json", *args, timeout=timeout, user=user)

    def all_formats(self, project, *args, timeout=60):
        """Renders every other format once, so a crash that only one renderer has (say, on a
        file name that is not UTF-8) is caught too."""
        for fmt in ("text", "concise", "sarif", "github", "gitlab", "junit"):
            self.miglint_run(project, "check", ".", "--format", fmt, *args, timeout=timeout)

    def note(self, text):
        self.notes.append(text)

    def show(self, result, rule=None, path=None):
        """Records the findings of `rule` (or all but the good neighbour's) for the report."""
        for f in result.findings():
            if (rule is None or f["rule"] == rule) and (path is None or f["path"] == path) and GOOD_ID not in f["path"]:
                self.note(result.concise(f))

    def close(self):
        if not self.keep:
            # Undo a chmod 000 so the tree can be removed.
            for dirpath, dirnames, filenames in os.walk(self.tmp):
                for name in dirnames + filenames:
                    p = os.path.join(dirpath, name)
                    if not os.path.islink(p):
                        try:
                            os.chmod(p, 0o755)
                        except OSError:
                            pass
            shutil.rmtree(self.tmp, ignore_errors=True)
