"""Input the engine refuses, each with a stable code and a plain message."""

from __future__ import annotations


class InputError(ValueError):
    """Text the engine cannot check; ``code`` is stable for APIs and JSON output."""

    code = "invalid_input"


class EmptyTextError(InputError):
    code = "empty_text"

    def __init__(self) -> None:
        super().__init__("the text is empty")


class TextTooLargeError(InputError):
    code = "text_too_large"

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(f"the text is {size:,} bytes; the limit is {limit:,} bytes")
        self.size = size
        self.limit = limit


class UnknownLanguageError(InputError):
    code = "unknown_language"

    def __init__(self, lang: str, supported: tuple[str, ...]) -> None:
        super().__init__(
            f"unknown language {lang!r}; use one of: {', '.join(supported)} (or leave it out to detect it)"
        )


class InvalidTextError(InputError):
    code = "invalid_text"


def decode_text(data: bytes) -> str:
    """Decode UTF-8 (a BOM is allowed) or say where and why it is not text."""
    if b"\x00" in data:
        raise InvalidTextError("the input is binary, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidTextError(f"the input is not valid UTF-8 (byte {exc.start})") from None
