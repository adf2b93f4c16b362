"""A text prepared once per scan and shared by every rule and detector."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import regex

from herald.text.fold import FoldedText, deobfuscate, fold

# A link with or without a scheme. Trailing punctuation and an unbalanced closing
# bracket are trimmed afterwards (see _trim_url), so "(see example.com/x)." works.
_URL = regex.compile(
    r"""(?xi)
    (?<![\w@.\-])
    (?:
        (?:https?|ftp)://[^\s<>"']+
      | www\.[^\s<>"']+
      | (?:[\p{L}\p{N}](?:[\p{L}\p{N}\-]{0,61}[\p{L}\p{N}])?\.)++  # labels end in a dot: never give one back
        (?:[a-z]{2,24}|xn--[a-z0-9\-]{1,59})
        (?::\d{2,5})?
        (?:/[^\s<>"']*)?
        (?![\w@\-])
    )
    """
)
_HASHTAG = regex.compile(r"(?<![\w#&])#[\p{L}\p{N}_]+")
_MENTION = regex.compile(r"(?<![\w@])@[\p{L}\p{N}_](?:[\p{L}\p{N}_.]*[\p{L}\p{N}_])?")
_TRAILING = ".,;:!?'\")]}>…"
_PAIRS = {")": "(", "]": "[", "}": "{"}


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str


def _trim_url(text: str, start: int, end: int) -> int:
    """Drop trailing punctuation and closing brackets that the URL did not open."""
    while end > start and text[end - 1] in _TRAILING:
        ch = text[end - 1]
        if ch in _PAIRS and text.count(_PAIRS[ch], start, end) >= text.count(ch, start, end):
            break
        end -= 1
    return end


class Document:
    """The original text plus its folded views, language and structural parts.

    Views are computed lazily and cached, so a detector that never looks at links pays
    nothing for them. All spans are in original-text offsets unless said otherwise.
    """

    def __init__(self, text: str, lang: str) -> None:
        self.text = text
        self.lang = lang

    @cached_property
    def folded(self) -> FoldedText:
        return fold(self.text)

    @cached_property
    def deobfuscated(self) -> str:
        """The folded view with leetspeak undone ("s1kt1r" -> "siktir"); same offsets."""
        return deobfuscate(self.folded.folded)

    @cached_property
    def links(self) -> tuple[Span, ...]:
        out = []
        for m in _URL.finditer(self.text):
            end = _trim_url(self.text, m.start(), m.end())
            candidate = self.text[m.start() : end]
            # "e.g." and "v1.2" look like hosts; a real one has a letter-only TLD of 2+.
            if "://" not in candidate and not candidate.lower().startswith("www."):
                host = candidate.split("/", 1)[0].split(":", 1)[0]
                tld = host.rsplit(".", 1)[-1]
                if len(tld) < 2 or not tld.isalpha() or host.replace(".", "").isdigit():
                    continue
            out.append(Span(m.start(), end, candidate))
        return tuple(out)

    @cached_property
    def hashtags(self) -> tuple[Span, ...]:
        return tuple(Span(m.start(), m.end(), m.group()) for m in _HASHTAG.finditer(self.text))

    @cached_property
    def mentions(self) -> tuple[Span, ...]:
        return tuple(Span(m.start(), m.end(), m.group()) for m in _MENTION.finditer(self.text))

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the folded or deobfuscated view back to the original text."""
        return self.folded.to_original(start, end)
