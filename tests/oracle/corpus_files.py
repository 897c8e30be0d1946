"""The Python files the front-end oracles compare: shared by python_ast_oracle and python_facts_oracle."""
import os


def collect(paths):
    """Every *.py file under the given folders (and the given files), sorted.

    Entries that are not readable regular files (the unreadable-file fixture's dangling link) are
    left out: CPython cannot parse them either, and miglint's handling of them is tested there.
    """
    files = []
    for p in paths:
        if os.path.isdir(p):
            for root, _, names in os.walk(p):
                files += [os.path.join(root, n) for n in sorted(names) if n.endswith(".py")]
        else:
            files.append(p)
    return sorted(f for f in files if os.path.isfile(f))
