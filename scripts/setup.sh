#!/usr/bin/env bash
# Set up everything acmap needs on a Debian/Ubuntu machine (or any machine with python3 and dot):
# the system Graphviz, a virtual environment in .venv, and acmap with its test dependencies.
# Safe to run again: it only does what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
apt_updated=
apt_install() {
  command -v apt-get >/dev/null || { echo "setup: please install $* with your package manager" >&2; exit 1; }
  [ -n "$apt_updated" ] || { as_root apt-get update -qq; apt_updated=1; }
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

command -v dot >/dev/null || apt_install graphviz
command -v git >/dev/null || apt_install git
# Headless Chromium and its WebDriver: the Mermaid check (tests/mermaid_check.py) draws acmap's
# Mermaid output with the real mermaid package in a browser, as GitHub does.
if ! command -v chromium >/dev/null && ! command -v chromium-browser >/dev/null; then
  apt_install chromium chromium-driver
elif ! command -v chromedriver >/dev/null; then
  apt_install chromium-driver
fi

python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  if ! "$python" -m venv .venv 2>/dev/null; then
    rm -rf .venv
    apt_install python3-venv
    "$python" -m venv .venv
  fi
fi
stamp=.venv/.acmap-installed
# A .venv that is a symlink is shared with another checkout (a git worktree): installing this
# checkout into it would repoint that checkout's editable install, so it is left alone.
if [ -L .venv ]; then
  :
elif [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e '.[dev]'
  touch "$stamp"
fi

# Node tools the tests drive for real, pinned in tests/node/package.json and its committed lock:
# yaml-language-server for the editor test, mermaid for the Mermaid check. Installed into
# tests/node/node_modules, again only when package.json or the lock is newer than the last install.
if ! command -v node >/dev/null; then
  apt_install nodejs npm
elif ! command -v npm >/dev/null; then
  apt_install npm
fi
node_stamp=tests/node/node_modules/.acmap-installed
if [ ! -f "$node_stamp" ] || [ tests/node/package.json -nt "$node_stamp" ] ||
  [ tests/node/package-lock.json -nt "$node_stamp" ]; then
  (cd tests/node && npm ci --no-audit --no-fund --no-update-notifier --loglevel=error >/dev/null)
  touch "$node_stamp"
fi
