#!/usr/bin/env bash
# Copy front-end assets from npm packages into the package, so nothing loads from a CDN.
# Run it to upgrade a vendored asset; the copied files and VERSIONS are committed.
set -euo pipefail
cd "$(dirname "$0")/.."
DEST=src/herald/web/static/vendor
# package@version:file inside the package[:folder under vendor/]
PACKAGES=(
    "htmx.org@2.0.8:dist/htmx.min.js"
    "swagger-ui-dist@5.35.0:swagger-ui-bundle.js:swagger-ui"
    "swagger-ui-dist@5.35.0:swagger-ui.css:swagger-ui"
    "swagger-ui-dist@5.35.0:LICENSE:swagger-ui"
    "swagger-ui-dist@5.35.0:NOTICE:swagger-ui"
    "chart.js@4.6.2:dist/chart.umd.min.js:chart.js"
    "chart.js@4.6.2:LICENSE.md:chart.js"
)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$DEST"
: > "$DEST/VERSIONS"
for entry in "${PACKAGES[@]}"; do
    IFS=: read -r spec file folder <<< "$entry"
    target="$DEST${folder:+/$folder}"
    mkdir -p "$target"
    (cd "$WORK" && npm pack --silent "$spec" > /dev/null)
    tarball=$(ls "$WORK"/*.tgz)
    tar -xzf "$tarball" -C "$WORK"
    cp "$WORK/package/$file" "$target/$(basename "$file")"
    sha=$(sha256sum "$target/$(basename "$file")" | cut -d' ' -f1)
    echo "$spec $file sha256:$sha" >> "$DEST/VERSIONS"
    rm -rf "$WORK/package" "$tarball"
done
cat "$DEST/VERSIONS"
