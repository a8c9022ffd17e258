#!/usr/bin/env bash
# Installs what the tests need (Debian packages, npm packages), builds, and runs every test.
#   ./test.sh                 everything
#   ./test.sh --filter X      passes the filter to dotnet test
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"

log() { echo "test.sh: $*" >&2; }

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else SUDO=""; fi
fi

# Debian packages: real clients and servers the interop tests drive.
APT_PACKAGES=(kcat python3-kafka python3-confluent-kafka librdkafka-dev liblz4-1 libzstd1 gcc libc6-dev
    python3-avro python3-snappy python3-zstandard python3-requests)
missing=()
for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    log "installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm packages (kafkajs, avsc, ...) for the JavaScript interop tests: every tests/*/js folder.
for JS_DIR in "$ROOT"/tests/*/js; do
    [ -f "$JS_DIR/package.json" ] || continue
    if [ ! -d "$JS_DIR/node_modules" ] || [ "$JS_DIR/package-lock.json" -nt "$JS_DIR/node_modules" ]; then
        if ! command -v npm >/dev/null 2>&1; then
            log "installing Node.js and npm"
            $SUDO apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
        fi
        log "installing npm packages in $JS_DIR"
        (cd "$JS_DIR" && npm ci --no-audit --no-fund --loglevel=error)
        touch "$JS_DIR/node_modules"
    fi
done

log "building"
dotnet build "$ROOT/Pipeline.sln" -c Release -nologo -v quiet -clp:ErrorsOnly

log "running tests"
dotnet test "$ROOT/Pipeline.sln" -c Release --no-build -nologo \
    --logger "console;verbosity=minimal" "$@"
