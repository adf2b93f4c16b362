"""Credentials written as assignments in config, code and prose.

``password = "hunter2!"``, ``DB_PASS=s3cr3t``, ``export API_KEY=…``, ``api_key: '…'`` (YAML),
``"password": "…"`` (JSON), ``?api_key=…`` in a link, ``if (secret == "…")``,
``"…" == password``, ``contraseña: …``, ``şifre=…``. The key is any identifier that contains a
credential word ("my_password_super_secure", "aws_secret_access_key", "db_pass"); the value is
read as the language would read it (quoted values may hold spaces), and what only names a
secret is left alone: references (``${DB_PASS}``, ``$TOKEN``, ``os.environ[...]``), identifiers
(``real_key``, ``self.password``), placeholders, values that say they are fake, and values
without a single letter or digit.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import regex

from herald.detectors.base import Detection, Detector, register
from herald.detectors.placeholders import is_placeholder
from herald.text.document import Document
from herald.types import Category, ScanContext

# Credential words, matched on the folded text (so "ŞİFRE", "şifre" and "sifre" meet).
_WORD = (
    r"pass(?:word|wd|wort|phrase|code)?|pwd|secrete?|api[_\-]?key|access[_\-]?key|"
    r"private[_\-]?key|secret[_\-]?key|auth[_\-]?token|access[_\-]?token|api[_\-]?token|"
    r"client[_\-]?secret|credentials?|sifre|parola|contrase[nñ]a|clave"
)
# An identifier holding a credential word, with any prefix and suffix ("my_password_secure").
_KEY = rf"(?P<key>[a-z0-9_.\-]*?(?:{_WORD})[a-z0-9_\-]*)"
_QUOTED = r"""@?(?P<q>["'`])(?P<quoted>(?:(?!(?P=q)).){1,200})(?P=q)"""
_BARE = r"""(?P<bare>[^\s"'`]{1,200})"""
# key <op> value: =, :=, :, ==, ===, !=, !==, =>, and a call "secret(" / ".assign(".
_FORWARD = regex.compile(
    rf"(?<![a-z0-9_\-]){_KEY}(?:\[\d*\])?['\"]?\s*"
    rf"(?P<op>:=|=>|={{1,3}}|!={{1,2}}|:|\(|\.assign\(|\s)\s*(?:{_QUOTED}|{_BARE})",
)
# "value" == key (a comparison written the other way round).
_BACKWARD = regex.compile(
    rf"""(?P<q>["'`])(?P<quoted>(?:(?!(?P=q)).){{1,200}})(?P=q)\s*(?:={{2,3}}|!={{1,2}})\s*"""
    rf"{_KEY}(?![a-z0-9_\-])"
)
# Both patterns need a credential word in the key: most texts have none, and the standard
# library's engine says so at a fraction of the cost of trying the patterns.
_HAS_WORD = re.compile(_WORD)
_TRAILING = ",;`'\")"
_OPENING, _CLOSING = "«“‘", "»”’"  # typographic quotes around a bare value
# Names and references, not values: identifiers, attribute access, environment lookups.
_IDENTIFIER = regex.compile(r"^[a-z_][a-z0-9_]*(?:[.\-][a-z_][a-z0-9_]*)*(?:\(\))?$")
_REFERENCE = regex.compile(
    r"^(?:\$\{[^}]*\}|\$[A-Za-z_]\w*|\{\{.*\}\}|%\(?\w+\)?s?%?|process\.env\.\w+|os\.environ.*"
    r"|getenv\(.*|env\(.*)$"
)
_UNDECLARED = frozenset({"null", "none", "nil", "true", "false", "undefined", "empty", "required"})
ASSIGNMENT_SCORE = 0.9


def _is_value(value: str, *, quoted: bool) -> bool:
    if not any(c.isalnum() for c in value):
        return False
    lowered = value.lower()
    if "fake" in lowered or lowered in _UNDECLARED or is_placeholder(value):
        return False
    if _REFERENCE.match(value) or "://" in value or lowered.startswith("www."):
        return False  # a reference or a link ("reset your password: https://…")
    if not quoted and (_IDENTIFIER.match(value) or value.isalpha()):
        return (
            False  # "password: real_key", "Password: forgotten" name things, they are not secrets
        )
    return not (quoted and _IDENTIFIER.match(value) and "_" in value)


@register
class CredentialAssignmentDetector(Detector):
    name = "credential_assignment"
    entities = ("ASSIGNED_SECRET",)
    category = Category.CREDENTIALS

    def analyze(self, doc: Document, ctx: ScanContext) -> Iterator[Detection]:
        view = doc.folded.folded
        if not _HAS_WORD.search(view):
            return
        seen: set[tuple[int, int]] = set()
        for pattern in (_FORWARD, _BACKWARD):
            for m in pattern.finditer(view):
                group = "quoted" if m.group("quoted") is not None else "bare"
                if pattern is _FORWARD and m.group("op").isspace() and group == "bare":
                    continue  # "password hunter2" is prose: the passwords detector reads it
                start, end = doc.to_original(*m.span(group))
                value = doc.text[start:end]
                if group == "bare":
                    lead = len(value) - len(value.lstrip(_OPENING))
                    value = value[lead:].rstrip(_TRAILING + _CLOSING)
                    start += lead
                    end = start + len(value)
                if (start, end) in seen or not _is_value(value, quoted=group == "quoted"):
                    continue
                seen.add((start, end))
                key_start, key_end = doc.to_original(*m.span("key"))
                yield Detection(
                    "ASSIGNED_SECRET",
                    start,
                    end,
                    ASSIGNMENT_SCORE,
                    pattern=f"value assigned to '{doc.text[key_start:key_end]}'",
                    validation="a literal value, not a reference or a placeholder",
                    context_words=(doc.text[key_start:key_end],),
                    message_args={"key": doc.text[key_start:key_end]},
                )
