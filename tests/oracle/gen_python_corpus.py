#!/usr/bin/python3
"""Deterministically generates revision-like Python files that stress miglint's lexer and
parser: every string prefix, escapes, f-strings, continuation lines, tabs, CRLF/CR, BOM,
comments everywhere, decorators, match, walrus, lambdas, comprehensions, annotated
down_revision forms, nested calls, non-ASCII identifiers. Every file is valid Python 3.11
(checked here with ast.parse) so the oracles can compare against CPython.

Usage: gen_python_corpus.py OUT_DIR [COUNT=2400] [SEED=1]
"""
import ast
import os
import random
import sys

PREFIXES = ["", "r", "u", "R", "U", "b", "B", "br", "rb", "Br", "bR", "RB", "rB", "f", "F", "fr", "rf", "Rf", "fR", "RF"]

# String bodies valid in every prefix (ASCII only, so bytes accept them); {{ }} only for f.
PLAIN_BODIES = ["", "abc", "ALTER TABLE t ADD COLUMN c int", "tab\\there", "nl\\nnext", "q\\'s", 'dq\\"s',
                "back\\\\slash", "\\x41\\x42", "\\101\\0\\7", "\\a\\b\\f\\v\\r", "percent %s and %(name)s",
                "unknown \\d escape", "semi; colon: comma,", "  spaces  "]
STR_ONLY_BODIES = ["caf\\u00e9", "\\U0001F600 smile", "\\N{BULLET} item", "\\N{EM DASH}", "\\N{latin small letter e with acute}",
                   "d\u00e9j\u00e0 vu", "\u65e5\u672c\u8a9e", "emoji \U0001F680", "\\N{GREEK SMALL LETTER ALPHA}\\N{DIGIT SEVEN}"]
FIELD_EXPRS = ["x", "x!r", "x!s", "x!a", "x:>10", "x:{width}", "x:{width}.{prec}f", "x=", "x = ", "x=!r", "x=:>5",
               "a['k']", "a[\"k\"]", "f(1, 2)", "3.5:.2f", "len(s)", "{'a': 1}['a']", "(lambda: 1)()", "x if y else z",
               "[i for i in r]", "obj.attr.sub", "n + 1", "-n", "'nested'", "s!r:^20"]


def rand_string(rng, allow_f=True, quote=None):
    prefix = rng.choice(PREFIXES if allow_f else [p for p in PREFIXES if "f" not in p.lower()])
    is_bytes = "b" in prefix.lower()
    is_f = "f" in prefix.lower()
    is_raw = "r" in prefix.lower()
    q = quote or rng.choice(["'", '"', "'''", '"""'])
    bodies = PLAIN_BODIES + ([] if is_bytes else STR_ONLY_BODIES)
    body = rng.choice(bodies)
    if is_raw:
        body = body.replace("\\N{", "N{")
        if body.endswith("\\"):
            body += " "
    if q in ("'", "'''"):
        body = body.replace("'", "\\'") if not is_raw else body.replace("'", "")
        body = body.replace("\\\\'", "\\'")
    else:
        body = body.replace('"', '\\"') if not is_raw else body.replace('"', "")
        body = body.replace('\\\\"', '\\"')
    if is_raw:
        body = body.replace("\\'", "").replace('\\"', "")
    if is_f:
        body = body.replace("{", "{{").replace("}", "}}").replace("N{{", "N{").replace("}}", "}") if "\\N{" in body else body
        if is_raw or "\\N{" not in body:
            body = body.replace("{", "{{").replace("}", "}}") if "{" in body and "{{" not in body else body
        parts = [body]
        for _ in range(rng.randint(0, 3)):
            fe = rng.choice(FIELD_EXPRS)
            if q in ("'", "'''"):
                fe = fe.replace("'", '"')
            if q in ('"', '"""'):
                fe = fe.replace('"', "'")
            parts.append("{" + fe + "}")
            parts.append(rng.choice(["", " and ", "{{literal}}", "-"]))
        body = "".join(parts)
    if len(q) == 3 and rng.random() < 0.4:
        body = body + "\nsecond line\n" + ("\\\ncontinued" if not is_raw else "raw line")
    return prefix + q + body + q, is_bytes


def concat_string(rng, allow_f=True):
    first, is_bytes = rand_string(rng, allow_f)
    parts = [first]
    for _ in range(rng.choice([0, 0, 1, 2])):
        for _ in range(20):
            s, b = rand_string(rng, allow_f)
            if b == is_bytes:
                parts.append(s)
                break
    sep = rng.choice([" ", "  ", "\n    "])
    if "\n" in sep:
        return "(" + sep.join(parts) + ")"
    return sep.join(parts)


NUMBERS = ["0", "7", "1_000_000", "0x_FF", "0XdeadBEEF", "0o17", "0O7_7", "0b1010", "0B_1", "3.14", "10.", ".5",
           "1e10", "1E-5", "2.5e+3", "1_0.0_1e1_0", "3j", "1.5J", "0j", "00", "0_0", "123456789012345678901234567890",
           "1e400", "0.1e-3j"]

EXPRS = [
    "a + b * c - d / e // f % g ** h @ m",
    "-x ** -y", "~a | b ^ c & d << 2 >> 1", "not a or b and not c",
    "a < b <= c != d == e > f >= g", "a is not b", "x not in y", "a in b is c",
    "(a, b, *c)", "[*a, *b]", "{**a, 'k': v, **b}", "{1, 2, *s}", "()", "[]", "{}", "(1,)",
    "x if cond else y if other else z", "lambda: 0", "lambda x, /, y=2, *args, z, w=3, **kw: x + y",
    "lambda *, k: k", "lambda *a, **k: (a, k)",
    "[x * y for x in range(3) for y in range(x) if x if y]", "{k: v for k, v in items.items()}",
    "{s for s in strings if s}", "(g for g in gen)", "sum(i for i in range(10))",
    "[y := f(x), y ** 2]", "(n := 10)", "obj.method(1)(2)[3].attr", "d['key'][1:2, ::3, ...]",
    "a[1:2:3]", "a[:]", "a[::]", "a[b:]", "a[:, 1]", "a[*idx]", "f(*args, **kwargs)", "f(a, *b, c=1, *d, **e)",
    "f(x for x in y)", "print(*a, sep='')", "sa.Enum('a', 'b', name='e').create(op.get_bind(), checkfirst=True)",
    "...", "None", "True", "False", "a.b.c.d", "await_ = 1", "x[y][z](w)",
    "(yield)", "op.execute(sa.text('SELECT 1').bindparams(x=1))",
    "((((((((((deep))))))))))", "[[[[[[1]]]]]]", "f(g(h(i(j(k())))))",
]

STATEMENTS = [
    "x = 1", "x = y = z = 0", "x: int = 5", "x: 'List[int]'", "(paren): int = 1", "obj.attr: int = 2",
    "a[0]: str = 'v'", "x += 1", "x -= 1", "x *= 2", "x /= 2", "x //= 2", "x %= 3", "x **= 2", "x @= m",
    "x &= 1", "x |= 2", "x ^= 3", "x <<= 1", "x >>= 1", "a, *b = c", "[a, b] = c", "(a, (b, c)) = d",
    "a.b, c[d] = e", "del a, b[1], c.d", "del (a, b)", "assert x, 'message'", "assert y",
    "pass", "global g1, g2", "import os.path as osp, sys", "from . import x", "from .. mod import (a as b, c,)",
    "from ... import y", "from .pkg.sub import *", "import a.b.c", "raise", "raise ValueError('x') from err",
    "x = 1; y = 2;", "print('a'); print('b')", "if x: pass", "while False: break",
    "for i in range(3): continue", "with a: pass", "with a as b, c as (d, e): pass",
    "x = [\n    1,\n    2,  # comment inside brackets\n]", "y = {\n    'a': 1,\n\n    'b': 2,\n}",
    "z = 1 + \\\n    2", "if (a and\n        b):\n    pass",
]

COMPOUND = [
    "if a:\n    x = 1\nelif b:\n    x = 2\nelif c:\n    x = 3\nelse:\n    x = 4",
    "for i, j in pairs:\n    if i:\n        break\nelse:\n    done()",
    "async def coro(a, b: int = 1, *args: str, c, d: 'x' = 2, **kw) -> None:\n    async with ctx() as c:\n        await c\n    async for i in aiter():\n        yield i\n    [x async for x in agen()]\n    await asyncio.sleep(0)",
    "while x:\n    x -= 1\n    if x == 5:\n        continue\nelse:\n    pass",
    "try:\n    risky()\nexcept (ValueError, TypeError) as e:\n    handle(e)\nexcept Exception:\n    raise\nelse:\n    ok()\nfinally:\n    cleanup()",
    "try:\n    pass\nfinally:\n    pass",
    "try:\n    pass\nexcept* OSError as eg:\n    pass\nexcept* (ValueError, TypeError):\n    pass",
    "with (\n    open('a') as f,\n    open('b') as g,\n):\n    pass",
    "with (open('a'), open('b')):\n    pass",
    "with (yield_ctx()) as v:\n    pass",
    "@decorator\n@decorator.with_args(1, k=2)\n@(lambda f: f)\ndef decorated(x, /, y, *, z):\n    '''Docstring.'''\n    return x",
    "@dataclass(frozen=True)\nclass Point(Base, metaclass=Meta, **extra):\n    x: int = 0\n    y: int = 0\n\n    def norm(self) -> float:\n        return (self.x ** 2 + self.y ** 2) ** 0.5\n\n    class Inner:\n        pass",
    "class Empty: pass",
    "def gen():\n    x = yield\n    y = yield x\n    z = yield from other()\n    return x, y, z",
    "def outer():\n    v = 1\n    def inner():\n        nonlocal v\n        v += 1\n    return inner",
    "match command.split():\n    case [action]:\n        pass\n    case [action, obj]:\n        pass\n    case ['go', direction] | ['move', direction]:\n        pass\n    case Point(x=0, y=0):\n        pass\n    case Point(1, y=2) as p if p:\n        pass\n    case {'key': value, **rest}:\n        pass\n    case [1, 2, *others]:\n        pass\n    case [*_, last]:\n        pass\n    case -1 | 1.5 | 2+3j | -4-5j | 'str' b'' if True:\n        pass\n    case None | True | False:\n        pass\n    case Color.RED | mod.sub.CONST:\n        pass\n    case (a, b, *c):\n        pass\n    case ():\n        pass\n    case {}:\n        pass\n    case (x):\n        pass\n    case _:\n        pass",
    "match a, b:\n    case 1, 2:\n        pass\n    case (1 | 2) as n, _:\n        pass",
    "match = 1\nmatch.attr = 2\nmatch[0] = 3\ncase = match\ntype = 'str'\n_ = type",
    "if (n := len(items)) > 10:\n    print(f'{n} items')",
    "lambda_ = [lambda x=x: x for x in range(3)]",
    "def annotated(a: 'A', *, b: int | None = None, **kwargs: dict[str, int]) -> list[int]: ...",
    "def star_only(*, a, b=1): pass",
    "def posonly(a, b=2, /, c=3): pass",
]

UNICODE_IDS = ["caf\u00e9", "donn\u00e9es", "\u03c0", "\u00fcber", "na\u00efve", "\u65e5\u672c", "stra\u00dfe", "\u00c9t\u00e9"]

OP_CALLS = [
    "op.add_column('users', sa.Column('email', sa.String(length=255), nullable=True))",
    "op.drop_column('users', 'email')",
    "op.create_table(\n        'accounts',\n        sa.Column('id', sa.Integer(), primary_key=True),\n        sa.Column('name', sa.String(50), nullable=False),\n        sa.UniqueConstraint('name', name='uq_name'),\n    )",
    "op.create_index(op.f('ix_users_email'), 'users', ['email'], unique=False)",
    "op.execute('UPDATE users SET active = true')",
    "op.execute(\n        \"\"\"\n        CREATE INDEX CONCURRENTLY ix ON t (c)\n        \"\"\"\n    )",
    "op.alter_column('t', 'c', existing_type=sa.VARCHAR(length=10), type_=sa.Text(), **extra)",
    "with op.batch_alter_table('t', schema=None) as batch_op:\n        batch_op.add_column(sa.Column('x', sa.Integer()))\n        batch_op.drop_index('ix_old')",
    "sa.Enum('a', 'b', name='kind').create(op.get_bind(), checkfirst=True)",
    "conn = op.get_bind()\n    rows = conn.execute(sa.text('SELECT id FROM t')).fetchall()",
    "for row in rows:\n        op.execute(f\"UPDATE t SET x = {row.id} WHERE id = {row.id}\")",
    "helpers[0](op)\n    (lambda: op.drop_table('x'))()",
    "op.create_foreign_key(None, 'a', 'b', ['b_id'], ['id'], ondelete='CASCADE')",
    "getattr(op, 'drop_' + 'table')('legacy')",
    "if context.is_offline_mode():\n        pass\n    else:\n        op.drop_constraint('fk', 't', type_='foreignkey')",
]


# More corners: comments after headers, class decorators, continued single-quoted strings,
# f-strings with nested quotes of the other kind, chained methods across lines.
COMPOUND += [
    "if x:  # comment after a header\n    # comment before the body\n    pass  # and after\n\n    \n    y = 1\nelse:  # else\n    pass",
    "@decorate  # comment\nclass Decorated(\n    Base,  # first base\n):\n    '''Doc.'''\n",
    "s = 'one \\\ntwo'",
    "s = f'{x:{\"<\" if a else \">\"}10}' + f\"{'nested'!r:^{w}}\" + f'{ {\"a\": 1}[\"a\"] }'",
    "global module_level_global",
    "REV = other = 'abc'",
    "v = [(yield_) for yield_ in range(3) if not yield_]",
    "t = 1,",
    "for x, in pairs: pass",
    "print(*args, sep='', **{'end': ''})",
    "x = a if b else (c if d else e)",
    "x = (\n    a\n    .b()  # chained\n    .c[0]\n)",
    "def f(\n    a,  # first\n    b: int = 2,\n    *,\n    c,\n):\n    return a",
    "async def g():\n    result = [i async for i in aiter() if await check(i)]\n    async with a as b, c:\n        pass",
]


def revision_id(rng):
    return "".join(rng.choice("0123456789abcdef") for _ in range(12))


def revision_vars(rng, rev, prev):
    lines = []
    style = rng.randrange(9)
    if style == 0:
        lines.append("revision = %r" % rev)
        lines.append("down_revision = %r" % prev)
    elif style == 1:
        lines.append("revision: str = %r" % rev)
        lines.append("down_revision: Union[str, None] = %r" % prev)
        lines.append("branch_labels: Union[str, Sequence[str], None] = None")
        lines.append("depends_on: Union[str, Sequence[str], None] = None")
    elif style == 2:
        lines.append("PREVIOUS = %r" % prev)
        lines.append("revision = '%s'" % rev)
        lines.append("down_revision = PREVIOUS")
    elif style == 3:
        lines.append("revision = \"%s\" \"%s\"" % (rev[:6], rev[6:]))
        lines.append("down_revision = (%r, %r)" % (prev, revision_id(rng)))
        lines.append("branch_labels = ('feature',)")
    elif style == 4:
        lines.append("revision = %r + %r" % (rev[:4], rev[4:]))
        lines.append("down_revision = None")
        lines.append("depends_on = [%r]" % revision_id(rng))
    elif style == 5:
        lines.append("revision = %r" % rev)
        lines.append("down_revision = get_previous()")
        lines.append("branch_labels = {'a', 'b'}" if rng.random() < 0.5 else "branch_labels = 'single'")
    elif style == 6:
        lines.append("revision, down_revision = %r, %r" % (rev, prev))
        lines.append("if CONDITION:\n    depends_on = 'x'")
    elif style == 7:
        lines.append("revision = REV = %r" % rev)
        lines.append("down_revision = %r if FLAG else None" % prev)
        lines.append("depends_on: Sequence[str] = ()")
        lines.append("branch_labels = ['label'] + ['other']")
    else:
        lines.append("revision = f'%s'" % rev)
        lines.append("down_revision: Optional[str] = None  # base")
        lines.append("revision = %r  # reassigned: the last one wins" % rev)
    return lines


def body(rng, n, indent="    "):
    out = []
    for _ in range(n):
        r = rng.random()
        if r < 0.45:
            s = rng.choice(OP_CALLS)
        elif r < 0.65:
            s = "v = " + rng.choice(EXPRS)
        elif r < 0.75:
            s = "s = " + concat_string(rng)
        elif r < 0.82:
            s = "n = " + rng.choice(NUMBERS)
        elif r < 0.9:
            s = rng.choice(STATEMENTS).replace("\n", "\n" + indent)
        else:
            s = rng.choice(COMPOUND).replace("\n", "\n" + indent)
        if rng.random() < 0.15:
            s += "  # trailing comment"
        out.append(indent + s)
        if rng.random() < 0.1:
            out.append(indent + "# a comment line")
        if rng.random() < 0.05:
            out.append("")
    return out


def make_file(rng, i):
    rev, prev = revision_id(rng), revision_id(rng)
    lines = []
    doc_style = rng.randrange(4)
    if doc_style < 3:
        lines.append('"""%s\n\nRevision ID: %s\nRevises: %s\nCreate Date: 2024-0%d-1%d 12:00:00.%06d\n\n"""'
                     % (rng.choice(["Add users table", "drop legacy", "caf\u00e9 \u00e9t\u00e9 migration", "x"]), rev,
                        prev if doc_style != 1 else "", rng.randint(1, 9), rng.randint(0, 9), rng.randint(0, 999999)))
    elif rng.random() < 0.5:
        lines.append("r'''Raw docstring \\d with Revision ID: %s'''" % rev)
    lines += ["from typing import Optional, Sequence, Union", "", "from alembic import op", "import sqlalchemy as sa", ""]
    if rng.random() < 0.3:
        lines.append("%s = %s" % (rng.choice(UNICODE_IDS), rng.choice(NUMBERS)))
    lines += revision_vars(rng, rev, prev)
    lines.append("")
    for _ in range(rng.randint(0, 2)):
        lines.append(rng.choice(COMPOUND))
        lines.append("")
    for fname in ["upgrade", "downgrade"]:
        form = rng.randrange(10)
        ret = rng.choice(["", " -> None"])
        lines.append("def %s()%s:" % (fname, ret))
        if form == 0:
            lines.append("    pass")
        elif form == 1:
            lines.append('    """Nothing to do."""')
        elif form == 2:
            lines.append("    ...")
        elif form == 3:
            lines.append("    raise NotImplementedError('irreversible')")
        elif form == 4:
            lines.append('    """Docstring."""')
            lines.append("    # ### commands auto generated by Alembic - please adjust! ###")
            lines.append("    pass")
            lines.append("    # ### end Alembic commands ###")
        else:
            lines += body(rng, rng.randint(1, 8))
        lines.append("")
        lines.append("")
    if rng.random() < 0.1:
        lines.append("def upgrade():\n    op.drop_table('redefined')  # last definition wins")
    text = "\n".join(lines) + ("\n" if rng.random() < 0.9 else "")
    # Whole-file transformations.
    if rng.random() < 0.15:  # indentation with tabs (consistently)
        text = "\n".join(tabify(l) for l in text.split("\n"))
    eol = rng.random()
    if eol < 0.15:
        text = text.replace("\n", "\r\n")
    elif eol < 0.2:
        text = text.replace("\n", "\r")
    data = text.encode("utf-8")
    if rng.random() < 0.1:
        data = b"\xef\xbb\xbf" + data
    return data


def tabify(line):
    n = len(line) - len(line.lstrip(" "))
    return "\t" * (n // 4) + " " * (n % 4) + line[n:] if n % 4 == 0 else line


def main():
    out = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 2400
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    rng = random.Random(seed)
    os.makedirs(out, exist_ok=True)
    for old in os.listdir(out):  # a previous run with another count must leave nothing behind
        if old.endswith("_generated.py"):
            os.remove(os.path.join(out, old))
    made = tries = 0
    while made < count and tries < count * 5:
        tries += 1
        data = make_file(rng, made)
        try:
            ast.parse(data)
        except SyntaxError:
            continue  # a combination not valid for 3.11 (e.g. tabs inside continuation lines)
        with open(os.path.join(out, "r%05d_generated.py" % made), "wb") as fh:
            fh.write(data)
        made += 1
    print("gen_python_corpus: %d files in %s (%d rejected)" % (made, out, tries - made))
    return 0 if made == count else 1


if __name__ == "__main__":
    sys.exit(main())
