"""Input the engine refuses, each with a stable code and a message in tr, es and en."""

from __future__ import annotations

from typing import Any, ClassVar

from herald.types import LANGUAGES

# Messages per code and language; placeholders are filled from the error's details.
_MESSAGES: dict[str, dict[str, str]] = {
    "empty_text": {
        "en": "the text is empty",
        "tr": "metin boş",
        "es": "el texto está vacío",
    },
    "text_too_large": {
        "en": "the text is {size} bytes; the limit is {limit} bytes",
        "tr": "metin {size} bayt; sınır {limit} bayt",
        "es": "el texto ocupa {size} bytes; el límite es {limit} bytes",
    },
    "unknown_language": {
        "en": "unknown language {lang!r}; use one of: {supported} (or leave it out to detect it)",
        "tr": "bilinmeyen dil {lang!r}; şunlardan birini kullanın: {supported} (ya da boş bırakın, dil algılansın)",
        "es": "idioma desconocido {lang!r}; use uno de: {supported} (u omítalo para detectarlo)",
    },
    "binary": {
        "en": "the input is binary, not text",
        "tr": "girdi metin değil, ikili veri",
        "es": "la entrada es binaria, no texto",
    },
    "not_utf8": {
        "en": "the input is not valid UTF-8 (byte {position})",
        "tr": "girdi geçerli UTF-8 değil (bayt {position})",
        "es": "la entrada no es UTF-8 válido (byte {position})",
    },
}


class InputError(ValueError):
    """Text the engine cannot check; ``code`` is stable for APIs and JSON output."""

    code: ClassVar[str] = "invalid_input"

    def __init__(self, message_key: str, **details: Any) -> None:
        self.message_key = message_key
        self.details = details
        super().__init__(self.message("en"))

    def message(self, lang: str) -> str:
        """The message in ``lang`` (tr, es or en; English for anything else)."""
        templates = _MESSAGES.get(self.message_key)
        if templates is None:  # a plain message given directly
            return self.message_key
        from babel.numbers import format_decimal  # on use: most runs report no input error

        lang = lang if lang in LANGUAGES else "en"
        details = {
            key: format_decimal(value, locale=lang) if isinstance(value, int) else value
            for key, value in self.details.items()
        }
        return templates[lang].format(**details)


class EmptyTextError(InputError):
    code = "empty_text"

    def __init__(self) -> None:
        super().__init__("empty_text")


class TextTooLargeError(InputError):
    code = "text_too_large"

    def __init__(self, size: int, limit: int) -> None:
        super().__init__("text_too_large", size=size, limit=limit)
        self.size = size
        self.limit = limit


class UnknownLanguageError(InputError):
    code = "unknown_language"

    def __init__(self, lang: str, supported: tuple[str, ...]) -> None:
        super().__init__("unknown_language", lang=lang, supported=", ".join(supported))


class InvalidTextError(InputError):
    code = "invalid_text"


def decode_text(data: bytes) -> str:
    """Decode UTF-8 (a BOM is allowed) or say where and why it is not text."""
    if b"\x00" in data:
        raise InvalidTextError("binary")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidTextError("not_utf8", position=exc.start) from None
