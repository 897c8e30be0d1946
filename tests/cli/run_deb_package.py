#!/usr/bin/env python3
"""CPack builds the Debian package; dpkg-deb inspects it (nothing is installed system-wide).

Proves: the .deb declares Depends on the Debian package of every shared library the binary
needs directly (libpg_query, libpq, fmt, toml++, the C and C++ runtimes: its NEEDED entries, as
`objdump -p`, `ldd` and `dpkg -S` find them on this
release, so the test follows Debian's package names instead of repeating them); it holds
/usr/bin/miglint and the docs; and the extracted binary runs `explain` from its own tree.

Usage: run_deb_package.py BUILD_DIR
"""
import glob
import os
import re
import subprocess
import sys
import tempfile

failures = []


def check(condition, what, output=""):
    print(("ok   " if condition else "FAIL ") + what)
    if not condition:
        failures.append(what)
        if output:
            print(output)


def run(*args, **kw):
    return subprocess.run(list(args), capture_output=True, text=True, **kw)


def owning_package(library_path):
    """The Debian package that ships a shared library (`dpkg -S`), architecture qualifier dropped."""
    out = run("dpkg", "-S", os.path.realpath(library_path))
    if out.returncode != 0:
        out = run("dpkg", "-S", library_path)
    return out.stdout.split(":")[0].strip() if out.returncode == 0 else None


def main():
    build = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory(prefix="miglint-deb-") as tmp:
        proc = run("cpack", "--config", os.path.join(build, "CPackConfig.cmake"), "-B", tmp)
        if proc.returncode != 0:
            print(proc.stdout + proc.stderr)
            return 1
        debs = glob.glob(os.path.join(tmp, "*.deb"))
        check(len(debs) == 1, "cpack made one .deb", "\n".join(debs))
        if not debs:
            return 1
        deb = debs[0]
        check(re.fullmatch(r"miglint_\d+\.\d+\.\d+_[a-z0-9]+\.deb", os.path.basename(deb)) is not None,
              "named miglint_<version>_<arch>.deb", deb)

        info = run("dpkg-deb", "-f", deb, "Package", "Version", "Depends").stdout
        fields = dict(line.split(": ", 1) for line in info.splitlines() if ": " in line)
        depends = [d.strip().split(" ")[0] for d in fields.get("Depends", "").split(",") if d.strip()]
        check(fields.get("Package") == "miglint", "Package: miglint", info)

        # The packages that really ship the libraries the binary needs directly (its DT_NEEDED
        # entries, resolved to files by ldd, owners by dpkg -S). Libraries those load in turn
        # (libpq's krb5, ssl, ldap …) are their packages' dependencies, not miglint's.
        ldd = run("ldd", os.path.join(build, "src", "miglint")).stdout
        paths = {}
        for line in ldd.splitlines():
            m = re.match(r"\s*(\S+) => (\S+)", line)
            if m:
                paths[m.group(1)] = m.group(2)
        dynamic = run("objdump", "-p", os.path.join(build, "src", "miglint")).stdout
        needed = re.findall(r"^\s*NEEDED\s+(\S+)", dynamic, re.M)
        linked = {name: paths[name] for name in needed if name in paths}
        check(any(name.startswith("libpg_query.so") for name in linked), "the binary links libpg_query", ldd)
        check(any(name.startswith("libpq.so") for name in linked), "the binary links libpq (the executor)", ldd)
        for name, path in sorted(linked.items()):
            package = owning_package(path)
            check(package is not None and package in depends,
                  f"Depends names {package}, which ships {name}", fields.get("Depends", ""))
        print("Depends: " + fields.get("Depends", ""))
        contents = run("dpkg-deb", "-c", deb).stdout
        for path in ["./usr/bin/miglint", "./usr/share/doc/miglint/ci.md", "./usr/share/doc/miglint/README.md",
                     "./usr/share/doc/miglint/rules/README.md", "./usr/share/doc/miglint/rules/multiple-heads.md"]:
            check(re.search(r"\s" + re.escape(path) + r"$", contents, re.M) is not None, f"the .deb holds {path}")

        root = os.path.join(tmp, "root")
        check(run("dpkg-deb", "-x", deb, root).returncode == 0, "dpkg-deb -x extracts it")
        out = run(os.path.join(root, "usr", "bin", "miglint"), "explain", "multiple-heads", cwd=tmp)
        check(out.returncode == 0 and out.stdout.startswith("# multiple-heads"),
              "the packaged binary prints the packaged rule page", out.stdout[:300] + out.stderr)
    print(f"{len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
