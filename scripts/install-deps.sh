#!/usr/bin/env bash
# Installs everything miglint needs to build and test on Debian bookworm.
# Idempotent: packages already present are skipped by apt-get.
# --build: only what building and running miglint needs (CI images, action.yml), no test tools.
# --fuzz: what building does, plus Catch2 (the tests folder is configured) and clang with
# libFuzzer (clang's runtime libraries) and python3 (the seed collector) for scripts/fuzz.sh.
set -euo pipefail
pkgs=(
  build-essential cmake ninja-build git pkg-config ca-certificates
  libpg-query-dev libcli11-dev nlohmann-json3-dev libfmt-dev
  libpq-dev libtomlplusplus-dev
)
[ "${1:-}" != --fuzz ] || pkgs+=(catch2 clang libclang-rt-14-dev python3)
[ "${1:-}" = --build ] || [ "${1:-}" = --fuzz ] || pkgs+=(
  catch2
  postgresql-15 postgresql-client-15
  python3 python3-alembic python3-sqlalchemy python3-psycopg2 python3-jsonschema
  dpkg-dev pre-commit python3-yaml  # the .deb's Depends (dpkg-shlibdeps); hook and Action tests
)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
[ "${1:-}" != --build ] && [ "${1:-}" != --fuzz ] || exit 0

# squawk 2.66 (from the npm registry) is the side-by-side reference the squawk_parity test
# compares miglint's SQL rules with. Optional: without it (no npm registry access) that one
# test is skipped with a message, and everything else still runs.
SQUAWK_VERSION=2.66.0
if ! command -v squawk >/dev/null 2>&1 || ! squawk --version 2>/dev/null | grep -q "$SQUAWK_VERSION"; then
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  if ! command -v npm >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null || true
  fi
  if command -v npm >/dev/null 2>&1; then
    $SUDO npm install -g --no-audit --no-fund "squawk-cli@$SQUAWK_VERSION" >/dev/null 2>&1 \
      || echo "install-deps: could not install squawk-cli from npm; the squawk_parity test will be skipped" >&2
  fi
fi

# The SARIF 2.1.0 JSON schema (OASIS; the 2.1.0-rtm.5 text of the standard), which the
# cli/ci_format_sarif test validates `--format sarif` against. The npm package
# @microsoft/jest-sarif (MIT) ships it; only that file is kept. Optional like squawk: without npm
# access that one test is skipped with a message.
SARIF_SCHEMA=/usr/local/share/sarif/sarif-2.1.0-rtm.5.json
if [ ! -s "$SARIF_SCHEMA" ] && command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  tmp=$(mktemp -d)
  if (cd "$tmp" && npm pack --silent "@microsoft/jest-sarif@1.0.0-beta.0" >/dev/null 2>&1 \
        && tar xzf microsoft-jest-sarif-1.0.0-beta.0.tgz package/lib/schemas/sarif-2.1.0-rtm.5.json); then
    $SUDO mkdir -p "$(dirname "$SARIF_SCHEMA")"
    $SUDO cp "$tmp/package/lib/schemas/sarif-2.1.0-rtm.5.json" "$SARIF_SCHEMA"
  else
    echo "install-deps: could not fetch the SARIF schema from npm; the ci_format_sarif test will be skipped" >&2
  fi
  rm -rf "$tmp"
fi
