#!/usr/bin/env bash
# Installs Stoplight Prism, pinned in tests/conformance/package.json and package-lock.json, into
# build/conformance-node (not committed), and Node.js and npm from apt when they are missing.
# Prints the path of the prism executable. Installs nothing when the pinned version is there.
#   scripts/install-conformance.sh
# Prism 5.14.2 is the newest release that runs on Debian 12's Node.js 18 (5.15 and later need
# Node 24).
set -euo pipefail
cd "$(dirname "$0")/.."

dest=build/conformance-node
prism=$dest/node_modules/.bin/prism
wanted=$(sed -n 's/.*"@stoplight\/prism-cli": *"\([^"]*\)".*/\1/p' tests/conformance/package.json)

as_root() {
  if [[ $(id -u) -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null; then
    sudo "$@"
  else
    echo "install-conformance: need root or sudo to run: $*" >&2
    exit 1
  fi
}

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "install-conformance: installing nodejs and npm (apt)" >&2
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq
  as_root apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi
# Prism 5.14 needs Node.js >= 18.20.1.
if ! node -e 'const [a,b,c]=process.versions.node.split(".").map(Number);
              process.exit(a>18||(a==18&&(b>20||(b==20&&c>=1)))?0:1)'; then
  echo "install-conformance: Prism $wanted needs Node.js >= 18.20.1, found $(node --version)" >&2
  exit 1
fi

if [[ -x $prism ]] && [[ $("$prism" --version 2>/dev/null) == "$wanted" ]] &&
  cmp -s tests/conformance/package-lock.json "$dest/package-lock.json"; then
  echo "$PWD/$prism"
  exit 0
fi

echo "install-conformance: installing @stoplight/prism-cli $wanted into $dest (npm ci)" >&2
rm -rf "$dest"
mkdir -p "$dest"
cp tests/conformance/package.json tests/conformance/package-lock.json "$dest/"
# --ignore-scripts: no install scripts run (one of Prism's dependencies only sends telemetry).
(cd "$dest" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error >&2)
"$prism" --version >/dev/null
echo "$PWD/$prism"
