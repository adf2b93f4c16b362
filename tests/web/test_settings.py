import pytest

from herald.security.secrets_box import DEVELOPMENT_KEY, SecretsBox, keys_from_env
from herald.web.settings import DEFAULT_SECRET_KEY, Settings, SettingsError

STRONG = "x" * 48


def test_development_defaults_start() -> None:
    settings = Settings.from_env({})
    assert not settings.production
    assert settings.secret_key == DEFAULT_SECRET_KEY
    assert settings.cookie_secure is False


def test_production_refuses_the_default_secret_key() -> None:
    with pytest.raises(SettingsError, match="HERALD_SECRET_KEY"):
        Settings.from_env({"HERALD_ENV": "production"})


def test_production_refuses_a_short_secret_key() -> None:
    with pytest.raises(SettingsError, match="at least 32"):
        Settings.from_env({"HERALD_ENV": "production", "HERALD_SECRET_KEY": "short"})


def test_production_with_a_real_key_has_secure_cookies() -> None:
    settings = Settings.from_env({"HERALD_ENV": "production", "HERALD_SECRET_KEY": STRONG})
    assert settings.production
    assert settings.cookie_secure


def test_production_refuses_insecure_cookies() -> None:
    env = {"HERALD_ENV": "production", "HERALD_SECRET_KEY": STRONG, "HERALD_COOKIE_SECURE": "no"}
    with pytest.raises(SettingsError, match="COOKIE_SECURE"):
        Settings.from_env(env)


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"HERALD_ENV": "staging"}, "HERALD_ENV"),
        ({"HERALD_SESSION_MAX_AGE": "soon"}, "HERALD_SESSION_MAX_AGE"),
        ({"HERALD_DEFAULT_LOCALE": "de"}, "HERALD_DEFAULT_LOCALE"),
        ({"HERALD_COOKIE_SECURE": "maybe"}, "true or false"),
    ],
)
def test_bad_values_are_named(env: dict[str, str], message: str) -> None:
    with pytest.raises(SettingsError, match=message):
        Settings.from_env(env)


def test_example_file_documents_every_variable() -> None:
    from pathlib import Path

    example = (Path(__file__).parents[2] / ".env.example").read_text(encoding="utf-8")
    source = (Path(__file__).parents[2] / "src/herald/web/settings.py").read_text(encoding="utf-8")
    import re

    used = set(re.findall(r'"(HERALD_[A-Z_]+)"', source))
    assert used
    for name in used:
        assert f"{name}=" in example, name


def test_credential_keys_come_newest_first_or_fall_back_to_the_secret_key() -> None:
    # Without any key (development only) the web and the workers agree on one known key
    # that SecretsBox accepts; the default session secret is too short for it.
    assert Settings.from_env({}).credential_keys == (DEVELOPMENT_KEY,)
    assert keys_from_env({}) == (DEVELOPMENT_KEY,)
    SecretsBox(Settings.from_env({}).credential_keys)
    assert DEFAULT_SECRET_KEY not in Settings.from_env({}).credential_keys
    new, old = "n" * 40, "o" * 40
    settings = Settings.from_env({"HERALD_SECRET_KEYS": f"{new}, {old},"})
    assert settings.credential_keys == (new, old)


def test_production_refuses_a_short_credential_key() -> None:
    env = {"HERALD_ENV": "production", "HERALD_SECRET_KEY": STRONG, "HERALD_SECRET_KEYS": "short"}
    with pytest.raises(SettingsError, match="HERALD_SECRET_KEYS"):
        Settings.from_env(env)
