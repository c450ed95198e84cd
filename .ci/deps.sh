#!/usr/bin/env bash
# Install the Debian packages the build and the tests need, when missing.
# Idempotent and quiet when everything is there. Root uses apt-get directly,
# anyone else goes through sudo.
set -euo pipefail
pkgs=(build-essential pkg-config clang libclang-rt-14-dev libcjson-dev libxxhash-dev xxhash libcmocka-dev
      libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev libfontconfig-dev libcurl4-openssl-dev uuid-dev libssl-dev
      fonts-dejavu-core fonts-wqy-microhei xvfb xauth python3 python3-jsonschema graphviz libgraphviz-dev imagemagick chromium)
missing=()
for p in "${pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node.js (for the xAPI validator in the report tests): any installed node and
# npm will do; some machines carry a vendor build that bundles npm and
# conflicts with Debian's npm package.
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
install_npm() {   # the test tools from npm, pinned by their lock files
    for d in tests/report tests/lrs; do
        [ -f "$d/package-lock.json" ] && [ ! -d "$d/node_modules" ] && (cd "$d" && npm ci --no-audit --no-fund >/dev/null)
    done
    return 0
}
if [ ${#missing[@]} -eq 0 ]; then install_npm; exit 0; fi
if [ "$(id -u)" -eq 0 ]; then SUDO=(); else SUDO=(sudo); fi
echo "make deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
install_npm
