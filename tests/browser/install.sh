#!/usr/bin/env bash
# Install what the browser checker needs: Debian's chromium (+ CJK fonts so
# Chinese text renders) and the pinned node dependencies. Idempotent.
# playwright-core downloads no browser; check.mjs drives /usr/bin/chromium
# (or $CHROMIUM).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

need_pkgs=()
if [ ! -x /usr/bin/chromium ]; then
  need_pkgs+=(chromium)
fi
if ! dpkg-query -W -f='${Status}' fonts-noto-cjk 2>/dev/null | grep -q 'install ok installed'; then
  need_pkgs+=(fonts-noto-cjk)
fi
if [ "${#need_pkgs[@]}" -gt 0 ]; then
  sudo_cmd=()
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
  "${sudo_cmd[@]}" apt-get update
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y "${need_pkgs[@]}"
fi

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "install.sh: node and npm are required" >&2
  exit 1
fi

cd "$here"
# Never let any tool fetch a browser build.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
npm ci --no-audit --no-fund
