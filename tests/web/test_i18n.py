import gettext
import io
from datetime import UTC, datetime

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from herald.web.i18n import (
    LOCALE_DIR,
    LOCALES,
    Localizer,
    negotiate,
    parse_accept_language,
    pick_locale,
)


def test_accept_language_is_ordered_by_quality() -> None:
    assert parse_accept_language("en;q=0.5, tr-TR, es;q=0.8") == ["tr-TR", "es", "en"]
    assert parse_accept_language("de;q=0, *") == []
    assert parse_accept_language("xx;q=abc") == []
    assert parse_accept_language(None) == []


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("tr-TR,tr;q=0.9,en;q=0.8", "tr"),
        ("es-MX", "es"),
        ("de-DE, es;q=0.5", "es"),
        ("fr, de", "en"),
        ("", "en"),
    ],
)
def test_negotiation_picks_a_supported_language(header: str, expected: str) -> None:
    assert negotiate(header) == expected


def test_the_users_choice_beats_the_browser() -> None:
    assert pick_locale("es", "tr-TR") == "es"
    assert pick_locale(None, "tr-TR") == "tr"
    assert pick_locale("xx", None, default="tr") == "tr"


def test_interface_strings_are_translated() -> None:
    assert Localizer("tr").gettext("Sign in") == "Oturum aç"
    assert Localizer("es").gettext("Sign in") == "Iniciar sesión"
    assert Localizer("en").gettext("Sign in") == "Sign in"


def test_plural_forms_follow_the_language() -> None:
    assert (
        Localizer("es").ngettext("%(num)d active rule", "%(num)d active rules", 2)
        == "2 reglas activas"
    )
    assert (
        Localizer("tr").ngettext("%(num)d active rule", "%(num)d active rules", 1)
        == "1 etkin kural"
    )


def test_dates_and_numbers_are_formatted_for_the_locale() -> None:
    moment = datetime(2026, 3, 5, 14, 30, tzinfo=UTC)
    assert "Mar" in Localizer("tr").datetime(moment)
    assert "mar" in Localizer("es").datetime(moment)
    assert Localizer("en").datetime(moment).startswith("Mar 5, 2026")
    assert Localizer("tr").number(1234567.5) == "1.234.567,5"
    assert Localizer("es").number(1234567.5) == "1.234.567,5"
    assert Localizer("en").number(1234567.5) == "1,234,567.5"


@pytest.mark.parametrize("lang", ["tr", "es"])
def test_every_message_is_translated(lang: str) -> None:
    with (LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle)
    missing = [
        m.id
        for m in catalog
        if m.id and not (m.string if isinstance(m.string, str) else all(m.string))
    ]
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert missing == []
    assert fuzzy == []


def _served(mo_bytes: bytes, catalog: Catalog) -> list[str]:
    """What gettext serves for every message of the catalogue (plurals at 1, 2 and 5)."""
    translations = gettext.GNUTranslations(io.BytesIO(mo_bytes))
    served = []
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, str):
            lookup = f"{message.context}\x04{message.id}" if message.context else message.id
            served.append(translations.gettext(lookup))
        else:
            singular, plural = message.id[0], message.id[1]
            served += [translations.ngettext(singular, plural, n) for n in (1, 2, 5)]
    return served


def test_compiled_catalogs_match_their_sources() -> None:
    # Compared by what they serve, not byte for byte: the .mo layout differs between Babel releases.
    for lang in LOCALES:
        folder = LOCALE_DIR / lang / "LC_MESSAGES"
        with (folder / "messages.po").open("rb") as handle:
            source = read_po(handle, locale=lang)
        fresh = io.BytesIO()
        write_mo(fresh, source)
        committed = (folder / "messages.mo").read_bytes()
        assert _served(committed, source) == _served(fresh.getvalue(), source), (
            f"run scripts/update-catalogs.sh ({lang})"
        )
