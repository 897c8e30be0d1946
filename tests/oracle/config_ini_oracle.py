#!/usr/bin/python3
"""Truth for miglint's .ini reader: what configparser.ConfigParser({"here": HERE}) makes of files.

Usage: config_ini_oracle.py HERE FILE|DIR...   (one JSON line per FILE on stdout; a DIR stands
for its *.ini files in sorted order)

Each line: {"file", "error": null | {"type", "line"} | {"type": "ParsingError", "lines": [...]},
"values": {section: {option: {"value": str} | {"error": exception class name}}}}.
Values are only meaningful when error is null or a ParsingError (configparser keeps reading
after those; the other errors abort the read).
"""
import configparser
import glob
import os
import json
import sys


def dump(here, path):
    cp = configparser.ConfigParser({"here": here})
    error = None
    try:
        cp.read([path])
    except configparser.MissingSectionHeaderError as e:
        error = {"type": "MissingSectionHeaderError", "line": e.lineno}
    except configparser.ParsingError as e:
        error = {"type": "ParsingError", "lines": [lineno for lineno, _ in e.errors]}
    except (configparser.DuplicateSectionError, configparser.DuplicateOptionError) as e:
        error = {"type": type(e).__name__, "line": e.lineno}
    except UnicodeDecodeError:
        error = {"type": "UnicodeDecodeError"}
    values = {}
    if error is not None and error["type"] != "ParsingError":
        # The read stopped half-way (multi-line values are still unjoined lists): no values.
        return {"file": path, "error": error, "values": values}
    for section in [cp.default_section] + cp.sections():
        options = list(cp.defaults()) if section == cp.default_section else cp.options(section)
        out = {}
        for option in options:
            try:
                out[option] = {"value": cp.get(section, option)}
            except configparser.Error as e:
                out[option] = {"error": type(e).__name__}
        values[section] = out
    return {"file": path, "error": error, "values": values}


def main():
    here = sys.argv[1]
    for arg in sys.argv[2:]:
        paths = sorted(glob.glob(os.path.join(arg, "*.ini"))) if os.path.isdir(arg) else [arg]
        for path in paths:
            print(json.dumps(dump(here, path)))


if __name__ == "__main__":
    main()
