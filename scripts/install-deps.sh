#!/usr/bin/env bash
# Installs the Debian packages closeio-cpp needs to build, test, fuzz, check, package and
# document itself. (Node.js, npm and Prism come from scripts/install-conformance.sh.)
# Installs only what is missing; needs root (or sudo) when something is.
set -euo pipefail

packages=(
  build-essential cmake pkg-config git
  libcurl4-openssl-dev libssl-dev nlohmann-json3-dev nghttp2-proxy
  libgtest-dev libgmock-dev googletest
  libcpp-httplib-dev zlib1g-dev libbrotli-dev libcli11-dev libbenchmark-dev libssl-dev
  clang libclang-rt-dev
  doxygen openssl ca-certificates
  ccache lld clang-format clang-tidy shellcheck
  dpkg-dev file curl python3
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if ((${#missing[@]} == 0)); then
  exit 0
fi

echo "closeio-cpp: installing ${missing[*]}" >&2
as_root=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "closeio-cpp: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  as_root=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
