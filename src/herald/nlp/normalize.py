"""Normalisation shared by every classifier: one canonical form of a social media text.

Folds case and accents with Turkish rules (via :mod:`herald.text.fold`), undoes leetspeak,
replaces URLs, e-mail addresses, @mentions, phone numbers and numbers with placeholders,
squashes stretched letters ("güzeeeel" -> "guzeel"), turns ASCII emoticons into emoji and
keeps emoji as separate tokens, because they carry much of a post's sentiment.

The output is for features only: its offsets do not match the original text.
"""

from __future__ import annotations

import re

import regex

from herald.text.fold import deobfuscate, fold

MAX_CHARS = 4000
"""Classifiers look at the first this many characters; a longer text adds cost, not signal."""

URL = "xurlx"
EMAIL = "xemailx"
USER = "xuserx"
PHONE = "xphonex"
NUMBER = "xnumx"
PLACEHOLDERS = (URL, EMAIL, USER, PHONE, NUMBER)

# Host labels are matched possessively ("label." units never give a dot back) and only
# from the start of a token, so long runs like "1.1.1.1…" cost linear time.
_EMAIL = regex.compile(r"(?<![\w.+\-])[\w.+\-]++@(?:[\w\-]+\.)++[\w\-]+")
_TLDS = (
    r"(?:com|net|org|info|biz|io|co|me|ly|gl|tr|es|mx|ar|uk|us|"
    r"xyz|top|club|online|site|link|click|app|live|shop|store|win|vip|icu)"
)
_URL = regex.compile(
    r"(?:(?:https?|ftp)://|www\.)\S+"
    rf"|(?<![\w.\-])(?:[\w\-]+\.)++{_TLDS}\b(?:/\S*)?"
    r"|\burl\b"
)
# What every _URL match contains: "://", "www.", "url" or a dot and a top-level domain.
# Most sentences have a dot and no link; this test is much cheaper than _URL itself.
_URL_HINT = regex.compile(rf"://|www\.|url|\.{_TLDS}\b")
_MENTION = regex.compile(r"(?<![\w@])@\w+")
# Seven or more digits, possibly grouped: a phone number or an account number.
_PHONE = regex.compile(r"(?<![\p{L}\d])\+?\d(?:[\d \-().]{5,}\d)(?![\p{L}\d])")
# Digits inside a word are leetspeak ("s1kt1r"), not numbers.
_NUMBER = regex.compile(r"(?<![\p{L}\d])\d+(?:[.,]\d+)*(?![\p{L}\d])")
_STRETCH = regex.compile(r"(\p{L})\1{2,}")
# Three equal characters in a row, a precondition of _STRETCH that the standard library's
# engine finds several times faster (a backreference is slow in regex).
_TRIPLE = re.compile(r"(.)\1\1", re.DOTALL)
_EMOTICONS = (
    (regex.compile(r"(?<![\w:])(?::-?\)+|=\)+|:-?\]|;-?\)+|\^_?\^)"), " 🙂 "),
    (regex.compile(r"(?<![\w:])(?::-?d+\b|x-?d+\b)"), " 😀 "),
    (regex.compile(r"(?<![\w:])(?::-?\(+|=\(+|:'\(+|:-?\[)"), " 🙁 "),
    (regex.compile(r"(?<![\w:])(?::-?[p]\b)"), " 😛 "),
    (regex.compile(r"<3+"), " ❤ "),
)
# Skin tones, variation selectors and joiners are dropped so "👍🏽" and "👍" are one token.
_EMOJI_MODIFIERS = regex.compile(r"[\U0001F3FB-\U0001F3FF\uFE0E\uFE0F\u200D]")
_EMOJI = regex.compile(r"(\p{Extended_Pictographic})")
# Runs of whitespace other than a single space: replacing those alone with one space gives
# what replacing every run gives, with far fewer replacements.
_SPACES = regex.compile(r"\s{2,}|[^\S ]")
_EMOTICON_HINT = re.compile(r"[:;=^<]")  # the standard library's engine: cheaper per call
_DIGIT = regex.compile(r"\d")


def normalize(text: str) -> str:
    """The canonical form of ``text`` used by every classifier."""
    view = fold(text[:MAX_CHARS]).folded
    # Addresses first: leetspeak undoing would read the '@' of an address as an 'a'.
    # Each step is skipped when the character it needs is absent (most posts).
    has_at = "@" in view
    if has_at:
        view = _EMAIL.sub(f" {EMAIL} ", view)
    if ("." in view or "url" in view) and _URL_HINT.search(view):
        view = _URL.sub(f" {URL} ", view)
    if has_at:
        view = _MENTION.sub(f" {USER} ", view)
    if _EMOTICON_HINT.search(view):
        for pattern, emoji in _EMOTICONS:
            view = pattern.sub(emoji, view)
    if _DIGIT.search(view):
        view = _PHONE.sub(f" {PHONE} ", view)
        view = _NUMBER.sub(f" {NUMBER} ", view)
    view = deobfuscate(view)
    if _TRIPLE.search(view):
        view = _STRETCH.sub(r"\1\1", view)
    if not view.isascii():
        view = _EMOJI_MODIFIERS.sub("", view)
        view = _EMOJI.sub(r" \1 ", view)
    return _SPACES.sub(" ", view).strip()
