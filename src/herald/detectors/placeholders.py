"""False-positive filters shared by the credential detectors: small pure functions.

Documentation and support posts are full of things shaped like secrets that are not:
``<token>``, ``YOUR_API_KEY``, ``xxxx``, ``****``, UUIDs and commit hashes.
"""

from __future__ import annotations

import math
from collections import Counter

import regex

_PLACEHOLDER = regex.compile(
    r"""(?ix)
    ^[<\[{(].*[>\]})]$                       # <token>, [password], {api_key}
  | ^\$\{?[a-z_][a-z0-9_]*\}?$               # $TOKEN, ${API_KEY}
  | ^%[a-z_]+%$                              # %PASSWORD%
  | (?:x{3,}|\*{3,}|•{3,}|\.{3,}|_{3,}|\#{3,}|-{3,}|0{6,})   # xxxx, ****, ..., 000000
  | ^(?:your|my|the|insert|enter|put|example|sample|dummy|fake|test|placeholder|redacted|changeme)
      [_\-]?(?:api[_\-]?)?(?:key|token|secret|password|pass|pwd|here|value)?$
  | (?:your|example|sample|dummy|placeholder|redacted)[_\-]
  | example$
  | ^(?:password|contraseña|şifre|sifre|parola|clave|secret|token|null|none|undefined|hidden|gizli)$
    """
)
_UUID = regex.compile(
    r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", regex.IGNORECASE
)
_HEX = regex.compile(r"^[0-9a-f]+$", regex.IGNORECASE)


def is_placeholder(value: str) -> bool:
    """A value written to stand for a secret rather than be one."""
    return bool(_PLACEHOLDER.search(value))


def is_uuid(value: str) -> bool:
    return bool(_UUID.match(value))


def is_commit_hash(value: str) -> bool:
    """A 7-40 character hexadecimal string: what git shows and links contain."""
    return 7 <= len(value) <= 40 and bool(_HEX.match(value))


def shannon_entropy(value: str) -> float:
    """Bits per character; random tokens score above 3.5, words and numbers below."""
    if not value:
        return 0.0
    counts = Counter(value)
    total = len(value)
    return -sum(n / total * math.log2(n / total) for n in counts.values())


def character_classes(value: str) -> int:
    """How many of lower-case, upper-case, digits and symbols the value mixes."""
    return sum(
        (
            any(c.islower() for c in value),
            any(c.isupper() for c in value),
            any(c.isdigit() for c in value),
            any(not c.isalnum() for c in value),
        )
    )
