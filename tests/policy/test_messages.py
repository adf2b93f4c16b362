from __future__ import annotations

import string

import pytest

from herald.policy.messages import MESSAGES, ProblemArg, render
from herald.types import LANGUAGES


def _fields(template: str) -> set[tuple[str, str]]:
    return {
        (name, spec) for _, name, spec, _ in string.Formatter().parse(template) if name is not None
    }


def _sample_args(template: str) -> dict[str, ProblemArg]:
    return {
        name: ["a", "b", "c"] if spec == "or" else f"<{name}>" for name, spec in _fields(template)
    }


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_every_code_speaks_turkish_spanish_and_english(code: str) -> None:
    templates = MESSAGES[code]
    assert set(templates) == set(LANGUAGES)
    english = templates["en"]
    for lang in LANGUAGES:
        # Same placeholders everywhere, so arguments fit every language.
        assert _fields(templates[lang]) == _fields(english), lang
        assert templates[lang].strip()
    args = _sample_args(english)
    rendered = {lang: render(code, args, lang) for lang in LANGUAGES}
    assert rendered["tr"] != rendered["en"]
    assert rendered["es"] != rendered["en"]
    for name, value in args.items():
        if isinstance(value, str):
            assert all(value in text for text in rendered.values()), name


def test_lists_of_alternatives_use_the_readers_word_for_or() -> None:
    args: dict[str, ProblemArg] = {"field": "severity", "allowed": ["info", "warn", "block"]}
    assert render("not_one_of", args, "en") == "severity: Input should be 'info', 'warn' or 'block'"
    assert render("not_one_of", args, "tr") == (
        "severity: şunlardan biri olmalı: 'info', 'warn' veya 'block'"
    )
    assert render("not_one_of", args, "es") == "severity: debe ser 'info', 'warn' o 'block'"


def test_numbers_are_written_the_readers_way() -> None:
    assert render("regex_too_long", {"limit": 2000}, "en") == (
        "the pattern is longer than 2,000 characters"
    )
    assert render("regex_too_long", {"limit": 2000}, "tr") == "kalıp 2.000 karakterden uzun"


def test_rendering_never_crashes() -> None:
    # An unknown language reads English; an unknown code reads its text or its name.
    assert render("empty_file", {}, "de") == "the file is empty"
    assert render("no_such_code", {"text": "boom"}, "tr") == "boom"
    assert render("no_such_code", {}, "tr") == "no_such_code"
    # Arguments that do not fit: the code and arguments, not an exception.
    assert render("duplicate_key", {}, "tr") == "duplicate_key: {}"
