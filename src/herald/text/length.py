"""How long a post is, counted the way each network counts it.

Networks do not count code points: X weighs every link as 23 characters and counts most
characters outside Latin and common punctuation (CJK, emoji) twice; Mastodon also counts a
link as 23 and a mention of a remote account by its local part; Bluesky counts grapheme
clusters (a family emoji is one). A post that fits by Python's ``len`` can be refused by the
network, and one that does not fit by ``len`` can go out, so limits are checked with these
rules before a post is submitted.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

_URL = regex.compile(r"https?://[^\s<>\"']+|www\.[^\s<>\"']+", regex.IGNORECASE)
_GRAPHEME = regex.compile(r"\X")
_REMOTE_MENTION = regex.compile(r"(@[\w.]+)@[\w.\-]+\.[a-z]{2,}", regex.IGNORECASE)
# X counts these ranges as one character each; everything else (CJK, emoji, ...) as two.
_X_LIGHT = ((0x0000, 0x10FF), (0x2000, 0x200D), (0x2010, 0x201F), (0x2032, 0x2037))
LINK_LENGTH = 23


@dataclass(frozen=True, slots=True)
class NetworkRules:
    limit: int
    links_as: int | None
    """Every link counts as this many characters (None: as written)."""
    weighted: bool = False
    """X's weighting: characters outside the light ranges count twice."""
    remote_mentions_local: bool = False
    """Mastodon: ``@user@server`` counts as ``@user``."""


NETWORKS: dict[str, NetworkRules] = {
    "x": NetworkRules(280, LINK_LENGTH, weighted=True),
    "twitter": NetworkRules(280, LINK_LENGTH, weighted=True),
    "mastodon": NetworkRules(500, LINK_LENGTH, remote_mentions_local=True),
    "bluesky": NetworkRules(300, None),
    "threads": NetworkRules(500, None),
    "linkedin": NetworkRules(3000, None),
    "instagram": NetworkRules(2200, None),
    "facebook": NetworkRules(63206, None),
    "tiktok": NetworkRules(2200, None),
    "youtube": NetworkRules(5000, None),
}


def _x_weight(cluster: str) -> int:
    code = ord(cluster[0])
    return 1 if any(low <= code <= high for low, high in _X_LIGHT) else 2


def network_length(text: str, network: str) -> int:
    """The length ``network`` sees; an unknown network counts grapheme clusters."""
    rules = NETWORKS.get(network.lower())
    if rules is None:
        return len(_GRAPHEME.findall(text))
    links = 0
    if rules.links_as is not None:
        links = len(_URL.findall(text))
        text = _URL.sub("", text)
    if rules.remote_mentions_local:
        text = _REMOTE_MENTION.sub(r"\1", text)
    clusters = _GRAPHEME.findall(text)
    counted = sum(_x_weight(c) for c in clusters) if rules.weighted else len(clusters)
    return counted + links * (rules.links_as or 0)


def network_limit(network: str) -> int | None:
    rules = NETWORKS.get(network.lower())
    return rules.limit if rules is not None else None
