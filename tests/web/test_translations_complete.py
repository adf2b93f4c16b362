"""No untranslated string reaches a reader in Turkish, Spanish or English.

Every msgid of the interface has a translation in each catalogue (English included, so a
missing English string is caught too); a Turkish or Spanish translation identical to the
English is a forgotten one unless it is a proper noun on the allowlist. Audit event names
and the built-in packs' clause titles, which pages show, are in the catalogues; the
notification texts, which are kept in the service layer, exist in all three languages.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from herald.services import notifications
from herald.web import labels
from herald.web.i18n import LOCALE_DIR, LOCALES

SRC = Path(__file__).resolve().parents[2] / "src" / "herald"

SAME_IN_EVERY_LANGUAGE = frozenset({"Herald", "API", "PDF", "HTML", "Markdown", "Swagger UI"})
# Words that are spelled the same in the language itself.
SAME_WORD = {"es": frozenset({"Crisis", "Error"}), "tr": frozenset()}
"""Proper nouns and names of formats: the same words in Turkish and Spanish."""


def _catalog(lang: str) -> Catalog:
    with (LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle, locale=lang)


def _strings(value: str | tuple[str, ...] | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


@pytest.mark.parametrize("lang", LOCALES)
def test_every_msgid_has_a_translation(lang: str) -> None:
    catalog = _catalog(lang)
    missing = [m.id for m in catalog if m.id and not all(s.strip() for s in _strings(m.string))]
    assert missing == [], f"{len(missing)} untranslated in {lang}: {missing[:10]}"
    assert [m.id for m in catalog if m.id and m.fuzzy] == []


@pytest.mark.parametrize("lang", ["tr", "es"])
def test_no_translation_is_just_the_english(lang: str) -> None:
    catalog = _catalog(lang)
    same = [
        m.id
        for m in catalog
        if m.id
        and _strings(m.string) == _strings(m.id)[: len(_strings(m.string))]
        and _strings(m.id)[0] not in SAME_IN_EVERY_LANGUAGE
        and _strings(m.id)[0] not in SAME_WORD[lang]
    ]
    assert same == [], f"left in English in {lang}: {same}"


@pytest.mark.parametrize("lang", LOCALES)
def test_placeholders_survive_translation(lang: str) -> None:
    wrong = []
    for m in _catalog(lang):
        if not m.id:
            continue
        wanted = set(re.findall(r"%\((\w+)\)", _strings(m.id)[0]))
        for text in _strings(m.string):
            if set(re.findall(r"%\((\w+)\)", text)) - wanted - {"num"}:
                wrong.append(m.id)
            if wanted - {"num"} - set(re.findall(r"%\((\w+)\)", text)):
                wrong.append(m.id)
    assert wrong == []


def _audit_actions() -> set[str]:
    """Every audit action the code writes (literal names, the inbox's and security's)."""
    found: set[str] = set()
    for path in SRC.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        found |= set(re.findall(r'action="([a-z_]+\.[a-z_]+)"', text))
        found |= {
            f"inbox.{n}" for n in re.findall(r'_log\(\s*session,\s*\w+,\s*\w+,\s*"(\w+)"', text)
        }
        found |= {
            f"security.{n}"
            for n in re.findall(
                r'(?:on_security|record_security_event)\(\s*[\w.]+,\s*"(\w+)"', text
            )
        }
        found |= set(re.findall(r'"(security\.[a-z_]+)"', text))
    return found


def test_every_audit_event_has_a_translated_name() -> None:
    actions = _audit_actions()
    assert {"post.decision", "inbox.reply", "security.signed_in", "person.invited"} <= actions
    unnamed = sorted(a for a in actions if a not in labels.AUDIT_ACTION_LABELS)
    assert unnamed == [], f"audit events without a name for the pages: {unnamed}"
    for lang in ("tr", "es"):
        catalog = _catalog(lang)
        for name in labels.AUDIT_ACTION_LABELS.values():
            message = catalog.get(name)
            assert message is not None, name
            assert message.string not in ("", name), (lang, name)


def test_every_clause_title_of_the_shipped_packs_is_translated() -> None:
    packs = [*(SRC / "policy" / "packs").rglob("*.yaml"), SRC / "web" / "demo" / "policy.yaml"]
    titles: set[str] = set()
    for path in packs:
        titles |= set(re.findall(r"^\s*clause:\s*(.+?)\s*$", path.read_text(), flags=re.M))
    titles = {yaml.safe_load(t) for t in titles}
    assert "2.2 Personal data" in titles
    assert sorted(titles - set(labels.CLAUSE_TITLES)) == []
    for lang in ("tr", "es"):
        catalog = _catalog(lang)
        for title in titles:
            message = catalog.get(title)
            assert message is not None, (lang, title)
            assert message.string not in ("", title), (lang, title)


def test_notification_texts_exist_in_three_languages_with_the_same_placeholders() -> None:
    for name, kind in notifications.KINDS.items():
        for texts in (kind.label, kind.title, kind.body):
            assert set(texts) == {"tr", "es", "en"}, name
            fields = {lang: set(re.findall(r"\{(\w+)\}", t)) for lang, t in texts.items()}
            assert fields["tr"] == fields["es"] == fields["en"], name
            assert texts["en"] not in (texts["tr"], texts["es"]), name
