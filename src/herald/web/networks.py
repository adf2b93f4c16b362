"""Per-network character limits for the composer's preview (code points, as Herald counts)."""

from __future__ import annotations

LIMITS = {
    "x": 280,
    "twitter": 280,
    "bluesky": 300,
    "mastodon": 500,
    "threads": 500,
    "instagram": 2200,
    "tiktok": 2200,
    "linkedin": 3000,
    "facebook": 63206,
}
DEFAULT_LIMIT = 2200


def limit_for(network: str) -> int:
    return LIMITS.get(network.strip().lower(), DEFAULT_LIMIT)
