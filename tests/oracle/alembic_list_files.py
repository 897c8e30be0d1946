#!/usr/bin/python3
"""Truth for miglint's file selection: the revision files Alembic itself loads.

Usage: alembic_list_files.py INI...   (one JSON line per INI on stdout)

For each INI, in its folder as the current directory (Alembic resolves relative paths against
the process's cwd), builds alembic.config.Config(INI) and ScriptDirectory.from_config, and lists
the path of every Script that ScriptDirectory._load_revisions() yields, which is exactly what
the revision map is built from. Output: {"ini", "alembic", "files": [...] | null, "error": null | str,
"script_location", "version_locations", "file_template", "sourceless"} (the last four as the
ScriptDirectory holds them).
Files are absolute and normalised (os.path.abspath of Script.path).
"""
import json
import os
import sys
import warnings


def list_files(ini):
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    saved_cwd, saved_path, saved_modules = os.getcwd(), list(sys.path), set(sys.modules)
    os.chdir(os.path.dirname(os.path.abspath(ini)))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            script = ScriptDirectory.from_config(Config(ini))
            files = [os.path.abspath(s.path) for s in script._load_revisions()]
            return {
                "files": sorted(files),
                "error": None,
                "script_location": os.path.abspath(script.dir),
                "version_locations": list(script._version_locations),
                "file_template": script.file_template,
                "sourceless": script.sourceless,
            }
    except Exception as e:  # the oracle reports Alembic's failure; the test decides
        return {"files": None, "error": "%s: %s" % (type(e).__name__, e)}
    finally:
        os.chdir(saved_cwd)
        sys.path[:] = saved_path
        # Packages imported for package:resource locations must not leak into the next case.
        for name in set(sys.modules) - saved_modules:
            del sys.modules[name]


def main():
    import alembic

    for ini in sys.argv[1:]:
        result = {"ini": ini, "alembic": alembic.__version__}
        result.update(list_files(ini))
        print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
