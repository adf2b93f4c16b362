"""A fake feed server: RSS 2.0 or Atom, with ETag/Last-Modified and 304 answers."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from xml.sax.saxutils import escape

from connectors.fakes.http import FakeServer, Request, Response

BASE = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
ID_PREFIX = "tag:news.test,2026:"


@dataclass
class Entry:
    id: str
    title: str
    summary: str
    minutes: int
    """Published this many minutes after BASE."""


@dataclass
class FeedFake:
    entries: list[Entry] = field(default_factory=list)
    atom: bool = False
    version: int = 1
    language: str = "tr"

    def add(self, id: str, title: str, summary: str = "", minutes: int = 0) -> None:
        self.entries.append(Entry(id, title, summary, minutes))
        self.version += 1

    def _etag(self) -> str:
        return f'"v{self.version}"'

    def _modified(self) -> str:
        return format_datetime(BASE + timedelta(hours=self.version), usegmt=True)

    def body(self) -> bytes:
        if self.atom:
            items = "".join(
                f"<entry><id>{ID_PREFIX}{escape(e.id)}</id><title>{escape(e.title)}</title>"
                f"<summary type='html'>{escape(e.summary)}</summary>"
                f"<updated>{(BASE + timedelta(minutes=e.minutes)).isoformat()}</updated>"
                f"<author><name>Basın</name></author></entry>"
                for e in reversed(self.entries)
            )
            return (
                "<?xml version='1.0' encoding='utf-8'?>"
                f"<feed xmlns='http://www.w3.org/2005/Atom' xml:lang='{self.language}'>"
                f"<title>Fake Atom</title><id>urn:fake</id>{items}</feed>"
            ).encode()
        items = "".join(
            f"<item><guid isPermaLink='false'>{ID_PREFIX}{escape(e.id)}</guid><title>{escape(e.title)}</title>"
            f"<description>{escape(e.summary)}</description><link>https://news.test/{e.id}</link>"
            f"<pubDate>{format_datetime(BASE + timedelta(minutes=e.minutes), usegmt=True)}</pubDate>"
            "</item>"
            for e in reversed(self.entries)
        )
        return (
            "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
            f"<title>Fake News</title><language>{self.language}</language>{items}</channel></rss>"
        ).encode()

    def route(self, request: Request) -> Response:
        if request.path != "/feed":
            return Response(404, b"not here")
        if request.headers.get("if-none-match") == self._etag():
            return Response(304, b"", {"ETag": self._etag()})
        kind = "application/atom+xml" if self.atom else "application/rss+xml"
        headers = {"Content-Type": kind, "ETag": self._etag(), "Last-Modified": self._modified()}
        return Response(200, self.body(), headers)


def serve(fake: FeedFake) -> FakeServer:
    return FakeServer(fake.route)
