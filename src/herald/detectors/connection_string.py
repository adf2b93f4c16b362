"""Database and service connection strings that carry a password.

URL form (``postgres://app:s3cret@db:5432/x``) and key=value form
(``Server=db;User Id=app;Password=s3cret;``). A placeholder password (``<password>``,
``${DB_PASS}``, ``****``) is not a leak.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from herald.detectors.base import Detection, Detector, register
from herald.detectors.placeholders import is_placeholder
from herald.text.document import Document
from herald.types import Category, ScanContext

_URL_FORM = regex.compile(
    r"(?i)(?<![\w+])(?P<scheme>postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|"
    r"mssql|sqlserver|jdbc:[a-z]+|ftps?|sftp|smtps?|ldaps?|oracle|https?|wss?|git|ssh|svn|"
    r"[a-z][a-z0-9+.\-]{1,20})://"
    r"(?P<user>[^\s:/@]*):(?P<password>[^\s@/\"'`]+)@(?P<host>[^\s/?#,;'\")]+)[^\s'\"]*"
)
_KEY_VALUE = regex.compile(
    r"(?i)(?:server|data source|host|hostname)\s*=[^;\n]+;(?:[^;\n]*;){0,6}?\s*"
    r"(?:password|pwd)\s*=\s*(?P<password>[^;\s]+);?"
)
# Without a scheme: "admin:Hunter2024@db.internal:5432", a user, a password and a host with
# a port (the port keeps ratios and times such as "3:1@home" out).
_BARE_FORM = regex.compile(
    r"(?<![\w/:@.\-])(?P<user>[\w.\-]{1,40}):(?P<password>[^\s@/:\"'`]{4,64})@"
    r"(?P<host>(?:[\w\-]+\.)+[a-z]{2,24}|localhost|\d{1,3}(?:\.\d{1,3}){3}):\d{2,5}(?![\w])",
    regex.IGNORECASE,
)
_TRAILING = ".,;:!?)]}'\""
# In a URL's userinfo even "user:password@" is a password someone can try; only references
# and masks are not: <password>, ${DB_PASS}, $PASS, ****, xxxx, %s.
_MASK = regex.compile(r"^(?:<.*>|\$\{.*\}|\$\w+|\*+|x{3,}|•+|%s|\{\{.*\}\}|\{.*\})$", regex.I)


def _masked(password: str) -> bool:
    return bool(_MASK.match(password))


@register
class ConnectionStringDetector(Detector):
    name = "connection_string"
    entities = ("CONNECTION_STRING",)
    category = Category.CREDENTIALS

    def analyze(self, doc: Document, ctx: ScanContext) -> Iterator[Detection]:
        text = doc.text
        if "://" in text:
            for m in _URL_FORM.finditer(text):
                if _masked(m.group("password")):
                    continue
                end = m.end()
                while end > m.end("host") and text[end - 1] in _TRAILING:
                    end -= 1
                yield Detection(
                    "CONNECTION_STRING",
                    m.start(),
                    end,
                    1.0,
                    pattern=f"{m.group('scheme').lower()}:// URL with user:password@host",
                    validation="password is not a placeholder",
                )
        if "=" in text:
            for m in _KEY_VALUE.finditer(text):
                if is_placeholder(m.group("password")):
                    continue
                yield Detection(
                    "CONNECTION_STRING",
                    m.start(),
                    m.end(),
                    1.0,
                    pattern="Server=...;Password=... key/value string",
                    validation="password is not a placeholder",
                )
        if ":" in text and "://" not in text:
            for m in _BARE_FORM.finditer(text):
                if _masked(m.group("password")) or is_placeholder(m.group("password")):
                    continue
                yield Detection(
                    "CONNECTION_STRING",
                    m.start(),
                    m.end(),
                    1.0,
                    pattern="user:password@host:port without a scheme",
                    validation="password is not a placeholder",
                )
