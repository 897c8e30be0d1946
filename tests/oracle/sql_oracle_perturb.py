"""Rewritings of SQL text for the SQL oracle's self-test (tests/oracle/sql_oracle.py): variants
that mean the same (`perturb`: whitespace re-flowed, words re-cased, known identifiers quoted),
which normalising must not tell apart, and variants that mean something else (`mutations`),
which it must. A small SQL tokenizer keeps comments, literals and dollar-quoted bodies intact.
"""
import ast
import os
import re

TOKEN = re.compile(r"""
    (?P<ws>\s+)
  | (?P<line_comment>--[^\n]*)
  | (?P<block_comment>/\*.*?\*/)
  | (?P<string>[eE]?'(?:[^']|'')*')
  | (?P<dollar>\$(?P<tag>[A-Za-z_]*)\$.*?\$(?P=tag)\$)
  | (?P<quoted>"(?:[^"]|"")*")
  | (?P<word>[A-Za-z_][A-Za-z0-9_$]*)
  | (?P<other>.)
""", re.S | re.X)


def tokens(sql):
    return [(m.lastgroup if m.lastgroup != "tag" else "dollar", m.group()) for m in TOKEN.finditer(sql)]


def identifier_names(repo):
    """Lower-case identifier-shaped string constants of the revision files: table, column,
    index and constraint names, which may be quoted in SQL without changing its meaning."""
    names = set()
    versions = os.path.join(repo, "versions")
    for f in os.listdir(versions):
        if f.endswith(".py"):
            tree = ast.parse(open(os.path.join(versions, f)).read())
            for node in ast.walk(tree):
                if isinstance(node, ast.Constant) and isinstance(node.value, str) and \
                        re.fullmatch(r"[a-z_][a-z0-9_]*", node.value):
                    names.add(node.value)
    # Keywords (quoted, they become identifiers), and type and role names where quoting would
    # name something else.
    return names - SQL_KEYWORDS - {"gin", "gist", "btree", "inet_ops", "public", "text"}


# PostgreSQL 15's reserved keywords (Appendix C), plus non-reserved ones Alembic's output and the
# fixtures use as keywords (constraint kinds, ON DELETE actions, ...).
SQL_KEYWORDS = set("""
    all analyse analyze and any array as asc asymmetric both case cast check collate column
    constraint create current_catalog current_date current_role current_time current_timestamp
    current_user default deferrable desc distinct do else end except false fetch for foreign from
    grant group having in initially intersect into lateral leading limit localtime
    localtimestamp not null offset on only or order placing primary references returning select
    session_user some symmetric system_user table then to trailing true union unique user using
    variadic when where window with
    key foreignkey cascade restrict set no action full match deferred immediate valid
    index concurrently exists if type enum drop alter add rename comment is begin commit
    stored generated always identity by start increment cycle values update delete insert
    schema view materialized data extension trigger function language returns before after
    each row execute exclude include nulls first last
""".split())


def perturb(sql, names, rng):
    """The same SQL written differently: whitespace re-flowed, unquoted words in random case,
    known identifiers quoted. Comments, literals and dollar-quoted bodies are kept verbatim."""
    out = []
    prev = None
    for kind, text in tokens(sql):
        if kind == "ws":
            # a line comment ends at a newline, so keep one after it
            out.append(rng.choice([" ", "\n\t", "  \n  ", "\n"]) if prev != "line_comment" else "\n ")
        elif kind == "word":
            choice = rng.random()
            if text.lower() in names and choice < 0.5:
                out.append('"' + text.lower() + '"')
            elif choice < 0.75:
                out.append(text.swapcase())
            else:
                out.append(text.upper())
        else:
            out.append(text)
        prev = kind
    return "".join(out)


def mutations(sql, names):
    """Variants of the SQL that mean something else, which normalising must not hide."""
    toks = tokens(sql)
    out = []

    def replaced(i, text):
        return "".join(t if j != i else text for j, (_, t) in enumerate(toks))

    for i, (kind, text) in enumerate(toks):
        if kind == "string" and text.startswith("'"):
            out.append((f"string {text} changed", replaced(i, "'x" + text[1:])))
            break
    for i, (kind, text) in enumerate(toks):
        if kind == "word" and text.lower() in names:
            out.append((f"identifier {text} quoted in upper case", replaced(i, '"' + text.upper() + '"')))
            break
    for i, (kind, text) in enumerate(toks):
        if kind == "other" and text == ";":
            # dropping the first ';' joins two statements (or makes the text fail to parse)
            out.append(("first ';' removed", replaced(i, " ")))
            break
    return out
