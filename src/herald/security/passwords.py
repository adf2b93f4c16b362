"""Password hashing (argon2id) and a minimum strength with explainable feedback."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from argon2 import Parameters, PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from zxcvbn import zxcvbn

MIN_LENGTH = 10
MAX_LENGTH = 256
MIN_SCORE = 3
"""zxcvbn score (0..4) a password must reach: 3 is 'safely unguessable' for online attacks."""
_ZXCVBN_MAX = 72  # zxcvbn refuses longer input; the first 72 characters decide the score

# argon2id with 46 MiB, 2 passes, one lane: above OWASP's minimum (46 MiB, 1 pass) and
# ~80 ms a hash here, so a sign-in stays well under 300 ms on a busy two-core machine
# (`python -m bench signin`). argon2-cffi's default (64 MiB, 3 passes, 4 lanes) took
# ~120 ms alone and its four lanes compete for the cores with every other request.
# Hashes made with other parameters still verify and are rehashed at the next sign-in.
PARAMETERS = Parameters(
    type=Type.ID,
    version=19,
    salt_len=16,
    hash_len=32,
    time_cost=2,
    memory_cost=47_104,
    parallelism=1,
)
_hasher = PasswordHasher.from_parameters(PARAMETERS)


def use_parameters(parameters: Parameters) -> None:
    """Change the hashing cost (tests use argon2's CHEAPEST profile to stay fast).

    Hashes made with other parameters still verify, and are upgraded at the next sign-in.
    """
    global _hasher
    _hasher = PasswordHasher.from_parameters(parameters)


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    """True when ``password`` matches; a malformed stored hash is a mismatch, not a crash."""
    try:
        return _hasher.verify(stored_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    """True when the hash was made with weaker parameters than today's; rehash at sign-in."""
    return _hasher.check_needs_rehash(stored_hash)


_READABLE = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/l/I


def generate_password(groups: int = 4) -> str:
    """A first password to hand over, e.g. ``k7Qp-x3Mz-9dWe-HtR4`` (about 92 bits)."""
    return "-".join("".join(secrets.choice(_READABLE) for _ in range(4)) for _ in range(groups))


def N_(message: str) -> str:  # noqa: N802 - the conventional gettext no-op marker
    """Mark a string for the message catalog without translating it here."""
    return message


TOO_SHORT = N_("Use at least %(min)d characters.")
TOO_LONG = N_("Use at most %(max)d characters.")
TOO_WEAK = N_("This password is too easy to guess.")

# zxcvbn's feedback is English; these are its messages, so the catalogs translate them.
ZXCVBN_MESSAGES = (
    N_("Use a few words, avoid common phrases."),
    N_("No need for symbols, digits, or uppercase letters."),
    N_("Add another word or two. Uncommon words are better."),
    N_("Straight rows of keys are easy to guess."),
    N_("Short keyboard patterns are easy to guess."),
    N_("Use a longer keyboard pattern with more turns."),
    N_('Repeats like "aaa" are easy to guess.'),
    N_('Repeats like "abcabcabc" are only slightly harder to guess than "abc".'),
    N_("Avoid repeated words and characters."),
    N_('Sequences like "abc" or "6543" are easy to guess.'),
    N_("Avoid sequences."),
    N_("Recent years are easy to guess."),
    N_("Avoid recent years."),
    N_("Avoid years that are associated with you."),
    N_("Dates are often easy to guess."),
    N_("Avoid dates and years that are associated with you."),
    N_("This is a top-10 common password."),
    N_("This is a top-100 common password."),
    N_("This is a very common password."),
    N_("This is similar to a commonly used password."),
    N_("A word by itself is easy to guess."),
    N_("Names and surnames by themselves are easy to guess."),
    N_("Common names and surnames are easy to guess."),
    N_("Capitalization doesn't help very much."),
    N_("All-uppercase is almost as easy to guess as all-lowercase."),
    N_("Reversed words aren't much harder to guess."),
    N_("Predictable substitutions like '@' instead of 'a' don't help very much."),
)


@dataclass(frozen=True, slots=True)
class StrengthReport:
    """Whether a password is acceptable, and why not, as catalog message ids."""

    acceptable: bool
    score: int
    problems: tuple[str, ...]
    """Message ids (English); ``%(min)d``/``%(max)d`` take ``MIN_LENGTH``/``MAX_LENGTH``."""


def check_strength(password: str, user_inputs: Iterable[str] = ()) -> StrengthReport:
    """Judge a new password; ``user_inputs`` (name, e-mail, company) count as guessable."""
    if len(password) < MIN_LENGTH:
        return StrengthReport(False, 0, (TOO_SHORT,))
    if len(password) > MAX_LENGTH:
        return StrengthReport(False, 0, (TOO_LONG,))
    result = zxcvbn(password[:_ZXCVBN_MAX], user_inputs=[u for u in user_inputs if u])
    score = int(result["score"])
    if score >= MIN_SCORE:
        return StrengthReport(True, score, ())
    feedback = result["feedback"]
    problems = [TOO_WEAK]
    if feedback.get("warning"):
        problems.append(str(feedback["warning"]))
    problems.extend(str(s) for s in feedback.get("suggestions", ()))
    return StrengthReport(False, score, tuple(dict.fromkeys(problems)))
