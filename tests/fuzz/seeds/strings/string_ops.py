import textwrap

TABLE = "users"
SCHEMA = 'public'
SQL = textwrap.dedent(
    """
    CREATE INDEX CONCURRENTLY ix_%s_email
        ON %s.%s (email)\tWHERE deleted_at IS NULL
    """
) % (TABLE, SCHEMA, TABLE)
F = f"ALTER TABLE {SCHEMA}.{TABLE!s} ADD COLUMN {'c' + 'd'} int DEFAULT {1 + 2:>4}"
G = "SELECT {0}, {name}, {{literal}}".format(1, name="x").upper().strip()
H = ("SELECT 1; " 'SELEC 2' r"\n\d" "\N{BULLET}\x41\u00e9\
")
J = ", ".join(["a", "b"]).replace("a", "z").lstrip("z")
K = b"\x00\xff" + b'raw'
BAD = "SELECT 'unterminated"
