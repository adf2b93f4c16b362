#!/usr/bin/env bash
# Install what the connector tests need from real servers (for .ci/run to call).
# snac2 (a small server of the Mastodon client API) comes from Debian bookworm-backports;
# the tests start and stop their own snac2 instance in a temporary directory, so nothing
# keeps running afterwards. Without snac2 those tests skip and say why.
set -euo pipefail

if ! command -v snac >/dev/null 2>&1; then
    if ! grep -rqs bookworm-backports /etc/apt/sources.list /etc/apt/sources.list.d/; then
        # The same mirror the machine already uses for bookworm, with the backports suite.
        mirror=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources)
        printf 'Types: deb\nURIs: %s\nSuites: bookworm-backports\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
            "$mirror" > /etc/apt/sources.list.d/bookworm-backports.sources
    fi
    apt-get update -q
    # --no-install-recommends: snac2 recommends apache2, which the tests do not need.
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
        -t bookworm-backports snac2
fi
echo "snac2: $(command -v snac)"
