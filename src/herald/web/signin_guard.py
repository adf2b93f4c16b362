"""Which sign-in counters a request touches, and the browsers that signed in before.

Password attempts count against the account (its e-mail address after NFKC + casefold,
so "Admin@X", "ＡＤＭＩＮ@x" and "admin@x" share one counter, and an unknown address is
counted like a known one) and against the client address, whose threshold is higher
(many people share an office's address). A browser that has signed in to an account
before carries a signed device cookie: there, the account is counted on a counter of its
own and the address counter is left out, so a stranger hammering an account from
elsewhere never locks its owner out of a known browser.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass

from fastapi import Request, Response
from itsdangerous import BadSignature, URLSafeTimedSerializer

from herald.security.identifiers import fold_identifier
from herald.security.throttle import Key, Rule, SigninThrottle, client_network

DEVICE_COOKIE = "herald_device"
DEVICE_MAX_AGE_S = 365 * 86400
_MAX_ACCOUNTS = 10
ADDRESS_FACTOR = 4
"""An address may fail this many times more often than one account before it waits."""


@dataclass(frozen=True, slots=True)
class Device:
    device_id: str
    accounts: tuple[str, ...] = ()
    """Fingerprints (keyed hashes) of the accounts that signed in from this browser."""


class SigninGuard:
    def __init__(
        self,
        throttle: SigninThrottle,
        secret_key: str,
        *,
        max_failures: int,
        first_wait_s: float,
        max_wait_s: float,
        forget_s: float,
        cookie_secure: bool,
        email_for: Callable[[int], str | None],
    ) -> None:
        self.throttle = throttle
        self.account_rule = Rule(max_failures, first_wait_s, max_wait_s, forget_s)
        self.address_rule = Rule(max_failures * ADDRESS_FACTOR, first_wait_s, max_wait_s, forget_s)
        self._devices = URLSafeTimedSerializer(secret_key, salt="herald-device")
        self._secure = cookie_secure
        self._email_for = email_for

    # -- keys --------------------------------------------------------------------------
    def account_fingerprint(self, email: str) -> str:
        return self.throttle.key("account", fold_identifier(email), self.account_rule).value

    def password_keys(self, email: str, client: str, device: Device | None) -> list[Key]:
        """The account's key first (a success clears it), then the address's."""
        account = fold_identifier(email)
        fingerprint = self.account_fingerprint(email)
        if device is not None and fingerprint in device.accounts:
            return [
                self.throttle.key("device", f"{device.device_id}\x00{account}", self.account_rule)
            ]
        return [
            self.throttle.key("account", account, self.account_rule),
            self.throttle.key("address", client_network(client), self.address_rule),
        ]

    def second_factor_keys(self, person_id: int, client: str) -> list[Key]:
        return [
            self.throttle.key("second-factor", str(person_id), self.account_rule),
            self.throttle.key("address", client_network(client), self.address_rule),
        ]

    # -- known browsers ----------------------------------------------------------------
    def device(self, request: Request) -> Device | None:
        cookie = request.cookies.get(DEVICE_COOKIE)
        if not cookie:
            return None
        try:
            data = self._devices.loads(cookie, max_age=DEVICE_MAX_AGE_S)
        except BadSignature:
            return None
        if not isinstance(data, dict) or not isinstance(data.get("d"), str):
            return None
        accounts = data.get("a")
        if not isinstance(accounts, list) or not all(isinstance(a, str) for a in accounts):
            return None
        return Device(data["d"], tuple(accounts))

    def remember_device(
        self, request: Request, response: Response, device: Device | None, email: str
    ) -> None:
        """After a full sign-in: this browser is now known for this account."""
        device = device or Device(secrets.token_urlsafe(18))
        fingerprint = self.account_fingerprint(email)
        accounts = [a for a in device.accounts if a != fingerprint][-(_MAX_ACCOUNTS - 1) :]
        value = self._devices.dumps({"d": device.device_id, "a": [*accounts, fingerprint]})
        response.set_cookie(
            DEVICE_COOKIE,
            value,
            max_age=DEVICE_MAX_AGE_S,
            httponly=True,
            secure=self._secure,
            samesite="lax",
            path="/signin",
        )

    def remember_device_for(self, request: Request, response: Response, person_id: int) -> None:
        email = self._email_for(person_id)
        if email is not None:
            self.remember_device(request, response, self.device(request), email)
