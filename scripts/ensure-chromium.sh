#!/usr/bin/env bash
# The trace viewer's browser tests drive Debian's Chromium (/usr/bin/chromium); they fail, not skip, without it.
# Installs it when it is missing: as root, or through sudo. Does nothing when it is there.
set -euo pipefail
command -v chromium >/dev/null && exit 0
if [ "$(id -u)" -eq 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
elif command -v sudo >/dev/null; then
  sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
else
  echo "chromium is missing and neither root nor sudo is available to install it: apt-get install chromium" >&2
  exit 1
fi
