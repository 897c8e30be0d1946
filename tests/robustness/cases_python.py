"""Bad Python revision files: encodings and binary content, unterminated strings, tabs.
Each is compared with CPython's `ast.parse` of the same bytes (what Alembic's import compiles)."""
from harness import GOOD_ID, case, compare_with_cpython, require

BAD_ID = "1b1b1b1b1b1b"
HEADER = 'revision = "%s"\ndown_revision = "%s"\n' % (BAD_ID, GOOD_ID)  # lines 1-2
BAD_NAME = BAD_ID + "_bad.py"


def bad_python(ctx, data, rule, line, col, message, exit_codes=(1,)):
    """Writes `data` as a revision next to the good neighbour, checks miglint's diagnostic, the
    neighbour's findings and CPython's verdict. Returns (result, project, path)."""
    p = ctx.project()
    good = p.good()
    bad = p.revision(BAD_NAME, data)
    r = ctx.check(p)
    r.expect_exit(*exit_codes)
    if rule:
        ctx.show(r, rule, bad)
        r.expect(rule, bad, line, col, message)
    r.expect_good(good)
    ctx.note(compare_with_cpython(r, p, bad))
    return r, p, bad


def src(text):
    return (HEADER + text).encode("utf-8")


# ---------------------------------------------------------------------------------------------
# Encodings


@case("encoding", "nul-bytes", "binary file as a revision (.py with NUL bytes)")
def nul_bytes(ctx):
    bad_python(ctx, src("x = 1") + b"\x00\x01\x02\xff\xfe\n", "python-syntax-error", 3, 6,
               "source code cannot contain null bytes")


@case("encoding", "binary-blob", "a real binary file named .py (every byte value)")
def binary_blob(ctx):
    r, p, bad = bad_python(ctx, bytes(range(256)) * 64, "python-syntax-error", 1, 1,
                           "source code cannot contain null bytes")
    ctx.all_formats(p)


@case("encoding", "invalid-utf8-string", "invalid UTF-8 inside a string literal")
def invalid_utf8_string(ctx):
    bad_python(ctx, src('x = "caf') + b'\xe9"\n', "python-syntax-error", 3, 9, "can't decode byte 0xe9")


@case("encoding", "invalid-utf8-name", "invalid UTF-8 in an identifier")
def invalid_utf8_name(ctx):
    bad_python(ctx, src("caf") + b"\xe9 = 1\n", "python-syntax-error", 3, 4, "can't decode byte 0xe9")


@case("encoding", "invalid-utf8-comment", "invalid UTF-8 (Latin-1) in a comment only: CPython accepts it")
def invalid_utf8_comment(ctx):
    # compile() of bytes decodes strings and names, not comments: Alembic imports this file.
    data = src("from alembic import op\n# Author: Jos") + b"\xe9 M\xfcller\n" + \
        b"\n\ndef upgrade():\n    op.drop_table(\"old\")  # caf\xe9\n\n\ndef downgrade():\n    pass\n"
    r, p, bad = bad_python(ctx, data, None, 0, 0, None)
    r.expect_none("python-syntax-error", bad)
    r.expect("drop-table", bad, 8, 5)  # the file itself is linted
    ctx.show(r, "drop-table", bad)
    ctx.all_formats(p)  # the snippet shows the line with the Latin-1 byte in every format


@case("encoding", "utf16-bom", "a UTF-16 file with a byte order mark")
def utf16_bom(ctx):
    bad_python(ctx, (HEADER + "x = 1\n").encode("utf-16"), "python-syntax-error", 1, 1,
               "the file is UTF-16 encoded")


@case("encoding", "utf16-le-no-bom", "a UTF-16 (little-endian) file without a byte order mark")
def utf16_le(ctx):
    bad_python(ctx, (HEADER + "x = 1\n").encode("utf-16-le"), "python-syntax-error", 1, 1,
               "UTF-16 encoded")


@case("encoding", "utf16-be-no-bom", "a UTF-16 (big-endian) file without a byte order mark")
def utf16_be(ctx):
    bad_python(ctx, (HEADER + "x = 1\n").encode("utf-16-be"), "python-syntax-error", 1, 1,
               "UTF-16 encoded")


@case("encoding", "utf8-bom", "a UTF-8 file with a byte order mark (must work)")
def utf8_bom(ctx):
    # The revision id does not match the file name, so revision-file-name points into line 1:
    # the column must not count the (invisible) BOM, as CPython's does not.
    data = b"\xef\xbb\xbf" + ('revision = "2c2c2c2c2c2c"\ndown_revision = "%s"\nfrom alembic import op\n\n\n'
                              'def upgrade():\n    op.drop_table("old")\n\n\ndef downgrade():\n    pass\n'
                              % GOOD_ID).encode()
    r, p, bad = bad_python(ctx, data, None, 0, 0, None)
    r.expect_none("python-syntax-error", bad)
    r.expect("drop-table", bad, 7, 5)
    r.expect("missing-downgrade", bad, 10, 5)
    r.expect("revision-file-name", bad, 1, 12)
    ctx.show(r, None, bad)


# ---------------------------------------------------------------------------------------------
# Strings and indentation (CPython's own messages and positions)


@case("syntax", "unterminated-string", "unterminated string literal")
def unterminated_string(ctx):
    bad_python(ctx, src('x = "abc\ny = 1\n'), "python-syntax-error", 3, 5,
               "unterminated string literal (detected at line 3)")


@case("syntax", "unterminated-string-eof", "unterminated string literal at the end of the file")
def unterminated_string_eof(ctx):
    bad_python(ctx, src("x = 'abc"), "python-syntax-error", 3, 5, "unterminated string literal")


@case("syntax", "unterminated-triple", "unterminated triple-quoted string")
def unterminated_triple(ctx):
    bad_python(ctx, src('x = 1\ny = """abc\nz = 2\n\n'), "python-syntax-error", 4, 5,
               "unterminated triple-quoted string literal (detected at line 6)")


@case("syntax", "unterminated-docstring", "a module docstring that is never closed")
def unterminated_docstring(ctx):
    bad_python(ctx, ('"""add accounts\n\nRevision ID: %s\n' % BAD_ID).encode(), "python-syntax-error", 1, 1,
               "unterminated triple-quoted string literal")


@case("syntax", "unterminated-fstring", "unterminated f-string")
def unterminated_fstring(ctx):
    bad_python(ctx, src("x = f'abc\n"), "python-syntax-error", 3, 5, "unterminated f-string literal")


@case("syntax", "unterminated-fstring-field", "an f-string whose replacement field is never closed")
def unterminated_fstring_field(ctx):
    bad_python(ctx, src("x = f'abc {y\n"), "python-syntax-error", 3, 5, "unterminated f-string literal")


@case("syntax", "unterminated-triple-fstring", "unterminated triple-quoted f-string")
def unterminated_triple_fstring(ctx):
    bad_python(ctx, src('x = f"""abc {y}\n\n'), "python-syntax-error", 3, 5,
               "unterminated triple-quoted f-string literal")


@case("syntax", "tab-error", "tabs mixed with spaces (CPython's TabError)")
def tab_error(ctx):
    body = "from alembic import op\n\n\ndef upgrade():\n    if True:\n        op.drop_table('a')\n\top.drop_table('b')\n"
    r, _, _ = bad_python(ctx, src(body), "python-syntax-error", 9, 2, "inconsistent use of tabs and spaces")


@case("syntax", "tab-error-dedent", "a tab-indented line after a space-indented block")
def tab_error_dedent(ctx):
    body = "if x:\n\ty = 1\n        z = 2\n"
    bad_python(ctx, src(body), "python-syntax-error", 5, 9, "inconsistent use of tabs and spaces")


@case("syntax", "many-errors", "a file of 5,000 syntax errors: a capped list, not a flood")
def many_errors(ctx):
    r, _, bad = bad_python(ctx, src("x = = 1\n" * 5000), "python-syntax-error", 3, 5, "invalid syntax")
    errors = r.find("python-syntax-error", bad)
    require(len(errors) <= 10, "expected at most 10 syntax errors for one file, got %d" % len(errors))
    require(any("more syntax errors" in n for n in errors[-1]["notes"]), "the last error should count the rest",
            errors[-1])
