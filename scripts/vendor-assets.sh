#!/usr/bin/env bash
# Copy front-end assets from npm packages into the package, so nothing loads from a CDN.
# Run it to upgrade a vendored asset; the copied files and VERSIONS are committed.
set -euo pipefail
cd "$(dirname "$0")/.."
DEST=src/herald/web/static/vendor
# package@version -> file inside the package
PACKAGES=(
    "htmx.org@2.0.8:dist/htmx.min.js"
)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$DEST"
: > "$DEST/VERSIONS"
for entry in "${PACKAGES[@]}"; do
    spec=${entry%%:*}
    file=${entry#*:}
    (cd "$WORK" && npm pack --silent "$spec" > /dev/null)
    tarball=$(ls "$WORK"/*.tgz)
    tar -xzf "$tarball" -C "$WORK"
    cp "$WORK/package/$file" "$DEST/$(basename "$file")"
    sha=$(sha256sum "$DEST/$(basename "$file")" | cut -d' ' -f1)
    echo "$spec $file sha256:$sha" >> "$DEST/VERSIONS"
    rm -rf "$WORK/package" "$tarball"
done
cat "$DEST/VERSIONS"
