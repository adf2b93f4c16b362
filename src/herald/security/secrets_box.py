"""Network credentials encrypted at rest, with key rotation.

Keys come from settings (``HERALD_SECRET_KEYS``: comma-separated, newest first). Each key is
any long random string; the Fernet key is derived from it with HKDF-SHA256, so operators do
not have to produce Fernet's exact base64 format. The first key encrypts; every key decrypts,
so rotation is: put a new key first, run :meth:`SecretsBox.rotate` over the stored values
(``MultiFernet.rotate`` re-encrypts under the first key), then drop the old key.

Plain values never appear in ``repr``, ``str`` or logs: :class:`SecretSettings` redacts them.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator, Mapping, Sequence

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

MIN_KEY_LENGTH = 32
DEVELOPMENT_KEY = "herald-development-key-credentials-are-not-protected"
"""Used only when no key is configured outside production (the web refuses to start in
production without ``HERALD_SECRET_KEY``): a known key, so a demo works out of the box."""
_HKDF_INFO = b"herald connection settings v1"


def keys_from_env(env: Mapping[str, str]) -> tuple[str, ...]:
    """The credential keys, newest first: ``HERALD_SECRET_KEYS`` (comma-separated), else
    ``HERALD_SECRET_KEY``, else :data:`DEVELOPMENT_KEY`; the web, the workers and the CLI
    all read them this way, so what one encrypts the others can open."""
    listed = tuple(k.strip() for k in env.get("HERALD_SECRET_KEYS", "").split(",") if k.strip())
    if listed:
        return listed
    single = env.get("HERALD_SECRET_KEY", "").strip()
    return (single,) if single else (DEVELOPMENT_KEY,)


class SecretsBoxError(ValueError):
    """Bad keys, or a stored value none of the keys can open (the message names no secret)."""


def _derive(key: str) -> Fernet:
    material = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_HKDF_INFO).derive(
        key.encode("utf-8")
    )
    return Fernet(base64.urlsafe_b64encode(material))


class SecretSettings(Mapping[str, str]):
    """Decrypted connection settings: a read-only mapping whose repr shows only the names."""

    __slots__ = ("_values",)

    def __init__(self, values: Mapping[str, str]) -> None:
        self._values = dict(values)

    def __getitem__(self, key: str) -> str:
        return self._values[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        return f"SecretSettings({', '.join(f'{k}=***' for k in sorted(self._values))})"

    __str__ = __repr__


class SecretsBox:
    """Encrypts and decrypts small JSON objects of strings with the configured keys."""

    __slots__ = ("_fernet",)

    def __init__(self, keys: Sequence[str]) -> None:
        cleaned = [k.strip() for k in keys if k.strip()]
        if not cleaned:
            raise SecretsBoxError("no secret key configured (HERALD_SECRET_KEYS)")
        short = [i for i, k in enumerate(cleaned, 1) if len(k) < MIN_KEY_LENGTH]
        if short:
            raise SecretsBoxError(
                f"secret key number {short[0]} is shorter than {MIN_KEY_LENGTH} characters"
            )
        self._fernet = MultiFernet([_derive(k) for k in cleaned])

    @classmethod
    def from_setting(cls, value: str) -> SecretsBox:
        """Keys from a comma-separated setting such as ``HERALD_SECRET_KEYS``."""
        return cls(value.split(","))

    def __repr__(self) -> str:
        return "SecretsBox(<keys redacted>)"

    def encrypt(self, values: Mapping[str, str]) -> str:
        for name, value in values.items():
            if not isinstance(name, str) or not isinstance(value, str):
                raise SecretsBoxError(f"setting {name!r} must be text")
        plain = json.dumps(dict(values), sort_keys=True, ensure_ascii=False)
        return self._fernet.encrypt(plain.encode("utf-8")).decode("ascii")

    def decrypt(self, token: str) -> SecretSettings:
        try:
            plain = self._fernet.decrypt(token.encode("ascii"))
        except (InvalidToken, UnicodeEncodeError):
            raise SecretsBoxError(
                "stored connection settings cannot be decrypted with any configured key "
                "(was a key removed before rotation finished?)"
            ) from None
        data = json.loads(plain)
        return SecretSettings({str(k): str(v) for k, v in data.items()})

    def rotate(self, token: str) -> str:
        """The same value encrypted under the first (newest) key."""
        try:
            return self._fernet.rotate(token.encode("ascii")).decode("ascii")
        except InvalidToken:
            raise SecretsBoxError("stored value cannot be decrypted with any key") from None
