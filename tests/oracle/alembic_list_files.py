#!/usr/bin/python3
"""Truth for miglint's file selection: the revision files Alembic itself loads.

Usage: alembic_list_files.py CONFIG...   (one JSON line per CONFIG on stdout)

CONFIG is an alembic.ini or a pyproject.toml. With Alembic >= 1.16 (e.g. a source checkout on
PYTHONPATH) both files of CONFIG's folder are passed to Config, as the `alembic` command does;
older Alembic reads only the ini.

For each CONFIG, in its folder as the current directory (Alembic resolves relative paths
against the process's cwd), builds a Config and ScriptDirectory.from_config, and lists the path
of every Script that ScriptDirectory._load_revisions() yields, which is exactly what the
revision map is built from. Output: {"ini", "alembic", "files": [...] | null,
"error": null | str, "script_location", "version_locations", "file_template", "sourceless"}
(the last four as the ScriptDirectory holds them). Files are absolute and normalised
(os.path.abspath of Script.path).
"""
import importlib
import json
import os
import sys
import warnings


def make_config(path):
    import alembic
    from alembic.config import Config

    if tuple(int(x) for x in alembic.__version__.split(".")[:2]) < (1, 16):
        return Config(path)
    folder = os.path.dirname(os.path.abspath(path))
    ini = os.path.join(folder, "alembic.ini")
    toml = os.path.join(folder, "pyproject.toml")
    return Config(
        file_=ini if os.path.exists(ini) else None,
        toml_file=toml if os.path.exists(toml) else None,
    )


def list_files(ini):
    from alembic.script import ScriptDirectory

    saved_cwd, saved_path, saved_modules = os.getcwd(), list(sys.path), set(sys.modules)
    # Finders cache relative sys.path entries such as "src": forget the previous case's folders.
    sys.path_importer_cache.clear()
    importlib.invalidate_caches()
    os.chdir(os.path.dirname(os.path.abspath(ini)))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            script = ScriptDirectory.from_config(make_config(ini))
            files = [os.path.abspath(str(s.path)) for s in script._load_revisions()]
            return {
                "files": sorted(files),
                "error": None,
                "script_location": os.path.abspath(str(script.dir)),
                "version_locations": [str(v) for v in script._version_locations],
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
