"""Malformed configuration: alembic.ini (compared with configparser, which Alembic uses),
pyproject.toml and miglint.toml (compared with tomllib), and settings that are well-formed but
wrong. A problem that leaves Alembic unable to find the revisions stops the run (exit 2, the
reason on standard error with file:line:col); any other is a config-error finding in place and
the revisions are still linted."""
import configparser
import re
import tomllib

from harness import case, require

CONFIG = "config-error"
INI_HEAD = "[alembic]\nscript_location = %(here)s/migrations\n"


def project_with(ctx, files):
    p = ctx.project()
    good = p.good()
    for name, data in files.items():
        p.write(name, data)
    return p, good


def fatal(ctx, files, where, message):
    """The run stops: exit 2, `message` on stderr at `where` = (path, line, col)."""
    p, _ = project_with(ctx, files)
    r = ctx.check(p)
    r.expect_exit(2)
    m = re.search(r"error\[config-error\]: (.*)\n\s+--> (\S+):(\d+):(\d+)", r.err)
    require(m, "expected a config-error with its file:line:col on standard error", r.context)
    require((m.group(2), int(m.group(3)), int(m.group(4))) == where and message in m.group(1),
            "expected %r at %s:%d:%d" % ((message,) + where), r.context)
    ctx.note("%s:%s:%s: %s (stderr)" % (m.group(2), m.group(3), m.group(4), m.group(1)))
    return p


def in_place(ctx, files, where, message, severity="error", exit_code=2):
    """A config-error finding at `where` = (path, line, col), and the revisions still linted."""
    p, good = project_with(ctx, files)
    r = ctx.check(p)
    r.expect_exit(exit_code)
    f = r.expect(CONFIG, where[0], where[1], where[2], message)
    require(f["severity"] == severity, "expected a %s" % severity, f)
    r.expect_good(good)
    ctx.note(r.concise(f))
    return p


def configparser_error(p):
    c = configparser.ConfigParser()
    try:
        c.read(p.path("alembic.ini"), encoding="utf-8")
        c.get("alembic", "script_location", vars={"here": p.root})
        return None
    except (configparser.Error, UnicodeDecodeError) as e:
        return "%s: %s" % (type(e).__name__, str(e).splitlines()[0])


def toml_error(p, name):
    try:
        with open(p.path(name), "rb") as f:
            tomllib.load(f)
        return None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        return "%s: %s" % (type(e).__name__, e)


# ---------------------------------------------------------------------------------------------
# alembic.ini


@case("config", "ini-no-section-header", "alembic.ini: an unclosed section header")
def ini_no_header(ctx):
    p = fatal(ctx, {"alembic.ini": "[alembic\nscript_location = migrations\n"}, ("alembic.ini", 1, 1),
              "File contains no section headers")
    ctx.note("configparser: %s" % configparser_error(p))


@case("config", "ini-bad-line", "alembic.ini: a line that is neither section, option nor continuation")
def ini_bad_line(ctx):
    p = in_place(ctx, {"alembic.ini": INI_HEAD + "this is not an option\n"}, ("alembic.ini", 3, 1),
                 "neither a [section]")
    ctx.note("configparser: %s" % configparser_error(p))


@case("config", "ini-binary", "alembic.ini that is UTF-16 (not UTF-8)")
def ini_binary(ctx):
    p = fatal(ctx, {"alembic.ini": INI_HEAD.encode("utf-16")}, ("alembic.ini", 1, 1), "not valid UTF-8")
    ctx.note("configparser: %s" % configparser_error(p))


@case("config", "ini-duplicate-section", "alembic.ini: the [alembic] section twice")
def ini_duplicate_section(ctx):
    p = in_place(ctx, {"alembic.ini": INI_HEAD + "[alembic]\nx = 1\n"}, ("alembic.ini", 3, 1),
                 "Section 'alembic' already exists")
    ctx.note("configparser: %s" % configparser_error(p))


@case("config", "ini-missing-interpolation", "alembic.ini: version_locations = %(missing)s/versions")
def ini_missing_interpolation(ctx):
    in_place(ctx, {"alembic.ini": INI_HEAD + "version_locations = %(here)s/migrations/versions %(missing)s/v\n"},
             ("alembic.ini", 3, 21), "refers to %(missing)s")


@case("config", "ini-interpolation-loop", "alembic.ini: script_location = %(a)s, a = %(b)s, b = %(a)s")
def ini_interpolation_loop(ctx):
    p = fatal(ctx, {"alembic.ini": "[alembic]\nscript_location = %(a)s\na = %(b)s\nb = %(a)s\n"},
              ("alembic.ini", 2, 19), "more than 10 levels deep")
    ctx.note("configparser: %s" % configparser_error(p))


@case("config", "ini-billion-laughs", "alembic.ini: nine options each naming the next ten times (10^9 copies)")
def ini_billion_laughs(ctx):
    lines = [INI_HEAD.strip(), "version_locations = %(l0)s"]
    lines += ["l%d = %s" % (i, "%%(l%d)s" % (i + 1) * 10) for i in range(8)] + ["l8 = aaaaaaaaaa"]
    in_place(ctx, {"alembic.ini": "\n".join(lines) + "\n"}, ("alembic.ini", 3, 21), "expands to more than 1 MiB")
    ctx.note("configparser would build a 10 GB string (Alembic runs out of memory)")


@case("config", "ini-unknown-rule", "alembic.ini [miglint]: ignore names an unknown rule")
def ini_unknown_rule(ctx):
    in_place(ctx, {"alembic.ini": INI_HEAD + "[miglint]\nignore = empty-migration, no-such-rule\n"},
             ("alembic.ini", 4, 27), "Unknown rule or group `no-such-rule` in ignore")


# ---------------------------------------------------------------------------------------------
# pyproject.toml and miglint.toml


@case("config", "pyproject-bad-header", "pyproject.toml: an unclosed table header")
def pyproject_bad_header(ctx):
    p = in_place(ctx, {"pyproject.toml": "[tool.miglint\nignore = [\"x\"]\n"}, ("pyproject.toml", 1, 14),
                 "Invalid TOML")
    ctx.note("tomllib: %s" % toml_error(p, "pyproject.toml"))


@case("config", "pyproject-bad-array", "pyproject.toml: an array missing its comma")
def pyproject_bad_array(ctx):
    p = in_place(ctx, {"pyproject.toml": "[tool.miglint]\nignore = [\"drop-table\"\nselect = 1\n"},
                 ("pyproject.toml", 3, 1), "Invalid TOML")
    ctx.note("tomllib: %s" % toml_error(p, "pyproject.toml"))


@case("config", "pyproject-binary", "pyproject.toml full of NUL bytes")
def pyproject_binary(ctx):
    p = in_place(ctx, {"pyproject.toml": b"[tool.miglint]\n\x00\x00\x00\n"}, ("pyproject.toml", 2, 1), "Invalid TOML")
    ctx.note("tomllib: %s" % toml_error(p, "pyproject.toml"))


@case("config", "pyproject-only-broken", "a broken pyproject.toml that is the only configuration ([tool.alembic])")
def pyproject_only(ctx):
    p = ctx.project(ini=False)
    p.good()
    p.write("pyproject.toml", "[tool.alembic]\nscript_location = \"%(here)s/migrations\n")
    r = ctx.check(p)
    r.expect_exit(2)
    m = re.search(r"error\[config-error\]: (Invalid TOML.*)\n\s+--> (pyproject.toml:2:\d+)", r.err)
    require(m, "expected the TOML error at pyproject.toml:2 before 'no configuration'", r.context)
    ctx.note("%s: %s (stderr)" % (m.group(2), m.group(1)))


@case("config", "miglint-toml-unclosed", "miglint.toml: an unclosed array")
def miglint_toml_unclosed(ctx):
    p = in_place(ctx, {"miglint.toml": "ignore = [\n"}, ("miglint.toml", 1, 11), "Invalid TOML")
    ctx.note("tomllib: %s" % toml_error(p, "miglint.toml"))


@case("config", "miglint-toml-redefined", "miglint.toml: a key defined twice")
def miglint_toml_redefined(ctx):
    p = in_place(ctx, {"miglint.toml": "ignore = [\"drop-table\"]\nignore = [\"x\"]\n"}, ("miglint.toml", 2, 10),
                 "cannot redefine")
    ctx.note("tomllib: %s" % toml_error(p, "miglint.toml"))


@case("config", "miglint-toml-not-utf8", "miglint.toml with a Latin-1 byte")
def miglint_toml_latin1(ctx):
    # toml++ places the error on the character before the bad byte (column 5, the byte is 6th).
    p = in_place(ctx, {"miglint.toml": b"# caf\xe9\nignore = []\n"}, ("miglint.toml", 1, 5), "invalid utf-8")
    ctx.note("tomllib: %s" % toml_error(p, "miglint.toml"))


@case("config", "miglint-toml-wrong-types", "miglint.toml: well-formed, wrong types (pg-version = true)")
def miglint_toml_types(ctx):
    in_place(ctx, {"miglint.toml": "pg-version = true\n"}, ("miglint.toml", 1, 14), "pg-version",
             severity="warning", exit_code=1)


@case("config", "miglint-toml-unknown-rule", "miglint.toml: severity for a rule that does not exist")
def miglint_toml_unknown_rule(ctx):
    in_place(ctx, {"miglint.toml": "[severity]\nno-such-rule = \"warning\"\n"}, ("miglint.toml", 2, 16),
             "Unknown rule or group `no-such-rule` in severity")
