#!/usr/bin/env bash
# Install the system packages detente's browser tests need: Debian's Chromium.
#
# Idempotent and non-interactive: does nothing when /usr/bin/chromium exists.
# Playwright drives this browser through executable_path; never run
# `playwright install` (it downloads its own browser, which this machine refuses).
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
    echo "chromium already installed: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium)"
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO="sudo"
    else
        echo "install-system-deps: not root and no sudo; install Debian's chromium package by hand" >&2
        exit 1
    fi
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
echo "installed: $(/usr/bin/chromium --version 2>/dev/null || echo chromium)"
