#!/usr/bin/env bash
# Install the system packages detente's tests drive for real: Debian's Chromium (browser
# tests) and Debian's PostgreSQL server (the PostgreSQL store tests start their own server
# from its binaries under /usr/lib/postgresql/*/bin; no cluster is created or started here).
#
# Idempotent and non-interactive: installs only what is missing.
# Playwright drives this browser through executable_path; never run
# `playwright install` (it downloads its own browser, which this machine refuses).
set -euo pipefail

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO="sudo"
    else
        SUDO="none"
    fi
fi

missing=()

if [ -x /usr/bin/chromium ]; then
    echo "chromium already installed: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium)"
else
    missing+=(chromium fonts-dejavu-core)
fi

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
if [ -n "$(pg_bin)" ] && [ -x "$(pg_bin)/initdb" ] && [ -x "$(pg_bin)/pg_ctl" ]; then
    echo "postgresql already installed: $("$(pg_bin)/postgres" --version 2>/dev/null || pg_bin)"
else
    missing+=(postgresql)
fi

if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

if [ "$SUDO" = "none" ]; then
    echo "install-system-deps: not root and no sudo; install Debian's ${missing[*]} package(s) by hand" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# Debian's package creates and starts a "main" cluster as a service; the tests never use it
# (they start a private server on a free port), so it is left as the package set it up.
if [ -x /usr/bin/chromium ]; then
    echo "installed: $(/usr/bin/chromium --version 2>/dev/null || echo chromium)"
fi
if [ -n "$(pg_bin)" ]; then
    echo "installed: $("$(pg_bin)/postgres" --version 2>/dev/null || echo postgresql)"
fi
