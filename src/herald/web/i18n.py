"""Interface languages: gettext catalogs (Babel), locale negotiation and locale formatting."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date as date_type
from datetime import datetime
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel import Locale
from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal, format_percent
from babel.support import NullTranslations, Translations

LOCALES: tuple[str, ...] = ("tr", "es", "en")
LOCALE_NAMES = {"tr": "Türkçe", "es": "Español", "en": "English"}
LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "messages"


@cache
def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


@cache
def translations(locale: str) -> NullTranslations:
    return Translations.load(str(LOCALE_DIR), [locale], domain=DOMAIN)


def parse_accept_language(header: str | None) -> list[str]:
    """Language tags from an Accept-Language header, most preferred first."""
    if not header:
        return []
    weighted: list[tuple[float, int, str]] = []
    for index, part in enumerate(header.split(",")[:32]):  # bounded: the header is user input
        pieces = part.strip().split(";")
        tag = pieces[0].strip()
        if not tag or tag == "*":
            continue
        quality = 1.0
        for param in pieces[1:]:
            name, _, value = param.strip().partition("=")
            if name.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if quality > 0:
            weighted.append((-quality, index, tag))
    return [tag for _, _, tag in sorted(weighted)]


def negotiate(header: str | None, default: str = "en") -> str:
    for tag in parse_accept_language(header):
        primary = tag.replace("_", "-").split("-")[0].lower()
        if primary in LOCALES:
            return primary
    return default


def pick_locale(chosen: str | None, accept_language: str | None, default: str = "en") -> str:
    """The user's own choice first, else the browser's, else the site default."""
    if chosen in LOCALES:
        return chosen
    return negotiate(accept_language, default)


_DateTime = datetime  # the class; Localizer.datetime below is a method


@dataclass(frozen=True, slots=True)
class Localizer:
    """Everything a page needs to speak one locale."""

    locale: str
    time_zone: str = "UTC"
    """Times are shown in this zone (the reader's), labelled with it."""

    def gettext(self, message: str, **values: object) -> str:
        text = translations(self.locale).gettext(message)
        return text % values if values else text

    def ngettext(self, singular: str, plural: str, n: int, **values: object) -> str:
        text = translations(self.locale).ngettext(singular, plural, n)
        return text % {"num": n, **values}

    def datetime(self, value: datetime | None, fmt: str = "medium") -> str:
        if value is None:
            return ""
        zone = _zone(self.time_zone)
        shown = format_datetime(value, format=fmt, tzinfo=zone, locale=self.locale)
        return f"{shown} {format_datetime(value, 'z', tzinfo=zone, locale=self.locale)}"

    def local_input(self, value: _DateTime | None) -> str:
        """``value`` in the reader's zone as a datetime-local input wants it."""
        if value is None:
            return ""
        return value.astimezone(_zone(self.time_zone)).strftime("%Y-%m-%dT%H:%M")

    def from_local_input(self, text: str) -> _DateTime:
        """A datetime-local value typed in the reader's zone, as an aware datetime
        (ValueError when malformed)."""
        naive = _DateTime.fromisoformat(text)
        if naive.tzinfo is not None:
            return naive
        return naive.replace(tzinfo=_zone(self.time_zone))

    def date(self, value: date_type, fmt: str = "EEE d MMM") -> str:
        """A day as a calendar heads it: weekday, day and month in the locale."""
        return format_date(value, format=fmt, locale=self.locale)

    def number(self, value: float | int) -> str:
        return format_decimal(value, locale=self.locale)

    def percent(self, value: float) -> str:
        return format_percent(value, locale=self.locale)

    @property
    def language_name(self) -> str:
        return Locale.parse(self.locale).get_display_name(self.locale) or self.locale
